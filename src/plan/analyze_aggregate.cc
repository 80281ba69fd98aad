// Resolving an aggregation: bind the grouping expressions, lift every aggregate call out of the
// output expressions, and express the outputs over the aggregate's result layout
// [group_0 .. group_k, agg_0 .. agg_m]. The result is Project(outputs) over Aggregate.
#include "expr/binder.h"
#include "expr/evaluator.h"
#include "plan/analyzer.h"

namespace runnel::plan {

using expr::Expr;
using expr::ExprKind;
using expr::ExprPtr;

namespace {

// Identifies a bound expression by structure and column positions. ToString() cannot: it
// prints only column names, and both sides of a join may have a column `k`.
std::string StructuralKey(const Expr& e) {
  std::string key = std::to_string(static_cast<int>(e.kind)) + ":";
  if (e.kind == ExprKind::kBoundColumn) return key + "#" + std::to_string(e.index);
  key += e.ToString();
  for (const auto& c : e.children) key += "(" + StructuralKey(*c) + ")";
  return key;
}

class AggregateLifter {
 public:
  AggregateLifter(const LogicalPlan& child, std::vector<ExprPtr> groups,
                  const function::FunctionRegistry& registry)
      : groups_(std::move(groups)), registry_(registry),
        child_binder_({child.schema.get(), &child.qualifiers}, registry) {
    for (const auto& g : groups_) group_keys_.push_back(StructuralKey(*g));
  }

  // Rewrites an output expression over the aggregate's result layout.
  Result<ExprPtr> Lift(const ExprPtr& e) {
    if (e->kind == ExprKind::kAlias) {
      RUNNEL_ASSIGN_OR_RAISE(ExprPtr inner, Lift(e->children[0]));
      return expr::Alias(inner, e->name);
    }
    if (e->kind == ExprKind::kCall && !e->scalar && registry_.FindAggregate(e->name)) {
      return LiftAggregate(e);
    }
    // A whole expression equal to a grouping expression refers to that group column.
    if (!ContainsAggregate(e, registry_)) {
      auto bound = child_binder_.Bind(e);
      if (bound.ok()) {
        std::string key = StructuralKey(**bound);
        for (size_t i = 0; i < group_keys_.size(); ++i) {
          if (group_keys_[i] == key) {
            return expr::BoundColumn(static_cast<int>(i), groups_[i]->type, expr::OutputName(*e));
          }
        }
        if (expr::IsConstant(**bound)) return *bound;
      }
    }
    switch (e->kind) {
      case ExprKind::kLiteral: return e;
      case ExprKind::kColumn:
      case ExprKind::kBoundColumn: {
        // A field of a grouping STRUCT (`w.start` with GROUP BY w, or `window.start` with GROUP
        // BY window(ts, ...)) is a function of the group, as in Spark.
        auto bound = child_binder_.Bind(e);
        if (bound.ok()) {
          if (ExprPtr field = LiftGroupField(*bound)) return field;
        }
        return Status::Analysis("Column '" + e->ToString() +
                                "' must appear in the GROUP BY or be used in an aggregate "
                                "function (e.g. first(" + e->ToString() + "))");
      }
      case ExprKind::kCast: {
        RUNNEL_ASSIGN_OR_RAISE(ExprPtr child, Lift(e->children[0]));
        return expr::ExprBinder::CastTo(child, e->type);
      }
      case ExprKind::kSortKey: {
        RUNNEL_ASSIGN_OR_RAISE(ExprPtr child, Lift(e->children[0]));
        return expr::SortKey(child, e->ascending, e->nulls_first);
      }
      case ExprKind::kCall: {
        std::vector<ExprPtr> args;
        for (const auto& c : e->children) {
          RUNNEL_ASSIGN_OR_RAISE(ExprPtr a, Lift(c));
          args.push_back(std::move(a));
        }
        return output_binder().BindCall(e->name, std::move(args));
      }
      default: return Status::Analysis("Unsupported expression in an aggregation: " + e->ToString());
    }
  }

  std::vector<AggregateCall>& aggregates() { return aggregates_; }

  // The schema of [groups..., aggregates...].
  type::SchemaPtr ResultSchema(const std::vector<ExprPtr>& unbound_groups) const {
    std::vector<type::Field> fields;
    for (size_t i = 0; i < groups_.size(); ++i) {
      fields.push_back({expr::OutputName(*unbound_groups[i]), groups_[i]->type, true});
    }
    for (const auto& a : aggregates_) fields.push_back({a.display, a.bound->return_type, true});
    return std::make_shared<type::Schema>(std::move(fields));
  }

 private:
  // `bound` over the aggregate's result when it is a grouping expression or a field of one
  // (get_field chains); nullptr otherwise.
  ExprPtr LiftGroupField(const ExprPtr& bound) const {
    std::string key = StructuralKey(*bound);
    for (size_t i = 0; i < group_keys_.size(); ++i) {
      if (group_keys_[i] == key) return expr::BoundColumn(static_cast<int>(i), groups_[i]->type, groups_[i]->name);
    }
    if (bound->kind != ExprKind::kCall || bound->name != "get_field" || bound->children.empty()) return nullptr;
    ExprPtr inner = LiftGroupField(bound->children[0]);
    if (inner == nullptr) return nullptr;
    auto field = std::make_shared<Expr>(*bound);
    field->children[0] = std::move(inner);
    return field;
  }

  Result<ExprPtr> LiftAggregate(const ExprPtr& e) {
    const function::AggregateFunction* f = registry_.FindAggregate(e->name);
    std::vector<ExprPtr> args;
    function::BindArgs bind_args;
    bind_args.name = e->name;
    for (const auto& c : e->children) {
      if (c->kind == ExprKind::kStar && e->name == "count") continue;  // count(*)
      if (ContainsAggregate(c, registry_)) {
        return Status::Analysis("Aggregate functions cannot be nested: " + e->ToString());
      }
      RUNNEL_ASSIGN_OR_RAISE(ExprPtr a, child_binder_.Bind(c));
      bind_args.types.push_back(a->type);
      bind_args.constants.push_back(a->kind == ExprKind::kLiteral ? std::optional<type::Value>(a->literal)
                                                                  : std::nullopt);
      args.push_back(std::move(a));
    }
    // count(1), count('x'): a non-NULL literal counts rows, like count(*).
    if (e->name == "count" && args.size() == 1 && args[0]->kind == ExprKind::kLiteral &&
        !args[0]->literal.is_null() && !e->distinct) {
      args.clear();
      bind_args.types.clear();
      bind_args.constants.clear();
    }
    int n = static_cast<int>(args.size());
    if (n < f->min_args || (f->max_args >= 0 && n > f->max_args)) {
      return Status::Analysis("Aggregate " + e->name + "() got " + std::to_string(n) +
                              " arguments. Usage: " + f->signature);
    }
    RUNNEL_ASSIGN_OR_RAISE(function::BoundAggregate bound, f->bind(bind_args, e->distinct));
    for (size_t i = 0; i < args.size(); ++i) {
      RUNNEL_ASSIGN_OR_RAISE(args[i], expr::ExprBinder::CastTo(args[i], bound.arg_types[i]));
    }
    std::string display = e->ToString();
    for (size_t i = 0; i < aggregates_.size(); ++i) {
      if (aggregates_[i].display == display) return Reference(static_cast<int>(i));
    }
    AggregateCall call;
    call.function = f->name;
    call.args = std::move(args);
    call.distinct = e->distinct;
    call.bound = std::make_shared<function::BoundAggregate>(std::move(bound));
    call.display = display;
    aggregates_.push_back(std::move(call));
    return Reference(static_cast<int>(aggregates_.size() - 1));
  }

  ExprPtr Reference(int aggregate_index) const {
    const AggregateCall& a = aggregates_[aggregate_index];
    return expr::BoundColumn(static_cast<int>(groups_.size()) + aggregate_index,
                             a.bound->return_type, a.display);
  }

  expr::ExprBinder output_binder() {
    // Calls over lifted arguments: the arguments are already bound, so the scope is unused.
    return expr::ExprBinder({&empty_schema_, nullptr}, registry_);
  }

  std::vector<ExprPtr> groups_;
  std::vector<std::string> group_keys_;
  const function::FunctionRegistry& registry_;
  expr::ExprBinder child_binder_;
  std::vector<AggregateCall> aggregates_;
  type::Schema empty_schema_;
};

}  // namespace

Result<PlanPtr> Analyzer::ResolveAggregate(const PlanPtr& node) const {
  RUNNEL_ASSIGN_OR_RAISE(PlanPtr windowed, ExpandTimeWindow(node));
  if (windowed != nullptr) return ResolveAggregate(windowed);
  RUNNEL_ASSIGN_OR_RAISE(PlanPtr sessions, ExpandSessionWindow(node));
  if (sessions != nullptr) return ResolveAggregate(sessions);
  const PlanPtr& child = node->children[0];
  expr::ExprBinder binder({child->schema.get(), &child->qualifiers}, registry_);
  std::vector<ExprPtr> groups;
  for (const auto& g : node->group_by) {
    if (ContainsAggregate(g, registry_)) {
      return Status::Analysis("Aggregate functions are not allowed in GROUP BY: " + g->ToString());
    }
    // groupBy(expr.alias("day")): the alias names the output column, the key is the expr.
    RUNNEL_ASSIGN_OR_RAISE(ExprPtr b, binder.Bind(g->kind == ExprKind::kAlias ? g->children[0] : g));
    groups.push_back(std::move(b));
  }
  AggregateLifter lifter(*child, groups, registry_);
  std::vector<ExprPtr> outputs;
  std::vector<type::Field> fields;
  for (const auto& e : node->exprs) {
    RUNNEL_ASSIGN_OR_RAISE(ExprPtr lifted, lifter.Lift(e));
    fields.push_back({expr::OutputName(*e), lifted->type, true});
    outputs.push_back(std::move(lifted));
  }
  auto agg = std::make_shared<LogicalPlan>();
  agg->kind = PlanKind::kAggregate;
  agg->children = {child};
  agg->group_by = groups;
  agg->schema = lifter.ResultSchema(node->group_by);
  agg->aggregates = std::move(lifter.aggregates());
  agg->qualifiers.assign(agg->schema->num_fields(), "");
  for (size_t i = 0; i < groups.size(); ++i) {
    if (groups[i]->kind == ExprKind::kBoundColumn) agg->qualifiers[i] = child->qualifiers[groups[i]->index];
  }
  agg->resolved = true;
  agg->deduplicate = node->deduplicate;
  agg->within_watermark = node->within_watermark;
  if (child->kind == PlanKind::kSessionize) {
    // A stream keeps a key's sessions together and merges them across micro-batches.
    for (size_t i = 0; i < groups.size(); ++i) {
      if (groups[i]->kind == ExprKind::kBoundColumn && groups[i]->index == child->schema->num_fields() - 1) {
        agg->session_key = static_cast<int>(i);
      }
    }
  }
  if (node->within_watermark && !child->is_streaming()) {
    return Status::Analysis("dropDuplicatesWithinWatermark is not supported with batch DataFrames/DataSets");
  }

  auto project = std::make_shared<LogicalPlan>();
  project->kind = PlanKind::kProject;
  project->children = {agg};
  project->exprs = std::move(outputs);
  project->schema = std::make_shared<type::Schema>(std::move(fields));
  for (const auto& e : project->exprs) {
    project->qualifiers.push_back(e->kind == ExprKind::kBoundColumn ? agg->qualifiers[e->index] : "");
  }
  project->resolved = true;
  return PlanPtr(project);
}

}  // namespace runnel::plan
