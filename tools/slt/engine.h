// The engine a golden file runs against. The runner only sends SQL text and reads back a
// result, so the same files can run against Runnel's SQL front end (once it exists) or against
// a stand-in engine in the runner's own tests.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "runnel/row.h"
#include "runnel/schema.h"
#include "runnel/status.h"

namespace runnel::slt {

// What one statement returned. Statements without rows (CREATE VIEW ...) return an empty
// schema and no rows.
struct StatementResult {
  type::Schema schema;
  std::vector<Row> rows;
};

class SltEngine {
 public:
  virtual ~SltEngine() = default;
  // Runs one statement to completion. Errors are returned, never thrown: `statement error`
  // records match the Status's text.
  virtual Result<StatementResult> Execute(std::string_view sql) = 0;
};

// A fresh engine by name ("runnel", "echo"); each test file gets its own, so temporary views
// and settings never leak from one file into the next.
Result<std::unique_ptr<SltEngine>> MakeEngine(std::string_view name);

// The names MakeEngine accepts, for --help and error messages.
std::vector<std::string> EngineNames();

}  // namespace runnel::slt
