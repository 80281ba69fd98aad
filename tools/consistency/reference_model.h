// The reference a stream's output is compared with: the watermark each micro-batch ran with,
// computed from the rows alone (SPARK_SEMANTICS 2.1), the same query run as a batch over the
// input minus what the semantics drop as late (2.2, 2.3) or the case's own model, and the fold
// of the stream's output batches per output mode (append: union; update: upsert by key;
// complete: the last result).
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

// The watermark data batch `batch` judged late rows by: the one the batch before it ran with
// (SPARK_SEMANTICS 2.1.7): a no-data batch's, which is the batch's own, or else the previous
// data batch's. The first batch uses its own.
int64_t LateWatermarkMs(const std::vector<int64_t>& watermarks, const StreamRun& run, int batch);

// What a QueryCase::reference model gets: the input, the run (which data batch read each chunk,
// where no-data batches ran) and the watermarks derived from them.
struct ReferenceInput {
  const Scenario& scenario;
  const StreamRun& run;
  // DataBatchWatermarks: per data batch the watermark it ran with (it evicts by it), then the
  // one after the last data batch (the final watermark).
  std::vector<int64_t> watermarks;
  // Per data batch, LateWatermarkMs: rows behind it are late.
  std::vector<int64_t> late_watermarks;
};

// The case's reference: its `reference` model when set, else BatchReference; sorted.
Result<std::vector<std::string>> Reference(const QueryCase& query, const Scenario& scenario, const StreamRun& run);

// The batch query over all input, each `events` row with the `arrival_wm` of its batch; sorted.
Result<std::vector<std::string>> BatchReference(const QueryCase& query, const Scenario& scenario,
                                                const StreamRun& run);

// The stream's output batches folded into one result per the query's Fold; sorted.
std::vector<std::string> FoldOutput(const QueryCase& query, const StreamRun& run);

}  // namespace runnel::consistency
