#include <gtest/gtest.h>

#include "function/scalar/test_evaluator.h"
#include "type/ddl.h"

namespace runnel::function {
namespace {

using testing::Evaluate;
using testing::EvaluateRows;
using type::Value;

Value Eval(const std::string& name, const std::vector<Value>& args) {
  return Evaluate(name, args).ValueOrDie();
}
Value Ints(std::vector<std::optional<int>> v) {
  std::vector<Value> e;
  for (auto x : v) e.push_back(x ? Value::Int(*x) : Value::NullOf(type::Int()));
  return Value::Array(type::Int(), e);
}
Value StrIntMap(std::vector<std::pair<const char*, int>> entries) {
  std::vector<Value> k, v;
  for (auto& [key, val] : entries) {
    k.push_back(Value::String(key));
    v.push_back(Value::Int(val));
  }
  return Value::Map(type::Map(type::String(), type::Int()), k, v);
}

TEST(ComplexTypeTest, Constructors) {
  Value s = Eval("struct", {Value::Int(1), Value::String("x")});
  EXPECT_EQ(s.type()->ToString(), "STRUCT<col1: INT, col2: STRING>");
  EXPECT_EQ(s.ToString(), "{1, x}");
  // Spark's CreateStruct names a field after a column, a struct field or an alias argument.
  BindArgs named{{type::Int(), type::String(), type::Int()},
                 {std::nullopt, std::nullopt, Value::Int(1)},
                 "struct",
                 {"a", "f", ""}};
  auto bound = FunctionRegistry::Builtins().FindScalar("struct")->bind(named);
  ASSERT_TRUE(bound.ok());
  EXPECT_EQ(bound->return_type->ToString(), "STRUCT<a: INT, f: STRING, col3: INT>");
  Value ns = Eval("named_struct",
                  {Value::String("a"), Value::Int(1), Value::String("b"), Value::Double(2)});
  EXPECT_EQ(ns.type()->ToString(), "STRUCT<a: INT, b: DOUBLE>");
  EXPECT_EQ(ns.ToString(), "{1, 2.0}");
  EXPECT_FALSE(EvaluateRows("named_struct", {{Value::String("a"), Value::Int(1)}}).ok());
  Value arr = Eval("array", {Value::Int(1), Value::Double(2.5), Value()});
  EXPECT_EQ(arr.type()->ToString(), "ARRAY<DOUBLE>");
  EXPECT_EQ(arr.ToString(), "[1.0, 2.5, NULL]");
  EXPECT_EQ(Eval("array", {Value::Int(1), Value::String("a")}).ToString(), "[1, a]");
  Value m = Eval("map", {Value::String("a"), Value::Int(1), Value::String("b"), Value::BigInt(2)});
  EXPECT_EQ(m.type()->ToString(), "MAP<STRING, BIGINT>");
  EXPECT_EQ(m.ToString(), "{a -> 1, b -> 2}");
  EXPECT_EQ(Eval("map", {Value::String("a"), Value::Int(1), Value::String("a"), Value::Int(2)})
                .ToString(),
            "{a -> 2}");
}

TEST(ComplexTypeTest, SizeAndAccess) {
  EXPECT_EQ(Eval("size", {Ints({1, 2, std::nullopt})}), Value::Int(3));
  EXPECT_EQ(Eval("size", {Value::NullOf(type::Array(type::Int()))}), Value::Int(-1));
  EXPECT_EQ(Eval("size", {Value()}), Value::Int(-1));
  EXPECT_EQ(Eval("cardinality", {StrIntMap({{"a", 1}})}), Value::Int(1));
  Value a = Ints({10, 20, 30});
  EXPECT_EQ(Eval("element_at", {a, Value::Int(1)}), Value::Int(10));
  EXPECT_EQ(Eval("element_at", {a, Value::Int(-1)}), Value::Int(30));
  EXPECT_TRUE(Eval("element_at", {a, Value::Int(4)}).is_null());
  EXPECT_TRUE(Eval("element_at", {a, Value::Int(0)}).is_null());
  EXPECT_EQ(Eval("get_item", {a, Value::Int(0)}), Value::Int(10));
  EXPECT_TRUE(Eval("get_item", {a, Value::Int(-1)}).is_null());
  EXPECT_EQ(Eval("get_item", {a, Value::BigInt(2)}), Value::Int(30));
  Value m = StrIntMap({{"a", 1}, {"b", 2}});
  EXPECT_EQ(Eval("element_at", {m, Value::String("b")}), Value::Int(2));
  EXPECT_TRUE(Eval("get_item", {m, Value::String("z")}).is_null());
  EXPECT_TRUE(Eval("get_item", {m, Value()}).is_null());
  EXPECT_EQ(Eval("map_keys", {m}).ToString(), "[a, b]");
  EXPECT_EQ(Eval("map_values", {m}).ToString(), "[1, 2]");
  auto st = *type::ParseDataType("STRUCT<a: INT, b: STRING>");
  Value s = Value::Struct(st, {Value::Int(1), Value::String("x")});
  EXPECT_EQ(Eval("get_field", {s, Value::String("B")}), Value::String("x"));
  EXPECT_TRUE(Eval("get_field", {Value::NullOf(st), Value::String("a")}).is_null());
  auto missing = Evaluate("get_field", {s, Value::String("c")});
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("Available: a, b"), std::string::npos);
}

TEST(ComplexTypeTest, ArrayFunctions) {
  Value a = Ints({3, std::nullopt, 1, 3});
  EXPECT_EQ(Eval("array_contains", {a, Value::Int(1)}), Value::Boolean(true));
  EXPECT_TRUE(Eval("array_contains", {a, Value::Int(5)}).is_null());
  EXPECT_EQ(Eval("array_contains", {Ints({1, 2}), Value::Int(5)}), Value::Boolean(false));
  EXPECT_EQ(Eval("array_contains", {Ints({1, 2}), Value::BigInt(2)}), Value::Boolean(true));
  EXPECT_EQ(Eval("sort_array", {a}).ToString(), "[NULL, 1, 3, 3]");
  EXPECT_EQ(Eval("sort_array", {a, Value::Boolean(false)}).ToString(), "[3, 3, 1, NULL]");
  EXPECT_EQ(Eval("array_distinct", {a}).ToString(), "[3, NULL, 1]");
  // Several rows, one NULL array.
  auto out =
      EvaluateRows("sort_array",
                   {{Ints({2, 1})}, {Value::NullOf(type::Array(type::Int()))}, {Ints({5, 4, 6})}})
          .ValueOrDie();
  EXPECT_EQ(out[0].ToString(), "[1, 2]");
  EXPECT_TRUE(out[1].is_null());
  EXPECT_EQ(out[2].ToString(), "[4, 5, 6]");
}

}  // namespace
}  // namespace runnel::function
