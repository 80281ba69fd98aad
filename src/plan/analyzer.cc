#include "plan/analyzer.h"

#include "base/spelling.h"
#include "expr/binder.h"
#include "function/coercion.h"

namespace runnel::plan {

using expr::Expr;
using expr::ExprKind;
using expr::ExprPtr;

namespace {

std::shared_ptr<LogicalPlan> CopyNode(const PlanPtr& node) {
  return std::make_shared<LogicalPlan>(*node);
}

}  // namespace

expr::Scope ScopeOf(const LogicalPlan& p) { return {p.schema.get(), &p.qualifiers}; }

namespace {

// The qualifier a bound output expression keeps: a plain column keeps its relation's.
std::string QualifierOf(const ExprPtr& bound, const LogicalPlan& child) {
  const Expr* e = bound.get();
  if (e->kind == ExprKind::kAlias) return "";
  if (e->kind == ExprKind::kBoundColumn) return child.qualifiers[e->index];
  return "";
}

const ExprPtr& StripAlias(const ExprPtr& e) {
  return e->kind == ExprKind::kAlias ? e->children[0] : e;
}

}  // namespace

bool ContainsAggregate(const ExprPtr& e, const function::FunctionRegistry& registry) {
  bool found = false;
  expr::Visit(e, [&](const ExprPtr& n) {
    if (n->kind == ExprKind::kCall && !n->scalar && registry.FindAggregate(n->name)) found = true;
    return !found;
  });
  return found;
}

Result<PlanPtr> Analyzer::Analyze(const PlanPtr& plan) const { return ResolveNode(plan); }

Result<PlanPtr> Analyzer::ResolveNode(const PlanPtr& node) const {
  if (node->resolved) return node;
  std::vector<PlanPtr> children;
  for (const auto& c : node->children) {
    RUNNEL_ASSIGN_OR_RAISE(PlanPtr rc, ResolveNode(c));
    children.push_back(std::move(rc));
  }
  PlanPtr with_children = WithChildren(node, std::move(children));
  switch (node->kind) {
    case PlanKind::kScan: return ResolveScan(with_children);
    case PlanKind::kValues: {
      auto p = CopyNode(with_children);
      p->qualifiers.assign(p->schema->num_fields(), "");
      p->resolved = true;
      return PlanPtr(p);
    }
    case PlanKind::kProject: return ResolveProject(with_children);
    case PlanKind::kFilter: return ResolveFilter(with_children);
    case PlanKind::kAggregate: return ResolveAggregate(with_children);
    case PlanKind::kJoin: return ResolveJoin(with_children);
    case PlanKind::kSort: return ResolveSort(with_children);
    case PlanKind::kUnion: return ResolveUnion(with_children);
    case PlanKind::kLimit: {
      auto p = CopyNode(with_children);
      if (p->limit < 0 && p->limit != kNoLimit) {
        return Status::Analysis("LIMIT must not be negative, got " + std::to_string(p->limit));
      }
      if (p->offset < 0) return Status::Analysis("OFFSET must not be negative, got " + std::to_string(p->offset));
      p->schema = p->children[0]->schema;
      p->qualifiers = p->children[0]->qualifiers;
      p->resolved = true;
      return PlanPtr(p);
    }
    case PlanKind::kDistinct: {
      // DISTINCT = group by every column.
      const auto& child = with_children->children[0];
      std::vector<ExprPtr> columns;
      for (int i = 0; i < child->schema->num_fields(); ++i) {
        columns.push_back(expr::BoundColumn(i, child->schema->field(i).type, child->schema->field(i).name));
      }
      return ResolveNode(Aggregate(child, columns, columns));
    }
    case PlanKind::kSubqueryAlias: {
      auto p = CopyNode(with_children);
      p->schema = p->children[0]->schema;
      p->qualifiers.assign(p->schema->num_fields(), p->alias);
      p->resolved = true;
      return PlanPtr(p);
    }
    case PlanKind::kGenerate: return Status::Internal("Generate nodes are built by the analyzer");
    case PlanKind::kSessionize: return Status::Internal("Sessionize nodes are built by the analyzer");
    case PlanKind::kEventTimeWatermark: return ResolveEventTimeWatermark(with_children);
  }
  return Status::Internal("unknown plan node");
}

Result<PlanPtr> Analyzer::ResolveScan(const PlanPtr& node) const {
  auto p = CopyNode(node);
  RUNNEL_ASSIGN_OR_RAISE(type::SchemaPtr full, p->source->schema());
  if (p->projection.empty()) {
    for (int i = 0; i < full->num_fields(); ++i) p->projection.push_back(i);
  }
  p->schema = ProjectSchema(*full, p->projection);
  p->qualifiers.assign(p->schema->num_fields(), "");
  p->resolved = true;
  return PlanPtr(p);
}

Result<PlanPtr> Analyzer::ResolveProject(const PlanPtr& node) const {
  const PlanPtr& child = node->children[0];
  // A SELECT list with aggregates and no GROUP BY is a global aggregation (Spark does the same
  // for df.select(sum("x"))).
  for (const auto& e : node->exprs) {
    if (ContainsAggregate(e, registry_)) return ResolveNode(Aggregate(child, {}, node->exprs));
  }
  // Expand stars.
  std::vector<ExprPtr> exprs;
  for (const auto& e : node->exprs) {
    if (e->kind != ExprKind::kStar) {
      exprs.push_back(e);
      continue;
    }
    bool any = false;
    for (int i = 0; i < child->schema->num_fields(); ++i) {
      if (!e->name_parts.empty() && !base::EqualsIgnoreCase(child->qualifiers[i], e->name_parts[0])) continue;
      exprs.push_back(expr::BoundColumn(i, child->schema->field(i).type, child->schema->field(i).name));
      any = true;
    }
    if (!any && !e->name_parts.empty()) {
      return Status::Analysis("Cannot resolve '" + e->ToString() + "': no relation named '" +
                              e->name_parts[0] + "' in the input");
    }
  }
  {
    auto expanded = CopyNode(node);
    expanded->exprs = exprs;
    RUNNEL_ASSIGN_OR_RAISE(PlanPtr windowed, ExpandTimeWindow(expanded));
    if (windowed != nullptr) return ResolveNode(windowed);
  }
  // A generator in the list becomes a Generate node below the projection.
  for (size_t i = 0; i < exprs.size(); ++i) {
    const ExprPtr& inner = StripAlias(exprs[i]);
    if (inner->kind != ExprKind::kCall || !registry_.FindGenerator(inner->name)) continue;
    std::vector<std::string> names;
    if (exprs[i]->kind == ExprKind::kAlias) names = {exprs[i]->name};
    RUNNEL_ASSIGN_OR_RAISE(PlanPtr gen, ResolveGenerate(child, inner, names));
    std::vector<ExprPtr> rest;
    for (size_t j = 0; j < exprs.size(); ++j) {
      if (j != i) {
        rest.push_back(exprs[j]);
        continue;
      }
      int first = child->schema->num_fields();
      for (int k = first; k < gen->schema->num_fields(); ++k) {
        rest.push_back(expr::BoundColumn(k, gen->schema->field(k).type, gen->schema->field(k).name));
      }
    }
    return ResolveNode(Project(gen, rest));
  }
  expr::ExprBinder binder(ScopeOf(*child), registry_);
  auto p = CopyNode(node);
  p->exprs.clear();
  std::vector<type::Field> fields;
  for (const auto& e : exprs) {
    RUNNEL_ASSIGN_OR_RAISE(ExprPtr bound, binder.Bind(e));
    fields.push_back({expr::OutputName(*e), bound->type, true});
    p->qualifiers.push_back(QualifierOf(bound, *child));
    p->exprs.push_back(std::move(bound));
  }
  p->schema = std::make_shared<type::Schema>(std::move(fields));
  p->resolved = true;
  return PlanPtr(p);
}

Result<PlanPtr> Analyzer::ResolveGenerate(const PlanPtr& child, const ExprPtr& call,
                                          std::vector<std::string> names) const {
  const function::GeneratorFunction* g = registry_.FindGenerator(call->name);
  expr::ExprBinder binder(ScopeOf(*child), registry_);
  function::BindArgs args;
  args.name = call->name;
  std::vector<ExprPtr> bound_args;
  for (const auto& a : call->children) {
    RUNNEL_ASSIGN_OR_RAISE(ExprPtr b, binder.Bind(a));
    args.types.push_back(b->type);
    args.constants.emplace_back(std::nullopt);
    bound_args.push_back(std::move(b));
  }
  int n = static_cast<int>(bound_args.size());
  if (n < g->min_args || (g->max_args >= 0 && n > g->max_args)) {
    return Status::Analysis("Generator " + call->name + "() got " + std::to_string(n) +
                            " arguments. Usage: " + g->signature);
  }
  RUNNEL_ASSIGN_OR_RAISE(function::BoundGenerator bound, g->bind(args));
  for (size_t i = 0; i < bound_args.size(); ++i) {
    RUNNEL_ASSIGN_OR_RAISE(bound_args[i], expr::ExprBinder::CastTo(bound_args[i], bound.arg_types[i]));
  }
  if (!names.empty() && names.size() != bound.output_fields.size()) {
    return Status::Analysis(call->name + "() produces " + std::to_string(bound.output_fields.size()) +
                            " columns but " + std::to_string(names.size()) + " alias was given");
  }
  auto p = std::make_shared<LogicalPlan>();
  p->kind = PlanKind::kGenerate;
  p->children = {child};
  p->generator = call;
  p->generator_args = std::move(bound_args);
  p->generator_outer = call->name.size() > 6 && call->name.substr(call->name.size() - 6) == "_outer";
  std::vector<type::Field> fields = child->schema->fields();
  p->qualifiers = child->qualifiers;
  for (size_t i = 0; i < bound.output_fields.size(); ++i) {
    type::Field f = bound.output_fields[i];
    if (!names.empty()) f.name = names[i];
    p->generator_names.push_back(f.name);
    fields.push_back(f);
    p->qualifiers.push_back("");
  }
  p->bound_generator = std::make_shared<function::BoundGenerator>(std::move(bound));
  p->schema = std::make_shared<type::Schema>(std::move(fields));
  p->resolved = true;
  return PlanPtr(p);
}

Result<PlanPtr> Analyzer::ResolveFilter(const PlanPtr& node) const {
  const PlanPtr& child = node->children[0];
  if (ContainsAggregate(node->exprs[0], registry_)) {
    return Status::Analysis("Aggregate functions are not allowed in WHERE/filter: " +
                            node->exprs[0]->ToString() + ". Use HAVING, or filter after agg()");
  }
  expr::ExprBinder binder(ScopeOf(*child), registry_);
  RUNNEL_ASSIGN_OR_RAISE(ExprPtr cond, binder.Bind(node->exprs[0]));
  if (cond->type->id() == type::TypeId::kNull) {
    RUNNEL_ASSIGN_OR_RAISE(cond, expr::ExprBinder::CastTo(cond, type::Boolean()));
  }
  if (cond->type->id() != type::TypeId::kBoolean) {
    return Status::Analysis("Filter condition " + node->exprs[0]->ToString() + " must be BOOLEAN, not " +
                            cond->type->ToString());
  }
  auto p = CopyNode(node);
  p->exprs = {cond};
  p->schema = child->schema;
  p->qualifiers = child->qualifiers;
  p->resolved = true;
  return PlanPtr(p);
}

Result<PlanPtr> Analyzer::ResolveSort(const PlanPtr& node) const {
  const PlanPtr& child = node->children[0];
  expr::ExprBinder binder(ScopeOf(*child), registry_);
  auto p = CopyNode(node);
  p->exprs.clear();
  for (const auto& k : node->exprs) {
    ExprPtr key = k->kind == ExprKind::kSortKey ? k : expr::SortKey(k, true, true);
    auto bound = binder.Bind(key);
    if (!bound.ok()) {
      // Spark resolves ORDER BY columns that a projection dropped from the projection's input:
      // select(name).orderBy(id) sorts by id, then drops it again.
      if (child->kind == PlanKind::kProject && child->children[0]->resolved) {
        auto retry = SortBelowProjection(node, child);
        if (retry.ok()) return retry;
      }
      return bound.status();
    }
    p->exprs.push_back(std::move(bound).value());
  }
  p->schema = child->schema;
  p->qualifiers = child->qualifiers;
  p->resolved = true;
  return PlanPtr(p);
}

Result<PlanPtr> Analyzer::SortBelowProjection(const PlanPtr& sort, const PlanPtr& project) const {
  const PlanPtr& input = project->children[0];
  // The projection's columns plus every input column, sorted, then the projection's again.
  std::vector<ExprPtr> widened = project->exprs;
  for (int i = 0; i < input->schema->num_fields(); ++i) {
    widened.push_back(expr::Alias(expr::BoundColumn(i, input->schema->field(i).type, input->schema->field(i).name),
                                  input->schema->field(i).name));
  }
  RUNNEL_ASSIGN_OR_RAISE(PlanPtr wide, ResolveNode(Project(input, widened)));
  // Keys resolve against the projection's names first, then the input's.
  auto wide_node = CopyNode(wide);
  for (size_t i = project->exprs.size(); i < wide_node->qualifiers.size(); ++i) {
    wide_node->qualifiers[i] = input->qualifiers[i - project->exprs.size()];
  }
  std::vector<ExprPtr> keys;
  expr::ExprBinder binder(ScopeOf(*wide_node), registry_);
  for (const auto& k : sort->exprs) {
    ExprPtr key = k->kind == ExprKind::kSortKey ? k : expr::SortKey(k, true, true);
    // Ambiguity between a projected column and an input column of the same name is expected;
    // prefer the projected one (the first match in the projection's part).
    auto bound = binder.Bind(key);
    if (!bound.ok()) {
      type::Schema projected_only(std::vector<type::Field>(wide_node->schema->fields().begin(),
                                                           wide_node->schema->fields().begin() + project->exprs.size()));
      type::Schema input_only(input->schema->fields());
      expr::ExprBinder first(expr::Scope{&projected_only, nullptr}, registry_);
      bound = first.Bind(key);
      if (!bound.ok()) {
        expr::ExprBinder second(expr::Scope{&input_only, &input->qualifiers}, registry_);
        RUNNEL_ASSIGN_OR_RAISE(ExprPtr b, second.Bind(key));
        int shift = static_cast<int>(project->exprs.size());
        bound = expr::Transform(b, [shift](const ExprPtr& n) -> ExprPtr {
          return n->kind == ExprKind::kBoundColumn ? expr::BoundColumn(n->index + shift, n->type, n->name) : n;
        });
      }
    }
    keys.push_back(std::move(bound).value());
  }
  auto sorted = std::make_shared<LogicalPlan>(*sort);
  sorted->children = {PlanPtr(wide_node)};
  sorted->exprs = std::move(keys);
  sorted->schema = wide_node->schema;
  sorted->qualifiers = wide_node->qualifiers;
  sorted->resolved = true;
  auto top = std::make_shared<LogicalPlan>();
  top->kind = PlanKind::kProject;
  top->children = {PlanPtr(sorted)};
  std::vector<type::Field> fields;
  for (size_t i = 0; i < project->exprs.size(); ++i) {
    top->exprs.push_back(expr::BoundColumn(static_cast<int>(i), project->schema->field(static_cast<int>(i)).type,
                                           project->schema->field(static_cast<int>(i)).name));
  }
  top->schema = project->schema;
  top->qualifiers = project->qualifiers;
  top->resolved = true;
  return PlanPtr(top);
}

Result<PlanPtr> Analyzer::ResolveUnion(const PlanPtr& node) const {
  const PlanPtr& left = node->children[0];
  const PlanPtr& right = node->children[1];
  int n = left->schema->num_fields();
  if (right->schema->num_fields() != n) {
    return Status::Analysis("UNION needs the same number of columns on both sides: " +
                            std::to_string(n) + " (" + left->schema->ToString() + ") vs " +
                            std::to_string(right->schema->num_fields()) + " (" +
                            right->schema->ToString() + ")");
  }
  std::vector<ExprPtr> lcast, rcast;
  std::vector<type::Field> fields;
  bool need_cast = false;
  for (int i = 0; i < n; ++i) {
    const auto& lt = left->schema->field(i).type;
    const auto& rt = right->schema->field(i).type;
    type::DataTypePtr common = function::CommonType(lt, rt);
    if (!common) {
      return Status::Analysis("UNION column " + std::to_string(i + 1) + " ('" +
                              left->schema->field(i).name + "') has incompatible types " +
                              lt->ToString() + " and " + rt->ToString());
    }
    need_cast |= !type::TypesEqual(lt, common) || !type::TypesEqual(rt, common);
    fields.push_back({left->schema->field(i).name, common, true});
    RUNNEL_ASSIGN_OR_RAISE(ExprPtr l, expr::ExprBinder::CastTo(expr::BoundColumn(i, lt, left->schema->field(i).name), common));
    RUNNEL_ASSIGN_OR_RAISE(ExprPtr r, expr::ExprBinder::CastTo(expr::BoundColumn(i, rt, right->schema->field(i).name), common));
    lcast.push_back(expr::Alias(l, left->schema->field(i).name));
    rcast.push_back(expr::Alias(r, left->schema->field(i).name));
  }
  auto p = CopyNode(node);
  if (need_cast) {
    RUNNEL_ASSIGN_OR_RAISE(PlanPtr l, ResolveNode(Project(left, lcast)));
    RUNNEL_ASSIGN_OR_RAISE(PlanPtr r, ResolveNode(Project(right, rcast)));
    p->children = {l, r};
  }
  p->schema = std::make_shared<type::Schema>(std::move(fields));
  p->qualifiers.assign(n, "");
  p->resolved = true;
  return PlanPtr(p);
}

}  // namespace runnel::plan
