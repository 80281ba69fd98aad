// withWatermark(col, delay) / WATERMARK col DELAY OF ...: the event-time column must be a
// TIMESTAMP of the input, the delay not negative. Over a batch input the node goes away (Spark:
// "EventTime watermark should be ignored in batch query").
#include "plan/analyzer.h"

namespace runnel::plan {

Result<PlanPtr> Analyzer::ResolveEventTimeWatermark(const PlanPtr& node) const {
  const PlanPtr& child = node->children[0];
  if (!child->is_streaming()) return child;
  if (node->delay_micros < 0) {
    return Status::Analysis("Invalid watermark delay for " + node->exprs[0]->ToString() + ": " +
                            std::to_string(node->delay_micros / 1000) + " ms should not be negative.");
  }
  expr::ExprBinder binder(ScopeOf(*child), registry_);
  RUNNEL_ASSIGN_OR_RAISE(expr::ExprPtr bound, binder.Bind(node->exprs[0]));
  if (bound->kind != expr::ExprKind::kBoundColumn) {
    return Status::Analysis("The watermark's event time must be a column of the input, got " + node->exprs[0]->ToString());
  }
  if (bound->type->id() != type::TypeId::kTimestamp) {
    return Status::Analysis("Event time must be defined on a window or a timestamp, but " + bound->name +
                            " is of type " + bound->type->ToString());
  }
  auto p = std::make_shared<LogicalPlan>(*node);
  p->exprs = {bound};
  p->schema = child->schema;
  p->qualifiers = child->qualifiers;
  p->resolved = true;
  return PlanPtr(p);
}

}  // namespace runnel::plan
