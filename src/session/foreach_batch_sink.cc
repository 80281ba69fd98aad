#include "session/foreach_batch_sink.h"

#include "plan/logical_plan.h"

namespace runnel {

Status ForeachBatchSink::AddBatch(int64_t batch_id, streaming::BatchOutput& output) {
  // The rows are computed once; every action the function runs on the DataFrame reads them.
  RUNNEL_ASSIGN_OR_RAISE(auto batches, output.Collect());
  auto source = std::make_shared<plan::InMemorySource>(output.schema(), std::move(batches), "batch " + std::to_string(batch_id));
  DataFrame df(session_, plan::Scan(source));
  RUNNEL_RETURN_NOT_OK(fn_(df, batch_id));
  return output.BeforeCommit();
}

}  // namespace runnel
