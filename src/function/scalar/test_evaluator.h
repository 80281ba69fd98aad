// Test-only: evaluates a registered scalar function the way the binder does: bind with the
// argument types (and the constant values), cast every argument to the bound arg_types with
// CastColumn, run the kernel.
#pragma once

#include <string>
#include <vector>

#include "function/cast.h"
#include "function/registry.h"
#include "vector/column_builder.h"

namespace runnel::function::testing {

// One column per argument; `constants` marks the arguments passed to bind as literals.
inline Result<vector::ColumnPtr> EvaluateColumns(const std::string& name,
                                                 const std::vector<vector::ColumnPtr>& args,
                                                 int64_t num_rows, bool constants,
                                                 type::DataTypePtr* return_type = nullptr) {
  const ScalarFunction* f = FunctionRegistry::Builtins().FindScalar(name);
  if (!f) return Status::Analysis("no function " + name);
  int n = static_cast<int>(args.size());
  if (n < f->min_args || (f->max_args >= 0 && n > f->max_args)) {
    return Status::Analysis("wrong number of arguments for " + name);
  }
  BindArgs bind_args;
  bind_args.name = name;
  for (const auto& a : args) {
    bind_args.types.push_back(a->type());
    if (constants && num_rows > 0) {
      bind_args.constants.push_back(a->GetValue(0));
    } else {
      bind_args.constants.push_back(std::nullopt);
    }
  }
  RUNNEL_ASSIGN_OR_RAISE(BoundScalar bound, f->bind(bind_args));
  if (bound.arg_types.size() != args.size()) return Status::Internal("arg_types size mismatch");
  std::vector<vector::ColumnPtr> cast_args;
  for (size_t i = 0; i < args.size(); ++i) {
    RUNNEL_ASSIGN_OR_RAISE(auto c, CastColumn(args[i], bound.arg_types[i]));
    cast_args.push_back(c);
  }
  KernelContext ctx;
  RUNNEL_ASSIGN_OR_RAISE(auto out, bound.kernel(cast_args, num_rows, ctx));
  if (!type::TypesEqual(out->type(), bound.return_type)) {
    return Status::Internal("kernel returned " + out->type()->ToString() + ", bound " +
                            bound.return_type->ToString());
  }
  if (out->length() != num_rows) return Status::Internal("kernel returned wrong row count");
  if (return_type) *return_type = bound.return_type;
  return out;
}

// f(args...) on literal arguments (one row).
inline Result<type::Value> Evaluate(const std::string& name, const std::vector<type::Value>& args) {
  std::vector<vector::ColumnPtr> columns;
  for (const auto& a : args) columns.push_back(vector::MakeConstantColumn(a, 1));
  RUNNEL_ASSIGN_OR_RAISE(auto out, EvaluateColumns(name, columns, 1, true));
  return out->GetValue(0);
}

// The bound return type of f on arguments of these values' types.
inline Result<type::DataTypePtr> ReturnType(const std::string& name,
                                            const std::vector<type::Value>& args) {
  std::vector<vector::ColumnPtr> columns;
  for (const auto& a : args) columns.push_back(vector::MakeConstantColumn(a, 1));
  type::DataTypePtr t;
  RUNNEL_RETURN_NOT_OK(EvaluateColumns(name, columns, 1, true, &t));
  return t;
}

// f over several rows of non-constant arguments: rows[r][a] is argument a of row r; every
// argument column takes the type of its first non-NULL value (or `types` when given).
inline Result<std::vector<type::Value>> EvaluateRows(
    const std::string& name, const std::vector<std::vector<type::Value>>& rows,
    std::vector<type::DataTypePtr> types = {}) {
  size_t num_args = rows.empty() ? types.size() : rows[0].size();
  if (types.empty()) {
    types.assign(num_args, type::Null());
    for (const auto& row : rows) {
      for (size_t a = 0; a < num_args; ++a) {
        if (types[a]->id() == type::TypeId::kNull && !row[a].is_null()) types[a] = row[a].type();
      }
    }
  }
  std::vector<vector::ColumnPtr> columns;
  for (size_t a = 0; a < num_args; ++a) {
    vector::ColumnBuilder b(types[a]);
    for (const auto& row : rows) b.AppendValue(row[a]);
    columns.push_back(b.Finish());
  }
  int64_t n = static_cast<int64_t>(rows.size());
  RUNNEL_ASSIGN_OR_RAISE(auto out, EvaluateColumns(name, columns, n, false));
  std::vector<type::Value> values;
  for (int64_t i = 0; i < n; ++i) values.push_back(out->GetValue(i));
  return values;
}

}  // namespace runnel::function::testing
