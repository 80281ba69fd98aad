// Streams in and out (Spark's DataStreamReader / DataStreamWriter):
//
//   DataFrame events = session->readStream().format("json").schema("user STRING, ts TIMESTAMP")
//                          .option("maxFilesPerTrigger", "1").load("data/events");
//   auto query = events.filter("user IS NOT NULL").writeStream()
//                    .format("parquet").option("checkpointLocation", "ckpt/clean")
//                    .trigger(Trigger::ProcessingTime("10 seconds")).start("out/clean");
//
// Sources: file (parquet, csv, json, text), rate, rate-micro-batch, socket, and MemoryStream
// (runnel/memory_stream.h). Sinks: parquet/csv/json files, console, memory, noop, foreachBatch.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "runnel/dataframe.h"
#include "runnel/schema.h"
#include "runnel/status.h"
#include "runnel/streaming_query.h"

namespace runnel {

struct SessionState;

class DataStreamReader {
 public:
  explicit DataStreamReader(std::shared_ptr<SessionState> session) : session_(std::move(session)) {}
  DataStreamReader& format(const std::string& format);
  DataStreamReader& option(const std::string& key, const std::string& value);
  DataStreamReader& option(const std::string& key, const char* value) { return option(key, std::string(value)); }
  DataStreamReader& option(const std::string& key, bool value) { return option(key, std::string(value ? "true" : "false")); }
  DataStreamReader& option(const std::string& key, int64_t value) { return option(key, std::to_string(value)); }
  DataStreamReader& options(const std::map<std::string, std::string>& options);
  DataStreamReader& schema(const std::string& ddl);
  DataStreamReader& schema(const type::Schema& schema);

  // A streaming DataFrame (isStreaming()); errors in the options surface at start().
  DataFrame load() const;
  DataFrame load(const std::string& path) const;
  DataFrame csv(const std::string& path) { return format("csv").load(path); }
  DataFrame json(const std::string& path) { return format("json").load(path); }
  DataFrame text(const std::string& path) { return format("text").load(path); }
  DataFrame parquet(const std::string& path) { return format("parquet").load(path); }
  // A warehouse table's new files as they are committed.
  DataFrame table(const std::string& name) const;

 private:
  std::shared_ptr<SessionState> session_;
  std::string format_ = "parquet";
  std::map<std::string, std::string> options_;
  std::string schema_ddl_;
};

class DataStreamWriter {
 public:
  using BatchFunction = std::function<Status(const DataFrame& batch, int64_t batch_id)>;

  DataStreamWriter(std::shared_ptr<SessionState> session, std::shared_ptr<const plan::LogicalPlan> plan)
      : session_(std::move(session)), plan_(std::move(plan)) {}

  // parquet, csv, json (files), console, memory, noop; foreachBatch() sets its own.
  DataStreamWriter& format(const std::string& format);
  // "append" (the default), "update", "complete": checked against the query at start().
  DataStreamWriter& outputMode(const std::string& mode);
  // Names the query (unique among active ones); the memory sink's table.
  DataStreamWriter& queryName(const std::string& name);
  DataStreamWriter& trigger(const Trigger& trigger);
  DataStreamWriter& option(const std::string& key, const std::string& value);
  DataStreamWriter& option(const std::string& key, const char* value) { return option(key, std::string(value)); }
  DataStreamWriter& option(const std::string& key, bool value) { return option(key, std::string(value ? "true" : "false")); }
  DataStreamWriter& option(const std::string& key, int64_t value) { return option(key, std::to_string(value)); }
  DataStreamWriter& options(const std::map<std::string, std::string>& options);
  DataStreamWriter& partitionBy(const std::vector<std::string>& columns);
  // Calls `fn` with each micro-batch's rows as a batch DataFrame and the batch id (a re-run
  // batch comes again with the same id, so the function can be idempotent).
  DataStreamWriter& foreachBatch(BatchFunction fn);

  Result<StreamingQuery> start() const;
  Result<StreamingQuery> start(const std::string& path) const;
  // Appends to a warehouse table (created from the query's schema when missing).
  Result<StreamingQuery> toTable(const std::string& name) const;

 private:
  std::shared_ptr<SessionState> session_;
  std::shared_ptr<const plan::LogicalPlan> plan_;
  std::string format_;
  std::string output_mode_ = "append";
  std::string query_name_;
  Trigger trigger_;
  std::map<std::string, std::string> options_;
  std::vector<std::string> partition_by_;
  BatchFunction batch_function_;
};

}  // namespace runnel
