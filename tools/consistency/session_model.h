// A model of append-mode session windows on a stream (Spark's semantics, as
// src/streaming/stateful_session.h implements them), the reference of corpus cases that a batch
// query over all rows cannot express: a session the watermark closed is emitted once and
// forgotten, so a later row that would have touched it starts a session of its own, and what
// merges depends on how the rows were split into micro-batches.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "consistency/reference_model.h"
#include "runnel/status.h"

namespace runnel::consistency {

// The rows `[user, start, end, count(*), sum(amount)]` that
//   SELECT user, s.start, s.end, count(*), sum(amount) FROM (... session_window(ts, <gap>) ...
//   FROM events WATERMARK ts ... GROUP BY user, session_window(ts, <gap>))
// emits in append mode over the run's micro-batches, as Row::ToString strings.
Result<std::vector<std::string>> AppendSessionsByUser(const ReferenceInput& input, int64_t gap_seconds);

}  // namespace runnel::consistency
