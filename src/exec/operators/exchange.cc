// Exchange: hash-repartitions its input on key expressions (a shuffle). Prepare() runs the
// whole stage below on the thread pool and keeps the output buckets in memory; Execute(p) then
// streams bucket p. With no keys everything lands in one partition (a gather).
#include <mutex>

#include "base/spelling.h"
#include "exec/key_table.h"
#include "exec/operators/operators.h"
#include "expr/evaluator.h"
#include "vector/selection.h"

namespace runnel::exec {
namespace {

class ExchangeOp final : public PhysicalOp {
 public:
  ExchangeOp(PhysicalOpPtr child, std::vector<expr::ExprPtr> keys, int num_partitions)
      : PhysicalOp(child->schema(), {child}), keys_(std::move(keys)),
        num_partitions_(keys_.empty() ? 1 : std::max(1, num_partitions)) {}

  int NumPartitions() const override { return num_partitions_; }

  Status Prepare(ExecContext& ctx) override {
    RUNNEL_RETURN_NOT_OK(PhysicalOp::Prepare(ctx));
    PhysicalOp& child = *children()[0];
    int tasks = child.NumPartitions();
    // buckets[task][partition]: each task writes only its own row, so no locking.
    std::vector<std::vector<std::vector<vector::Batch>>> buckets(
        tasks, std::vector<std::vector<vector::Batch>>(num_partitions_));
    RUNNEL_RETURN_NOT_OK(RunPartitions(child, ctx, [&](int task, vector::Batch b) -> Status {
      if (num_partitions_ == 1) {
        buckets[task][0].push_back(std::move(b));
        return Status::OK();
      }
      std::vector<vector::ColumnPtr> key_columns;
      for (const auto& k : keys_) {
        RUNNEL_ASSIGN_OR_RAISE(vector::ColumnPtr c, expr::Evaluate(*k, b, ctx.kernel));
        key_columns.push_back(std::move(c));
      }
      std::vector<uint64_t> hashes = HashKeys(key_columns, b.num_rows());
      std::vector<vector::SelectionVector> selections(num_partitions_);
      for (int64_t i = 0; i < b.num_rows(); ++i) {
        // The high bits pick the partition; the low bits are for hash tables downstream.
        selections[(hashes[i] >> 32) % num_partitions_].push_back(static_cast<int32_t>(i));
      }
      for (int p = 0; p < num_partitions_; ++p) {
        if (!selections[p].empty()) buckets[task][p].push_back(vector::TakeRows(b, selections[p]));
      }
      return Status::OK();
    }));
    outputs_.assign(num_partitions_, {});
    for (int p = 0; p < num_partitions_; ++p) {
      for (int t = 0; t < tasks; ++t) {
        for (auto& b : buckets[t][p]) outputs_[p].push_back(std::move(b));
      }
    }
    return Status::OK();
  }

  Result<std::unique_ptr<vector::BatchStream>> Execute(int partition, ExecContext&) override {
    if (outputs_.empty()) return Status::Internal("Exchange executed before Prepare()");
    return std::unique_ptr<vector::BatchStream>(new vector::VectorBatchStream(outputs_[partition]));
  }

  std::string Describe() const override {
    if (keys_.empty()) return "Exchange SinglePartition";
    std::vector<std::string> names;
    for (const auto& k : keys_) names.push_back(k->ToString());
    return "Exchange hashpartitioning(" + base::JoinStrings(names, ", ") + ", " +
           std::to_string(num_partitions_) + ")";
  }

 private:
  std::vector<expr::ExprPtr> keys_;
  int num_partitions_;
  std::vector<std::vector<vector::Batch>> outputs_;
};

}  // namespace

PhysicalOpPtr MakeExchange(PhysicalOpPtr child, std::vector<expr::ExprPtr> keys, int num_partitions) {
  return std::make_shared<ExchangeOp>(std::move(child), std::move(keys), num_partitions);
}

}  // namespace runnel::exec
