// The BatchOutput handed to a sink: runs the query's physical plan over the current
// micro-batch when the sink asks, counting the rows it produces.
#pragma once

#include <atomic>
#include <functional>

#include "exec/physical_op.h"
#include "streaming/sink.h"

namespace runnel::streaming {

class PlanBatchOutput final : public BatchOutput {
 public:
  PlanBatchOutput(exec::PhysicalOpPtr root, exec::ExecContext& ctx, std::function<Status()> before_commit)
      : root_(std::move(root)), ctx_(ctx), before_commit_(std::move(before_commit)) {}

  const type::SchemaPtr& schema() const override { return root_->schema(); }
  Status BeforeCommit() override { return before_commit_(); }
  Result<std::vector<vector::Batch>> Collect() override;
  Status ForEachPartition(const std::function<Status(int)>& begin,
                          const std::function<Status(int, vector::Batch)>& sink) override;
  // Rows produced so far (-1 before the sink read any).
  int64_t num_rows() const { return ran_ ? rows_.load() : -1; }

 private:
  exec::PhysicalOpPtr root_;
  exec::ExecContext& ctx_;
  std::function<Status()> before_commit_;
  std::atomic<int64_t> rows_{0};
  bool ran_ = false;
};

}  // namespace runnel::streaming
