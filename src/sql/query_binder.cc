#include "sql/query_binder.h"

#include "base/clock.h"
#include "base/spelling.h"
#include "expr/binder.h"
#include "expr/evaluator.h"
#include "plan/analyzer.h"
#include "sql/binder.h"
#include "sql/expr_converter.h"

namespace runnel::sql {

using EP = expr::ExprPtr;
using plan::PlanPtr;

int64_t OrdinalOf(const Expr& e) {
  if (e.kind() != ExprKind::kLiteral) return 0;
  const type::Value& v = e.As<Literal>().value;
  if (v.is_null() || !v.type()->is_integral()) return 0;
  return v.AsInt64();
}

std::string PositionText(const SourcePosition& position) {
  return "(line " + std::to_string(position.line) + ", column " + std::to_string(position.column) + ")";
}

Result<PlanPtr> BindQuery(const Query& query, const BindContext& context) {
  return Binder(context).BindQuery(query);
}

Result<PlanPtr> Binder::Analyze(const PlanPtr& plan) const {
  return plan::Analyzer(*context_->registry).Analyze(plan);
}

Result<type::Value> Binder::EvaluateConstant(const Expr& e) const {
  RUNNEL_ASSIGN_OR_RAISE(EP converted, ConvertExpr(e));
  type::Schema empty;
  expr::ExprBinder binder({&empty, nullptr}, *context_->registry);
  auto bound = binder.Bind(converted);
  if (!bound.ok() || !expr::IsConstant(**bound, /*allow_query_time=*/true)) {
    return Status::Analysis("Expected a constant expression " + PositionText(e.position()) + ", got " + e.ToString() +
                            (bound.ok() ? "" : ": " + bound.status().message()));
  }
  // VALUES (current_timestamp()) holds the time the statement is bound, as Spark evaluates
  // inline tables during analysis.
  function::KernelContext ctx;
  ctx.query_timestamp_micros = base::SystemClock::Instance().NowMicros();
  return expr::EvaluateConstant(**bound, ctx);
}

Result<PlanPtr> Binder::RenameColumns(const PlanPtr& plan, const std::vector<std::string>& names,
                                      const std::string& what) const {
  RUNNEL_ASSIGN_OR_RAISE(PlanPtr resolved, Analyze(plan));
  const type::Schema& schema = *resolved->schema;
  if (static_cast<int>(names.size()) != schema.num_fields()) {
    return Status::Analysis(what + " names " + std::to_string(names.size()) + " columns but its query has " +
                            std::to_string(schema.num_fields()) + ": (" + base::JoinStrings(schema.names(), ", ") +
                            ")");
  }
  std::vector<EP> exprs;
  for (int i = 0; i < schema.num_fields(); ++i) {
    exprs.push_back(expr::Alias(expr::BoundColumn(i, schema.field(i).type, schema.field(i).name), names[i]));
  }
  return plan::Project(resolved, std::move(exprs));
}

Result<std::vector<EP>> Binder::SortKeys(const PlanPtr& plan, const std::vector<SortItem>& order_by) const {
  std::vector<EP> keys;
  type::SchemaPtr schema;
  for (const auto& item : order_by) {
    EP key;
    if (int64_t ordinal = OrdinalOf(*item.expr); ordinal != 0) {
      if (!schema) {
        RUNNEL_ASSIGN_OR_RAISE(PlanPtr resolved, Analyze(plan));
        schema = resolved->schema;
      }
      if (ordinal < 1 || ordinal > schema->num_fields()) {
        return Status::Analysis("ORDER BY position " + std::to_string(ordinal) + " is not in the select list (valid range is [1, " +
                                std::to_string(schema->num_fields()) + "]) " + PositionText(item.expr->position()));
      }
      const type::Field& f = schema->field(static_cast<int>(ordinal - 1));
      key = expr::BoundColumn(static_cast<int>(ordinal - 1), f.type, f.name);
    } else {
      RUNNEL_ASSIGN_OR_RAISE(key, ConvertExpr(*item.expr));
    }
    keys.push_back(expr::SortKey(key, item.ascending, item.nulls_first));
  }
  return keys;
}

namespace {
Result<int64_t> CountClause(const Binder& binder, const Expr& e, const char* clause) {
  RUNNEL_ASSIGN_OR_RAISE(type::Value v, binder.EvaluateConstant(e));
  if (v.is_null() || !v.type()->is_integral()) {
    return Status::Analysis(std::string(clause) + " must be a constant integer, got " + e.ToString() + " " +
                            PositionText(e.position()));
  }
  if (v.AsInt64() < 0) {
    return Status::Analysis(std::string(clause) + " must not be negative, got " + std::to_string(v.AsInt64()));
  }
  return v.AsInt64();
}
}  // namespace

Result<PlanPtr> Binder::BindQuery(const Query& query) const {
  Binder scope = *this;
  for (const auto& cte : query.ctes) {
    RUNNEL_ASSIGN_OR_RAISE(PlanPtr p, scope.BindQuery(*cte.query));
    if (!cte.columns.empty()) {
      RUNNEL_ASSIGN_OR_RAISE(p, scope.RenameColumns(p, cte.columns, "WITH " + cte.name));
    }
    scope.ctes_[base::ToLower(cte.name)] = plan::SubqueryAlias(p, cte.name);
  }
  PlanPtr plan;
  if (query.body->kind() == QueryTermKind::kSelect) {
    // A SELECT sorts itself: ORDER BY may use columns and aggregates the select list drops.
    RUNNEL_ASSIGN_OR_RAISE(plan, scope.BindSelect(query.body->As<SelectTerm>(), query.order_by));
  } else {
    RUNNEL_ASSIGN_OR_RAISE(plan, scope.BindTerm(*query.body));
    if (!query.order_by.empty()) {
      RUNNEL_ASSIGN_OR_RAISE(std::vector<EP> keys, scope.SortKeys(plan, query.order_by));
      plan = plan::Sort(plan, std::move(keys));
    }
  }
  if (query.limit || query.offset) {
    int64_t limit = plan::kNoLimit, offset = 0;
    if (query.limit) {
      RUNNEL_ASSIGN_OR_RAISE(limit, CountClause(scope, *query.limit, "LIMIT"));
    }
    if (query.offset) {
      RUNNEL_ASSIGN_OR_RAISE(offset, CountClause(scope, *query.offset, "OFFSET"));
    }
    plan = plan::Limit(plan, limit, offset);
  }
  return plan;
}

Result<PlanPtr> Binder::BindTerm(const QueryTerm& term) const {
  switch (term.kind()) {
    case QueryTermKind::kSelect: return BindSelect(term.As<SelectTerm>(), {});
    case QueryTermKind::kValues: return BindValues(term.As<ValuesTerm>().rows, TableAlias{});
    case QueryTermKind::kSetOperation: return BindSetOperation(term.As<SetOperationTerm>());
    case QueryTermKind::kNested: return BindQuery(*term.As<NestedTerm>().query);
  }
  return Status::Internal("unknown query term");
}

}  // namespace runnel::sql
