#include "streaming/streaming_relation.h"

namespace runnel::streaming {

namespace {
class CountingStream final : public vector::BatchStream {
 public:
  CountingStream(std::unique_ptr<vector::BatchStream> input, std::shared_ptr<std::atomic<int64_t>> rows)
      : input_(std::move(input)), rows_(std::move(rows)) {}
  Result<std::optional<vector::Batch>> Next() override {
    RUNNEL_ASSIGN_OR_RAISE(auto batch, input_->Next());
    if (batch) *rows_ += batch->num_rows();
    return batch;
  }

 private:
  std::unique_ptr<vector::BatchStream> input_;
  std::shared_ptr<std::atomic<int64_t>> rows_;
};
}  // namespace

Result<std::unique_ptr<vector::BatchStream>> StreamingRelation::Open(int, const std::vector<int>&,
                                                                     const std::vector<expr::ExprPtr>&) {
  return Status::Analysis("Queries with streaming sources must be executed with writeStream.start()");
}

int MicroBatchInput::NumPartitions() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return current_ ? current_->NumPartitions() : 0;
}

Result<std::unique_ptr<vector::BatchStream>> MicroBatchInput::Open(int partition, const std::vector<int>& projection,
                                                                   const std::vector<expr::ExprPtr>& filters) {
  plan::DataSourcePtr current;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    current = current_;
  }
  if (!current) return Status::Internal("MicroBatchInput " + name_ + " opened with no batch set");
  RUNNEL_ASSIGN_OR_RAISE(auto stream, current->Open(partition, projection, filters));
  return std::unique_ptr<vector::BatchStream>(new CountingStream(std::move(stream), rows_read_));
}

void MicroBatchInput::Set(plan::DataSourcePtr batch) {
  std::lock_guard<std::mutex> lock(mutex_);
  current_ = std::move(batch);
  rows_read_->store(0);
}

}  // namespace runnel::streaming
