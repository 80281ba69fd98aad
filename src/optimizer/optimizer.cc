#include "optimizer/optimizer.h"

#include "optimizer/rules/rules.h"

namespace runnel::optimizer {

Result<plan::PlanPtr> Optimize(const plan::PlanPtr& plan, const function::FunctionRegistry& registry) {
  plan::PlanPtr current = plan;
  RUNNEL_ASSIGN_OR_RAISE(current, FoldConstants(current));
  // Pushdown can expose new opportunities (a filter reaching another filter); a few rounds
  // reach a fixed point for the plans we build.
  for (int round = 0; round < 4; ++round) {
    RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr next, PushDownPredicates(current, registry));
    bool changed = next != current;
    current = next;
    if (!changed) break;
  }
  // Pushdown substitutes projected expressions into filters, which may make them constant
  // (a filter on `c` where c = 1 + 2): fold again.
  RUNNEL_ASSIGN_OR_RAISE(current, FoldConstants(current));
  RUNNEL_ASSIGN_OR_RAISE(current, PruneColumns(current));
  return current;
}

}  // namespace runnel::optimizer
