// The query binder's working state: the CTEs in scope and the context's lookups. One Binder per
// query level; a nested query copies it so its WITH names stay local. Split by concern over
// query_binder.cc (queries, ORDER BY, LIMIT), bind_select.cc, bind_relation.cc and
// bind_set_operation.cc.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "sql/ast_query.h"
#include "sql/query_binder.h"

namespace runnel::sql {

class Binder {
 public:
  explicit Binder(const BindContext& context) : context_(&context) {}

  Result<plan::PlanPtr> BindQuery(const Query& query) const;
  Result<plan::PlanPtr> BindTerm(const QueryTerm& term) const;
  Result<plan::PlanPtr> BindSelect(const SelectTerm& select, const std::vector<SortItem>& order_by) const;
  Result<plan::PlanPtr> BindSetOperation(const SetOperationTerm& term) const;
  Result<plan::PlanPtr> BindRelation(const Relation& relation) const;
  Result<plan::PlanPtr> BindValues(const std::vector<std::vector<ExprPtr>>& rows, const TableAlias& alias) const;

  // The resolved form of a plan (to learn its columns); errors are the analyzer's.
  Result<plan::PlanPtr> Analyze(const plan::PlanPtr& plan) const;
  // A constant expression's value (LIMIT, VALUES, table function arguments).
  Result<type::Value> EvaluateConstant(const Expr& e) const;
  // Renames the plan's columns (t(a, b)); an error when the counts differ.
  Result<plan::PlanPtr> RenameColumns(const plan::PlanPtr& plan, const std::vector<std::string>& names,
                                      const std::string& what) const;
  // ORDER BY keys over a plan's output columns (ordinals allowed).
  Result<std::vector<expr::ExprPtr>> SortKeys(const plan::PlanPtr& plan, const std::vector<SortItem>& order_by) const;

  const BindContext& context() const { return *context_; }

 private:
  Result<plan::PlanPtr> BindFrom(const SelectTerm& select) const;
  Result<plan::PlanPtr> BindLateralView(plan::PlanPtr input, const LateralView& view) const;
  Result<plan::PlanPtr> BindJoin(const JoinRelation& join) const;
  Result<plan::PlanPtr> BindTable(const TableRelation& table) const;
  // relation WATERMARK col [AS name] DELAY OF INTERVAL ...: withWatermark in SQL.
  Result<plan::PlanPtr> BindWatermark(const WatermarkRelation& watermark) const;

  const BindContext* context_;
  std::map<std::string, plan::PlanPtr> ctes_;  // lower-case name -> plan
};

// An integer literal used as a position (GROUP BY 1, ORDER BY 2): its value, or 0.
int64_t OrdinalOf(const Expr& e);
// Positions in error messages: "(line 1, column 8)".
std::string PositionText(const SourcePosition& position);

}  // namespace runnel::sql
