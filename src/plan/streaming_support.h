// The streaming support checker (Spark's UnsupportedOperationChecker): run at start() on the
// analyzed plan of a streaming query, it rejects every operator the micro-batch engine cannot
// run correctly, naming the operator and the reason, so a query never gives wrong results.
#pragma once

#include <string>

#include "base/status.h"
#include "plan/logical_plan.h"

namespace runnel::plan {

// Spark's output modes: Append writes rows added since the last trigger and never changed
// again; Update the rows changed since the last trigger; Complete the whole result every time.
enum class OutputMode { kAppend, kUpdate, kComplete };
const char* OutputModeName(OutputMode mode);  // "Append", "Update", "Complete"
// "append", "update", "complete" (any case).
Result<OutputMode> ParseOutputMode(const std::string& text);

// The grouping key of an Aggregate that carries event time: a TIMESTAMP key named like a
// watermarked column below it, or a window STRUCT<start, end> key when there is a watermark
// below. -1 when there is none (then state is never evicted).
// A session_window() key counts only when the session's time column is watermarked.
int EventTimeKeyIndex(const LogicalPlan& aggregate);

// Whether `column` (a column of `node`'s children) is the event-time column of a watermark
// below `node`.
bool IsWatermarked(const LogicalPlan& node, const expr::ExprPtr& column);

// OK when `analyzed` (a streaming plan) can run incrementally in `mode`.
Status CheckStreamingSupport(const PlanPtr& analyzed, OutputMode mode);

}  // namespace runnel::plan
