// The analyzer: turns an unresolved logical plan into a resolved one. Names become column
// indices, functions become bound kernels, types are checked and casts inserted, '*' expands,
// aggregates are lifted into Aggregate nodes, generators into Generate nodes, DISTINCT into an
// aggregation. Errors are kAnalysis with the offending name and close matches.
#pragma once

#include "base/status.h"
#include "expr/binder.h"
#include "function/registry.h"
#include "plan/logical_plan.h"

namespace runnel::plan {

class Analyzer {
 public:
  explicit Analyzer(const function::FunctionRegistry& registry) : registry_(registry) {}

  Result<PlanPtr> Analyze(const PlanPtr& plan) const;

 private:
  Result<PlanPtr> ResolveNode(const PlanPtr& node) const;
  Result<PlanPtr> ResolveScan(const PlanPtr& node) const;
  Result<PlanPtr> ResolveProject(const PlanPtr& node) const;
  Result<PlanPtr> ResolveFilter(const PlanPtr& node) const;
  Result<PlanPtr> ResolveAggregate(const PlanPtr& node) const;
  Result<PlanPtr> ResolveJoin(const PlanPtr& node) const;
  Result<PlanPtr> ResolveSort(const PlanPtr& node) const;
  Result<PlanPtr> SortBelowProjection(const PlanPtr& sort, const PlanPtr& project) const;
  Result<PlanPtr> ResolveUnion(const PlanPtr& node) const;
  // withWatermark (analyze_watermark.cc): the node stays over a stream and goes over a batch.
  Result<PlanPtr> ResolveEventTimeWatermark(const PlanPtr& node) const;
  // A Project/Aggregate whose expressions call window(): the same node over a Generate of the
  // windows (analyze_time_window.cc); nullptr when there is no window() call.
  Result<PlanPtr> ExpandTimeWindow(const PlanPtr& node) const;
  // An Aggregate grouping by session_window(ts, gap): the same node over a Sessionize
  // (analyze_session_window.cc); nullptr when there is none.
  Result<PlanPtr> ExpandSessionWindow(const PlanPtr& node) const;
  Result<PlanPtr> ResolveGenerate(const PlanPtr& child, const expr::ExprPtr& call,
                                  std::vector<std::string> names) const;

  const function::FunctionRegistry& registry_;
};

// The names a plan's output offers to expressions bound over it.
expr::Scope ScopeOf(const LogicalPlan& p);

// Whether the (unbound) expression contains a call to an aggregate function.
bool ContainsAggregate(const expr::ExprPtr& e, const function::FunctionRegistry& registry);

}  // namespace runnel::plan
