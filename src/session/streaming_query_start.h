// Starting a streaming query from a plan and a sink: what writeStream().start(), toTable() and
// the SQL flows (CREATE STREAMING TABLE, CREATE FLOW, REFRESH) share once each has chosen its
// sink and checkpoint.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "plan/logical_plan.h"
#include "runnel/streaming_query.h"
#include "session/session_state.h"
#include "streaming/sink.h"

namespace runnel {

struct QueryStartOptions {
  std::string name;  // queryName; "" for none. Unique among the session's active queries.
  std::string checkpoint;
  bool temporary_checkpoint = false;  // deleted after a clean stop
  Trigger trigger;
  plan::OutputMode mode = plan::OutputMode::kAppend;
  // Sees this query's progress reports (after the session's listeners do).
  std::function<void(const StreamingQueryProgress&)> on_progress;
};

// Plans the query against its checkpoint (analysis, output-mode and sink checks fail here) and
// starts it on its own thread.
Result<StreamingQuery> StartStreamingQuery(const std::shared_ptr<SessionState>& session,
                                           const plan::PlanPtr& plan, streaming::SinkPtr sink,
                                           QueryStartOptions options);

// The sinks a format names with its options: parquet, csv, json (files at option path,
// partitioned by `partition_by`), console, noop. Memory, foreachBatch and tables are made by
// their callers.
Result<streaming::SinkPtr> MakeFormatSink(const SessionState& session, const std::string& format,
                                          const std::map<std::string, std::string>& options,
                                          const std::vector<std::string>& partition_by);

// Case-insensitive option lookup (Spark's options are case-insensitive).
std::optional<std::string> FindOption(const std::map<std::string, std::string>& options,
                                      const std::string& key);

}  // namespace runnel
