#include <filesystem>

#include "base/spelling.h"
#include "base/uuid.h"
#include "expr/expr.h"
#include "runnel/data_stream.h"
#include "session/foreach_batch_sink.h"
#include "session/session_state.h"
#include "session/sql_table_statements.h"
#include "session/streaming_query_start.h"
#include "session/warehouse_table_sink.h"
#include "streaming/sinks/basic_sinks.h"

namespace runnel {

DataStreamWriter DataFrame::writeStream() const { return DataStreamWriter(session_, plan_); }

DataStreamWriter& DataStreamWriter::format(const std::string& format) {
  format_ = base::ToLower(format);
  return *this;
}
DataStreamWriter& DataStreamWriter::outputMode(const std::string& mode) {
  output_mode_ = mode;
  return *this;
}
DataStreamWriter& DataStreamWriter::queryName(const std::string& name) {
  query_name_ = name;
  return *this;
}
DataStreamWriter& DataStreamWriter::trigger(const Trigger& trigger) {
  trigger_ = trigger;
  return *this;
}
DataStreamWriter& DataStreamWriter::option(const std::string& key, const std::string& value) {
  options_[key] = value;
  return *this;
}
DataStreamWriter& DataStreamWriter::options(const std::map<std::string, std::string>& options) {
  for (const auto& [k, v] : options) options_[k] = v;
  return *this;
}
DataStreamWriter& DataStreamWriter::partitionBy(const std::vector<std::string>& columns) {
  partition_by_ = columns;
  return *this;
}
DataStreamWriter& DataStreamWriter::foreachBatch(BatchFunction fn) {
  batch_function_ = std::move(fn);
  format_ = "foreachbatch";
  return *this;
}

Result<StreamingQuery> DataStreamWriter::start(const std::string& path) const {
  DataStreamWriter copy = *this;
  copy.options_["path"] = path;
  return copy.start();
}

namespace {

// Sinks that keep nothing worth recovering may run without a checkpoint location (a temporary
// one is used and deleted after a clean stop), as in Spark.
bool MayUseTemporaryCheckpoint(const std::string& format) {
  return format == "console" || format == "memory" || format == "noop" || format == "foreachbatch";
}

// Option checkpointLocation, else <runnel.sql.streaming.checkpointLocation>/<queryName or a
// uuid>, else a temporary directory when the sink allows it.
Status ResolveCheckpoint(const SessionState& session, const std::map<std::string, std::string>& options,
                         const std::string& query_name, bool may_use_temporary, QueryStartOptions* start) {
  if (auto c = FindOption(options, "checkpointLocation")) {
    start->checkpoint = *c;
  } else if (std::string root = session.GetConf("runnel.sql.streaming.checkpointLocation", ""); !root.empty()) {
    start->checkpoint = io::JoinPath(root, query_name.empty() ? base::RandomUuid() : query_name);
  } else if (may_use_temporary) {
    start->checkpoint =
        (std::filesystem::temp_directory_path() / ("runnel-checkpoint-" + base::RandomUuid())).string();
    start->temporary_checkpoint = true;
  } else {
    return Status::InvalidArgument(
        "checkpointLocation must be specified either through option(\"checkpointLocation\", ...) or "
        "session.setConf(\"runnel.sql.streaming.checkpointLocation\", ...)");
  }
  return Status::OK();
}

Status CheckStreaming(const plan::PlanPtr& plan) {
  if (plan->is_streaming()) return Status::OK();
  return Status::Analysis("'writeStream' can be called only on streaming DataFrames: this query reads no stream. "
                          "Use write() for batch queries");
}

}  // namespace

Result<StreamingQuery> DataStreamWriter::toTable(const std::string& name) const {
  RUNNEL_RETURN_NOT_OK(CheckStreaming(plan_));
  QueryStartOptions start{query_name_, "", false, trigger_, plan::OutputMode::kAppend, nullptr};
  RUNNEL_ASSIGN_OR_RAISE(start.mode, plan::ParseOutputMode(output_mode_));
  RUNNEL_ASSIGN_OR_RAISE(std::string table, WarehouseTableName(expr::SplitName(name)));
  RUNNEL_RETURN_NOT_OK(ResolveCheckpoint(*session_, options_, query_name_, false, &start));
  TableSinkOptions sink{table, /*by_name=*/true, format_, partition_by_, {}};
  for (const auto& [k, v] : options_) {
    if (!base::EqualsIgnoreCase(k, "checkpointLocation")) sink.options[k] = v;
  }
  auto made = std::make_shared<WarehouseTableSink>(SessionWarehouse(session_), std::move(sink));
  return StartStreamingQuery(session_, plan_, std::move(made), std::move(start));
}

Result<StreamingQuery> DataStreamWriter::start() const {
  RUNNEL_RETURN_NOT_OK(CheckStreaming(plan_));
  QueryStartOptions start{query_name_, "", false, trigger_, plan::OutputMode::kAppend, nullptr};
  RUNNEL_ASSIGN_OR_RAISE(start.mode, plan::ParseOutputMode(output_mode_));
  std::string format = format_.empty() ? "parquet" : format_;

  streaming::SinkPtr sink;
  std::shared_ptr<streaming::MemorySink> memory_sink;
  if (format == "memory") {
    if (query_name_.empty()) return Status::InvalidArgument("queryName must be specified for memory sink");
    memory_sink = std::make_shared<streaming::MemorySink>(query_name_);
    sink = memory_sink;
  } else if (format == "foreachbatch") {
    sink = std::make_shared<ForeachBatchSink>(session_, batch_function_);
  } else {
    RUNNEL_ASSIGN_OR_RAISE(sink, MakeFormatSink(*session_, format, options_, partition_by_));
  }
  RUNNEL_RETURN_NOT_OK(ResolveCheckpoint(*session_, options_, query_name_, MayUseTemporaryCheckpoint(format), &start));
  RUNNEL_ASSIGN_OR_RAISE(StreamingQuery query, StartStreamingQuery(session_, plan_, sink, std::move(start)));
  if (memory_sink) {
    std::lock_guard<std::mutex> lock(session_->mutex);
    session_->temp_views[base::ToLower(query_name_)] = plan::Scan(memory_sink->AsTable());
  }
  return query;
}

}  // namespace runnel
