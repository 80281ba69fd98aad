// Runs a golden file's SQL on DuckDB through the node helper duckdb_runner.mjs: one process per
// file, every statement in one JSON file in, one text block per statement out.
#pragma once

#include <string>
#include <vector>

#include "runnel/status.h"

namespace runnel::slt {

struct DuckDbHelper {
  std::string node = "node";                            // the node executable (PATH is searched)
  std::string script = "tools/slt/duckdb_runner.mjs";   // the helper, relative to the cwd
};

// What DuckDB did with one statement.
struct DuckDbStepResult {
  bool ok = false;
  std::string error;               // DuckDB's message when !ok
  std::vector<std::string> lines;  // one per row, cells as the golden files write them
};

// Runs `statements` in order on one fresh in-memory DuckDB connection. An error only when the
// helper itself cannot run (node or DuckDB missing); a failing statement is a step result.
Result<std::vector<DuckDbStepResult>> RunOnDuckDb(const DuckDbHelper& helper,
                                                  const std::vector<std::string>& statements);

}  // namespace runnel::slt
