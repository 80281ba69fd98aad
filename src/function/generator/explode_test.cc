#include <gtest/gtest.h>

#include "function/registry.h"
#include "vector/column_builder.h"

namespace runnel::function {
namespace {

using type::Value;
using vector::ColumnPtr;

ColumnPtr Column(const type::DataTypePtr& type, const std::vector<Value>& values) {
  vector::ColumnBuilder builder(type);
  for (const auto& v : values) builder.AppendValue(v);
  return builder.Finish();
}

Value IntArray(std::vector<int32_t> values) {
  std::vector<Value> elements;
  for (int32_t v : values) elements.push_back(Value::Int(v));
  return Value::Array(type::Int(), std::move(elements));
}

struct Generated {
  std::vector<std::string> names;
  std::vector<std::string> rows;  // "source: v1 | v2"
};

Generated Generate(const std::string& name, const ColumnPtr& input) {
  const GeneratorFunction* f = FunctionRegistry::Builtins().FindGenerator(name);
  EXPECT_NE(f, nullptr) << name;
  Generated out;
  if (f == nullptr) return out;
  auto bound = f->bind(BindArgs{{input->type()}, {std::nullopt}, name});
  EXPECT_TRUE(bound.ok()) << bound.status().ToString();
  if (!bound.ok()) return out;
  for (const auto& field : bound->output_fields) out.names.push_back(field.name);
  auto generated = bound->kernel({input}, input->length());
  EXPECT_TRUE(generated.ok());
  if (!generated.ok()) return out;
  EXPECT_EQ(generated->columns.size(), bound->output_fields.size());
  for (size_t r = 0; r < generated->source_rows.size(); ++r) {
    std::string row = std::to_string(generated->source_rows[r]) + ":";
    for (size_t c = 0; c < generated->columns.size(); ++c) {
      EXPECT_EQ(generated->columns[c]->length(),
                static_cast<int64_t>(generated->source_rows.size()));
      EXPECT_TRUE(type::TypesEqual(generated->columns[c]->type(), bound->output_fields[c].type));
      row +=
          (c ? " | " : " ") + generated->columns[c]->GetValue(static_cast<int64_t>(r)).ToString();
    }
    out.rows.push_back(row);
  }
  return out;
}

using Rows = std::vector<std::string>;

ColumnPtr SampleArrays() {
  auto t = type::Array(type::Int());
  return Column(t, {IntArray({1, 2}), Value::NullOf(t), IntArray({}), IntArray({3})});
}

TEST(ExplodeTest, ArraySkipsNullAndEmpty) {
  Generated g = Generate("explode", SampleArrays());
  EXPECT_EQ(g.names, (Rows{"col"}));
  EXPECT_EQ(g.rows, (Rows{"0: 1", "0: 2", "3: 3"}));
}

TEST(ExplodeTest, OuterKeepsNullAndEmptyAsNullRows) {
  Generated g = Generate("explode_outer", SampleArrays());
  EXPECT_EQ(g.rows, (Rows{"0: 1", "0: 2", "1: NULL", "2: NULL", "3: 3"}));
}

TEST(ExplodeTest, PosexplodeNumbersFromZero) {
  Generated g = Generate("posexplode", SampleArrays());
  EXPECT_EQ(g.names, (Rows{"pos", "col"}));
  EXPECT_EQ(g.rows, (Rows{"0: 0 | 1", "0: 1 | 2", "3: 0 | 3"}));
  Generated outer = Generate("posexplode_outer", SampleArrays());
  EXPECT_EQ(outer.rows,
            (Rows{"0: 0 | 1", "0: 1 | 2", "1: NULL | NULL", "2: NULL | NULL", "3: 0 | 3"}));
}

TEST(ExplodeTest, MapsGiveKeyAndValue) {
  auto t = type::Map(type::String(), type::BigInt());
  ColumnPtr maps = Column(t, {Value::Map(t, {Value::String("a"), Value::String("b")},
                                         {Value::BigInt(1), Value::NullOf(type::BigInt())}),
                              Value::NullOf(t)});
  Generated g = Generate("explode", maps);
  EXPECT_EQ(g.names, (Rows{"key", "value"}));
  EXPECT_EQ(g.rows, (Rows{"0: a | 1", "0: b | NULL"}));
  Generated pos = Generate("posexplode_outer", maps);
  EXPECT_EQ(pos.names, (Rows{"pos", "key", "value"}));
  EXPECT_EQ(pos.rows, (Rows{"0: 0 | a | 1", "0: 1 | b | NULL", "1: NULL | NULL | NULL"}));
}

TEST(ExplodeTest, SlicedInputUsesItsOwnRows) {
  Generated g = Generate("explode", SampleArrays()->Slice(2, 2));
  EXPECT_EQ(g.rows, (Rows{"1: 3"}));
}

TEST(ExplodeTest, NestedElements) {
  auto inner = type::Array(type::Int());
  auto t = type::Array(inner);
  ColumnPtr input = Column(t, {Value::Array(inner, {IntArray({1}), IntArray({2, 3})})});
  EXPECT_EQ(Generate("explode", input).rows, (Rows{"0: [1]", "0: [2, 3]"}));
}

TEST(InlineTest, StructFieldsBecomeColumns) {
  auto st = type::Struct({{"a", type::Int(), true}, {"b", type::String(), true}});
  auto t = type::Array(st);
  ColumnPtr input = Column(
      t, {Value::Array(st,
                       {Value::Struct(st, {Value::Int(1), Value::String("x")}), Value::NullOf(st)}),
          Value::NullOf(t),
          Value::Array(st, {Value::Struct(st, {Value::Int(2), Value::String("y")})})});
  Generated g = Generate("inline", input);
  EXPECT_EQ(g.names, (Rows{"a", "b"}));
  EXPECT_EQ(g.rows, (Rows{"0: 1 | x", "0: NULL | NULL", "2: 2 | y"}));
  EXPECT_EQ(Generate("inline_outer", input).rows,
            (Rows{"0: 1 | x", "0: NULL | NULL", "1: NULL | NULL", "2: 2 | y"}));
}

TEST(ExplodeTest, RejectsOtherTypes) {
  const GeneratorFunction* f = FunctionRegistry::Builtins().FindGenerator("explode");
  auto bound = f->bind(BindArgs{{type::String()}, {std::nullopt}, "explode"});
  ASSERT_FALSE(bound.ok());
  EXPECT_EQ(bound.status().code(), StatusCode::kAnalysis);
  const GeneratorFunction* in = FunctionRegistry::Builtins().FindGenerator("inline");
  EXPECT_FALSE(in->bind(BindArgs{{type::Array(type::Int())}, {std::nullopt}, "inline"}).ok());
}

}  // namespace
}  // namespace runnel::function
