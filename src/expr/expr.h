// Expression trees. The same node type serves before binding (column names, function names) and
// after (column indices, bound kernels, result types); binding returns a new tree.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "function/scalar_function.h"
#include "type/data_type.h"
#include "type/value.h"

namespace runnel::expr {

enum class ExprKind {
  kColumn,       // unresolved reference: name_parts = {"t", "a", "b"} (qualifier, column, field)
  kBoundColumn,  // resolved: index into the input batch
  kLiteral,
  kCall,         // function call or operator, by registry name ("add", "upper", "sum")
  kCast,
  kAlias,
  kStar,         // * or t.*
  kSortKey,      // an ordering: child plus direction
};

struct Expr;
using ExprPtr = std::shared_ptr<const Expr>;

struct Expr {
  ExprKind kind;
  std::vector<ExprPtr> children;
  std::vector<std::string> name_parts;  // kColumn; kStar (qualifier, may be empty)
  int index = -1;                       // kBoundColumn
  type::Value literal;                  // kLiteral
  std::string name;                     // kCall: function; kAlias: alias; kBoundColumn: column name
  bool distinct = false;                // kCall of an aggregate: DISTINCT
  bool ascending = true;                // kSortKey
  bool nulls_first = true;              // kSortKey
  type::DataTypePtr type;               // kCast: target; bound nodes: result type
  std::shared_ptr<const function::BoundScalar> scalar;  // bound kCall of a scalar function

  bool is_bound() const { return type != nullptr && kind != ExprKind::kColumn; }
  // Spark's display form, which also names unaliased output columns: "(a + 1)", "upper(name)",
  // "count(1)", "CAST(x AS INT)".
  std::string ToString() const;
};

// Factories.
ExprPtr Column(const std::string& name);  // "a", "t.a", "a.b", "`weird.name`"
ExprPtr ColumnParts(std::vector<std::string> parts);
ExprPtr BoundColumn(int index, type::DataTypePtr type, std::string name);
ExprPtr Literal(type::Value value);
ExprPtr Call(std::string function, std::vector<ExprPtr> args, bool distinct = false);
ExprPtr Cast(ExprPtr child, type::DataTypePtr to);
ExprPtr Alias(ExprPtr child, std::string name);
ExprPtr Star(std::vector<std::string> qualifier = {});
ExprPtr SortKey(ExprPtr child, bool ascending, bool nulls_first);

// A placeholder for a mistake a lazy builder cannot report yet (an unknown type name in
// cast("strng"), a bad join type): binding it fails with `message`.
ExprPtr Invalid(std::string message);
inline constexpr char kInvalidFunction[] = "__invalid__";

// The name a projection of this expression gets: the alias, the column name, or ToString().
std::string OutputName(const Expr& e);
// Splits "t.`a.b`.c" into {"t", "a.b", "c"}.
std::vector<std::string> SplitName(const std::string& name);

// The conjuncts of a condition: "a AND (b AND c)" gives a, b, c.
void SplitConjuncts(const ExprPtr& condition, std::vector<ExprPtr>* out);

// Walks the tree; `visit` returns false to stop descending below a node.
template <typename F>
void Visit(const ExprPtr& e, F&& visit) {
  if (!visit(e)) return;
  for (const auto& c : e->children) Visit(c, visit);
}
// Rebuilds the tree bottom-up: `rewrite` sees each node with already-rewritten children and
// returns the node to use (the same pointer to keep it).
ExprPtr Transform(const ExprPtr& e, const std::function<ExprPtr(const ExprPtr&)>& rewrite);

}  // namespace runnel::expr
