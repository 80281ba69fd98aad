// runnel-consistency: the streaming consistency harness (docs/testing-streaming.md). For each
// query of the corpus and each iteration it generates input with out-of-order and late rows,
// runs the query as a stream with random micro-batch splits, restarts and crashes, folds the
// output per output mode, and compares it with the same query run as a batch over the input
// minus the rows the semantics drop as late (or, for a case with a `reference` model, with
// what that model says the stream emits). Queries the engine rejects today are checked for
// their start() error. A query's first mismatch is printed with how to reproduce it, and the
// exit status is non-zero. The ctest consistency_harness is a bounded run;
// tools/consistency/long_run.sh is the longer one (docs/testing-streaming.md).
//
//   runnel-consistency [--seed N] [--iterations N] [--query NAME] [--include-known-bugs] [--list]
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>

#include "consistency/corpus.h"
#include "consistency/reference_model.h"
#include "consistency/scenario.h"
#include "consistency/stream_run.h"

namespace runnel::consistency {
namespace {

struct Options {
  uint64_t seed = 1;
  int iterations = 3;
  std::string query;
  bool include_known_bugs = false;
  bool list = false;
};

int Usage() {
  std::cerr << "usage: runnel-consistency [--seed N] [--iterations N] [--query NAME] [--include-known-bugs] [--list]\n";
  return 2;
}

void PrintDiff(const std::vector<std::string>& expected, const std::vector<std::string>& actual) {
  std::vector<std::string> missing, extra;
  std::set_difference(expected.begin(), expected.end(), actual.begin(), actual.end(), std::back_inserter(missing));
  std::set_difference(actual.begin(), actual.end(), expected.begin(), expected.end(), std::back_inserter(extra));
  std::cout << "expected (reference) " << expected.size() << " rows, stream folded " << actual.size() << "\n";
  for (const auto& r : missing) std::cout << "  - missing from the stream: " << r << "\n";
  for (const auto& r : extra) std::cout << "  + extra in the stream:     " << r << "\n";
}

void PrintFailure(const QueryCase& query, const Scenario& scenario, const StreamRun* run, const std::string& what) {
  std::cout << "\nMISMATCH in query '" << query.name << "' (" << query.mode << " mode), seed " << scenario.seed
            << ": " << what << "\n";
  std::cout << "stream query: " << (query.build ? "(DataFrame API)" : query.stream_sql) << "\n";
  if (query.reference) {
    std::cout << "reference: the case's model in C++ (corpus.cc), not a batch query\n";
  } else if (!query.batch_sql.empty()) {
    std::cout << "batch reference: " << query.batch_sql << "\n";
  }
  std::cout << scenario.Describe();
  if (run != nullptr) {
    std::cout << "what ran:\n" << run->log;
    if (query.delay_seconds > 0) {
      std::cout << "model watermark (ms) per data batch, then final:";
      auto watermarks = DataBatchWatermarks(scenario, *run, query.delay_seconds * 1000LL);
      for (int64_t w : watermarks) std::cout << " " << w;
      std::cout << "\nmodel late-events watermark (ms) per data batch:";
      for (int j = 0; j + 1 < static_cast<int>(watermarks.size()); ++j) {
        std::cout << " " << LateWatermarkMs(watermarks, *run, j);
      }
      std::cout << "\n";
    }
    std::cout << "stream output per batch id:\n";
    for (const auto& [id, rows] : run->batches) {
      std::cout << "  batch " << id << ":";
      for (const auto& r : rows) std::cout << " " << r;
      std::cout << "\n";
    }
  }
  std::cout << "reproduce: runnel-consistency --query " << query.name << " --seed " << scenario.seed
            << " --iterations 1\n";
}

// One query over one scenario; prints and returns false on a mismatch.
bool CheckOnce(const QueryCase& query, const Scenario& scenario, const std::string& checkpoint) {
  auto run = RunAsStream(query, scenario, checkpoint);
  std::filesystem::remove_all(checkpoint);
  if (!run.ok()) {
    PrintFailure(query, scenario, nullptr, "the stream failed: " + run.status().ToString());
    return false;
  }
  auto expected = Reference(query, scenario, *run);
  if (!expected.ok()) {
    PrintFailure(query, scenario, &*run, "the reference failed: " + expected.status().ToString());
    return false;
  }
  auto actual = FoldOutput(query, *run);
  if (actual != *expected) {
    PrintFailure(query, scenario, &*run, "folded stream output differs from the reference");
    PrintDiff(*expected, actual);
    return false;
  }
  if (query.delay_seconds > 0) {
    int64_t model = DataBatchWatermarks(scenario, *run, query.delay_seconds * 1000LL).back();
    if (model != run->engine_watermark_ms) {
      PrintFailure(query, scenario, &*run,
                   "final watermark " + std::to_string(run->engine_watermark_ms) + " ms, the model says " +
                       std::to_string(model) + " ms");
      return false;
    }
  }
  return true;
}

bool CheckRejected(const QueryCase& query, const std::string& checkpoint) {
  Status status = StartError(query, checkpoint);
  std::filesystem::remove_all(checkpoint);
  if (!status.ok() && status.message().find(query.expected_error) != std::string::npos) return true;
  std::cout << "\nquery '" << query.name << "' should be rejected at start with \"" << query.expected_error
            << "\" but " << (status.ok() ? "it ran" : "failed with: " + status.ToString()) << "\n"
            << "If the engine supports it now, give the case a reference instead.\n";
  return false;
}

int Main(int argc, char** argv) {
  Options opts;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (arg == "--seed") {
      opts.seed = std::strtoull(value().c_str(), nullptr, 10);
    } else if (arg == "--iterations") {
      opts.iterations = std::atoi(value().c_str());
    } else if (arg == "--query") {
      opts.query = value();
    } else if (arg == "--include-known-bugs") {
      opts.include_known_bugs = true;
    } else if (arg == "--list") {
      opts.list = true;
    } else {
      return Usage();
    }
  }
  std::vector<const QueryCase*> cases;
  for (const auto& q : Corpus()) {
    if (!opts.query.empty() && q.name != opts.query) continue;
    if (opts.query.empty() && !q.known_bug.empty() && !opts.include_known_bugs) {
      std::cout << "skipping " << q.name << ": " << q.known_bug << "\n";
      continue;
    }
    cases.push_back(&q);
  }
  if (opts.list) {
    for (const auto* q : cases) std::cout << q->name << " (" << q->mode << ")\n";
    return 0;
  }
  if (cases.empty()) {
    std::cerr << "no query named '" << opts.query << "' (see --list)\n";
    return 2;
  }
  auto root = std::filesystem::temp_directory_path() / ("runnel-consistency-" + std::to_string(::getpid()));
  std::filesystem::remove_all(root);
  auto started = std::chrono::steady_clock::now();
  int runs = 0, failures = 0;
  for (const auto* query : cases) {
    std::string checkpoint = (root / query->name).string();
    if (!query->expected_error.empty()) {
      ++runs;
      if (!CheckRejected(*query, checkpoint)) ++failures;
      continue;
    }
    for (int i = 0; i < opts.iterations; ++i) {
      Scenario scenario = GenerateScenario(opts.seed + i, query->second_source);
      ++runs;
      if (!CheckOnce(*query, scenario, checkpoint)) {
        ++failures;
        break;  // the first mismatch of a query is enough to reproduce it
      }
    }
  }
  std::filesystem::remove_all(root);
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << runs << " runs of " << cases.size() << " queries (seed " << opts.seed << ", " << opts.iterations
            << " iterations), " << failures << " failing queries, " << seconds << " s\n";
  return failures == 0 ? 0 : 1;
}

}  // namespace
}  // namespace runnel::consistency

int main(int argc, char** argv) { return runnel::consistency::Main(argc, argv); }
