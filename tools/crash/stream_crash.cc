// Crash test with real processes: a file-source -> Parquet-sink streaming query runs in a child
// process that is killed with SIGKILL at random moments and restarted, while new input files
// keep arriving. At the end the sink's table, read as a batch (through its manifest), must equal
// the same query run as a batch over all the input: no row lost, none duplicated.
//
//   runnel-stream-crash [--kills N] [--seed S] [--dir D] [--files-per-kill F]
//   runnel-stream-crash child INPUT OUTPUT CHECKPOINT [available-now]    (the query; internal)
//
// ctest runs 40 kills (stream_crash_kills); run more by hand: --kills 500.
#include <signal.h>
#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "runnel/runnel.h"

namespace {

using runnel::DataFrame;
using runnel::Status;
namespace fs = std::filesystem;

constexpr const char* kSchema = "id BIGINT, user STRING, amount BIGINT";

// The query under test, the same for the stream and for the batch check.
DataFrame Transform(const DataFrame& input) {
  return input.filter("amount % 7 <> 0").selectExpr({"id", "upper(user) AS user", "amount * 3 AS tripled",
                                                     "CAST(amount % 4 AS INT) AS bucket"});
}

int RunChild(const std::string& input, const std::string& output, const std::string& checkpoint, bool available_now) {
  auto session = runnel::Session::Make();
  DataFrame stream = session->readStream().format("json").schema(kSchema).option("maxFilesPerTrigger", "2").load(input);
  auto writer = Transform(stream).writeStream().format("parquet").partitionBy({"bucket"})
                    .option("checkpointLocation", checkpoint);
  if (available_now) writer.trigger(runnel::Trigger::AvailableNow());
  auto query = writer.start(output);
  if (!query.ok()) {
    std::fprintf(stderr, "child: %s\n", query.status().ToString().c_str());
    return 2;
  }
  Status st = query->awaitTermination();  // runs until killed (or, with available-now, done)
  if (!st.ok()) {
    std::fprintf(stderr, "child: %s\n", st.ToString().c_str());
    return 3;
  }
  return 0;
}

// Writes input file number `n` (rows n*100 .. n*100+99) atomically: temp name, then rename.
void WriteInputFile(const fs::path& input, int n) {
  fs::path tmp = input / (".tmp-" + std::to_string(n));
  {
    std::ofstream out(tmp);
    for (int64_t id = n * 100LL; id < (n + 1) * 100LL; ++id) {
      out << "{\"id\":" << id << ",\"user\":\"u" << (id % 13) << "\",\"amount\":" << (id * 37 % 1000) << "}\n";
    }
  }
  fs::rename(tmp, input / ("part-" + std::to_string(n) + ".json"));
}

pid_t Spawn(const std::string& self, const fs::path& dir, bool available_now) {
  pid_t pid = fork();
  if (pid == 0) {
    std::string in = (dir / "input").string(), out = (dir / "output").string(), ckpt = (dir / "checkpoint").string();
    int null_fd = ::open("/dev/null", O_WRONLY);
    if (null_fd >= 0 && !available_now) ::dup2(null_fd, STDOUT_FILENO);
    ::execl(self.c_str(), self.c_str(), "child", in.c_str(), out.c_str(), ckpt.c_str(),
            available_now ? "available-now" : nullptr, nullptr);
    _exit(127);
  }
  return pid;
}

std::vector<std::string> SortedRows(const runnel::Result<std::vector<runnel::Row>>& rows) {
  std::vector<std::string> out;
  if (!rows.ok()) {
    std::fprintf(stderr, "read failed: %s\n", rows.status().ToString().c_str());
    std::exit(1);
  }
  for (const auto& r : *rows) out.push_back(r.ToString());
  std::sort(out.begin(), out.end());
  return out;
}

int RunDriver(const std::string& self, int kills, unsigned seed, fs::path dir, int files_per_kill) {
  fs::remove_all(dir);
  fs::create_directories(dir / "input");
  std::mt19937 random(seed);
  int files = 0;
  for (; files < 3; ++files) WriteInputFile(dir / "input", files);
  int early_exits = 0;
  for (int kill = 0; kill < kills; ++kill) {
    pid_t child = Spawn(self, dir, false);
    // New files arrive while the query runs; the kill lands anywhere in a batch.
    int wait_ms = std::uniform_int_distribution<int>(5, 250)(random);
    int new_files = std::uniform_int_distribution<int>(0, files_per_kill)(random);
    for (int f = 0; f < new_files; ++f) {
      std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms / (new_files + 1)));
      WriteInputFile(dir / "input", files++);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(wait_ms / (new_files + 1)));
    ::kill(child, SIGKILL);
    int status = 0;
    ::waitpid(child, &status, 0);
    if (!(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL)) {
      ++early_exits;  // the child ended before the kill: it failed
      std::fprintf(stderr, "kill %d: the child exited by itself (status %d)\n", kill, status);
    }
  }
  // A last, clean run processes everything that is left.
  pid_t last = Spawn(self, dir, true);
  int status = 0;
  ::waitpid(last, &status, 0);
  if (!WIFEXITED(status) || WEXITSTATUS(status) != 0 || early_exits > 0) {
    std::fprintf(stderr, "FAIL: the final run exited with status %d; %d child(ren) failed early\n", status, early_exits);
    return 1;
  }
  auto session = runnel::Session::Make();
  auto expected = SortedRows(
      Transform(session->read().format("json").schema(kSchema).load((dir / "input").string())).collect());
  auto actual = SortedRows(session->read().parquet((dir / "output").string())
                               .selectExpr({"id", "user", "tripled", "bucket"}).collect());
  size_t orphans = 0;  // part files on disk that the manifest does not list (failed attempts)
  for (const auto& entry : fs::recursive_directory_iterator(dir / "output")) {
    if (entry.is_regular_file() && entry.path().extension() == ".parquet") ++orphans;
  }
  std::printf("stream crash test: %d kills, %d input files, %zu expected rows, %zu rows in the sink, %zu part files "
              "on disk\n",
              kills, files, expected.size(), actual.size(), orphans);
  if (expected != actual) {
    std::vector<std::string> missing, extra;
    std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(), std::back_inserter(missing));
    std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(), std::back_inserter(extra));
    std::fprintf(stderr, "FAIL: %zu row(s) lost, %zu row(s) extra or duplicated (seed %u, dir %s)\n", missing.size(),
                 extra.size(), seed, dir.c_str());
    for (size_t i = 0; i < std::min<size_t>(5, missing.size()); ++i) std::fprintf(stderr, "  lost %s\n", missing[i].c_str());
    for (size_t i = 0; i < std::min<size_t>(5, extra.size()); ++i) std::fprintf(stderr, "  extra %s\n", extra[i].c_str());
    return 1;
  }
  fs::remove_all(dir);
  std::printf("PASS: the sink equals the batch result\n");
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc >= 5 && std::string(argv[1]) == "child") {
    return RunChild(argv[2], argv[3], argv[4], argc >= 6 && std::string(argv[5]) == "available-now");
  }
  int kills = 30, files_per_kill = 3;
  unsigned seed = std::random_device{}();
  fs::path dir = fs::temp_directory_path() / ("runnel-stream-crash-" + std::to_string(::getpid()));
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--kills") kills = std::atoi(argv[i + 1]);
    else if (flag == "--seed") seed = static_cast<unsigned>(std::strtoul(argv[i + 1], nullptr, 10));
    else if (flag == "--dir") dir = argv[i + 1];
    else if (flag == "--files-per-kill") files_per_kill = std::atoi(argv[i + 1]);
  }
  std::printf("stream crash test: seed %u\n", seed);
  return RunDriver("/proc/self/exe", kills, seed, dir, files_per_kill);
}
