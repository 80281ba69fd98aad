#include "expr/evaluator.h"
#include "optimizer/rules/rules.h"

namespace runnel::optimizer {

using expr::ExprKind;
using expr::ExprPtr;

Result<plan::PlanPtr> MapNodeExprs(const plan::PlanPtr& node,
                                   const std::function<Result<ExprPtr>(const ExprPtr&)>& fn) {
  auto p = std::make_shared<plan::LogicalPlan>(*node);
  auto map_all = [&](std::vector<ExprPtr>& v) -> Status {
    for (auto& e : v) {
      RUNNEL_ASSIGN_OR_RAISE(e, fn(e));
    }
    return Status::OK();
  };
  RUNNEL_RETURN_NOT_OK(map_all(p->exprs));
  RUNNEL_RETURN_NOT_OK(map_all(p->group_by));
  RUNNEL_RETURN_NOT_OK(map_all(p->left_keys));
  RUNNEL_RETURN_NOT_OK(map_all(p->right_keys));
  RUNNEL_RETURN_NOT_OK(map_all(p->generator_args));
  RUNNEL_RETURN_NOT_OK(map_all(p->pushed_filters));
  for (auto& a : p->aggregates) RUNNEL_RETURN_NOT_OK(map_all(a.args));
  if (p->condition) {
    RUNNEL_ASSIGN_OR_RAISE(p->condition, fn(p->condition));
  }
  return plan::PlanPtr(p);
}

namespace {

Result<ExprPtr> Fold(const ExprPtr& e) {
  function::KernelContext ctx;
  std::optional<Status> error;
  ExprPtr out = expr::Transform(e, [&](const ExprPtr& n) -> ExprPtr {
    if (error || (n->kind != ExprKind::kCall && n->kind != ExprKind::kCast) || !expr::IsConstant(*n)) return n;
    auto v = expr::EvaluateConstant(*n, ctx);
    if (!v.ok()) {
      error = v.status();
      return n;
    }
    return expr::Literal(*v);
  });
  if (error) return *error;
  return out;
}

}  // namespace

Result<plan::PlanPtr> FoldConstants(const plan::PlanPtr& plan) {
  std::vector<plan::PlanPtr> children;
  for (const auto& c : plan->children) {
    RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr folded, FoldConstants(c));
    children.push_back(std::move(folded));
  }
  RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr node, MapNodeExprs(plan, Fold));
  return plan::WithChildren(node, std::move(children));
}

}  // namespace runnel::optimizer
