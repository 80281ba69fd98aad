#include "session/streaming_query_start.h"

#include "base/spelling.h"
#include "base/uuid.h"
#include "session/streaming_query_state.h"
#include "streaming/sinks/basic_sinks.h"
#include "streaming/sinks/file_stream_sink.h"

namespace runnel {

std::optional<std::string> FindOption(const std::map<std::string, std::string>& options,
                                      const std::string& key) {
  for (const auto& [k, v] : options) {
    if (base::EqualsIgnoreCase(k, key)) return v;
  }
  return std::nullopt;
}

namespace {

bool IsFileSinkFormat(const std::string& format) {
  return format == "parquet" || format == "csv" || format == "json";
}

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
  RUNNEL_ASSIGN_OR_RAISE(
      auto made, streaming::FileStreamSink::Make(session.StreamingFileSystem(), std::move(sink)));
  return streaming::SinkPtr(std::move(made));
}

}  // namespace

Result<streaming::SinkPtr> MakeFormatSink(const SessionState& session, const std::string& format,
                                          const std::map<std::string, std::string>& options,
                                          const std::vector<std::string>& partition_by) {
  if (format == "console") {
    RUNNEL_ASSIGN_OR_RAISE(auto console, streaming::ConsoleSink::Make(options));
    return streaming::SinkPtr(std::move(console));
  }
  if (format == "noop") return streaming::SinkPtr(std::make_shared<streaming::NoopSink>());
  if (IsFileSinkFormat(format)) return MakeFileSink(session, format, options, partition_by);
  return Status::InvalidArgument(
      "Unknown streaming sink format '" + format +
      "'. Streaming sinks: parquet, csv, json (files), console, memory, noop, foreachBatch");
}

Result<StreamingQuery> StartStreamingQuery(const std::shared_ptr<SessionState>& session,
                                           const plan::PlanPtr& plan, streaming::SinkPtr sink,
                                           QueryStartOptions options) {
  auto streams = session->streams;
  if (!options.name.empty()) {
    std::lock_guard<std::mutex> lock(streams->mutex);
    for (const auto& q : streams->active) {
      if (q->name && base::ToLower(*q->name) == base::ToLower(options.name)) {
        return Status::InvalidArgument(
            "Cannot start query with name " + options.name +
            " as a query with that name is already active in this session");
      }
    }
  }
  auto fs = session->StreamingFileSystem();
  auto state = std::make_shared<StreamingQueryState>();
  state->run_id = base::RandomUuid();
  state->fs = fs;
  if (!options.name.empty()) state->name = options.name;
  if (options.temporary_checkpoint) state->temp_checkpoint = options.checkpoint;
  state->streams = streams;

  streaming::ExecutionOptions opts;
  opts.name = options.name;
  opts.run_id = state->run_id;
  opts.checkpoint_root = options.checkpoint;
  opts.fs = fs;
  {
    std::lock_guard<std::mutex> lock(session->mutex);
    state->clock = session->streaming_clock;
    opts.fault_point = session->streaming_fault_point;
  }
  opts.clock = state->clock ? state->clock.get() : &base::SystemClock::Instance();
  opts.registry = session->registry;
  opts.trigger = options.trigger;
  opts.mode = options.mode;
  opts.conf = session->StreamingConf();
  opts.no_data_batches =
      base::ToLower(session->GetConf("runnel.sql.streaming.noDataMicroBatches.enabled", "true")) != "false";
  std::weak_ptr<StreamsState> weak_streams = streams;
  opts.on_progress = [weak_streams,
                      own = std::move(options.on_progress)](const StreamingQueryProgress& p) {
    if (auto s = weak_streams.lock()) {
      for (const auto& l : s->Listeners()) l->onQueryProgress(p);
    }
    if (own) own(p);
  };
  StreamingQueryState* raw = state.get();
  opts.on_idle = [weak_streams, raw]() {
    if (auto s = weak_streams.lock()) {
      StreamingQueryListener::QueryIdleEvent event{raw->id, raw->run_id, ""};
      for (const auto& l : s->Listeners()) l->onQueryIdle(event);
    }
  };
  RUNNEL_ASSIGN_OR_RAISE(state->execution,
                         streaming::MicroBatchExecution::Make(plan, sink, std::move(opts)));
  state->id = state->execution->id();

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
