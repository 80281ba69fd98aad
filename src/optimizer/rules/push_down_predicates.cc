#include "expr/binder.h"
#include "optimizer/rules/rules.h"

namespace runnel::optimizer {

using expr::ExprKind;
using expr::ExprPtr;
using plan::JoinType;
using plan::LogicalPlan;
using plan::PlanKind;
using plan::PlanPtr;

namespace {

bool Deterministic(const ExprPtr& e) {
  bool ok = true;
  expr::Visit(e, [&](const ExprPtr& n) {
    if (n->scalar && !n->scalar->deterministic) ok = false;
    return ok;
  });
  return ok;
}

// Smallest and largest column index read (-1, -1 when none).
std::pair<int, int> ColumnRange(const ExprPtr& e) {
  int lo = -1, hi = -1;
  expr::Visit(e, [&](const ExprPtr& n) {
    if (n->kind == ExprKind::kBoundColumn) {
      lo = lo < 0 ? n->index : std::min(lo, n->index);
      hi = std::max(hi, n->index);
    }
    return true;
  });
  return {lo, hi};
}

ExprPtr Substitute(const ExprPtr& e, const std::function<ExprPtr(int)>& replacement) {
  return expr::Transform(e, [&](const ExprPtr& n) -> ExprPtr {
    return n->kind == ExprKind::kBoundColumn ? replacement(n->index) : n;
  });
}

class Pushdown {
 public:
  explicit Pushdown(const function::FunctionRegistry& registry) : registry_(registry) {}

  Result<PlanPtr> Rewrite(const PlanPtr& p) {
    std::vector<PlanPtr> children;
    bool changed = false;
    for (const auto& c : p->children) {
      RUNNEL_ASSIGN_OR_RAISE(PlanPtr r, Rewrite(c));
      changed |= r != c;
      children.push_back(std::move(r));
    }
    PlanPtr node = changed ? plan::WithChildren(p, std::move(children)) : p;
    if (node->kind != PlanKind::kFilter) return node;
    return PushFilter(node);
  }

 private:
  Result<ExprPtr> And(const std::vector<ExprPtr>& conjuncts) const {
    type::Schema empty;
    expr::ExprBinder binder({&empty, nullptr}, registry_);
    ExprPtr out = conjuncts[0];
    for (size_t i = 1; i < conjuncts.size(); ++i) {
      RUNNEL_ASSIGN_OR_RAISE(out, binder.BindCall("and", {out, conjuncts[i]}));
    }
    return out;
  }

  Result<PlanPtr> FilterOver(const PlanPtr& child, const std::vector<ExprPtr>& conjuncts) const {
    if (conjuncts.empty()) return child;
    RUNNEL_ASSIGN_OR_RAISE(ExprPtr cond, And(conjuncts));
    auto f = std::make_shared<LogicalPlan>();
    f->kind = PlanKind::kFilter;
    f->children = {child};
    f->exprs = {cond};
    f->schema = child->schema;
    f->qualifiers = child->qualifiers;
    f->resolved = true;
    return PlanPtr(f);
  }

  Result<PlanPtr> PushFilter(const PlanPtr& filter) {
    const PlanPtr& child = filter->children[0];
    const ExprPtr& cond = filter->exprs[0];
    if (!Deterministic(cond)) return filter;
    switch (child->kind) {
      case PlanKind::kFilter: {
        std::vector<ExprPtr> all;
        expr::SplitConjuncts(child->exprs[0], &all);
        expr::SplitConjuncts(cond, &all);
        return FilterOver(child->children[0], all);
      }
      case PlanKind::kProject: {
        for (const auto& e : child->exprs) {
          if (!Deterministic(e)) return filter;
        }
        ExprPtr pushed = Substitute(cond, [&](int i) {
          const ExprPtr& e = child->exprs[i];
          return e->kind == ExprKind::kAlias ? e->children[0] : e;
        });
        RUNNEL_ASSIGN_OR_RAISE(PlanPtr below, FilterOver(child->children[0], {pushed}));
        RUNNEL_ASSIGN_OR_RAISE(below, Rewrite(below));
        return plan::WithChildren(child, {below});
      }
      case PlanKind::kSort:
      case PlanKind::kSubqueryAlias: {
        RUNNEL_ASSIGN_OR_RAISE(PlanPtr below, FilterOver(child->children[0], {cond}));
        RUNNEL_ASSIGN_OR_RAISE(below, Rewrite(below));
        return plan::WithChildren(child, {below});
      }
      case PlanKind::kJoin: return PushIntoJoin(filter, child);
      case PlanKind::kAggregate: return PushBelowAggregate(filter, child);
      case PlanKind::kScan: {
        // Conjuncts the scan does not hold yet join its hints (a filter pushed down in several
        // steps arrives in parts); the Filter stays above the scan either way.
        std::vector<expr::ExprPtr> conjuncts;
        expr::SplitConjuncts(cond, &conjuncts);
        auto scan = std::make_shared<LogicalPlan>(*child);
        bool added = false;
        for (auto& c : conjuncts) {
          bool known = false;
          for (const auto& p : scan->pushed_filters) known = known || p->ToString() == c->ToString();
          if (!known) {
            scan->pushed_filters.push_back(std::move(c));
            added = true;
          }
        }
        if (!added) return filter;
        return plan::WithChildren(filter, {PlanPtr(scan)});
      }
      default: return filter;
    }
  }

  Result<PlanPtr> PushIntoJoin(const PlanPtr& filter, const PlanPtr& join) {
    int num_left = join->children[0]->schema->num_fields();
    JoinType t = join->join_type;
    bool left_ok = t == JoinType::kInner || t == JoinType::kCross || t == JoinType::kLeftOuter ||
                   t == JoinType::kLeftSemi || t == JoinType::kLeftAnti;
    bool right_ok = t == JoinType::kInner || t == JoinType::kCross || t == JoinType::kRightOuter;
    std::vector<ExprPtr> conjuncts, to_left, to_right, stay;
    expr::SplitConjuncts(filter->exprs[0], &conjuncts);
    for (const auto& c : conjuncts) {
      auto [lo, hi] = ColumnRange(c);
      if (lo >= 0 && hi < num_left && left_ok) {
        to_left.push_back(c);
      } else if (lo >= num_left && right_ok) {
        to_right.push_back(Substitute(c, [&](int i) {
          return expr::BoundColumn(i - num_left, join->schema->field(i).type, join->schema->field(i).name);
        }));
      } else {
        stay.push_back(c);
      }
    }
    if (to_left.empty() && to_right.empty()) return filter;
    RUNNEL_ASSIGN_OR_RAISE(PlanPtr left, FilterOver(join->children[0], to_left));
    RUNNEL_ASSIGN_OR_RAISE(PlanPtr right, FilterOver(join->children[1], to_right));
    RUNNEL_ASSIGN_OR_RAISE(left, Rewrite(left));
    RUNNEL_ASSIGN_OR_RAISE(right, Rewrite(right));
    return FilterOver(plan::WithChildren(join, {left, right}), stay);
  }

  Result<PlanPtr> PushBelowAggregate(const PlanPtr& filter, const PlanPtr& agg) {
    int num_groups = static_cast<int>(agg->group_by.size());
    std::vector<ExprPtr> conjuncts, below, stay;
    expr::SplitConjuncts(filter->exprs[0], &conjuncts);
    for (const auto& c : conjuncts) {
      auto [lo, hi] = ColumnRange(c);
      if (hi < num_groups && num_groups > 0) {
        below.push_back(Substitute(c, [&](int i) { return agg->group_by[i]; }));
      } else {
        stay.push_back(c);
      }
    }
    if (below.empty()) return filter;
    RUNNEL_ASSIGN_OR_RAISE(PlanPtr input, FilterOver(agg->children[0], below));
    RUNNEL_ASSIGN_OR_RAISE(input, Rewrite(input));
    return FilterOver(plan::WithChildren(agg, {input}), stay);
  }

  const function::FunctionRegistry& registry_;
};

}  // namespace

Result<PlanPtr> PushDownPredicates(const PlanPtr& plan, const function::FunctionRegistry& registry) {
  return Pushdown(registry).Rewrite(plan);
}

}  // namespace runnel::optimizer
