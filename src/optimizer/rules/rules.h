// The optimizer's rules, one per file.
#pragma once

#include <functional>

#include "base/status.h"
#include "function/registry.h"
#include "plan/logical_plan.h"

namespace runnel::optimizer {

// Replaces deterministic expressions without column references by their value.
Result<plan::PlanPtr> FoldConstants(const plan::PlanPtr& plan);
// Moves filters towards the scans: through projections, into join sides, below aggregates
// (on grouping columns), sorts and unions, and records them on scans for the sources to use.
Result<plan::PlanPtr> PushDownPredicates(const plan::PlanPtr& plan, const function::FunctionRegistry& registry);
// Drops columns nobody above needs, down to what the scans read.
Result<plan::PlanPtr> PruneColumns(const plan::PlanPtr& plan);

// Applies `fn` to every expression held by one node (not its children).
Result<plan::PlanPtr> MapNodeExprs(const plan::PlanPtr& node,
                                   const std::function<Result<expr::ExprPtr>(const expr::ExprPtr&)>& fn);

}  // namespace runnel::optimizer
