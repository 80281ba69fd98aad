// Column pruning, top-down: each node learns which of its output columns are needed, keeps
// only what produces them, and tells its children what it reads. Every node returns the
// mapping old output index -> new index (-1 = dropped) so its parent can re-point references.
#include "optimizer/rules/rules.h"

namespace runnel::optimizer {

using expr::ExprKind;
using expr::ExprPtr;
using plan::LogicalPlan;
using plan::PlanKind;
using plan::PlanPtr;

namespace {

struct Pruned {
  PlanPtr plan;
  std::vector<int> mapping;
};

void MarkReferences(const ExprPtr& e, std::vector<bool>* needed, int shift = 0) {
  expr::Visit(e, [&](const ExprPtr& n) {
    if (n->kind == ExprKind::kBoundColumn) {
      int i = n->index - shift;
      if (i >= 0 && i < static_cast<int>(needed->size())) (*needed)[i] = true;
    }
    return true;
  });
}

ExprPtr Remap(const ExprPtr& e, const std::vector<int>& mapping, int shift = 0) {
  return expr::Transform(e, [&](const ExprPtr& n) -> ExprPtr {
    if (n->kind != ExprKind::kBoundColumn) return n;
    return expr::BoundColumn(mapping[n->index - shift], n->type, n->name);
  });
}

std::vector<ExprPtr> RemapAll(const std::vector<ExprPtr>& es, const std::vector<int>& mapping, int shift = 0) {
  std::vector<ExprPtr> out;
  for (const auto& e : es) out.push_back(Remap(e, mapping, shift));
  return out;
}

std::vector<int> Identity(int n) {
  std::vector<int> m(n);
  for (int i = 0; i < n; ++i) m[i] = i;
  return m;
}

// A pass-through node's output is its child's output.
PlanPtr WithChildSchema(const PlanPtr& node, const PlanPtr& child) {
  auto p = std::make_shared<LogicalPlan>(*node);
  p->children = {child};
  p->schema = child->schema;
  p->qualifiers = node->kind == PlanKind::kSubqueryAlias
                      ? std::vector<std::string>(child->schema->num_fields(), node->alias)
                      : child->qualifiers;
  return p;
}

Pruned Prune(const PlanPtr& p, const std::vector<bool>& needed);

Pruned PruneAll(const PlanPtr& p) {
  return Prune(p, std::vector<bool>(p->schema->num_fields(), true));
}

Pruned PruneScan(const PlanPtr& p, const std::vector<bool>& needed) {
  auto scan = std::make_shared<LogicalPlan>(*p);
  std::vector<int> mapping(needed.size(), -1);
  scan->projection.clear();
  std::vector<type::Field> fields;
  for (size_t i = 0; i < needed.size(); ++i) {
    if (!needed[i]) continue;
    mapping[i] = static_cast<int>(scan->projection.size());
    scan->projection.push_back(p->projection[i]);
    fields.push_back(p->schema->field(static_cast<int>(i)));
  }
  scan->schema = std::make_shared<type::Schema>(std::move(fields));
  scan->qualifiers.assign(scan->schema->num_fields(), p->qualifiers.empty() ? "" : p->qualifiers[0]);
  for (auto& f : scan->pushed_filters) f = Remap(f, mapping);
  return {scan, mapping};
}

Pruned PruneProject(const PlanPtr& p, const std::vector<bool>& needed) {
  const PlanPtr& child = p->children[0];
  std::vector<bool> child_needed(child->schema->num_fields(), false);
  for (size_t i = 0; i < needed.size(); ++i) {
    if (needed[i]) MarkReferences(p->exprs[i], &child_needed);
  }
  Pruned c = Prune(child, child_needed);
  auto proj = std::make_shared<LogicalPlan>(*p);
  proj->children = {c.plan};
  proj->exprs.clear();
  proj->qualifiers.clear();
  std::vector<type::Field> fields;
  std::vector<int> mapping(needed.size(), -1);
  for (size_t i = 0; i < needed.size(); ++i) {
    if (!needed[i]) continue;
    mapping[i] = static_cast<int>(proj->exprs.size());
    proj->exprs.push_back(Remap(p->exprs[i], c.mapping));
    fields.push_back(p->schema->field(static_cast<int>(i)));
    proj->qualifiers.push_back(p->qualifiers[i]);
  }
  proj->schema = std::make_shared<type::Schema>(std::move(fields));
  return {proj, mapping};
}

Pruned PruneJoin(const PlanPtr& p, const std::vector<bool>& needed) {
  const PlanPtr& left = p->children[0];
  const PlanPtr& right = p->children[1];
  int nl = left->schema->num_fields(), nr = right->schema->num_fields();
  bool semi = p->join_type == plan::JoinType::kLeftSemi || p->join_type == plan::JoinType::kLeftAnti;
  std::vector<bool> ln(nl, false), rn(nr, false);
  for (int i = 0; i < nl; ++i) ln[i] = needed[i];
  if (!semi) {
    for (int i = 0; i < nr; ++i) rn[i] = needed[nl + i];
  }
  for (const auto& k : p->left_keys) MarkReferences(k, &ln);
  for (const auto& k : p->right_keys) MarkReferences(k, &rn);
  if (p->condition) {
    MarkReferences(p->condition, &ln);
    MarkReferences(p->condition, &rn, nl);
  }
  Pruned l = Prune(left, ln), r = Prune(right, rn);
  int new_nl = l.plan->schema->num_fields();
  std::vector<int> combined(nl + nr, -1);
  for (int i = 0; i < nl; ++i) combined[i] = l.mapping[i];
  for (int i = 0; i < nr; ++i) combined[nl + i] = r.mapping[i] < 0 ? -1 : new_nl + r.mapping[i];
  auto join = std::make_shared<LogicalPlan>(*p);
  join->children = {l.plan, r.plan};
  join->left_keys = RemapAll(p->left_keys, l.mapping);
  join->right_keys = RemapAll(p->right_keys, r.mapping);
  if (p->condition) join->condition = Remap(p->condition, combined);
  std::vector<type::Field> fields = l.plan->schema->fields();
  std::vector<std::string> quals = l.plan->qualifiers;
  if (!semi) {
    fields.insert(fields.end(), r.plan->schema->fields().begin(), r.plan->schema->fields().end());
    quals.insert(quals.end(), r.plan->qualifiers.begin(), r.plan->qualifiers.end());
  }
  join->schema = std::make_shared<type::Schema>(std::move(fields));
  join->qualifiers = std::move(quals);
  std::vector<int> mapping(combined.begin(), combined.begin() + (semi ? nl : nl + nr));
  return {join, mapping};
}

Pruned PruneGenerate(const PlanPtr& p, const std::vector<bool>& needed) {
  const PlanPtr& child = p->children[0];
  int nc = child->schema->num_fields();
  std::vector<bool> cn(needed.begin(), needed.begin() + nc);
  for (const auto& a : p->generator_args) MarkReferences(a, &cn);
  Pruned c = Prune(child, cn);
  auto gen = std::make_shared<LogicalPlan>(*p);
  gen->children = {c.plan};
  gen->generator_args = RemapAll(p->generator_args, c.mapping);
  std::vector<type::Field> fields = c.plan->schema->fields();
  std::vector<std::string> quals = c.plan->qualifiers;
  std::vector<int> mapping = c.mapping;
  for (int i = nc; i < p->schema->num_fields(); ++i) {
    mapping.push_back(static_cast<int>(fields.size()));
    fields.push_back(p->schema->field(i));
    quals.push_back("");
  }
  gen->schema = std::make_shared<type::Schema>(std::move(fields));
  gen->qualifiers = std::move(quals);
  return {gen, mapping};
}

Pruned Prune(const PlanPtr& p, const std::vector<bool>& needed) {
  switch (p->kind) {
    case PlanKind::kScan: return PruneScan(p, needed);
    case PlanKind::kProject: return PruneProject(p, needed);
    case PlanKind::kJoin: return PruneJoin(p, needed);
    case PlanKind::kGenerate: return PruneGenerate(p, needed);
    case PlanKind::kFilter:
    case PlanKind::kSort:
    case PlanKind::kEventTimeWatermark: {
      std::vector<bool> cn = needed;
      for (const auto& e : p->exprs) MarkReferences(e, &cn);
      Pruned c = Prune(p->children[0], cn);
      PlanPtr node = WithChildSchema(p, c.plan);
      auto copy = std::make_shared<LogicalPlan>(*node);
      copy->exprs = RemapAll(p->exprs, c.mapping);
      return {copy, c.mapping};
    }
    case PlanKind::kLimit:
    case PlanKind::kSubqueryAlias: {
      Pruned c = Prune(p->children[0], needed);
      return {WithChildSchema(p, c.plan), c.mapping};
    }
    case PlanKind::kAggregate: {
      std::vector<bool> cn(p->children[0]->schema->num_fields(), false);
      for (const auto& g : p->group_by) MarkReferences(g, &cn);
      for (const auto& a : p->aggregates) {
        for (const auto& e : a.args) MarkReferences(e, &cn);
      }
      Pruned c = Prune(p->children[0], cn);
      auto agg = std::make_shared<LogicalPlan>(*p);
      agg->children = {c.plan};
      agg->group_by = RemapAll(p->group_by, c.mapping);
      for (auto& a : agg->aggregates) a.args = RemapAll(a.args, c.mapping);
      return {agg, Identity(p->schema->num_fields())};
    }
    default: {
      // Union, Values: keep every column.
      std::vector<PlanPtr> children;
      for (const auto& c : p->children) children.push_back(PruneAll(c).plan);
      return {plan::WithChildren(p, std::move(children)), Identity(p->schema->num_fields())};
    }
  }
}

}  // namespace

Result<PlanPtr> PruneColumns(const PlanPtr& plan) { return PruneAll(plan).plan; }

}  // namespace runnel::optimizer
