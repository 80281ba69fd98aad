// The engine a golden file runs against. The runner only sends SQL text and reads back a
// result, so the same files can run against Runnel's SQL front end (once it exists) or against
// a stand-in engine in the runner's own tests.
#pragma once

#include <cstdint>
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

// Runs the `stream ...` records (test/streaming/): queries driven one trigger at a time, on a
// manual clock, with crashes injected at named points. One method per record kind.
class StreamDriver {
 public:
  virtual ~StreamDriver() = default;
  // An in-memory source with a DDL schema, queryable as `name` and STREAM(name).
  virtual Status Source(const std::string& name, const std::string& ddl_schema) = 0;
  virtual Status Start(const std::string& query, const std::string& output_mode, const std::string& sql) = 0;
  // One batch of rows, one JSON object per line.
  virtual Status AddData(const std::string& source, const std::vector<std::string>& json_lines) = 0;
  // One trigger; an armed crash that fires makes the query crashed (not an error).
  virtual Status Trigger(const std::string& query) = 0;
  // Rows the sink got from the last trigger, and every row it holds.
  virtual Result<StatementResult> LastOutput(const std::string& query) = 0;
  virtual Result<StatementResult> AllOutput(const std::string& query) = 0;
  virtual Status AdvanceClock(int64_t micros) = 0;
  // The event-time watermark the query's next batch runs with, as a timestamp's text.
  virtual Result<std::string> Watermark(const std::string& query) = 0;
  // The next trigger of `query` fails at `point` as a crash there would.
  virtual Status ArmCrash(const std::string& query, const std::string& point) = 0;
  virtual Status Restart(const std::string& query) = 0;
  virtual Status Stop(const std::string& query) = 0;
};

class SltEngine {
 public:
  virtual ~SltEngine() = default;
  // nullptr when the engine runs no streaming records.
  virtual StreamDriver* streams() { return nullptr; }
  // Writes `content` to `relative_path` under the file's test directory (the `write-file`
  // record), atomically, so a streaming source never sees half a file.
  virtual Status WriteTestFile(const std::string& relative_path, const std::string& content) {
    return Status::NotSupported("this engine has no test directory for write-file");
  }
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
