// Test-only: binds a built-in scalar function and runs its kernel, the way the expression
// binder will (arguments are never cast here: a test passes exactly the declared types, or an
// untyped NULL, which becomes a NULL column of the declared type).
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "function/registry.h"
#include "vector/column_builder.h"
#include "vector/column.h"

namespace runnel::function::testing {

inline constexpr int64_t kTestQueryMicros = 1709647629000000;  // 2024-03-05 14:07:09 UTC

// Binds `name` to columns of `rows` rows; `constants` may mark literal arguments. Returns the
// result column, or nullptr after recording a test failure.
inline vector::ColumnPtr EvalColumns(const std::string& name,
                                     std::vector<vector::ColumnPtr> columns,
                                     std::vector<std::optional<type::Value>> constants,
                                     int64_t rows) {
  const ScalarFunction* f = FunctionRegistry::Builtins().FindScalar(name);
  if (f == nullptr) {
    ADD_FAILURE() << "no scalar function " << name;
    return nullptr;
  }
  BindArgs args;
  args.name = name;
  for (const auto& c : columns) args.types.push_back(c->type());
  args.constants = std::move(constants);
  args.constants.resize(columns.size());
  auto bound = f->bind(args);
  if (!bound.ok()) {
    ADD_FAILURE() << name << ": " << bound.status().ToString();
    return nullptr;
  }
  for (size_t i = 0; i < columns.size(); ++i) {
    if (columns[i]->type_id() == type::TypeId::kNull) {
      columns[i] = vector::MakeNullColumn(bound->arg_types[i], rows);
    } else if (!type::TypesEqual(columns[i]->type(), bound->arg_types[i])) {
      ADD_FAILURE() << name << " argument " << i + 1 << " declared "
                    << bound->arg_types[i]->ToString() << ", test passed "
                    << columns[i]->type()->ToString();
      return nullptr;
    }
  }
  KernelContext ctx;
  ctx.query_timestamp_micros = kTestQueryMicros;
  auto result = bound->kernel(columns, rows, ctx);
  if (!result.ok()) {
    ADD_FAILURE() << name << ": " << result.status().ToString();
    return nullptr;
  }
  EXPECT_EQ((*result)->length(), rows);
  EXPECT_TRUE(type::TypesEqual((*result)->type(), bound->return_type))
      << (*result)->type()->ToString() << " vs " << bound->return_type->ToString();
  return *result;
}

// Calls `name` on literal arguments (one row, constants known at bind time).
inline type::Value Call(const std::string& name, const std::vector<type::Value>& args) {
  std::vector<vector::ColumnPtr> columns;
  std::vector<std::optional<type::Value>> constants;
  for (const auto& v : args) {
    columns.push_back(vector::MakeConstantColumn(v, 1));
    constants.emplace_back(v);
  }
  auto out = EvalColumns(name, columns, constants, 1);
  return out ? out->GetValue(0) : type::Value::String("<error>");
}

// Calls `name` with every argument a column (no constants): each argument lists its rows.
inline std::vector<std::string> CallRows(const std::string& name,
                                         const std::vector<std::vector<type::Value>>& args) {
  std::vector<vector::ColumnPtr> columns;
  int64_t rows = args.empty() ? 1 : static_cast<int64_t>(args[0].size());
  for (const auto& values : args) {
    // A column builder needs a concrete type: take the first non-NULL value's.
    type::DataTypePtr t = type::Null();
    for (const auto& v : values) {
      if (!v.is_null() || v.type()->id() != type::TypeId::kNull) t = v.type();
    }
    vector::ColumnBuilder builder(t);
    for (const auto& v : values) builder.AppendValue(v);
    columns.push_back(builder.Finish());
  }
  auto out = EvalColumns(name, columns, {}, rows);
  std::vector<std::string> result;
  if (out == nullptr) return result;
  for (int64_t i = 0; i < rows; ++i) result.push_back(out->GetValue(i).ToString());
  return result;
}

// Short constructors for test values.
inline type::Value S(std::string s) { return type::Value::String(std::move(s)); }
inline type::Value I(int32_t v) { return type::Value::Int(v); }
inline type::Value L(int64_t v) { return type::Value::BigInt(v); }
inline type::Value Null() { return type::Value(); }
inline type::Value NullOf(type::DataTypePtr t) { return type::Value::NullOf(std::move(t)); }

// The result of a literal call as Spark's show() prints it ("NULL" for NULL).
inline std::string Show(const std::string& name, const std::vector<type::Value>& args) {
  return Call(name, args).ToString();
}

}  // namespace runnel::function::testing
