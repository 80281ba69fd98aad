// Nested-loop join: for joins without equality keys (cross joins, theta joins). The right side
// is gathered into one partition and every left row is paired with every right row, a slice at
// a time, then the condition filters the pairs.
#include "exec/operators/join_output.h"
#include "exec/operators/operators.h"
#include "vector/selection.h"

namespace runnel::exec {
namespace {

constexpr int64_t kMaxPairs = 64 * 1024;

class NestedLoopJoinStream final : public vector::BatchStream {
 public:
  NestedLoopJoinStream(std::unique_ptr<vector::BatchStream> left, std::unique_ptr<vector::BatchStream> right,
                       const PhysicalOp& op, plan::JoinType type, expr::ExprPtr condition,
                       const function::KernelContext& kernel)
      : left_(std::move(left)), right_(std::move(right)), op_(op),
        assembler_(type == plan::JoinType::kCross ? plan::JoinType::kInner : type, std::move(condition),
                   op.schema(), kernel) {}

  Result<std::optional<vector::Batch>> Next() override {
    if (!built_) {
      built_ = true;
      RUNNEL_ASSIGN_OR_RAISE(std::vector<vector::Batch> batches, vector::DrainStream(*right_));
      const type::SchemaPtr& rs = op_.children()[1]->schema();
      if (batches.empty()) {
        std::vector<vector::ColumnPtr> cols;
        for (const auto& f : rs->fields()) cols.push_back(vector::MakeNullColumn(f.type, 0));
        assembler_.SetRight(vector::Batch(rs, std::move(cols), 0));
      } else {
        assembler_.SetRight(vector::ConcatenateBatches(rs, batches));
      }
    }
    for (;;) {
      if (!current_ || offset_ >= current_->num_rows()) {
        RUNNEL_ASSIGN_OR_RAISE(current_, left_->Next());
        offset_ = 0;
        if (!current_) break;
      }
      int64_t right_rows = assembler_.right().num_rows();
      int64_t slice = std::max<int64_t>(1, kMaxPairs / std::max<int64_t>(1, right_rows));
      slice = std::min(slice, current_->num_rows() - offset_);
      vector::Batch part = current_->Slice(offset_, slice);
      offset_ += slice;
      std::vector<int32_t> l, r;
      for (int64_t i = 0; i < slice; ++i) {
        for (int64_t j = 0; j < right_rows; ++j) {
          l.push_back(static_cast<int32_t>(i));
          r.push_back(static_cast<int32_t>(j));
        }
      }
      RUNNEL_ASSIGN_OR_RAISE(vector::Batch out, assembler_.Probe(part, std::move(l), std::move(r)));
      if (out.num_rows() > 0) return std::optional<vector::Batch>(std::move(out));
    }
    if (finished_) return std::optional<vector::Batch>();
    finished_ = true;
    return assembler_.FinishRight(*op_.children()[0]->schema());
  }

 private:
  std::unique_ptr<vector::BatchStream> left_, right_;
  const PhysicalOp& op_;
  JoinAssembler assembler_;
  std::optional<vector::Batch> current_;
  int64_t offset_ = 0;
  bool built_ = false, finished_ = false;
};

class NestedLoopJoinOp final : public PhysicalOp {
 public:
  NestedLoopJoinOp(PhysicalOpPtr left, PhysicalOpPtr right, plan::JoinType type, expr::ExprPtr condition,
                   type::SchemaPtr schema)
      : PhysicalOp(std::move(schema), {left, right}), type_(type), condition_(std::move(condition)) {}

  int NumPartitions() const override { return children()[0]->NumPartitions(); }
  Result<std::unique_ptr<vector::BatchStream>> Execute(int partition, ExecContext& ctx) override {
    RUNNEL_ASSIGN_OR_RAISE(auto left, children()[0]->Execute(partition, ctx));
    // Every left partition sees the whole right side (partition 0 of a gather exchange).
    RUNNEL_ASSIGN_OR_RAISE(auto right, children()[1]->Execute(0, ctx));
    return std::unique_ptr<vector::BatchStream>(
        new NestedLoopJoinStream(std::move(left), std::move(right), *this, type_, condition_, ctx.kernel));
  }
  std::string Describe() const override {
    return std::string("NestedLoopJoin ") + plan::JoinTypeName(type_) +
           (condition_ ? " " + condition_->ToString() : "");
  }

 private:
  plan::JoinType type_;
  expr::ExprPtr condition_;
};

}  // namespace

PhysicalOpPtr MakeNestedLoopJoin(PhysicalOpPtr left, PhysicalOpPtr right, plan::JoinType type,
                                 expr::ExprPtr condition, type::SchemaPtr schema) {
  return std::make_shared<NestedLoopJoinOp>(std::move(left), std::move(right), type, std::move(condition),
                                            std::move(schema));
}

}  // namespace runnel::exec
