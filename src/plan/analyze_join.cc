// Resolving a join: the output is left columns then right columns (left only for semi and anti
// joins; USING columns once, first). Equality conjuncts between a left-only and a right-only
// expression become hash keys, cast to a common type; the rest stays as a residual condition
// over the concatenated row.
#include "expr/binder.h"
#include "function/coercion.h"
#include "plan/analyzer.h"

namespace runnel::plan {

using expr::Expr;
using expr::ExprKind;
using expr::ExprPtr;

namespace {

// Which sides an expression bound over [left ++ right] reads: bit 1 = left, bit 2 = right.
int SidesOf(const ExprPtr& e, int num_left) {
  int sides = 0;
  expr::Visit(e, [&](const ExprPtr& n) {
    if (n->kind == ExprKind::kBoundColumn) sides |= n->index < num_left ? 1 : 2;
    return true;
  });
  return sides;
}

// Re-bases column indices of a right-only expression onto the right input.
ExprPtr ShiftColumns(const ExprPtr& e, int by) {
  return expr::Transform(e, [by](const ExprPtr& n) -> ExprPtr {
    if (n->kind != ExprKind::kBoundColumn) return n;
    return expr::BoundColumn(n->index - by, n->type, n->name);
  });
}

}  // namespace

Result<PlanPtr> Analyzer::ResolveJoin(const PlanPtr& node) const {
  const PlanPtr& left = node->children[0];
  const PlanPtr& right = node->children[1];
  int num_left = left->schema->num_fields();
  auto p = std::make_shared<LogicalPlan>(*node);
  p->condition = nullptr;

  std::vector<type::Field> fields = left->schema->fields();
  std::vector<std::string> qualifiers = left->qualifiers;
  fields.insert(fields.end(), right->schema->fields().begin(), right->schema->fields().end());
  qualifiers.insert(qualifiers.end(), right->qualifiers.begin(), right->qualifiers.end());
  type::Schema combined(fields);
  expr::ExprBinder binder({&combined, &qualifiers}, registry_);

  std::vector<ExprPtr> conjuncts;
  if (!node->using_columns.empty()) {
    for (const auto& name : node->using_columns) {
      auto li = left->schema->Resolve(name);
      auto ri = right->schema->Resolve(name);
      if (!li.ok()) return Status::Analysis("USING column '" + name + "' not found on the left side of the join. Left columns: " + left->schema->ToString());
      if (!ri.ok()) return Status::Analysis("USING column '" + name + "' not found on the right side of the join. Right columns: " + right->schema->ToString());
      conjuncts.push_back(expr::Call("equal", {expr::BoundColumn(*li, left->schema->field(*li).type, name),
                                               expr::BoundColumn(num_left + *ri, right->schema->field(*ri).type, name)}));
    }
  } else if (node->condition) {
    if (ContainsAggregate(node->condition, registry_)) {
      return Status::Analysis("Aggregate functions are not allowed in a join condition: " + node->condition->ToString());
    }
    expr::SplitConjuncts(node->condition, &conjuncts);
  }

  std::vector<ExprPtr> residual;
  for (const auto& c : conjuncts) {
    RUNNEL_ASSIGN_OR_RAISE(ExprPtr bound, binder.Bind(c));
    // ON NULL is allowed and never true; the evaluators need a BOOLEAN column for it.
    if (bound->type->id() == type::TypeId::kNull) {
      RUNNEL_ASSIGN_OR_RAISE(bound, expr::ExprBinder::CastTo(bound, type::Boolean()));
    }
    if (bound->type->id() != type::TypeId::kBoolean) {
      return Status::Analysis("Join condition " + c->ToString() + " must be BOOLEAN, not " + bound->type->ToString());
    }
    // An equi-key: equal(l, r) with each side reading one input. Keys are compared before any
    // casts the binder put around them, at their common type.
    if (bound->kind == ExprKind::kCall && bound->name == "equal") {
      ExprPtr a = bound->children[0], b = bound->children[1];
      int sa = SidesOf(a, num_left), sb = SidesOf(b, num_left);
      if (sa == 2 && sb == 1) {
        std::swap(a, b);
        std::swap(sa, sb);
      }
      if (sa == 1 && sb == 2) {
        p->left_keys.push_back(a);
        p->right_keys.push_back(ShiftColumns(b, num_left));
        continue;
      }
    }
    residual.push_back(bound);
  }
  if (!residual.empty()) {
    ExprPtr cond = residual[0];
    for (size_t i = 1; i < residual.size(); ++i) {
      RUNNEL_ASSIGN_OR_RAISE(cond, binder.BindCall("and", {cond, residual[i]}));
    }
    p->condition = cond;
  }
  if (p->join_type == JoinType::kCross && (!p->left_keys.empty())) p->join_type = JoinType::kInner;

  // Output columns.
  if (p->join_type == JoinType::kLeftSemi || p->join_type == JoinType::kLeftAnti) {
    p->schema = left->schema;
    p->qualifiers = left->qualifiers;
  } else {
    p->schema = std::make_shared<type::Schema>(fields);
    p->qualifiers = qualifiers;
  }
  p->using_columns.clear();
  p->resolved = true;
  if (node->using_columns.empty() || p->join_type == JoinType::kLeftSemi ||
      p->join_type == JoinType::kLeftAnti) {
    return PlanPtr(p);
  }
  // USING: the join columns once (coalesced for a full outer join, from the preserved side
  // otherwise), then the remaining left and right columns.
  std::vector<ExprPtr> outputs;
  std::vector<int> used_left, used_right;
  for (const auto& name : node->using_columns) {
    int li = *left->schema->Resolve(name);
    int ri = *right->schema->Resolve(name);
    used_left.push_back(li);
    used_right.push_back(ri);
    ExprPtr l = expr::BoundColumn(li, fields[li].type, fields[li].name);
    ExprPtr r = expr::BoundColumn(num_left + ri, fields[num_left + ri].type, fields[num_left + ri].name);
    if (p->join_type == JoinType::kFullOuter) {
      RUNNEL_ASSIGN_OR_RAISE(ExprPtr merged, binder.BindCall("coalesce", {l, r}));
      outputs.push_back(expr::Alias(merged, fields[li].name));
    } else if (p->join_type == JoinType::kRightOuter) {
      outputs.push_back(expr::Alias(r, fields[li].name));
    } else {
      outputs.push_back(l);
    }
  }
  for (int i = 0; i < num_left; ++i) {
    if (std::find(used_left.begin(), used_left.end(), i) == used_left.end()) {
      outputs.push_back(expr::BoundColumn(i, fields[i].type, fields[i].name));
    }
  }
  for (int i = 0; i < right->schema->num_fields(); ++i) {
    if (std::find(used_right.begin(), used_right.end(), i) == used_right.end()) {
      outputs.push_back(expr::BoundColumn(num_left + i, fields[num_left + i].type, fields[num_left + i].name));
    }
  }
  auto project = std::make_shared<LogicalPlan>();
  project->kind = PlanKind::kProject;
  project->children = {p};
  std::vector<type::Field> out_fields;
  for (const auto& e : outputs) {
    out_fields.push_back({expr::OutputName(*e), e->type, true});
    project->qualifiers.push_back(e->kind == ExprKind::kBoundColumn ? qualifiers[e->index] : "");
  }
  project->exprs = std::move(outputs);
  project->schema = std::make_shared<type::Schema>(std::move(out_fields));
  project->resolved = true;
  return PlanPtr(project);
}

}  // namespace runnel::plan
