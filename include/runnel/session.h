// Session: the entry point (Spark's SparkSession). Holds the configuration, the temporary
// views and the thread pool, and creates DataFrames.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "runnel/data_stream.h"
#include "runnel/dataframe.h"
#include "runnel/row.h"
#include "runnel/schema.h"
#include "runnel/status.h"

namespace runnel {

struct SessionState;

// session.read(): parquet (the default), csv, json, text files (a file, a directory, or a glob).
class DataFrameReader {
 public:
  explicit DataFrameReader(std::shared_ptr<SessionState> session) : session_(std::move(session)) {}
  DataFrameReader& format(const std::string& format);
  DataFrameReader& option(const std::string& key, const std::string& value);
  // A string literal must not pick the bool overload: option("sep", "|").
  DataFrameReader& option(const std::string& key, const char* value) { return option(key, std::string(value)); }
  DataFrameReader& option(const std::string& key, bool value) { return option(key, std::string(value ? "true" : "false")); }
  DataFrameReader& options(const std::map<std::string, std::string>& options);
  // A DDL schema: "user STRING, ts TIMESTAMP, amount DOUBLE".
  DataFrameReader& schema(const std::string& ddl);
  DataFrameReader& schema(const type::Schema& schema);

  // Errors in the path or options surface from the DataFrame's actions.
  DataFrame load(const std::string& path) const;
  DataFrame csv(const std::string& path) { return format("csv").load(path); }
  DataFrame json(const std::string& path) { return format("json").load(path); }
  DataFrame text(const std::string& path) { return format("text").load(path); }
  DataFrame parquet(const std::string& path) { return format("parquet").load(path); }

 private:
  std::shared_ptr<SessionState> session_;
  std::string format_ = "parquet";
  std::map<std::string, std::string> options_;
  std::string schema_ddl_;
};

class Session {
 public:
  // A session with default configuration.
  static std::shared_ptr<Session> Make();

  DataFrameReader read() const;
  // Streams: session.readStream().format("json").schema(...).load(path) (runnel/data_stream.h).
  DataStreamReader readStream() const;
  // The streaming queries of this session (runnel/streaming_query.h).
  StreamingQueryManager streams() const;
  // A DataFrame over rows held in memory.
  DataFrame createDataFrame(const std::vector<Row>& rows, const type::Schema& schema) const;
  DataFrame createDataFrame(const std::vector<Row>& rows, const std::string& ddl_schema) const;
  // id BIGINT from start (inclusive) to end (exclusive).
  DataFrame range(int64_t start, int64_t end, int64_t step = 1) const;
  DataFrame range(int64_t end) const { return range(0, end); }
  // A temporary view registered with createOrReplaceTempView.
  Result<DataFrame> table(const std::string& name) const;

  // Runs one SQL statement (Spark SQL; see docs/sql.md). A query returns its DataFrame, lazily
  // evaluated like any other; a command (CREATE, INSERT, DROP, SET, ...) runs now and returns
  // its output rows (empty for most). Errors name the position: a caret under the problem.
  Result<DataFrame> sql(const std::string& text);

  // Configuration: runnel.sql.shuffle.partitions (default 8), ...
  Status setConf(const std::string& key, const std::string& value);
  std::string getConf(const std::string& key) const;

  // Cancels every action running now on this session (from any thread): each fails with
  // kCancelled "Query cancelled" at its next batch. Actions started later run normally.
  void interruptAll();

  const std::shared_ptr<SessionState>& state() const { return state_; }

 private:
  explicit Session(std::shared_ptr<SessionState> state) : state_(std::move(state)) {}
  std::shared_ptr<SessionState> state_;
};

}  // namespace runnel
