// Vectorized evaluation of bound expressions over a batch: each node yields a whole column.
#pragma once

#include <vector>

#include "base/status.h"
#include "expr/expr.h"
#include "function/scalar_function.h"
#include "vector/batch.h"

namespace runnel::expr {

Result<vector::ColumnPtr> Evaluate(const Expr& bound, const vector::Batch& batch,
                                   const function::KernelContext& ctx);

// Evaluates a list of expressions into a new batch with `schema`.
Result<vector::Batch> EvaluateProjection(const std::vector<ExprPtr>& exprs,
                                         const type::SchemaPtr& schema,
                                         const vector::Batch& batch,
                                         const function::KernelContext& ctx);

// Evaluates an expression without input (all literals); for constant folding.
Result<type::Value> EvaluateConstant(const Expr& bound, const function::KernelContext& ctx);
// No column references, deterministic, and not reading the query's time (unless
// `allow_query_time`: then the caller evaluates it with the query's time in the context).
bool IsConstant(const Expr& e, bool allow_query_time = false);

}  // namespace runnel::expr
