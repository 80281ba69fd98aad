// runnel-slt: runs golden files (sqllogictest style) against a named engine.
//
//   runnel-slt [--engine NAME] [--rewrite] PATH...
//   runnel-slt --differential duckdb [--node PATH] [--duckdb-helper PATH] PATH...
//
// Each PATH is a .test file or a directory searched for them. Exits 0 when every file passes;
// the last line printed is "N passed, N failed" (counting files).
#include <cstdlib>
#include <iostream>
#include <string>
#include <vector>

#include "slt/differential.h"
#include "slt/engine.h"
#include "slt/runner.h"

namespace {

constexpr const char* kUsage =
    "Usage: runnel-slt [--engine NAME] [--rewrite] PATH...\n"
    "  Runs every *.test golden file in PATH (a file or a directory).\n"
    "  --engine NAME  runnel (default) or echo (the runner's own self-test engine)\n"
    "  --rewrite      replace mismatching query result blocks with the actual rows\n"
    "                 (review the diff before committing)\n"
    "  --differential duckdb  run each file on Runnel and on DuckDB and compare the rows of\n"
    "                 every query not marked '# duckdb: skip <reason>' (test/sql/README.md)\n"
    "  --node PATH    the node executable for the DuckDB helper (default: node on PATH)\n"
    "  --duckdb-helper PATH  the helper script (default: tools/slt/duckdb_runner.mjs)\n";

struct Arguments {
  std::string engine = "runnel";
  bool rewrite = false;
  std::string differential;  // "duckdb" or empty
  runnel::slt::DuckDbHelper helper;
  std::vector<std::string> paths;
};

// Returns false (after printing why) when the arguments cannot be used.
bool ParseArguments(int argc, char** argv, Arguments& arguments) {
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::cout << kUsage;
      std::exit(0);
    } else if (arg == "--rewrite") {
      arguments.rewrite = true;
    } else if (arg == "--engine" && i + 1 < argc) {
      arguments.engine = argv[++i];
    } else if (arg.starts_with("--engine=")) {
      arguments.engine = arg.substr(9);
    } else if (arg == "--differential" && i + 1 < argc) {
      arguments.differential = argv[++i];
    } else if (arg == "--node" && i + 1 < argc) {
      arguments.helper.node = argv[++i];
    } else if (arg == "--duckdb-helper" && i + 1 < argc) {
      arguments.helper.script = argv[++i];
    } else if (arg.starts_with("-")) {
      std::cerr << "runnel-slt: unknown option '" << arg << "'\n" << kUsage;
      return false;
    } else {
      arguments.paths.push_back(arg);
    }
  }
  if (!arguments.differential.empty() && arguments.differential != "duckdb") {
    std::cerr << "runnel-slt: unknown differential engine '" << arguments.differential
              << "'; only 'duckdb' is supported\n";
    return false;
  }
  if (!arguments.differential.empty() && arguments.rewrite) {
    std::cerr << "runnel-slt: --rewrite does not combine with --differential\n";
    return false;
  }
  if (arguments.paths.empty()) {
    std::cerr << "runnel-slt: no test file or directory given\n" << kUsage;
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace runnel::slt;
  Arguments arguments;
  if (!ParseArguments(argc, argv, arguments)) return 2;
  auto files = CollectTestFiles(arguments.paths);
  if (!files.ok()) {
    std::cerr << "runnel-slt: " << files.status().message() << "\n";
    return 2;
  }
  const RecordKindRegistry registry = RecordKindRegistry::Default();
  RunOptions options;
  options.rewrite = arguments.rewrite;
  int passed = 0;
  int failed = 0;
  for (const auto& path : *files) {
    auto engine = MakeEngine(arguments.engine);
    if (!engine.ok()) {
      std::cerr << "runnel-slt: " << engine.status().message() << "\n";
      return 2;
    }
    FileOutcome outcome =
        arguments.differential.empty()
            ? RunTestFile(path, **engine, options, registry)
            : RunDifferentialFile(path, **engine, arguments.helper, registry);
    for (const auto& failure : outcome.failures) std::cout << failure << "\n";
    if (outcome.blocks_rewritten > 0) {
      std::cout << "REWROTE " << path << " (" << outcome.blocks_rewritten << " block(s))\n";
    }
    std::cout << (outcome.passed() ? "PASS " : "FAIL ") << path << " (" << outcome.records_run
              << " record(s))\n";
    (outcome.passed() ? passed : failed)++;
  }
  std::cout << passed << " passed, " << failed << " failed\n";
  return failed == 0 ? 0 : 1;
}
