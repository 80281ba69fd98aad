// Benchmark: filter(v > 0.5).groupBy(k).agg(count, sum(v), avg(v)) over 10M in-memory rows, on
// Runnel (one core, then all cores) and on DuckDB (threads=1, then its default), printed as one
// table. Both engines build the same rows from the same formulas of the row number i, so no data
// file is needed; a checksum line shows that both computed the same answer.
//
//   bench_filter_aggregate [--rows N] [--runs R] [--runnel-only] [--explain]
#include <sched.h>
#include <time.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "bench_clock.h"
#include "base/thread_pool.h"
#include "plan/data_source.h"
#include "plan/logical_plan.h"
#include "runnel/runnel.h"
#include "vector/column.h"

#ifndef RUNNEL_BENCH_DIR
#define RUNNEL_BENCH_DIR "bench"
#endif

namespace runnel::bench {
namespace {

using functions::col;
namespace f = functions;

constexpr int64_t kBatchRows = 64 * 1024;
constexpr int64_t kEpochMicros = 1704067200LL * 1000000;  // 2024-01-01 00:00:00 UTC

// The data, as duckdb_filter_aggregate.mjs computes it in SQL:
//   k = (i * 7919) % 100000, v = ((i * 104729) % 1000003) / 1000003.0,
//   s = 's' || lpad((i * 31) % 10000000, 7, '0'), ts = 2024-01-01 + i seconds.
vector::Batch MakeBatch(const type::SchemaPtr& schema, int64_t first, int64_t n) {
  std::vector<int64_t> k(n), ts(n);
  std::vector<double> v(n);
  std::vector<int32_t> offsets(n + 1);
  std::vector<char> bytes(n * 8 + 1);  // +1 for the NUL snprintf writes after the last string
  for (int64_t j = 0; j < n; ++j) {
    int64_t i = first + j;
    k[j] = (i * 7919) % 100000;
    v[j] = static_cast<double>((i * 104729) % 1000003) / 1000003.0;
    std::snprintf(&bytes[j * 8], 9, "s%07lld", static_cast<long long>((i * 31) % 10000000));
    offsets[j + 1] = static_cast<int32_t>((j + 1) * 8);
    ts[j] = kEpochMicros + i * 1000000;
  }
  bytes.pop_back();
  std::vector<vector::ColumnPtr> columns{
      vector::MakeFixedColumn(type::BigInt(), std::move(k)), vector::MakeFixedColumn(type::Double(), std::move(v)),
      vector::MakeStringColumn(type::String(), std::move(offsets), std::move(bytes)),
      vector::MakeFixedColumn(type::Timestamp(), std::move(ts))};
  return vector::Batch(schema, std::move(columns), n);
}

DataFrame MakeTable(const Session& session, int64_t rows) {
  auto schema = std::make_shared<type::Schema>(std::vector<type::Field>{
      {"k", type::BigInt()}, {"v", type::Double()}, {"s", type::String()}, {"ts", type::Timestamp()}});
  std::vector<vector::Batch> batches;
  for (int64_t first = 0; first < rows; first += kBatchRows) {
    batches.push_back(MakeBatch(schema, first, std::min(kBatchRows, rows - first)));
  }
  auto source = std::make_shared<plan::InMemorySource>(schema, std::move(batches), "bench");
  return DataFrame(session.state(), plan::Scan(source));
}

struct Measurement {
  std::string engine;
  std::string threads;
  double seconds = 0;      // best wall time
  double cpu_seconds = 0;  // process CPU time of that run: shows how many cores it really got
  std::string checksum;
};

// groups / filtered rows / sum of the sums, to check both engines computed the same thing.
std::string Checksum(const std::vector<Row>& rows) {
  int64_t count = 0;
  double sum = 0;
  for (const Row& r : rows) {
    count += r.getLong(1);
    sum += r.getDouble(2);
  }
  char text[128];
  std::snprintf(text, sizeof(text), "groups=%zu rows=%lld sum=%.6f", rows.size(), static_cast<long long>(count), sum);
  return text;
}

DataFrame Query(const DataFrame& table) {
  return table.filter(col("v") > 0.5)
      .groupBy("k")
      .agg(f::count(f::lit(1)).alias("n"), f::sum(col("v")).alias("sum_v"), f::avg(col("v")).alias("avg_v"));
}

Result<Measurement> TimeRunnel(const DataFrame& table, const std::string& threads, int runs) {
  DataFrame query = Query(table);
  Measurement m{"runnel", threads, 1e300, 0, ""};
  for (int run = 0; run < runs; ++run) {
    double cpu_start = ProcessCpuSeconds();
    auto start = std::chrono::steady_clock::now();
    RUNNEL_ASSIGN_OR_RAISE(std::vector<Row> rows, query.collect());
    std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
    if (elapsed.count() < m.seconds) {
      m.seconds = elapsed.count();
      m.cpu_seconds = ProcessCpuSeconds() - cpu_start;
    }
    m.checksum = Checksum(rows);
  }
  return m;
}

// Sets the CPU affinity of every thread of this process (sched_setaffinity applies to one thread,
// and the pool's workers keep whatever mask they had).
Status SetProcessAffinity(const cpu_set_t& mask) {
  for (const auto& task : std::filesystem::directory_iterator("/proc/self/task")) {
    pid_t tid = static_cast<pid_t>(std::stol(task.path().filename().string()));
    if (sched_setaffinity(tid, sizeof(mask), &mask) != 0) {
      return Status::IOError("sched_setaffinity failed for thread " + std::to_string(tid));
    }
  }
  return Status::OK();
}

// Runnel's pool is sized to the hardware and cannot be resized, so "1 thread" pins the whole
// process to one CPU: the pool's threads still exist but share a single core.
Result<Measurement> TimeRunnelOnOneCore(const DataFrame& table, int runs) {
  base::ThreadPool::Default();  // start the workers now, so that all of them get pinned
  cpu_set_t all;
  if (sched_getaffinity(0, sizeof(all), &all) != 0) return Status::IOError("sched_getaffinity failed");
  int cpu = 0;
  while (cpu < CPU_SETSIZE && !CPU_ISSET(cpu, &all)) ++cpu;
  cpu_set_t one;
  CPU_ZERO(&one);
  CPU_SET(cpu, &one);
  RUNNEL_RETURN_NOT_OK(SetProcessAffinity(one));
  auto m = TimeRunnel(table, "1 (1 core)", runs);
  RUNNEL_RETURN_NOT_OK(SetProcessAffinity(all));
  return m;
}

// Runs the DuckDB half; it prints "duckdb<TAB>threads<TAB>seconds<TAB>cpu seconds<TAB>checksum".
std::vector<Measurement> TimeDuckDB(int64_t rows, int runs) {
  std::string command = "node " + std::string(RUNNEL_BENCH_DIR) + "/duckdb_filter_aggregate.mjs " +
                        std::to_string(rows) + " " + std::to_string(runs);
  std::vector<Measurement> out;
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) return out;
  char line[512];
  while (std::fgets(line, sizeof(line), pipe)) {
    std::string text(line);
    if (text.rfind("duckdb\t", 0) != 0) {
      std::cout << text;  // errors and notes pass through
      continue;
    }
    Measurement m;
    size_t a = text.find('\t'), b = text.find('\t', a + 1), c = text.find('\t', b + 1);
    size_t d = text.find('\t', c + 1);
    m.engine = "duckdb";
    m.threads = text.substr(a + 1, b - a - 1);
    m.seconds = std::atof(text.substr(b + 1, c - b - 1).c_str());
    m.cpu_seconds = std::atof(text.substr(c + 1, d - c - 1).c_str());
    m.checksum = text.substr(d + 1, text.size() - d - 2);
    out.push_back(m);
  }
  if (pclose(pipe) != 0) std::cout << "bench: the DuckDB part failed: " << command << "\n";
  return out;
}

void PrintTable(const std::vector<Measurement>& rows, int64_t input_rows) {
  std::printf("\n%-8s %-12s %14s %10s %9s   %s\n", "engine", "threads", "rows/s", "time (s)", "cpu (s)",
              "checksum");
  for (const auto& m : rows) {
    std::printf("%-8s %-12s %14.0f %10.3f %9.3f   %s\n", m.engine.c_str(), m.threads.c_str(),
                input_rows / m.seconds, m.seconds, m.cpu_seconds, m.checksum.c_str());
  }
}

int Main(int argc, char** argv) {
  int64_t rows = 10'000'000;
  int runs = 3;
  bool runnel_only = false;
  bool explain = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--rows" && i + 1 < argc) rows = std::atoll(argv[++i]);
    else if (arg == "--runs" && i + 1 < argc) runs = std::atoi(argv[++i]);
    else if (arg == "--runnel-only") runnel_only = true;
    else if (arg == "--explain") explain = true;
    else {
      std::cerr << "usage: bench_filter_aggregate [--rows N] [--runs R] [--runnel-only] [--explain]\n";
      return 2;
    }
  }
  std::cout << "filter(v > 0.5).groupBy(k).agg(count, sum(v), avg(v)) over " << rows
            << " rows (k: 100k distinct BIGINT, v DOUBLE, s STRING, ts TIMESTAMP), best of " << runs << "\n";
  auto session = Session::Make();
  DataFrame table = MakeTable(*session, rows);
  if (explain) {
    auto plan = Query(table).explainString(true);
    std::cout << (plan.ok() ? *plan : plan.status().ToString()) << "\n";
  }
  std::vector<Measurement> table_rows;
  std::string all_threads = std::to_string(base::ThreadPool::Default().num_threads());
  for (bool one_core : {true, false}) {
    auto result = one_core ? TimeRunnelOnOneCore(table, runs) : TimeRunnel(table, all_threads, runs);
    if (!result.ok()) {
      std::cerr << "bench: Runnel failed: " << result.status().ToString() << "\n";
      return 1;
    }
    table_rows.push_back(*result);
  }
  if (!runnel_only) {
    for (auto& m : TimeDuckDB(rows, runs)) table_rows.push_back(m);
  }
  PrintTable(table_rows, rows);
  return 0;
}

}  // namespace
}  // namespace runnel::bench

int main(int argc, char** argv) { return runnel::bench::Main(argc, argv); }
