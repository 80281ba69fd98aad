// Kernels must honour a column's offset: slices arrive from batch splitting and filters.
#include <gtest/gtest.h>

#include "function/scalar/test_evaluator.h"
#include "type/ddl.h"

namespace runnel::function {
namespace {

using type::Value;

// A column of `values` sliced out of a longer column with junk rows on both sides.
vector::ColumnPtr Sliced(const type::DataTypePtr& t, const std::vector<Value>& values,
                         const Value& junk) {
  vector::ColumnBuilder b(t);
  for (int i = 0; i < 3; ++i) b.AppendValue(junk);
  for (const auto& v : values) b.AppendValue(v);
  for (int i = 0; i < 2; ++i) b.AppendValue(junk);
  return b.Finish()->Slice(3, static_cast<int64_t>(values.size()));
}

std::vector<Value> EvaluateSliced(const std::string& name,
                                  const std::vector<vector::ColumnPtr>& args) {
  int64_t n = args[0]->length();
  auto out = testing::EvaluateColumns(name, args, n, false).ValueOrDie();
  std::vector<Value> values;
  for (int64_t i = 0; i < n; ++i) values.push_back(out->GetValue(i));
  return values;
}

TEST(SlicedInputTest, ScalarKernelsReadTheSlice) {
  auto ints = Sliced(type::Int(), {Value::Int(1), Value::NullOf(type::Int()), Value::Int(3)},
                     Value::Int(100));
  auto out = EvaluateSliced("add", {ints, ints});
  EXPECT_EQ(out[0], Value::Int(2));
  EXPECT_TRUE(out[1].is_null());
  EXPECT_EQ(out[2], Value::Int(6));

  auto strings =
      Sliced(type::String(), {Value::String("a"), Value::String("b")}, Value::String("zzz"));
  auto other = Sliced(type::String(), {Value::String("a"), Value::String("c")}, Value::String(""));
  out = EvaluateSliced("equal", {strings, other});
  EXPECT_EQ(out[0], Value::Boolean(true));
  EXPECT_EQ(out[1], Value::Boolean(false));
  out = EvaluateSliced("coalesce",
                       {Sliced(type::String(), {Value::NullOf(type::String()), Value::String("x")},
                               Value::String("junk")),
                        strings});
  EXPECT_EQ(out[0], Value::String("a"));
  EXPECT_EQ(out[1], Value::String("x"));

  auto arr_t = type::Array(type::Int());
  Value junk_arr = Value::Array(type::Int(), {Value::Int(9), Value::Int(9), Value::Int(9)});
  auto arrays = Sliced(
      arr_t, {Value::Array(type::Int(), {Value::Int(2), Value::Int(1)}), Value::NullOf(arr_t)},
      junk_arr);
  out = EvaluateSliced("size", {arrays});
  EXPECT_EQ(out[0], Value::Int(2));
  EXPECT_EQ(out[1], Value::Int(-1));
  out = EvaluateSliced("sort_array", {arrays});
  EXPECT_EQ(out[0].ToString(), "[1, 2]");
  EXPECT_TRUE(out[1].is_null());

  auto st = *type::ParseDataType("STRUCT<a: INT, b: STRING>");
  Value junk_struct = Value::Struct(st, {Value::Int(-1), Value::String("junk")});
  auto structs = Sliced(
      st, {Value::Struct(st, {Value::Int(7), Value::String("q")}), Value::NullOf(st)}, junk_struct);
  auto name = vector::MakeConstantColumn(Value::String("b"), 2);
  auto field = testing::EvaluateColumns("get_field", {structs, name}, 2, true).ValueOrDie();
  EXPECT_EQ(field->GetValue(0), Value::String("q"));
  EXPECT_TRUE(field->GetValue(1).is_null());
  out = EvaluateSliced("hash", {structs});
  EXPECT_EQ(out[1], Value::Int(42));
  EXPECT_EQ(out[0], testing::Evaluate("hash", {Value::Int(7), Value::String("q")}).ValueOrDie());
}

}  // namespace
}  // namespace runnel::function
