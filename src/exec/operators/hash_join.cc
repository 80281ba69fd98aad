// Hash join, partition by partition: both inputs arrive hash-partitioned on the join keys, the
// right (build) side of a partition goes into a KeyTable, and left rows probe it.
#include "base/spelling.h"
#include "exec/key_table.h"
#include "exec/operators/join_output.h"
#include "exec/operators/operators.h"
#include "expr/evaluator.h"
#include "vector/selection.h"

namespace runnel::exec {
namespace {

using vector::ColumnPtr;

Result<std::vector<ColumnPtr>> EvaluateAll(const std::vector<expr::ExprPtr>& exprs, const vector::Batch& b,
                                           const function::KernelContext& kernel) {
  std::vector<ColumnPtr> out;
  for (const auto& e : exprs) {
    RUNNEL_ASSIGN_OR_RAISE(ColumnPtr c, expr::Evaluate(*e, b, kernel));
    out.push_back(std::move(c));
  }
  return out;
}

class HashJoinStream final : public vector::BatchStream {
 public:
  HashJoinStream(std::unique_ptr<vector::BatchStream> left, std::unique_ptr<vector::BatchStream> right,
                 const PhysicalOp& op, plan::JoinType type, const std::vector<expr::ExprPtr>& left_keys,
                 const std::vector<expr::ExprPtr>& right_keys, expr::ExprPtr residual,
                 const function::KernelContext& kernel)
      : left_(std::move(left)), right_(std::move(right)), op_(op), left_keys_(left_keys),
        right_keys_(right_keys), assembler_(type, std::move(residual), op.schema(), kernel), kernel_(kernel) {}

  Result<std::optional<vector::Batch>> Next() override {
    if (!built_) RUNNEL_RETURN_NOT_OK(Build());
    for (;;) {
      RUNNEL_ASSIGN_OR_RAISE(std::optional<vector::Batch> b, left_->Next());
      if (!b) break;
      RUNNEL_ASSIGN_OR_RAISE(std::vector<ColumnPtr> keys, EvaluateAll(left_keys_, *b, kernel_));
      std::vector<int32_t> ids(b->num_rows());
      table_->Find(keys, b->num_rows(), ids.data());
      std::vector<int32_t> l, r;
      for (int64_t i = 0; i < b->num_rows(); ++i) {
        if (ids[i] < 0) continue;
        for (int32_t k = starts_[ids[i]]; k < starts_[ids[i] + 1]; ++k) {
          l.push_back(static_cast<int32_t>(i));
          r.push_back(rows_[k]);
        }
      }
      RUNNEL_ASSIGN_OR_RAISE(vector::Batch out, assembler_.Probe(*b, std::move(l), std::move(r)));
      if (out.num_rows() > 0) return std::optional<vector::Batch>(std::move(out));
    }
    if (finished_) return std::optional<vector::Batch>();
    finished_ = true;
    return assembler_.FinishRight(*op_.children()[0]->schema());
  }

 private:
  Status Build() {
    built_ = true;
    RUNNEL_ASSIGN_OR_RAISE(std::vector<vector::Batch> batches, vector::DrainStream(*right_));
    const type::SchemaPtr& rs = op_.children()[1]->schema();
    vector::Batch all = batches.empty() ? vector::Batch(rs, EmptyColumns(*rs), 0)
                                        : vector::ConcatenateBatches(rs, batches);
    std::vector<type::DataTypePtr> types;
    for (const auto& k : right_keys_) types.push_back(k->type);
    table_ = std::make_unique<KeyTable>(types);
    RUNNEL_ASSIGN_OR_RAISE(std::vector<ColumnPtr> keys, EvaluateAll(right_keys_, all, kernel_));
    std::vector<uint32_t> ids(all.num_rows());
    table_->Insert(keys, all.num_rows(), ids.data());
    // Rows grouped by key id (counting sort), skipping NULL keys: they never match.
    std::vector<uint8_t> null_key(all.num_rows(), 0);
    for (const auto& k : keys) {
      for (int64_t i = 0; i < all.num_rows(); ++i) null_key[i] |= k->IsNull(i);
    }
    starts_.assign(table_->size() + 1, 0);
    for (int64_t i = 0; i < all.num_rows(); ++i) {
      if (!null_key[i]) ++starts_[ids[i] + 1];
    }
    for (size_t g = 1; g < starts_.size(); ++g) starts_[g] += starts_[g - 1];
    rows_.resize(starts_.back());
    std::vector<int32_t> fill(starts_.begin(), starts_.end() - 1);
    for (int64_t i = 0; i < all.num_rows(); ++i) {
      if (!null_key[i]) rows_[fill[ids[i]]++] = static_cast<int32_t>(i);
    }
    assembler_.SetRight(std::move(all));
    return Status::OK();
  }

  static std::vector<ColumnPtr> EmptyColumns(const type::Schema& s) {
    std::vector<ColumnPtr> out;
    for (const auto& f : s.fields()) out.push_back(vector::MakeNullColumn(f.type, 0));
    return out;
  }

  std::unique_ptr<vector::BatchStream> left_, right_;
  const PhysicalOp& op_;
  const std::vector<expr::ExprPtr>& left_keys_;
  const std::vector<expr::ExprPtr>& right_keys_;
  JoinAssembler assembler_;
  const function::KernelContext& kernel_;
  std::unique_ptr<KeyTable> table_;
  std::vector<int32_t> starts_, rows_;
  bool built_ = false, finished_ = false;
};

class HashJoinOp final : public PhysicalOp {
 public:
  HashJoinOp(PhysicalOpPtr left, PhysicalOpPtr right, plan::JoinType type, std::vector<expr::ExprPtr> left_keys,
             std::vector<expr::ExprPtr> right_keys, expr::ExprPtr residual, type::SchemaPtr schema)
      : PhysicalOp(std::move(schema), {left, right}), type_(type), left_keys_(std::move(left_keys)),
        right_keys_(std::move(right_keys)), residual_(std::move(residual)) {}

  int NumPartitions() const override { return children()[0]->NumPartitions(); }
  Result<std::unique_ptr<vector::BatchStream>> Execute(int partition, ExecContext& ctx) override {
    RUNNEL_ASSIGN_OR_RAISE(auto left, children()[0]->Execute(partition, ctx));
    RUNNEL_ASSIGN_OR_RAISE(auto right, children()[1]->Execute(partition, ctx));
    return std::unique_ptr<vector::BatchStream>(new HashJoinStream(
        std::move(left), std::move(right), *this, type_, left_keys_, right_keys_, residual_, ctx.kernel));
  }
  std::string Describe() const override {
    std::vector<std::string> keys;
    for (size_t i = 0; i < left_keys_.size(); ++i) {
      keys.push_back(left_keys_[i]->ToString() + " = " + right_keys_[i]->ToString());
    }
    return std::string("HashJoin ") + plan::JoinTypeName(type_) + " [" + base::JoinStrings(keys, ", ") + "]" +
           (residual_ ? " residual " + residual_->ToString() : "");
  }

 private:
  plan::JoinType type_;
  std::vector<expr::ExprPtr> left_keys_, right_keys_;
  expr::ExprPtr residual_;
};

}  // namespace

PhysicalOpPtr MakeHashJoin(PhysicalOpPtr left, PhysicalOpPtr right, plan::JoinType type,
                           std::vector<expr::ExprPtr> left_keys, std::vector<expr::ExprPtr> right_keys,
                           expr::ExprPtr residual, type::SchemaPtr schema) {
  return std::make_shared<HashJoinOp>(std::move(left), std::move(right), type, std::move(left_keys),
                                      std::move(right_keys), std::move(residual), std::move(schema));
}

}  // namespace runnel::exec
