// The reference a stream's output is compared with: the watermark each micro-batch ran with,
// computed from the rows alone (SPARK_SEMANTICS 2.1), the same query run as a batch over the
// input minus what the semantics drop as late (2.2, 2.3), and the fold of the stream's output
// batches per output mode (append: union; update: upsert by key; complete: the last result).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "consistency/corpus.h"
#include "consistency/scenario.h"
#include "consistency/stream_run.h"
#include "runnel/status.h"

namespace runnel::consistency {

// watermarks[j] is the watermark data micro-batch j ran with; the last entry is the one after
// every data batch. Batch j uses the value computed at the end of the batch before it: the
// largest event time read by earlier batches minus the delay, in ms, never below the first
// batch's 0 and never decreasing (SPARK_SEMANTICS 2.1.2-2.1.4). No-data batches read no rows,
// so they do not move it. With restarts the value comes back from the checkpoint (2.7), so the
// same formula holds. Only `events` carries a watermark.
std::vector<int64_t> DataBatchWatermarks(const Scenario& scenario, const StreamRun& run, int64_t delay_ms);

// The batch query over all input, each `events` row with the `arrival_wm` of its batch; sorted.
Result<std::vector<std::string>> BatchReference(const QueryCase& query, const Scenario& scenario,
                                                const StreamRun& run);

// The stream's output batches folded into one result per the query's Fold; sorted.
std::vector<std::string> FoldOutput(const QueryCase& query, const StreamRun& run);

}  // namespace runnel::consistency
