#include "expr/binder.h"

#include "base/spelling.h"
#include "expr/evaluator.h"
#include "function/cast.h"

namespace runnel::expr {

using type::TypeId;

std::vector<std::string> ExprBinder::CandidateNames() const {
  std::vector<std::string> names;
  for (int i = 0; i < scope_.schema->num_fields(); ++i) {
    const std::string& name = scope_.schema->field(i).name;
    names.push_back(name);
    if (scope_.qualifiers && !(*scope_.qualifiers)[i].empty()) {
      names.push_back((*scope_.qualifiers)[i] + "." + name);
    }
  }
  return names;
}

namespace {
// Field access into a struct column for the remaining name parts.
Result<ExprPtr> AccessFields(ExprPtr base, const std::vector<std::string>& parts, size_t from) {
  for (size_t i = from; i < parts.size(); ++i) {
    const type::DataTypePtr& t = base->type;
    if (t->id() != TypeId::kStruct) {
      return Status::Analysis("Cannot access field '" + parts[i] + "' of '" + base->ToString() +
                              "': it is " + t->ToString() + ", not a STRUCT");
    }
    int f = t->FieldIndex(parts[i]);
    if (f < 0) {
      std::vector<std::string> names;
      for (const auto& fld : t->fields()) names.push_back(fld.name);
      return Status::Analysis("No field '" + parts[i] + "' in struct '" + base->ToString() + "'." +
                              base::DidYouMean(parts[i], names) +
                              " Fields: " + base::JoinStrings(names, ", "));
    }
    auto e = std::make_shared<Expr>();
    e->kind = ExprKind::kCall;
    e->name = "get_field";
    e->children = {base, Literal(type::Value::String(t->fields()[f].name))};
    e->type = t->fields()[f].type;
    // Field access is evaluated directly by the evaluator (no kernel needed).
    base = e;
  }
  return base;
}
// The value of an argument Spark would call foldable: a literal, or an expression of literals
// such as -1 (the parser reads it as negative(1)) or 'a' || 'b', so that functions wanting a
// constant (a round scale, a regex, a field name) accept it.
std::optional<type::Value> FoldableValue(const ExprPtr& e) {
  if (e->kind == ExprKind::kLiteral) return e->literal;
  if (!IsConstant(*e)) return std::nullopt;
  auto value = EvaluateConstant(*e, function::KernelContext{});
  if (!value.ok()) return std::nullopt;
  return std::move(value).value();
}

// The name Spark gives a named argument (see BindArgs::names): a column, s.f, an alias.
std::string ArgumentName(const Expr& e) {
  if (e.kind == ExprKind::kBoundColumn || e.kind == ExprKind::kAlias) return e.name;
  if (e.kind == ExprKind::kCall && e.name == "get_field" && e.children.size() == 2 &&
      e.children[1]->kind == ExprKind::kLiteral && !e.children[1]->literal.is_null()) {
    return e.children[1]->literal.string_value();
  }
  return "";
}

}  // namespace

Result<ExprPtr> ExprBinder::ResolveColumn(const std::vector<std::string>& parts) const {
  const type::Schema& schema = *scope_.schema;
  std::vector<int> matches;
  size_t consumed = 1;
  // "t.a": a qualified column takes precedence over a struct field access "a.b".
  if (parts.size() >= 2 && scope_.qualifiers) {
    for (int i = 0; i < schema.num_fields(); ++i) {
      if (base::EqualsIgnoreCase((*scope_.qualifiers)[i], parts[0]) &&
          base::EqualsIgnoreCase(schema.field(i).name, parts[1])) {
        matches.push_back(i);
      }
    }
    if (!matches.empty()) consumed = 2;
  }
  if (matches.empty()) {
    for (int i = 0; i < schema.num_fields(); ++i) {
      if (base::EqualsIgnoreCase(schema.field(i).name, parts[0])) matches.push_back(i);
    }
  }
  std::string full = base::JoinStrings(parts, ".");
  if (matches.empty()) {
    auto names = CandidateNames();
    return Status::Analysis("Column '" + full + "' not found." + base::DidYouMean(full, names) +
                            " Available: " + base::JoinStrings(names, ", "));
  }
  if (matches.size() > 1) {
    return Status::Analysis("Column '" + full +
                            "' is ambiguous: it matches more than one input column. Qualify it "
                            "with the table name or alias, e.g. t." + full);
  }
  int index = matches[0];
  ExprPtr column = BoundColumn(index, schema.field(index).type, schema.field(index).name);
  return AccessFields(column, parts, consumed);
}

Result<ExprPtr> ExprBinder::CastTo(const ExprPtr& e, const type::DataTypePtr& to) {
  if (type::TypesEqual(e->type, to)) return e;
  if (!function::CanCast(*e->type, *to)) {
    return Status::Analysis("Cannot cast " + e->ToString() + " from " + e->type->ToString() +
                            " to " + to->ToString());
  }
  auto c = std::make_shared<Expr>();
  c->kind = ExprKind::kCast;
  c->children = {e};
  c->type = to;
  return ExprPtr(c);
}

Result<ExprPtr> ExprBinder::BindCall(const std::string& name, std::vector<ExprPtr> args) const {
  if (name == kInvalidFunction && args.size() == 1 && args[0]->kind == ExprKind::kLiteral) {
    return Status::Analysis(args[0]->literal.string_value());
  }
  const function::ScalarFunction* f = registry_.FindScalar(name);
  if (!f) {
    if (registry_.FindAggregate(name)) {
      return Status::Analysis("Aggregate function " + name +
                              "() is not allowed here: aggregates belong in SELECT or HAVING of "
                              "an aggregation (groupBy/agg)");
    }
    if (registry_.FindGenerator(name)) {
      return Status::Analysis("Generator " + name +
                              "() is only allowed as a top-level expression of a SELECT list");
    }
    return Status::Analysis("Undefined function '" + name + "'." +
                            base::DidYouMean(name, registry_.Names()));
  }
  int n = static_cast<int>(args.size());
  if (n < f->min_args || (f->max_args >= 0 && n > f->max_args)) {
    std::string expected = f->max_args < 0 ? "at least " + std::to_string(f->min_args)
                           : f->min_args == f->max_args ? std::to_string(f->min_args)
                           : std::to_string(f->min_args) + " to " + std::to_string(f->max_args);
    return Status::Analysis("Function " + name + "() takes " + expected + " argument" +
                            (expected == "1" ? "" : "s") + ", got " + std::to_string(n) +
                            ". Usage: " + f->signature);
  }
  function::BindArgs bind_args;
  bind_args.name = name;
  for (const auto& a : args) {
    bind_args.types.push_back(a->type);
    bind_args.constants.push_back(FoldableValue(a));
    bind_args.names.push_back(ArgumentName(*a));
  }
  auto bound = f->bind(bind_args);
  if (!bound.ok()) return bound.status();
  auto scalar = std::make_shared<function::BoundScalar>(std::move(bound).value());
  if (scalar->arg_types.size() != args.size()) {
    return Status::Internal("Function " + name + " bound with a wrong number of argument types");
  }
  for (size_t i = 0; i < args.size(); ++i) {
    RUNNEL_ASSIGN_OR_RAISE(args[i], CastTo(args[i], scalar->arg_types[i]));
  }
  auto e = std::make_shared<Expr>();
  e->kind = ExprKind::kCall;
  e->name = f->name;
  e->children = std::move(args);
  e->type = scalar->return_type;
  e->scalar = std::move(scalar);
  return ExprPtr(e);
}

Result<ExprPtr> ExprBinder::Bind(const ExprPtr& e) const {
  switch (e->kind) {
    case ExprKind::kColumn: {
      auto column = ResolveColumn(e->name_parts);
      // Spark's literal functions: current_date and current_timestamp without parentheses
      // are the functions unless a column has that name.
      if (!column.ok() && e->name_parts.size() == 1) {
        std::string name = base::ToLower(e->name_parts[0]);
        if (name == "current_date" || name == "current_timestamp") return BindCall(name, {});
      }
      return column;
    }
    case ExprKind::kBoundColumn:
    case ExprKind::kLiteral: return e;
    case ExprKind::kStar:
      return Status::Analysis("'*' is only allowed in a SELECT list or count(*)");
    case ExprKind::kAlias: {
      RUNNEL_ASSIGN_OR_RAISE(ExprPtr child, Bind(e->children[0]));
      return Alias(child, e->name);
    }
    case ExprKind::kSortKey: {
      RUNNEL_ASSIGN_OR_RAISE(ExprPtr child, Bind(e->children[0]));
      return SortKey(child, e->ascending, e->nulls_first);
    }
    case ExprKind::kCast: {
      RUNNEL_ASSIGN_OR_RAISE(ExprPtr child, Bind(e->children[0]));
      return CastTo(child, e->type);
    }
    case ExprKind::kCall: {
      if (e->scalar) return e;  // already bound
      std::vector<ExprPtr> args;
      for (const auto& c : e->children) {
        RUNNEL_ASSIGN_OR_RAISE(ExprPtr a, Bind(c));
        args.push_back(std::move(a));
      }
      return BindCall(e->name, std::move(args));
    }
  }
  return Status::Internal("unknown expression kind");
}

}  // namespace runnel::expr
