// For aggregate tests: runs an aggregate the way the hash-aggregate operator does (one pass, and
// partial aggregators whose States() are merged into a final one) and checks both agree.
#pragma once

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <string>
#include <vector>

#include "function/registry.h"
#include "vector/column_builder.h"

namespace runnel::function::test {

using type::Value;
using vector::ColumnPtr;

struct AggregateCall {
  AggregateCall(std::string name_in, std::vector<ColumnPtr> args_in,
                std::vector<uint32_t> group_ids_in = {}, int64_t num_groups_in = 1)
      : name(std::move(name_in)),
        args(std::move(args_in)),
        group_ids(std::move(group_ids_in)),
        num_groups(num_groups_in) {}

  std::string name;
  std::vector<ColumnPtr> args;      // already of the bound arg types
  std::vector<uint32_t> group_ids;  // one per row; empty: every row in group 0
  int64_t num_groups = 1;
  bool distinct = false;
  // Literal arguments by position (first(x, true)); the column in `args` repeats the value.
  std::vector<std::optional<Value>> constants;
};

inline ColumnPtr MakeColumn(const type::DataTypePtr& type, const std::vector<Value>& values) {
  vector::ColumnBuilder builder(type);
  for (const auto& v : values) builder.AppendValue(v);
  return builder.Finish();
}

// Integers (nullopt = NULL) as a column of `type` (INT, BIGINT, DATE, ...).
inline ColumnPtr Ints(const type::DataTypePtr& type, std::vector<std::optional<int64_t>> values) {
  vector::ColumnBuilder builder(type);
  for (auto v : values) v ? builder.AppendValue(Value::BigInt(*v)) : builder.AppendNull();
  return builder.Finish();
}
inline ColumnPtr Doubles(std::vector<std::optional<double>> values) {
  vector::ColumnBuilder builder(type::Double());
  for (auto v : values) v ? builder.AppendDouble(*v) : builder.AppendNull();
  return builder.Finish();
}
inline ColumnPtr Strings(std::vector<std::optional<std::string>> values) {
  vector::ColumnBuilder builder(type::String());
  for (const auto& v : values) v ? builder.AppendString(*v) : builder.AppendNull();
  return builder.Finish();
}

inline Result<BoundAggregate> BindCall(const AggregateCall& call) {
  const AggregateFunction* f = FunctionRegistry::Builtins().FindAggregate(call.name);
  if (f == nullptr) return Status::Analysis("no aggregate " + call.name);
  BindArgs args;
  args.name = call.name;
  for (size_t i = 0; i < call.args.size(); ++i) {
    args.types.push_back(call.args[i]->type());
    args.constants.push_back(i < call.constants.size() ? call.constants[i] : std::nullopt);
  }
  RUNNEL_ASSIGN_OR_RAISE(BoundAggregate bound, f->bind(args, call.distinct));
  for (size_t i = 0; i < call.args.size(); ++i) {
    if (!type::TypesEqual(bound.arg_types[i], call.args[i]->type())) {
      return Status::InvalidArgument("test argument " + std::to_string(i) +
                                     " must be pre-cast to " + bound.arg_types[i]->ToString());
    }
  }
  return bound;
}

inline int64_t NumRows(const AggregateCall& call) {
  if (!call.group_ids.empty()) return static_cast<int64_t>(call.group_ids.size());
  return call.args.empty() ? 0 : call.args[0]->length();
}

inline std::vector<uint32_t> GroupIds(const AggregateCall& call) {
  if (!call.group_ids.empty()) return call.group_ids;
  return std::vector<uint32_t>(NumRows(call), 0);
}

// Update over rows [begin, end) of the call.
inline Status UpdateRows(GroupedAggregator& agg, const AggregateCall& call, int64_t begin,
                         int64_t end) {
  std::vector<ColumnPtr> slices;
  for (const auto& a : call.args) slices.push_back(a->Slice(begin, end - begin));
  std::vector<uint32_t> ids = GroupIds(call);
  return agg.Update(slices, ids.data() + begin, end - begin);
}

inline Result<ColumnPtr> RunSinglePass(const AggregateCall& call) {
  RUNNEL_ASSIGN_OR_RAISE(BoundAggregate bound, BindCall(call));
  auto agg = bound.make();
  agg->Resize(call.num_groups);
  RUNNEL_RETURN_NOT_OK(UpdateRows(*agg, call, 0, NumRows(call)));
  return agg->Finalize();
}

// Partial aggregators over [0, split) and [split, n), their States() merged in that order into
// a final aggregator; its States() are merged once more into a fresh one (the streaming state
// store round trip) before Finalize.
inline Result<ColumnPtr> RunPartialFinal(const AggregateCall& call, int64_t split) {
  RUNNEL_ASSIGN_OR_RAISE(BoundAggregate bound, BindCall(call));
  std::vector<uint32_t> identity(call.num_groups);
  for (int64_t g = 0; g < call.num_groups; ++g) identity[g] = static_cast<uint32_t>(g);
  auto final_agg = bound.make();
  final_agg->Resize(call.num_groups);
  for (auto [begin, end] : {std::pair<int64_t, int64_t>{0, split}, {split, NumRows(call)}}) {
    auto partial = bound.make();
    partial->Resize(call.num_groups);
    RUNNEL_RETURN_NOT_OK(UpdateRows(*partial, call, begin, end));
    RUNNEL_ASSIGN_OR_RAISE(auto states, partial->States());
    if (states.size() != bound.state_fields.size()) return Status::Internal("state arity");
    for (size_t k = 0; k < states.size(); ++k) {
      if (!type::TypesEqual(states[k]->type(), bound.state_fields[k].type) ||
          states[k]->length() != call.num_groups) {
        return Status::Internal("state column " + std::to_string(k) + " is " +
                                states[k]->type()->ToString());
      }
    }
    RUNNEL_RETURN_NOT_OK(final_agg->Merge(states, identity.data(), call.num_groups));
  }
  RUNNEL_ASSIGN_OR_RAISE(auto stored, final_agg->States());
  auto restored = bound.make();
  restored->Resize(call.num_groups);
  RUNNEL_RETURN_NOT_OK(restored->Merge(stored, identity.data(), call.num_groups));
  return restored->Finalize();
}

inline bool SameValue(const Value& a, const Value& b) {
  if (!a.is_null() && !b.is_null() && a.type()->id() == type::TypeId::kDouble &&
      b.type()->id() == type::TypeId::kDouble) {
    double x = a.double_value(), y = b.double_value();
    if (std::isnan(x) || std::isnan(y)) return std::isnan(x) && std::isnan(y);
    return std::fabs(x - y) <= 1e-12 * std::max(1.0, std::fabs(x));
  }
  return a.Equals(b) && (a.is_null() || type::TypesEqual(a.type(), b.type()));
}

inline std::vector<Value> ValuesOf(const ColumnPtr& column) {
  std::vector<Value> out;
  for (int64_t i = 0; i < column->length(); ++i) out.push_back(column->GetValue(i));
  return out;
}

// The one-pass result, after checking the partial/final path agrees with it at several splits.
inline std::vector<Value> RunAndCheck(const AggregateCall& call) {
  auto single = RunSinglePass(call);
  if (!single.ok()) {
    ADD_FAILURE() << call.name << ": " << single.status().ToString();
    return {};
  }
  std::vector<Value> expected = ValuesOf(*single);
  EXPECT_EQ(static_cast<int64_t>(expected.size()), call.num_groups);
  int64_t n = NumRows(call);
  for (int64_t split : {int64_t{0}, n / 3, n / 2, n}) {
    auto merged = RunPartialFinal(call, split);
    if (!merged.ok()) {
      ADD_FAILURE() << call.name << " split " << split << ": " << merged.status().ToString();
      continue;
    }
    std::vector<Value> got = ValuesOf(*merged);
    EXPECT_EQ(got.size(), expected.size());
    for (size_t g = 0; g < std::min(got.size(), expected.size()); ++g) {
      EXPECT_TRUE(SameValue(got[g], expected[g]))
          << call.name << " split " << split << " group " << g << ": " << got[g].ToString()
          << " vs one pass " << expected[g].ToString();
    }
  }
  return expected;
}

// ToString of every group's result, for compact expectations: {"3", "NULL"}.
inline std::vector<std::string> Shown(const std::vector<Value>& values) {
  std::vector<std::string> out;
  for (const auto& v : values) out.push_back(v.ToString());
  return out;
}

}  // namespace runnel::function::test
