// Benchmark: writing and reading 10M rows of (id BIGINT, d DOUBLE, s STRING, ts TIMESTAMP) as
// Parquet, with snappy (the default) and zstd, on Runnel and on DuckDB in the same run, with one
// thread and with two. Prints rows/s and MB/s, where MB are 10^6 bytes of the resulting file.
//
// The rows are generated once by Runnel (range() and SQL expressions, see kColumns) and held in
// memory. Runnel writes them (timed) to one file; DuckDB (duckdb_parquet.mjs, launched by this
// program) loads that file into a table and times its COPY TO of the same rows and its read of
// the file it wrote. Each engine also reads the other's file. A read aggregates every column
// (count, sum(id), sum(d), sum(length(s)), max(ts)), so nothing is skipped; the checksum column
// shows both engines read the same values.
//
//   bench_parquet [--rows N] [--runs R] [--dir D] [--keep] [--runnel-only] [--phases]
//                 [--profile write:<codec>|read:<codec>]
//   RUNNEL_BENCH_ROWS=1000000 bench_parquet       (a quick run)
//
// --phases also times the phases of Runnel's writer and reader (parquet_phases.cc). --profile
// runs only one Runnel operation, for perf or callgrind (see README.md).
#include <sched.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <iostream>
#include <memory>
#include <string>
#include <tuple>
#include <vector>

#include "bench_clock.h"
#include "base/thread_pool.h"
#include "parquet_phases.h"
#include "plan/data_source.h"
#include "plan/logical_plan.h"
#include "runnel/runnel.h"
#include "session/query_execution.h"
#include "session/session_state.h"

#ifndef RUNNEL_BENCH_DIR
#define RUNNEL_BENCH_DIR "bench"
#endif

namespace runnel::bench {
namespace {

namespace f = functions;
namespace fs = std::filesystem;
using f::col;

// The data, from the row number id. d is a hash in [-1, 1) (incompressible, as measurements
// are); s has 20,000 distinct values of 3 to 31 characters (dictionary-encoded by both
// engines); ts is one second apart plus microsecond jitter.
const std::vector<std::string> kColumns = {
    "id",
    "CAST(hash(id) AS DOUBLE) / 2147483648 AS d",
    "concat(substring('abcdefghijklmnopqrstuvwxyz', 1, CAST((id * 7919) % 20000 % 25 AS INT) + 1), "
    "'_', "
    "CAST((id * 7919) % 20000 AS STRING)) AS s",
    "timestamp_micros(1704067200000000 + id * 1000003) AS ts",
};
const std::vector<std::string> kCodecs = {"snappy", "zstd"};

struct Measurement {
  std::string op;  // "write" or "read"
  std::string codec;
  std::string engine;  // who wrote or read
  std::string file;    // a read: whose file it read
  std::string threads;
  double seconds = 1e300;  // best wall time
  double cpu_seconds = 0;  // process CPU time of that run: how many cores it really got
  int64_t bytes = 0;       // of the file written or read
  std::string checksum;
};

Measurement Named(std::string op, std::string codec, std::string engine, std::string file,
                  std::string threads) {
  Measurement m;
  m.op = std::move(op);
  m.codec = std::move(codec);
  m.engine = std::move(engine);
  m.file = std::move(file);
  m.threads = std::move(threads);
  return m;
}

// Sets the CPU affinity of every thread of this process (sched_setaffinity applies to one
// thread, and the pool's workers keep whatever mask they had).
Status SetProcessAffinity(const cpu_set_t& mask) {
  for (const auto& task : fs::directory_iterator("/proc/self/task")) {
    pid_t tid = static_cast<pid_t>(std::stol(task.path().filename().string()));
    if (sched_setaffinity(tid, sizeof(mask), &mask) != 0) {
      return Status::IOError("sched_setaffinity failed for thread " + std::to_string(tid));
    }
  }
  return Status::OK();
}

// Runnel's pool is sized to the hardware and cannot be resized, so "1 thread" pins the whole
// process to one CPU: the pool's threads still exist but share a single core.
class OneCore {
 public:
  static Result<std::unique_ptr<OneCore>> Pin() {
    base::ThreadPool::Default();  // start the workers now, so that all of them get pinned
    std::unique_ptr<OneCore> pin(new OneCore());
    if (sched_getaffinity(0, sizeof(pin->all_), &pin->all_) != 0)
      return Status::IOError("sched_getaffinity failed");
    int cpu = 0;
    while (cpu < CPU_SETSIZE && !CPU_ISSET(cpu, &pin->all_)) ++cpu;
    cpu_set_t one;
    CPU_ZERO(&one);
    CPU_SET(cpu, &one);
    RUNNEL_RETURN_NOT_OK(SetProcessAffinity(one));
    return pin;
  }
  ~OneCore() { (void)SetProcessAffinity(all_); }

 private:
  OneCore() = default;
  cpu_set_t all_;
};

// The rows in memory, dealt into a chosen number of partitions of contiguous batches: one
// partition writes one file, so one partition is DuckDB's single-file COPY and two let two
// threads write (two part files).
class BenchSource final : public plan::DataSource {
 public:
  BenchSource(type::SchemaPtr schema, const std::vector<vector::Batch>& batches, int partitions)
      : schema_(std::move(schema)), partitions_(std::max(1, partitions)) {
    for (size_t i = 0; i < batches.size(); ++i)
      partitions_[i * partitions_.size() / batches.size()].push_back(batches[i]);
  }
  std::string Describe() const override { return "bench rows"; }
  Result<type::SchemaPtr> schema() override { return schema_; }
  int NumPartitions() const override { return static_cast<int>(partitions_.size()); }
  Result<std::unique_ptr<vector::BatchStream>> Open(int partition,
                                                    const std::vector<int>& projection,
                                                    const std::vector<expr::ExprPtr>&) override {
    type::SchemaPtr projected = plan::ProjectSchema(*schema_, projection);
    std::vector<vector::Batch> out;
    for (const auto& b : partitions_[partition])
      out.push_back(plan::ProjectColumns(b, projected, projection));
    return std::unique_ptr<vector::BatchStream>(new vector::VectorBatchStream(std::move(out)));
  }

 private:
  type::SchemaPtr schema_;
  std::vector<std::vector<vector::Batch>> partitions_;
};

struct Table {
  type::SchemaPtr schema;
  std::vector<vector::Batch> batches;
};

Result<Table> Generate(Session& session, int64_t rows) {
  DataFrame df = session.range(rows).selectExpr(kColumns);
  QueryExecution execution(*session.state(), df.plan());
  RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr analyzed, execution.Analyzed());
  Table table{analyzed->schema, {}};
  RUNNEL_ASSIGN_OR_RAISE(table.batches, execution.Collect());
  // Collect's batches keep the plan's output schema; give them the analyzed one.
  for (auto& b : table.batches) b = b.WithSchema(table.schema);
  return table;
}

// Bytes of the part files of a directory a write produced, or of one file.
int64_t ParquetBytes(const std::string& path) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) return static_cast<int64_t>(fs::file_size(path, ec));
  int64_t total = 0;
  for (const auto& e : fs::directory_iterator(path, ec)) {
    if (e.is_regular_file() && e.path().extension() == ".parquet")
      total += static_cast<int64_t>(e.file_size());
  }
  return total;
}

// Best of `runs` calls of `action`, which fills in the checksum.
Status TimeBest(int runs, bool one_core, Measurement* m,
                const std::function<Status(std::string*)>& action) {
  std::unique_ptr<OneCore> pin;
  if (one_core) {
    RUNNEL_ASSIGN_OR_RAISE(pin, OneCore::Pin());
  }
  for (int run = 0; run < runs; ++run) {
    double cpu_start = ProcessCpuSeconds();
    auto start = std::chrono::steady_clock::now();
    RUNNEL_RETURN_NOT_OK(action(&m->checksum));
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    if (elapsed.count() < m->seconds) {
      m->seconds = elapsed.count();
      m->cpu_seconds = ProcessCpuSeconds() - cpu_start;
    }
  }
  return Status::OK();
}

std::string ThreadsLabel(bool one_core) {
  return one_core ? "1 (1 core)" : std::to_string(base::ThreadPool::Default().num_threads());
}

Result<Measurement> TimeRunnelWrite(const Session& session, const Table& table,
                                    const std::string& codec, bool one_core, int runs,
                                    const std::string& path) {
  // One file when single-threaded, as DuckDB's COPY writes; one per thread otherwise.
  int partitions = one_core ? 1 : base::ThreadPool::Default().num_threads();
  DataFrame df(session.state(),
               plan::Scan(std::make_shared<BenchSource>(table.schema, table.batches, partitions)));
  Measurement m = Named("write", codec, "runnel", "", ThreadsLabel(one_core));
  RUNNEL_RETURN_NOT_OK(TimeBest(runs, one_core, &m, [&](std::string*) {
    return df.write().format("parquet").mode("overwrite").option("compression", codec).save(path);
  }));
  m.bytes = ParquetBytes(path);
  m.checksum = std::to_string(partitions) + (partitions == 1 ? " file" : " files");
  return m;
}

// What a read computes: every column is used, so every value is decoded.
DataFrame ReadAggregate(const DataFrame& df) {
  return df.agg({f::count(f::lit(1)), f::sum(col("id")), f::sum(col("d")),
                 f::sum(f::length(col("s"))), f::max(col("ts"))});
}

std::string Checksum(const Row& r) {
  char text[160];
  std::snprintf(text, sizeof(text), "rows=%lld id=%lld d=%.4f len=%lld ts=%lld",
                static_cast<long long>(r.getLong(0)), static_cast<long long>(r.getLong(1)),
                r.getDouble(2), static_cast<long long>(r.getLong(3)),
                static_cast<long long>(r.getLong(4)));
  return text;
}

Result<Measurement> TimeRunnelRead(Session& session, const std::string& path,
                                   const std::string& codec, const std::string& writer,
                                   bool one_core, int runs) {
  Measurement m = Named("read", codec, "runnel", writer, ThreadsLabel(one_core));
  RUNNEL_RETURN_NOT_OK(TimeBest(runs, one_core, &m, [&](std::string* checksum) -> Status {
    RUNNEL_ASSIGN_OR_RAISE(std::vector<Row> rows,
                           ReadAggregate(session.read().parquet(path)).collect());
    *checksum = Checksum(rows.at(0));
    return Status::OK();
  }));
  m.bytes = ParquetBytes(path);
  return m;
}

// Runs the DuckDB half; it prints "duckdb<TAB>op<TAB>codec<TAB>file<TAB>threads<TAB>seconds<TAB>
// cpu seconds<TAB>bytes<TAB>checksum" lines, and the paths of the files it wrote as
// "file<TAB>codec<TAB>path".
std::vector<Measurement> TimeDuckDB(
    int64_t rows, int runs, const std::string& dir, const std::string& runnel_files,
    std::vector<std::pair<std::string, std::string>>* duckdb_files) {
  std::string command = "node " + std::string(RUNNEL_BENCH_DIR) + "/duckdb_parquet.mjs " +
                        std::to_string(rows) + " " + std::to_string(runs) + " '" + dir + "' '" +
                        runnel_files + "'";
  std::vector<Measurement> out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  char line[1024];
  while (std::fgets(line, sizeof(line), pipe)) {
    std::string text(line);
    if (!text.empty() && text.back() == '\n') text.pop_back();
    std::vector<std::string> parts;
    for (size_t start = 0;;) {
      size_t tab = text.find('\t', start);
      parts.push_back(
          text.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    if (parts[0] == "file" && parts.size() == 3) {
      duckdb_files->emplace_back(parts[1], parts[2]);
    } else if (parts[0] == "duckdb" && parts.size() == 9) {
      Measurement m = Named(parts[1], parts[2], "duckdb", parts[3], parts[4]);
      m.seconds = std::atof(parts[5].c_str());
      m.cpu_seconds = std::atof(parts[6].c_str());
      m.bytes = std::atoll(parts[7].c_str());
      m.checksum = parts[8];
      out.push_back(m);
    } else {
      std::cout << text << "\n";  // errors and notes pass through
    }
  }
  if (pclose(pipe) != 0) std::cout << "bench: the DuckDB part failed: " << command << "\n";
  return out;
}

void PrintTable(std::vector<Measurement> rows, int64_t input_rows) {
  // By codec (snappy, zstd); writes, then reads grouped by whose file they read (Runnel's
  // first); Runnel before DuckDB; one thread before two.
  std::stable_sort(rows.begin(), rows.end(), [](const Measurement& a, const Measurement& b) {
    auto key = [](const Measurement& m) {
      return std::make_tuple(m.codec, m.op == "write" ? 0 : 1, m.file == "duckdb" ? 1 : 0,
                             m.engine == "duckdb" ? 1 : 0, m.threads);
    };
    return key(a) < key(b);
  });
  std::printf("\n%-6s %-6s %-7s %-7s %-11s %12s %8s %9s %8s %9s   %s\n", "op", "codec", "engine",
              "file", "threads", "rows/s", "MB/s", "time (s)", "cpu (s)", "file MB", "checksum");
  for (const auto& m : rows) {
    double mb = static_cast<double>(m.bytes) / 1e6;
    std::printf("%-6s %-6s %-7s %-7s %-11s %12.0f %8.1f %9.3f %8.3f %9.1f   %s\n", m.op.c_str(),
                m.codec.c_str(), m.engine.c_str(), m.file.empty() ? "-" : m.file.c_str(),
                m.threads.c_str(), input_rows / m.seconds, mb / m.seconds, m.seconds, m.cpu_seconds,
                mb, m.checksum.c_str());
  }
}

struct Args {
  int64_t rows = 10'000'000;
  int runs = 3;
  std::string dir;
  bool keep = false;
  bool runnel_only = false;
  bool phases = false;
  std::string profile;  // "write:<codec>" or "read:<codec>"
};

// Tells `perf record -D -1 --control fifo:CTL,ACK` (RUNNEL_PERF_CTL=CTL,ACK) to start or stop
// sampling, so that a profile holds only the measured operation; no-op without the variable.
void PerfControl(const char* command) {
  const char* env = std::getenv("RUNNEL_PERF_CTL");
  if (env == nullptr) return;
  std::string fifos = env;
  size_t comma = fifos.find(',');
  FILE* ctl = std::fopen(fifos.substr(0, comma).c_str(), "w");
  if (ctl == nullptr) return;
  std::fprintf(ctl, "%s\n", command);
  std::fclose(ctl);
  if (comma == std::string::npos) return;
  FILE* ack = std::fopen(fifos.substr(comma + 1).c_str(), "r");
  if (ack == nullptr) return;
  char line[16];
  (void)std::fgets(line, sizeof(line), ack);
  std::fclose(ack);
}

// --profile: one operation, `runs` times on one core, bracketed by PerfControl. A read reads
// the file a one-thread write of that codec makes.
Status Profile(Session& session, const Table& table, const std::string& what, int runs,
               const std::string& dir) {
  size_t colon = what.find(':');
  std::string op = what.substr(0, colon);
  std::string codec = colon == std::string::npos ? "snappy" : what.substr(colon + 1);
  std::string path = dir + "/runnel_" + codec;
  if (op == "read")
    RUNNEL_RETURN_NOT_OK(TimeRunnelWrite(session, table, codec, true, 1, path).status());
  else if (op != "write")
    return Status::InvalidArgument("--profile takes write:<codec> or read:<codec>");
  PerfControl("enable");
  Result<Measurement> m = op == "write"
                              ? TimeRunnelWrite(session, table, codec, true, runs, path)
                              : TimeRunnelRead(session, path, codec, "runnel", true, runs);
  PerfControl("disable");
  RUNNEL_RETURN_NOT_OK(m.status());
  std::printf("%s %s: best %.3f s (cpu %.3f s) of %d, %s\n", op.c_str(), codec.c_str(), m->seconds,
              m->cpu_seconds, runs, m->checksum.c_str());
  return Status::OK();
}

bool ParseArgs(int argc, char** argv, Args* args) {
  if (const char* env = std::getenv("RUNNEL_BENCH_ROWS")) args->rows = std::atoll(env);
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--rows" && i + 1 < argc)
      args->rows = std::atoll(argv[++i]);
    else if (arg == "--runs" && i + 1 < argc)
      args->runs = std::atoi(argv[++i]);
    else if (arg == "--dir" && i + 1 < argc)
      args->dir = argv[++i];
    else if (arg == "--keep")
      args->keep = true;
    else if (arg == "--runnel-only")
      args->runnel_only = true;
    else if (arg == "--phases")
      args->phases = true;
    else if (arg == "--profile" && i + 1 < argc)
      args->profile = argv[++i];
    else
      return false;
  }
  return args->rows > 0 && args->runs > 0;
}

Status Run(const Args& args) {
  std::string dir = args.dir;
  if (dir.empty()) {
    const char* tmp = std::getenv("TMPDIR");
    dir = std::string(tmp ? tmp : "/tmp") + "/runnel_bench_parquet." + std::to_string(getpid());
  }
  fs::create_directories(dir);
  // A directory this run made is removed however the run ends.
  struct Cleanup {
    std::string dir;
    ~Cleanup() {
      std::error_code ec;
      if (!dir.empty()) fs::remove_all(dir, ec);
    }
  } cleanup{args.keep || !args.dir.empty() ? "" : dir};
  std::cout << "Parquet write and read of " << args.rows
            << " rows (id BIGINT, d DOUBLE, s STRING, ts TIMESTAMP), best of " << args.runs
            << ", files in " << dir << "\n";
  auto session = Session::Make();
  auto start = std::chrono::steady_clock::now();
  RUNNEL_ASSIGN_OR_RAISE(Table table, Generate(*session, args.rows));
  std::chrono::duration<double> generated = std::chrono::steady_clock::now() - start;
  std::cout << "generated the rows in memory in " << generated.count() << " s ("
            << table.batches.size() << " batches)\n";
  if (!args.profile.empty()) {
    return Profile(*session, table, args.profile, args.runs, dir);
  }
  if (args.phases) {
    RUNNEL_RETURN_NOT_OK(PrintParquetPhases(table.schema, table.batches, dir, args.runs));
    // The read's aggregate without Parquet: what the engine adds to a read.
    DataFrame memory(session->state(),
                     plan::Scan(std::make_shared<BenchSource>(table.schema, table.batches, 1)));
    Measurement m;
    RUNNEL_RETURN_NOT_OK(
        TimeBest(args.runs, /*one_core=*/true, &m, [&](std::string* checksum) -> Status {
          RUNNEL_ASSIGN_OR_RAISE(std::vector<Row> rows, ReadAggregate(memory).collect());
          *checksum = Checksum(rows.at(0));
          return Status::OK();
        }));
    std::printf("  %-28s %9.3f s %6.1f ns/row   %s\n", "aggregate over memory", m.seconds,
                m.seconds * 1e9 / static_cast<double>(args.rows), m.checksum.c_str());
  }

  std::vector<Measurement> results;
  std::vector<std::pair<std::string, std::string>> runnel_files;  // codec, the one-file write
  for (const std::string& codec : kCodecs) {
    for (bool one_core : {true, false}) {
      std::string path = dir + "/runnel_" + codec + (one_core ? "" : "_parallel");
      RUNNEL_ASSIGN_OR_RAISE(Measurement m,
                             TimeRunnelWrite(*session, table, codec, one_core, args.runs, path));
      results.push_back(m);
      if (one_core) runnel_files.emplace_back(codec, path);
    }
  }
  for (const auto& [codec, path] : runnel_files) {
    for (bool one_core : {true, false}) {
      RUNNEL_ASSIGN_OR_RAISE(Measurement m,
                             TimeRunnelRead(*session, path, codec, "runnel", one_core, args.runs));
      results.push_back(m);
    }
  }
  table.batches.clear();  // DuckDB holds its own copy
  if (!args.runnel_only) {
    std::string listing;
    for (const auto& [codec, path] : runnel_files)
      listing += (listing.empty() ? "" : ",") + codec + "=" + path;
    std::vector<std::pair<std::string, std::string>> duckdb_files;
    for (auto& m : TimeDuckDB(args.rows, args.runs, dir, listing, &duckdb_files))
      results.push_back(m);
    for (const auto& [codec, path] : duckdb_files) {
      for (bool one_core : {true, false}) {
        RUNNEL_ASSIGN_OR_RAISE(
            Measurement m, TimeRunnelRead(*session, path, codec, "duckdb", one_core, args.runs));
        results.push_back(m);
      }
    }
  }
  PrintTable(results, args.rows);
  return Status::OK();
}

int Main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, &args)) {
    std::cerr << "usage: bench_parquet [--rows N] [--runs R] [--dir D] [--keep] [--runnel-only] "
                 "[--phases]\n"
                 "                     [--profile write:<codec>|read:<codec>]\n"
                 "       (RUNNEL_BENCH_ROWS=N sets the row count too)\n";
    return 2;
  }
  Status st = Run(args);
  if (!st.ok()) {
    std::cerr << "bench_parquet: " << st.ToString() << "\n";
    return 1;
  }
  return 0;
}

}  // namespace
}  // namespace runnel::bench

int main(int argc, char** argv) { return runnel::bench::Main(argc, argv); }
