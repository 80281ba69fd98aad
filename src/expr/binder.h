// Binding: resolves column names against an input schema and functions against the registry,
// types every node, and inserts the casts that functions ask for. Errors are kAnalysis and
// suggest close names.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "expr/expr.h"
#include "function/registry.h"
#include "type/schema.h"

namespace runnel::expr {

// What names can refer to: the input's columns, each optionally qualified by the relation it
// came from (a table name or alias, for "t.a").
struct Scope {
  const type::Schema* schema = nullptr;
  const std::vector<std::string>* qualifiers = nullptr;  // one per column, or nullptr
};

class ExprBinder {
 public:
  ExprBinder(Scope scope, const function::FunctionRegistry& registry)
      : scope_(scope), registry_(registry) {}

  // Binds a scalar expression (aggregates and generators are rejected here; the analyzer lifts
  // them out first).
  Result<ExprPtr> Bind(const ExprPtr& e) const;
  // Resolves a column reference to the bound expression it means (a column, or field access
  // into a struct column).
  Result<ExprPtr> ResolveColumn(const std::vector<std::string>& parts) const;
  // Wraps `e` in a cast to `to` unless it already has that type.
  static Result<ExprPtr> CastTo(const ExprPtr& e, const type::DataTypePtr& to);
  // Binds a call whose arguments are already bound.
  Result<ExprPtr> BindCall(const std::string& name, std::vector<ExprPtr> args) const;

 private:
  std::vector<std::string> CandidateNames() const;

  Scope scope_;
  const function::FunctionRegistry& registry_;
};

}  // namespace runnel::expr
