// Benchmark: a stateless streaming query (parse a CSV line, filter, project) from a MemoryStream
// to the noop sink, with checkpointing on (offsets/N and commits/N written and fsync'd for every
// micro-batch), under the default trigger.
//
//   1. Throughput: rows per second of wall time and per CPU-second (per core) over a backlog.
//   2. Latency: a producer adds rows at a fixed rate (one addData every millisecond); for each
//      addData, the time until the batch holding it is committed (commits/N written, which is
//      after the sink's commit). p50, p99 and max at 10k and 100k rows/s.
//
//   bench_streaming_latency [--rows N] [--seconds S] [--rates 10000,100000]

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "bench_clock.h"
#include "runnel/runnel.h"
#include "streaming/sources/memory_source.h"
#include "type/ddl.h"

namespace runnel::bench {
namespace {

// "user17,1234,2024-01-01 00:00:05": the rows the query parses.
vector::Batch MakeLines(const type::SchemaPtr& schema, int64_t first, int64_t n) {
  std::vector<std::vector<type::Value>> rows;
  rows.reserve(n);
  char buf[64];
  for (int64_t i = first; i < first + n; ++i) {
    std::snprintf(buf, sizeof(buf), "user%lld,%lld,2024-01-01 00:%02lld:%02lld", static_cast<long long>(i % 1000),
                  static_cast<long long>((i * 7919) % 10000), static_cast<long long>((i / 60) % 60),
                  static_cast<long long>(i % 60));
    rows.push_back({type::Value::String(buf)});
  }
  return vector::Batch::FromRows(schema, rows);
}

DataFrame Query(const std::shared_ptr<MemoryStream>& input) {
  return input->toDF()
      .selectExpr({"split(line, ',') AS p"})
      .selectExpr({"p[0] AS user", "CAST(p[1] AS BIGINT) AS amount", "CAST(p[2] AS TIMESTAMP) AS ts"})
      .filter("amount >= 1000")
      .selectExpr({"user", "amount * 2 AS doubled", "ts"});
}

std::string Checkpoint(const std::string& name) {
  auto dir = std::filesystem::temp_directory_path() / ("runnel-bench-streaming-" + name);
  std::filesystem::remove_all(dir);
  return dir.string();
}

void Throughput(const std::shared_ptr<Session>& session, int64_t total_rows) {
  auto input = MemoryStream::Make(session, type::Schema({type::Field{"line", type::String(), true}}));
  const int64_t chunk = 64 * 1024;
  for (int64_t first = 0; first < total_rows; first += chunk) {
    input->source()->AddData(MakeLines(input->source()->schema(), first, std::min(chunk, total_rows - first)));
  }
  std::string checkpoint = Checkpoint("throughput");
  double cpu0 = ProcessCpuSeconds();
  int64_t t0 = NowMicros();
  auto query = Query(input).writeStream().format("noop").option("checkpointLocation", checkpoint)
                   .trigger(Trigger::AvailableNow()).start();
  if (!query.ok() || !query->awaitTermination().ok()) {
    std::fprintf(stderr, "throughput run failed: %s\n", query.ok() ? "" : query.status().ToString().c_str());
    std::exit(1);
  }
  double wall = (NowMicros() - t0) / 1e6, cpu = ProcessCpuSeconds() - cpu0;
  std::printf("throughput  %lld rows in %.2f s wall, %.2f CPU-s: %.2fM rows/s wall, %.2fM rows per CPU-second\n",
              static_cast<long long>(total_rows), wall, cpu, total_rows / wall / 1e6, total_rows / cpu / 1e6);
  std::filesystem::remove_all(checkpoint);
}

// Records when each offset was added and when the batch holding it committed.
class LatencyListener final : public StreamingQueryListener {
 public:
  void Added(int64_t offset, int64_t at) {
    std::lock_guard<std::mutex> lock(mutex_);
    added_[offset] = at;
  }
  void onQueryProgress(const StreamingQueryProgress& p) override {
    if (p.numInputRows == 0 || p.sources.empty()) return;
    int64_t now = NowMicros();
    int64_t end = std::atoll(p.sources[0].endOffset.c_str());
    std::lock_guard<std::mutex> lock(mutex_);
    for (const auto& [key, ms] : p.durationMs) {
      auto& slot = durations_[key];
      slot.first += ms;
      slot.second = std::max(slot.second, ms);
    }
    for (auto it = added_.begin(); it != added_.end() && it->first <= end;) {
      latencies_.push_back(now - it->second);
      it = added_.erase(it);
    }
    ++batches_;
  }
  std::vector<int64_t> Latencies() {
    std::lock_guard<std::mutex> lock(mutex_);
    return latencies_;
  }
  // "addBatch 0.4/12" : mean/max ms per batch of each step.
  std::string Steps() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string out;
    for (const auto& [key, sum_max] : durations_) {
      char buf[96];
      std::snprintf(buf, sizeof(buf), "%s %.2f/%lld ", key.c_str(), batches_ ? double(sum_max.first) / batches_ : 0.0,
                    static_cast<long long>(sum_max.second));
      out += buf;
    }
    return out;
  }
  int64_t batches() {
    std::lock_guard<std::mutex> lock(mutex_);
    return batches_;
  }

 private:
  std::mutex mutex_;
  std::map<int64_t, int64_t> added_;
  std::map<std::string, std::pair<int64_t, int64_t>> durations_;
  std::vector<int64_t> latencies_;
  int64_t batches_ = 0;
};

void Latency(const std::shared_ptr<Session>& session, int64_t rows_per_second, double seconds) {
  auto input = MemoryStream::Make(session, type::Schema({type::Field{"line", type::String(), true}}));
  auto listener = std::make_shared<LatencyListener>();
  session->streams().addListener(listener);
  std::string checkpoint = Checkpoint("latency");
  auto query = Query(input).writeStream().format("noop").option("checkpointLocation", checkpoint).start();
  if (!query.ok()) {
    std::fprintf(stderr, "latency run failed: %s\n", query.status().ToString().c_str());
    std::exit(1);
  }
  const int64_t per_tick = std::max<int64_t>(1, rows_per_second / 1000);
  const int64_t ticks = static_cast<int64_t>(seconds * 1000);
  // Pre-built so the producer's cost is only the addData call.
  std::vector<vector::Batch> batches;
  for (int64_t t = 0; t < 100; ++t) batches.push_back(MakeLines(input->source()->schema(), t * per_tick, per_tick));
  int64_t start = NowMicros();
  double cpu0 = ProcessCpuSeconds();
  for (int64_t t = 0; t < ticks; ++t) {
    int64_t due = start + t * 1000;
    while (NowMicros() < due) std::this_thread::sleep_for(std::chrono::microseconds(std::max<int64_t>(1, due - NowMicros())));
    int64_t now = NowMicros();
    int64_t offset = input->source()->AddData(batches[t % batches.size()]);
    listener->Added(offset, now);
  }
  (void)query->processAllAvailable();
  double cpu = ProcessCpuSeconds() - cpu0;
  (void)query->stop();
  session->streams().removeListener(listener);
  auto lat = listener->Latencies();
  std::sort(lat.begin(), lat.end());
  auto pct = [&](double q) { return lat.empty() ? 0.0 : lat[std::min(lat.size() - 1, static_cast<size_t>(q * lat.size()))] / 1000.0; };
  std::printf("latency     %6lld rows/s: %lld addData calls in %lld batches; p50 %.2f ms, p99 %.2f ms, max %.2f ms; "
              "CPU %.0f%% of one core\n",
              static_cast<long long>(rows_per_second), static_cast<long long>(lat.size()),
              static_cast<long long>(listener->batches()), pct(0.50), pct(0.99), lat.empty() ? 0.0 : lat.back() / 1000.0,
              100.0 * cpu / seconds);
  std::printf("            per batch, mean/max ms: %s\n", listener->Steps().c_str());
  std::filesystem::remove_all(checkpoint);
}

}  // namespace
}  // namespace runnel::bench

int main(int argc, char** argv) {
  int64_t rows = 5'000'000;
  double seconds = 5;
  std::vector<int64_t> rates = {10'000, 100'000};
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i];
    if (flag == "--rows") rows = std::atoll(argv[i + 1]);
    if (flag == "--seconds") seconds = std::atof(argv[i + 1]);
    if (flag == "--rates") {
      rates.clear();
      std::string list = argv[i + 1];
      for (size_t pos = 0; pos < list.size();) {
        size_t comma = list.find(',', pos);
        rates.push_back(std::atoll(list.substr(pos, comma - pos).c_str()));
        pos = comma == std::string::npos ? list.size() : comma + 1;
      }
    }
  }
  auto session = runnel::Session::Make();
  std::printf("bench_streaming_latency: split/cast/filter/project from MemoryStream to noop, checkpoint on, "
              "default trigger, %u hardware threads\n",
              std::thread::hardware_concurrency());
  runnel::bench::Throughput(session, rows);
  for (int64_t rate : rates) runnel::bench::Latency(session, rate, seconds);
  return 0;
}
