#include "expr/expr.h"

#include <unordered_map>

#include "base/spelling.h"

namespace runnel::expr {

namespace {
std::shared_ptr<Expr> Make(ExprKind kind) {
  auto e = std::make_shared<Expr>();
  e->kind = kind;
  return e;
}

// Infix spellings of the operator functions, as Spark prints them.
const char* InfixOperator(const std::string& name) {
  static const std::unordered_map<std::string, const char*> kOps = {
      {"add", "+"},       {"subtract", "-"},     {"multiply", "*"},      {"divide", "/"},
      {"remainder", "%"}, {"equal", "="},        {"not_equal", "!="},    {"less", "<"},
      {"less_equal", "<="}, {"greater", ">"},    {"greater_equal", ">="}, {"and", "AND"},
      {"or", "OR"},       {"equal_null_safe", "<=>"}, {"div", "div"}};
  auto it = kOps.find(name);
  return it == kOps.end() ? nullptr : it->second;
}
}  // namespace

ExprPtr Column(const std::string& name) { return ColumnParts(SplitName(name)); }

ExprPtr ColumnParts(std::vector<std::string> parts) {
  auto e = Make(ExprKind::kColumn);
  e->name_parts = std::move(parts);
  return e;
}

ExprPtr BoundColumn(int index, type::DataTypePtr type, std::string name) {
  auto e = Make(ExprKind::kBoundColumn);
  e->index = index;
  e->type = std::move(type);
  e->name = std::move(name);
  return e;
}

ExprPtr Literal(type::Value value) {
  auto e = Make(ExprKind::kLiteral);
  e->type = value.type();
  e->literal = std::move(value);
  return e;
}

ExprPtr Call(std::string function, std::vector<ExprPtr> args, bool distinct) {
  auto e = Make(ExprKind::kCall);
  e->name = base::ToLower(function);
  e->children = std::move(args);
  e->distinct = distinct;
  return e;
}

ExprPtr Invalid(std::string message) {
  return Call(kInvalidFunction, {Literal(type::Value::String(std::move(message)))});
}

ExprPtr Cast(ExprPtr child, type::DataTypePtr to) {
  auto e = Make(ExprKind::kCast);
  e->children = {std::move(child)};
  e->type = std::move(to);
  return e;
}

ExprPtr Alias(ExprPtr child, std::string name) {
  auto e = Make(ExprKind::kAlias);
  e->type = child->type;
  e->children = {std::move(child)};
  e->name = std::move(name);
  return e;
}

ExprPtr Star(std::vector<std::string> qualifier) {
  auto e = Make(ExprKind::kStar);
  e->name_parts = std::move(qualifier);
  return e;
}

ExprPtr SortKey(ExprPtr child, bool ascending, bool nulls_first) {
  auto e = Make(ExprKind::kSortKey);
  e->type = child->type;
  e->children = {std::move(child)};
  e->ascending = ascending;
  e->nulls_first = nulls_first;
  return e;
}

std::vector<std::string> SplitName(const std::string& name) {
  std::vector<std::string> parts;
  std::string cur;
  bool quoted = false;
  for (size_t i = 0; i < name.size(); ++i) {
    char c = name[i];
    if (c == '`') {
      if (quoted && i + 1 < name.size() && name[i + 1] == '`') {
        cur += '`';
        ++i;
      } else {
        quoted = !quoted;
      }
    } else if (c == '.' && !quoted) {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  parts.push_back(cur);
  return parts;
}

std::string Expr::ToString() const {
  switch (kind) {
    case ExprKind::kColumn: return base::JoinStrings(name_parts, ".");
    case ExprKind::kBoundColumn: return name;
    case ExprKind::kLiteral:
      return literal.type()->id() == type::TypeId::kString ? literal.ToString()
                                                            : literal.ToSqlLiteral();
    case ExprKind::kAlias: return children[0]->ToString() + " AS " + name;
    case ExprKind::kStar:
      return name_parts.empty() ? "*" : base::JoinStrings(name_parts, ".") + ".*";
    case ExprKind::kSortKey:
      return children[0]->ToString() + (ascending ? " ASC" : " DESC") +
             (nulls_first ? " NULLS FIRST" : " NULLS LAST");
    case ExprKind::kCast:
      return "CAST(" + children[0]->ToString() + " AS " + type->ToString() + ")";
    case ExprKind::kCall: {
      if (const char* op = InfixOperator(name); op && children.size() == 2) {
        return "(" + children[0]->ToString() + " " + op + " " + children[1]->ToString() + ")";
      }
      if (name == "negative" && children.size() == 1) return "(- " + children[0]->ToString() + ")";
      if (name == "not" && children.size() == 1) return "(NOT " + children[0]->ToString() + ")";
      if (name == "isnull" && children.size() == 1) return "(" + children[0]->ToString() + " IS NULL)";
      if (name == "isnotnull" && children.size() == 1) return "(" + children[0]->ToString() + " IS NOT NULL)";
      if (name == "get_field" && children.size() == 2) {
        return children[0]->ToString() + "." + children[1]->literal.ToString();
      }
      // Spark names count(*) like count(1), which it rewrites it to.
      if (name == "count" && !distinct &&
          (children.empty() || (children.size() == 1 && children[0]->kind == ExprKind::kStar))) {
        return "count(1)";
      }
      std::vector<std::string> args;
      for (const auto& c : children) args.push_back(c->ToString());
      return name + "(" + (distinct ? "DISTINCT " : "") + base::JoinStrings(args, ", ") + ")";
    }
  }
  return "?";
}

std::string OutputName(const Expr& e) {
  switch (e.kind) {
    case ExprKind::kAlias: return e.name;
    case ExprKind::kColumn: return e.name_parts.back();
    case ExprKind::kBoundColumn: return e.name;
    case ExprKind::kCall:
      if (e.name == "get_field" && e.children.size() == 2) return e.children[1]->literal.ToString();
      return e.ToString();
    default: return e.ToString();
  }
}

void SplitConjuncts(const ExprPtr& e, std::vector<ExprPtr>* out) {
  if (e->kind == ExprKind::kCall && e->name == "and" && e->children.size() == 2) {
    SplitConjuncts(e->children[0], out);
    SplitConjuncts(e->children[1], out);
  } else {
    out->push_back(e);
  }
}

ExprPtr Transform(const ExprPtr& e, const std::function<ExprPtr(const ExprPtr&)>& rewrite) {
  std::vector<ExprPtr> children;
  bool changed = false;
  for (const auto& c : e->children) {
    children.push_back(Transform(c, rewrite));
    changed |= children.back() != c;
  }
  if (!changed) return rewrite(e);
  auto copy = std::make_shared<Expr>(*e);
  copy->children = std::move(children);
  return rewrite(copy);
}

}  // namespace runnel::expr
