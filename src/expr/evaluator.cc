#include "expr/evaluator.h"

#include "function/cast.h"
#include "vector/column_builder.h"

namespace runnel::expr {

using vector::ColumnPtr;

namespace {

// STRUCT field access: the child column, with the parent's NULLs applied.
Result<ColumnPtr> GetField(const ColumnPtr& input, const std::string& field) {
  int f = input->type()->FieldIndex(field);
  if (f < 0) return Status::Internal("no struct field " + field);
  ColumnPtr child = input->child(f);
  if (!input->has_nulls()) return child;
  vector::ColumnBuilder builder(child->type());
  builder.Reserve(input->length());
  for (int64_t i = 0; i < input->length(); ++i) {
    if (input->IsNull(i)) {
      builder.AppendNull();
    } else {
      builder.AppendFrom(*child, i);
    }
  }
  return builder.Finish();
}

}  // namespace

Result<ColumnPtr> Evaluate(const Expr& e, const vector::Batch& batch,
                           const function::KernelContext& ctx) {
  switch (e.kind) {
    case ExprKind::kBoundColumn: return batch.column(e.index);
    case ExprKind::kLiteral: return vector::MakeConstantColumn(e.literal, batch.num_rows());
    case ExprKind::kAlias:
    case ExprKind::kSortKey: return Evaluate(*e.children[0], batch, ctx);
    case ExprKind::kCast: {
      RUNNEL_ASSIGN_OR_RAISE(ColumnPtr input, Evaluate(*e.children[0], batch, ctx));
      return function::CastColumn(input, e.type);
    }
    case ExprKind::kCall: {
      if (!e.scalar && e.name == "get_field") {
        RUNNEL_ASSIGN_OR_RAISE(ColumnPtr input, Evaluate(*e.children[0], batch, ctx));
        return GetField(input, e.children[1]->literal.string_value());
      }
      if (!e.scalar) return Status::Internal("unbound function call " + e.ToString());
      std::vector<ColumnPtr> args;
      args.reserve(e.children.size());
      for (const auto& c : e.children) {
        RUNNEL_ASSIGN_OR_RAISE(ColumnPtr a, Evaluate(*c, batch, ctx));
        args.push_back(std::move(a));
      }
      return e.scalar->kernel(args, batch.num_rows(), ctx);
    }
    default: return Status::Internal("cannot evaluate unbound expression " + e.ToString());
  }
}

Result<vector::Batch> EvaluateProjection(const std::vector<ExprPtr>& exprs,
                                         const type::SchemaPtr& schema,
                                         const vector::Batch& batch,
                                         const function::KernelContext& ctx) {
  std::vector<ColumnPtr> columns;
  columns.reserve(exprs.size());
  for (const auto& e : exprs) {
    RUNNEL_ASSIGN_OR_RAISE(ColumnPtr c, Evaluate(*e, batch, ctx));
    columns.push_back(std::move(c));
  }
  return vector::Batch(schema, std::move(columns), batch.num_rows());
}

bool IsConstant(const Expr& e, bool allow_query_time) {
  switch (e.kind) {
    case ExprKind::kLiteral: return true;
    case ExprKind::kCast:
    case ExprKind::kAlias: return IsConstant(*e.children[0], allow_query_time);
    case ExprKind::kCall:
      if (!e.scalar || !e.scalar->deterministic) return false;
      if (e.scalar->reads_query_time && !allow_query_time) return false;
      for (const auto& c : e.children) {
        if (!IsConstant(*c, allow_query_time)) return false;
      }
      return true;
    default: return false;
  }
}

Result<type::Value> EvaluateConstant(const Expr& e, const function::KernelContext& ctx) {
  static const vector::Batch kOneRow(std::make_shared<type::Schema>(), {}, 1);
  RUNNEL_ASSIGN_OR_RAISE(ColumnPtr c, Evaluate(e, kOneRow, ctx));
  return c->GetValue(0);
}

}  // namespace runnel::expr
