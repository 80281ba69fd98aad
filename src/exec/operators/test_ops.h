// Test-only: short builders for physical operator trees over in-memory tables, with bound
// expressions from the builtin registry.
#pragma once

#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "exec/operators/operators.h"
#include "expr/binder.h"
#include "function/registry.h"
#include "plan/test_table.h"

namespace runnel::exec::testing {

using plan::testing::MakeTable;
using plan::testing::RowStrings;
using plan::testing::Sorted;

inline const function::FunctionRegistry& Registry() { return function::FunctionRegistry::Builtins(); }

inline PhysicalOpPtr ScanOf(const std::shared_ptr<plan::InMemorySource>& source) {
  type::SchemaPtr schema = source->schema().ValueOrDie();
  std::vector<int> all;
  for (int i = 0; i < schema->num_fields(); ++i) all.push_back(i);
  return MakeScan(source, all, schema);
}

// Column i of `schema` as a bound reference.
inline expr::ExprPtr Col(const type::SchemaPtr& schema, int i) {
  return expr::BoundColumn(i, schema->field(i).type, schema->field(i).name);
}
inline expr::ExprPtr Col(const PhysicalOpPtr& op, int i) { return Col(op->schema(), i); }

inline expr::ExprPtr Lit(type::Value v) { return expr::Literal(std::move(v)); }

// A scalar call over bound arguments.
inline expr::ExprPtr Fn(const std::string& name, std::vector<expr::ExprPtr> args) {
  type::Schema empty;
  expr::ExprBinder binder({&empty, nullptr}, Registry());
  return binder.BindCall(name, std::move(args)).ValueOrDie();
}

inline plan::AggregateCall Agg(const std::string& name, std::vector<expr::ExprPtr> args,
                               bool distinct = false) {
  const function::AggregateFunction* f = Registry().FindAggregate(name);
  EXPECT_NE(f, nullptr) << name;
  function::BindArgs bind_args;
  bind_args.name = name;
  for (const auto& a : args) {
    bind_args.types.push_back(a->type);
    bind_args.constants.emplace_back(std::nullopt);
  }
  function::BoundAggregate bound = f->bind(bind_args, distinct).ValueOrDie();
  plan::AggregateCall call;
  call.function = name;
  for (size_t i = 0; i < args.size(); ++i) {
    call.args.push_back(expr::ExprBinder::CastTo(args[i], bound.arg_types[i]).ValueOrDie());
  }
  call.distinct = distinct;
  call.bound = std::make_shared<function::BoundAggregate>(std::move(bound));
  call.display = name + "(" + std::to_string(args.size()) + ")";
  return call;
}

// The concatenation of two schemas (join output).
inline type::SchemaPtr Concat(const type::SchemaPtr& a, const type::SchemaPtr& b) {
  std::vector<type::Field> fields = a->fields();
  fields.insert(fields.end(), b->fields().begin(), b->fields().end());
  return std::make_shared<type::Schema>(std::move(fields));
}

inline std::vector<std::string> RunRows(const PhysicalOpPtr& op, int shuffle_partitions = 4) {
  ExecContext ctx;
  ctx.shuffle_partitions = shuffle_partitions;
  auto result = CollectAll(op, ctx);
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  if (!result.ok()) return {};
  for (const auto& b : *result) {
    EXPECT_EQ(b.num_columns(), op->schema()->num_fields());
    EXPECT_TRUE(b.schema()->Equals(*op->schema())) << b.schema()->ToString() << " vs "
                                                   << op->schema()->ToString();
  }
  return RowStrings(*result);
}

}  // namespace runnel::exec::testing
