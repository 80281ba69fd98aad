#include <filesystem>

#include "base/spelling.h"
#include "base/uuid.h"
#include "runnel/data_stream.h"
#include "session/foreach_batch_sink.h"
#include "session/session_state.h"
#include "session/streaming_query_state.h"
#include "streaming/sinks/basic_sinks.h"
#include "streaming/sinks/file_stream_sink.h"
#include "streaming/source.h"

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

Result<StreamingQuery> DataStreamWriter::toTable(const std::string& name) const {
  return Status::NotSupported("toTable('" + name + "') is not supported yet; write files with start(path)");
}

namespace {
std::optional<std::string> FindOption(const std::map<std::string, std::string>& options, const std::string& key) {
  for (const auto& [k, v] : options) {
    if (base::ToLower(k) == base::ToLower(key)) return v;
  }
  return std::nullopt;
}

// Sinks that keep nothing worth recovering may run without a checkpoint location (a temporary
// one is used and deleted after a clean stop), as in Spark.
bool MayUseTemporaryCheckpoint(const std::string& format) {
  return format == "console" || format == "memory" || format == "noop" || format == "foreachbatch";
}

bool IsFileSinkFormat(const std::string& format) { return format == "parquet" || format == "csv" || format == "json"; }

Result<streaming::SinkPtr> MakeFileSink(const SessionState& session, const std::string& format,
                                        const std::map<std::string, std::string>& options,
                                        const std::vector<std::string>& partition_by) {
  streaming::FileSinkOptions sink;
  sink.path = FindOption(options, "path").value_or("");
  sink.format = format;
  sink.options = options;
  sink.partition_columns = partition_by;
  std::string interval = session.GetConf(streaming::kFileSinkCompactIntervalConf, "10");
  try {
    sink.compact_interval = std::stoll(interval);
  } catch (const std::exception&) {
    return Status::InvalidArgument(std::string(streaming::kFileSinkCompactIntervalConf) +
                                   " must be a positive integer, got '" + interval + "'");
  }
  RUNNEL_ASSIGN_OR_RAISE(auto made, streaming::FileStreamSink::Make(session.StreamingFileSystem(), std::move(sink)));
  return streaming::SinkPtr(std::move(made));
}
}  // namespace

Result<StreamingQuery> DataStreamWriter::start() const {
  if (!plan_->is_streaming()) {
    return Status::Analysis("'writeStream' can be called only on streaming DataFrames: this query reads no stream. "
                            "Use write() for batch queries");
  }
  RUNNEL_ASSIGN_OR_RAISE(plan::OutputMode mode, plan::ParseOutputMode(output_mode_));
  std::string format = format_.empty() ? "parquet" : format_;
  auto streams = session_->streams;
  if (!query_name_.empty()) {
    std::lock_guard<std::mutex> lock(streams->mutex);
    for (const auto& q : streams->active) {
      if (q->name && base::ToLower(*q->name) == base::ToLower(query_name_)) {
        return Status::InvalidArgument("Cannot start query with name " + query_name_ +
                                       " as a query with that name is already active in this session");
      }
    }
  }

  streaming::SinkPtr sink;
  std::shared_ptr<streaming::MemorySink> memory_sink;
  if (format == "console") {
    RUNNEL_ASSIGN_OR_RAISE(sink, streaming::ConsoleSink::Make(options_));
  } else if (format == "memory") {
    if (query_name_.empty()) return Status::InvalidArgument("queryName must be specified for memory sink");
    memory_sink = std::make_shared<streaming::MemorySink>(query_name_);
    sink = memory_sink;
  } else if (format == "noop") {
    sink = std::make_shared<streaming::NoopSink>();
  } else if (format == "foreachbatch") {
    sink = std::make_shared<ForeachBatchSink>(session_, batch_function_);
  } else if (IsFileSinkFormat(format)) {
    RUNNEL_ASSIGN_OR_RAISE(sink, MakeFileSink(*session_, format, options_, partition_by_));
  } else {
    return Status::InvalidArgument("Unknown streaming sink format '" + format +
                                   "'. Streaming sinks: parquet, csv, json (files), console, memory, noop, foreachBatch");
  }

  auto fs = session_->StreamingFileSystem();
  std::string checkpoint;
  std::string temp_checkpoint;
  if (auto c = FindOption(options_, "checkpointLocation")) {
    checkpoint = *c;
  } else if (std::string root = session_->GetConf("runnel.sql.streaming.checkpointLocation", ""); !root.empty()) {
    checkpoint = io::JoinPath(root, query_name_.empty() ? base::RandomUuid() : query_name_);
  } else if (MayUseTemporaryCheckpoint(format)) {
    temp_checkpoint = checkpoint =
        (std::filesystem::temp_directory_path() / ("runnel-checkpoint-" + base::RandomUuid())).string();
  } else {
    return Status::InvalidArgument(
        "checkpointLocation must be specified either through option(\"checkpointLocation\", ...) or "
        "session.setConf(\"runnel.sql.streaming.checkpointLocation\", ...)");
  }

  auto state = std::make_shared<StreamingQueryState>();
  state->run_id = base::RandomUuid();
  if (!query_name_.empty()) state->name = query_name_;
  state->temp_checkpoint = temp_checkpoint;
  state->fs = fs;
  state->streams = streams;

  streaming::ExecutionOptions opts;
  opts.name = query_name_;
  opts.run_id = state->run_id;
  opts.checkpoint_root = checkpoint;
  opts.fs = fs;
  {
    std::lock_guard<std::mutex> lock(session_->mutex);
    state->clock = session_->streaming_clock;
    opts.fault_point = session_->streaming_fault_point;
  }
  opts.clock = state->clock ? state->clock.get() : &base::SystemClock::Instance();
  opts.registry = session_->registry;
  opts.trigger = trigger_;
  opts.mode = mode;
  opts.conf[streaming::kShufflePartitionsConf] = std::to_string(session_->shuffle_partitions());
  std::weak_ptr<StreamsState> weak_streams = streams;
  opts.on_progress = [weak_streams](const StreamingQueryProgress& p) {
    if (auto s = weak_streams.lock()) {
      for (const auto& l : s->Listeners()) l->onQueryProgress(p);
    }
  };
  StreamingQueryState* raw = state.get();
  opts.on_idle = [weak_streams, raw]() {
    if (auto s = weak_streams.lock()) {
      StreamingQueryListener::QueryIdleEvent event{raw->id, raw->run_id, ""};
      for (const auto& l : s->Listeners()) l->onQueryIdle(event);
    }
  };
  RUNNEL_ASSIGN_OR_RAISE(state->execution, streaming::MicroBatchExecution::Make(plan_, sink, std::move(opts)));
  state->id = state->execution->id();

  if (memory_sink) {
    std::lock_guard<std::mutex> lock(session_->mutex);
    session_->temp_views[base::ToLower(query_name_)] = plan::Scan(memory_sink->AsTable());
  }
  StreamingQueryListener::QueryStartedEvent started{state->id, state->run_id, state->name, ""};
  for (const auto& l : streams->Listeners()) l->onQueryStarted(started);
  {
    std::lock_guard<std::mutex> lock(streams->mutex);
    streams->active.push_back(state);
  }
  state->Launch(state);
  return StreamingQuery(state);
}

}  // namespace runnel
