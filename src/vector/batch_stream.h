// A pull-based stream of batches: operators, readers and sources all hand out their output
// this way, one batch at a time.
#pragma once

#include <memory>
#include <optional>
#include <vector>

#include "base/status.h"
#include "vector/batch.h"

namespace runnel::vector {

class BatchStream {
 public:
  virtual ~BatchStream() = default;
  // The next batch, or nullopt at the end.
  virtual Result<std::optional<Batch>> Next() = 0;
};

// Streams batches held in memory.
class VectorBatchStream final : public BatchStream {
 public:
  explicit VectorBatchStream(std::vector<Batch> batches) : batches_(std::move(batches)) {}
  Result<std::optional<Batch>> Next() override {
    if (next_ >= batches_.size()) return std::optional<Batch>();
    return std::optional<Batch>(batches_[next_++]);
  }

 private:
  std::vector<Batch> batches_;
  size_t next_ = 0;
};

// Drains a stream into a vector.
Result<std::vector<Batch>> DrainStream(BatchStream& stream);

}  // namespace runnel::vector
