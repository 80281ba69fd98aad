// What hash and nested-loop joins share: given candidate row pairs of one left batch, apply the
// residual condition and assemble the output rows the join type asks for.
#pragma once

#include <vector>

#include "exec/physical_op.h"
#include "expr/expr.h"
#include "plan/logical_plan.h"
#include "vector/batch.h"

namespace runnel::exec {

class JoinAssembler {
 public:
  JoinAssembler(plan::JoinType type, expr::ExprPtr residual, type::SchemaPtr schema,
                const function::KernelContext& kernel)
      : type_(type), residual_(std::move(residual)), schema_(std::move(schema)), kernel_(kernel) {}

  // The build (right) side: all its rows in one batch.
  void SetRight(vector::Batch right);
  const vector::Batch& right() const { return right_; }

  // Candidate pairs for `left`: left_rows[i] pairs with right_rows[i]. Returns the join's
  // output for this left batch.
  Result<vector::Batch> Probe(const vector::Batch& left, std::vector<int32_t> left_rows,
                              std::vector<int32_t> right_rows);
  // After the last left batch: the right rows never matched (right and full outer joins).
  Result<std::optional<vector::Batch>> FinishRight(const type::Schema& left_schema);

 private:
  vector::Batch Combine(const vector::Batch& left, const std::vector<int32_t>& left_rows,
                        const std::vector<int32_t>& right_rows) const;

  plan::JoinType type_;
  expr::ExprPtr residual_;
  type::SchemaPtr schema_;
  const function::KernelContext& kernel_;
  vector::Batch right_;
  std::vector<uint8_t> right_matched_;
};

}  // namespace runnel::exec
