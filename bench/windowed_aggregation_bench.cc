// Benchmark: a windowed streaming aggregation with each state store provider, to show how a
// micro-batch's cost moves as the state grows.
//
//   events (key BIGINT in [0, K), ts TIMESTAMP advancing slowly, value DOUBLE)
//     .withWatermark("ts", delay)
//     .groupBy(window(ts, "1 minute"), key).agg(count(value), sum(value))
//   -> noop sink, update mode, checkpoint on (state store + offset and commit logs)
//
// Events are fed from a MemoryStream in micro-batches of B events (prebuilt vector::Batch through
// MemorySource::AddData, so building rows stays out of the timing), each followed by
// processAllAvailable(). Event i has key splitmix64(i) % K and ts = start + i / R minutes (R events
// per minute of event time), so the run covers N / R minutes: a new 1-minute window every R events,
// each window holding about K * (1 - e^(-R / K)) groups (632k for R = K = 1M). With the default
// delay (20 minutes, longer than the default run's 10) nothing is evicted and the state only
// grows; with a shorter delay old windows are evicted and the state levels off.
//
// Per batch (from the progress listener): triggerExecution and addBatch (ms), the state
// operator's numRowsTotal / memoryUsedBytes / allUpdatesTimeMs / allRemovalsTimeMs / commitTimeMs,
// and after the batch the state's size on disk (<checkpoint>/state, plus RocksDB's working
// directory). Since the watermark moves with every batch, each data batch is followed by a
// no-data batch (the engine runs one whenever the watermark moved, for eviction); both are shown.
// At the end, at the final state size, a few batches of B / 10 events show whether a batch's cost
// follows its size.
//
//   bench_windowed_aggregation [--events N] [--keys K] [--batch B] [--provider memory|rocksdb|both]
//                              [--events-per-minute R] [--delay "20 minutes"] [--partitions P]
//                              [--every E] [--dir D]
//   defaults: 3M events (10M is the full run), 1M keys, batches of 100k, both providers.
#include <unistd.h>

#include <algorithm>
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
#include "vector/column.h"

namespace runnel::bench {
namespace {

using functions::col;
namespace f = functions;

constexpr int64_t kEpochMicros = 1704067200LL * 1000000;  // 2024-01-01 00:00:00 UTC

struct Options {
  // 10M is the size, but a batch's cost grows with the state today (see bench/README.md):
  // 10M takes ~4 minutes with the memory provider alone. The default stays within a few minutes.
  int64_t events = 3'000'000;
  int64_t keys = 1'000'000;
  int64_t batch = 100'000;
  int64_t events_per_minute = 1'000'000;  // of event time: one 1-minute window per this many
  std::string delay = "20 minutes";
  std::vector<std::string> providers = {"memory", "rocksdb"};
  int partitions = 0;  // 0: the session's default (runnel.sql.shuffle.partitions)
  int64_t every = 10;  // table row every this many data batches
  std::string dir;
};

uint64_t SplitMix64(uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

// Events [first, first + n): see the top of the file.
vector::Batch MakeEvents(const type::SchemaPtr& schema, const Options& options, int64_t first, int64_t n) {
  std::vector<int64_t> key(n), ts(n);
  std::vector<double> value(n);
  const double micros_per_event = 60e6 / static_cast<double>(options.events_per_minute);
  for (int64_t j = 0; j < n; ++j) {
    int64_t i = first + j;
    uint64_t h = SplitMix64(static_cast<uint64_t>(i));
    key[j] = static_cast<int64_t>(h % static_cast<uint64_t>(options.keys));
    ts[j] = kEpochMicros + static_cast<int64_t>(static_cast<double>(i) * micros_per_event);
    value[j] = static_cast<double>(h >> 40) / static_cast<double>(1 << 24);  // [0, 1)
  }
  std::vector<vector::ColumnPtr> columns{vector::MakeFixedColumn(type::BigInt(), std::move(key)),
                                         vector::MakeFixedColumn(type::Timestamp(), std::move(ts)),
                                         vector::MakeFixedColumn(type::Double(), std::move(value))};
  return vector::Batch(schema, std::move(columns), n);
}

int64_t DirectoryBytes(const std::filesystem::path& dir) {
  int64_t bytes = 0;
  std::error_code ec;
  if (!std::filesystem::exists(dir, ec)) return 0;
  for (auto it = std::filesystem::recursive_directory_iterator(dir, ec); !ec && it != std::filesystem::end(it);
       it.increment(ec)) {
    std::error_code size_ec;
    if (it->is_regular_file(size_ec)) {
      auto size = it->file_size(size_ec);
      if (!size_ec) bytes += static_cast<int64_t>(size);
    }
  }
  return bytes;
}

struct BatchRecord {
  int64_t batch_id = 0;
  int64_t input_rows = 0;
  int64_t trigger_ms = 0, add_batch_ms = 0;
  int64_t updates_ms = 0, removals_ms = 0, commit_ms = 0;
  int64_t state_rows = 0, state_memory = 0, updated = 0, removed = 0;
  int64_t disk_bytes = 0;  // filled in by the driver after the batch
};

class ProgressRecorder final : public StreamingQueryListener {
 public:
  void onQueryProgress(const StreamingQueryProgress& p) override {
    BatchRecord r;
    r.batch_id = p.batchId;
    r.input_rows = p.numInputRows;
    auto get = [&](const char* key) {
      auto it = p.durationMs.find(key);
      return it == p.durationMs.end() ? int64_t{0} : it->second;
    };
    r.trigger_ms = get("triggerExecution");
    r.add_batch_ms = get("addBatch");
    if (!p.stateOperators.empty()) {
      const auto& s = p.stateOperators[0];
      r.updates_ms = s.allUpdatesTimeMs;
      r.removals_ms = s.allRemovalsTimeMs;
      r.commit_ms = s.commitTimeMs;
      r.state_rows = s.numRowsTotal;
      r.state_memory = s.memoryUsedBytes;
      r.updated = s.numRowsUpdated;
      r.removed = s.numRowsRemoved;
    }
    std::lock_guard<std::mutex> lock(mutex_);
    records_.push_back(r);
  }
  // The batches reported since the last call.
  std::vector<BatchRecord> Take() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::vector<BatchRecord> out;
    out.swap(records_);
    return out;
  }

 private:
  std::mutex mutex_;
  std::vector<BatchRecord> records_;
};

// One data batch (fed by one addData) and the no-data batch that may follow it.
struct Step {
  int64_t events_so_far = 0;
  int64_t batch_events = 0;
  int64_t wall_us = 0;  // addData to processAllAvailable's return
  BatchRecord data;
  BatchRecord no_data;
  bool has_no_data = false;
  int64_t disk_bytes = 0;
};

double Median(std::vector<double> v) {
  if (v.empty()) return 0;
  std::sort(v.begin(), v.end());
  return v[v.size() / 2];
}

void Fail(const std::string& what, const Status& status) {
  std::fprintf(stderr, "%s failed: %s\n", what.c_str(), status.ToString().c_str());
  std::exit(1);
}

void PrintTable(const std::vector<Step>& steps, int64_t every) {
  std::printf("  %6s %9s %10s %9s %9s %9s | %8s %8s %7s %7s %7s | %8s %7s\n", "batch", "events", "state rows",
              "state MB", "disk MB", "wall ms", "trigger", "addBatch", "update", "remove", "commit", "no-data",
              "remove");
  for (size_t i = 0; i < steps.size(); ++i) {
    if ((static_cast<int64_t>(i) + 1) % every != 0 && i != 0 && i + 1 != steps.size()) continue;
    const Step& s = steps[i];
    std::printf("  %6lld %9lld %10lld %9.1f %9.1f %9.1f | %8lld %8lld %7lld %7lld %7lld | %8lld %7lld\n",
                static_cast<long long>(i + 1), static_cast<long long>(s.events_so_far),
                static_cast<long long>(s.data.state_rows), s.data.state_memory / 1e6, s.disk_bytes / 1e6,
                s.wall_us / 1e3, static_cast<long long>(s.data.trigger_ms), static_cast<long long>(s.data.add_batch_ms),
                static_cast<long long>(s.data.updates_ms), static_cast<long long>(s.data.removals_ms),
                static_cast<long long>(s.data.commit_ms),
                static_cast<long long>(s.has_no_data ? s.no_data.trigger_ms : 0),
                static_cast<long long>(s.has_no_data ? s.no_data.removals_ms : 0));
  }
}

// Medians over the first and last tenth of the data batches (skipping the first batch, which
// opens the stores), to say whether batch time grew with the state.
void PrintGrowth(const std::vector<Step>& steps) {
  size_t n = steps.size();
  if (n < 4) return;
  size_t tenth = std::max<size_t>(1, n / 10);
  auto median_of = [&](size_t from, size_t to, auto field) {
    std::vector<double> v;
    for (size_t i = from; i < to && i < n; ++i) v.push_back(field(steps[i]));
    return Median(v);
  };
  auto trigger = [](const Step& s) { return static_cast<double>(s.data.trigger_ms); };
  auto update = [](const Step& s) { return static_cast<double>(s.data.updates_ms); };
  auto removal = [](const Step& s) { return static_cast<double>(s.data.removals_ms + s.no_data.removals_ms); };
  auto commit = [](const Step& s) { return static_cast<double>(s.data.commit_ms); };
  auto rows = [](const Step& s) { return static_cast<double>(s.data.state_rows); };
  double early_trigger = median_of(1, 1 + tenth, trigger), late_trigger = median_of(n - tenth, n, trigger);
  std::printf("  median over the first / last tenth of the data batches (%zu each):\n", tenth);
  std::printf("    state rows %.0f -> %.0f (x%.1f); data batch %.0f -> %.0f ms (x%.2f): updates %.0f -> %.0f, "
              "removals incl. the no-data batch %.0f -> %.0f, commit %.0f -> %.0f\n",
              median_of(1, 1 + tenth, rows), median_of(n - tenth, n, rows),
              median_of(n - tenth, n, rows) / std::max(1.0, median_of(1, 1 + tenth, rows)), early_trigger, late_trigger,
              late_trigger / std::max(1.0, early_trigger), median_of(1, 1 + tenth, update), median_of(n - tenth, n, update),
              median_of(1, 1 + tenth, removal), median_of(n - tenth, n, removal), median_of(1, 1 + tenth, commit),
              median_of(n - tenth, n, commit));
}

void Run(const Options& options, const std::string& provider) {
  auto session = Session::Make();
  if (auto st = session->setConf("runnel.sql.streaming.stateStore.provider", provider); !st.ok()) Fail("setConf", st);
  if (options.partitions > 0) {
    if (auto st = session->setConf("runnel.sql.shuffle.partitions", std::to_string(options.partitions)); !st.ok()) {
      Fail("setConf", st);
    }
  }
  std::filesystem::path root = std::filesystem::path(options.dir) / provider;
  std::filesystem::remove_all(root);
  std::filesystem::create_directories(root / "rocksdb-local");
  // RocksDB's working directory is a fresh directory under the temporary directory: point it
  // into the benchmark's directory so its size can be measured and it is cleaned up.
  setenv("TMPDIR", (root / "rocksdb-local").c_str(), 1);

  auto input = MemoryStream::Make(session, type::Schema({type::Field{"key", type::BigInt(), true},
                                                         type::Field{"ts", type::Timestamp(), true},
                                                         type::Field{"value", type::Double(), true}}));
  auto recorder = std::make_shared<ProgressRecorder>();
  session->streams().addListener(recorder);
  auto query = input->toDF()
                   .withWatermark("ts", options.delay)
                   .groupBy(f::window(col("ts"), "1 minute"), col("key"))
                   .agg(f::count(col("value")).alias("n"), f::sum(col("value")).alias("total"))
                   .writeStream()
                   .format("noop")
                   .outputMode("update")
                   .option("checkpointLocation", (root / "checkpoint").string())
                   .start();
  if (!query.ok()) Fail("start", query.status());

  std::vector<Step> steps;
  double wall_s = 0, cpu_s = 0;
  auto feed = [&](int64_t first, int64_t n) {
    vector::Batch batch = MakeEvents(input->source()->schema(), options, first, n);
    double cpu0 = ProcessCpuSeconds();
    int64_t t0 = NowMicros();
    input->source()->AddData(std::move(batch));
    if (auto st = query->processAllAvailable(); !st.ok()) Fail("processAllAvailable", st);
    Step step;
    step.wall_us = NowMicros() - t0;
    wall_s += step.wall_us / 1e6;
    cpu_s += ProcessCpuSeconds() - cpu0;
    step.events_so_far = first + n;
    step.batch_events = n;
    for (const BatchRecord& r : recorder->Take()) {
      if (r.input_rows > 0) {
        step.data = r;
      } else {
        step.no_data = r;
        step.has_no_data = true;
      }
    }
    step.disk_bytes = DirectoryBytes(root / "checkpoint" / "state") + DirectoryBytes(root / "rocksdb-local");
    return step;
  };

  std::printf("\nprovider %s: %lld events, %lld keys, batches of %lld, %lld events per minute of event time, delay %s\n",
              provider.c_str(), static_cast<long long>(options.events), static_cast<long long>(options.keys),
              static_cast<long long>(options.batch), static_cast<long long>(options.events_per_minute),
              options.delay.c_str());
  for (int64_t first = 0; first < options.events; first += options.batch) {
    steps.push_back(feed(first, std::min(options.batch, options.events - first)));
  }
  PrintTable(steps, options.every);
  const Step& last = steps.back();
  std::printf("  throughput: %.2f s wall, %.2f CPU-s: %.0f events/s wall, %.0f events per CPU-second\n", wall_s, cpu_s,
              options.events / wall_s, options.events / cpu_s);
  std::printf("  final state: %lld rows, %.1f MB in memory (memoryUsedBytes), %.1f MB on disk\n",
              static_cast<long long>(last.data.state_rows), last.data.state_memory / 1e6, last.disk_bytes / 1e6);
  PrintGrowth(steps);

  // At the final state size: batches of a tenth of the size, then of the full size again.
  std::vector<double> small_ms, full_ms;
  int64_t next = options.events;
  for (int i = 0; i < 3; ++i) {
    int64_t n = std::max<int64_t>(1, options.batch / 10);
    Step s = feed(next, n);
    next += n;
    small_ms.push_back(static_cast<double>(s.data.trigger_ms));
  }
  for (int i = 0; i < 3; ++i) {
    Step s = feed(next, options.batch);
    next += options.batch;
    full_ms.push_back(static_cast<double>(s.data.trigger_ms));
  }
  std::printf("  at %lld state rows: a batch of %lld events takes %.0f ms, of %lld events %.0f ms (median of 3)\n",
              static_cast<long long>(last.data.state_rows), static_cast<long long>(std::max<int64_t>(1, options.batch / 10)),
              Median(small_ms), static_cast<long long>(options.batch), Median(full_ms));

  if (auto st = query->stop(); !st.ok()) Fail("stop", st);
  session->streams().removeListener(recorder);
  std::filesystem::remove_all(root);
}

}  // namespace
}  // namespace runnel::bench

int main(int argc, char** argv) {
  runnel::bench::Options options;
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--events") {
      options.events = std::atoll(value.c_str());
    } else if (flag == "--keys") {
      options.keys = std::atoll(value.c_str());
    } else if (flag == "--batch") {
      options.batch = std::atoll(value.c_str());
    } else if (flag == "--events-per-minute") {
      options.events_per_minute = std::atoll(value.c_str());
    } else if (flag == "--delay") {
      options.delay = value;
    } else if (flag == "--partitions") {
      options.partitions = std::atoi(value.c_str());
    } else if (flag == "--every") {
      options.every = std::max<int64_t>(1, std::atoll(value.c_str()));
    } else if (flag == "--dir") {
      options.dir = value;
    } else if (flag == "--provider") {
      if (value == "both") {
        options.providers = {"memory", "rocksdb"};
      } else if (value == "memory" || value == "rocksdb") {
        options.providers = {value};
      } else {
        std::fprintf(stderr, "--provider must be memory, rocksdb or both, not '%s'\n", value.c_str());
        return 2;
      }
    } else {
      std::fprintf(stderr, "unknown flag %s\n", flag.c_str());
      return 2;
    }
  }
  if (options.events <= 0 || options.keys <= 0 || options.batch <= 0 || options.events_per_minute <= 0) {
    std::fprintf(stderr, "--events, --keys, --batch and --events-per-minute must be positive\n");
    return 2;
  }
  if (options.dir.empty()) {
    options.dir = (std::filesystem::temp_directory_path() / ("runnel-bench-windowed-" + std::to_string(getpid()))).string();
  }
  std::printf("bench_windowed_aggregation: withWatermark + groupBy(window(ts, 1 minute), key).agg(count, sum) "
              "from MemoryStream to noop, update mode, checkpoint on, %u hardware threads\n",
              std::thread::hardware_concurrency());
  for (const auto& provider : options.providers) runnel::bench::Run(options, provider);
  std::filesystem::remove_all(options.dir);
  return 0;
}
