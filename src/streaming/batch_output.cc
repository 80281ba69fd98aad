#include "streaming/batch_output.h"

namespace runnel::streaming {

Result<std::vector<vector::Batch>> PlanBatchOutput::Collect() {
  ran_ = true;
  RUNNEL_ASSIGN_OR_RAISE(auto batches, exec::CollectAll(root_, ctx_));
  for (const auto& b : batches) rows_ += b.num_rows();
  return batches;
}

Status PlanBatchOutput::ForEachPartition(const std::function<Status(int)>& begin,
                                         const std::function<Status(int, vector::Batch)>& sink) {
  ran_ = true;
  RUNNEL_RETURN_NOT_OK(begin(root_->NumPartitions()));
  RUNNEL_RETURN_NOT_OK(root_->Prepare(ctx_));
  return exec::RunPartitions(*root_, ctx_, [&](int partition, vector::Batch batch) {
    rows_ += batch.num_rows();
    return sink(partition, std::move(batch));
  });
}

}  // namespace runnel::streaming
