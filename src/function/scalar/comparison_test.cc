#include <gtest/gtest.h>

#include <cmath>

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
Value True() { return Value::Boolean(true); }
Value False() { return Value::Boolean(false); }
Value Null() { return Value(); }
Value NullBool() { return Value::NullOf(type::Boolean()); }

TEST(ComparisonTest, NumbersStringsAndNulls) {
  EXPECT_EQ(Eval("equal", {Value::Int(1), Value::BigInt(1)}), True());
  EXPECT_EQ(Eval("less", {Value::Int(1), Value::Double(1.5)}), True());
  EXPECT_EQ(Eval("not_equal", {Value::String("a"), Value::String("b")}), True());
  EXPECT_EQ(Eval("greater", {Value::String("b"), Value::String("abc")}), True());
  // A string compared with a number converts to the number's type: '1.5' -> INT 1.
  EXPECT_EQ(Eval("equal", {Value::String("1.5"), Value::Int(1)}), True());
  EXPECT_EQ(Eval("equal", {Value::String("1.5"), Value::Double(1.5)}), True());
  EXPECT_TRUE(Eval("equal", {Value::String("x"), Value::Int(1)}).is_null());
  EXPECT_EQ(Eval("less", {Value::String("2024-01-01"), Value::Date(19724)}), True());
  EXPECT_TRUE(Eval("equal", {Null(), Value::Int(1)}).is_null());
  EXPECT_TRUE(Eval("less_equal", {Null(), Null()}).is_null());
  EXPECT_EQ(Eval("greater_equal", {Value::Decimal(150, 3, 2), Value::Int(1)}), True());
  EXPECT_EQ(Eval("equal", {Value::Date(0), Value::Timestamp(0)}), True());
  EXPECT_FALSE(Evaluate("equal", {Value::Boolean(true), Value::Int(1)}).ok());
}

TEST(ComparisonTest, NaNIsEqualToItselfAndLargest) {
  Value nan = Value::Double(NAN);
  EXPECT_EQ(Eval("equal", {nan, nan}), True());
  EXPECT_EQ(Eval("greater", {nan, Value::Double(INFINITY)}), True());
  EXPECT_EQ(Eval("less", {Value::Double(1), nan}), True());
  EXPECT_EQ(Eval("equal", {Value::Double(0.0), Value::Double(-0.0)}), True());
}

TEST(ComparisonTest, NullSafeEqualInBetween) {
  EXPECT_EQ(Eval("equal_null_safe", {Null(), Null()}), True());
  EXPECT_EQ(Eval("equal_null_safe", {Value::Int(1), Null()}), False());
  EXPECT_EQ(Eval("equal_null_safe", {Value::Int(1), Value::Int(1)}), True());
  EXPECT_EQ(Eval("in", {Value::Int(2), Value::Int(1), Value::Int(2)}), True());
  EXPECT_EQ(Eval("in", {Value::Int(3), Value::Int(1), Value::Int(2)}), False());
  EXPECT_TRUE(Eval("in", {Value::Int(3), Value::Int(1), Null()}).is_null());
  EXPECT_EQ(Eval("in", {Value::Int(1), Value::Int(1), Null()}), True());
  EXPECT_TRUE(Eval("in", {Null(), Value::Int(1)}).is_null());
  EXPECT_EQ(Eval("in", {Value::String("a"), Value::String("b"), Value::String("a")}), True());
  // Constant lists take a hash-set path; columns of values must agree with it.
  std::vector<std::vector<Value>> rows = {
      {Value::Int(1)}, {Value::Int(5)}, {Value::NullOf(type::Int())}};
  std::vector<vector::ColumnPtr> in_args;
  {
    vector::ColumnBuilder b(type::Int());
    for (const auto& r : rows) b.AppendValue(r[0]);
    in_args.push_back(b.Finish());
  }
  in_args.push_back(vector::MakeConstantColumn(Value::BigInt(1), 3));
  in_args.push_back(vector::MakeConstantColumn(Value::BigInt(2), 3));
  auto with_constants = testing::EvaluateColumns("in", in_args, 3, true).ValueOrDie();
  auto without = testing::EvaluateColumns("in", in_args, 3, false).ValueOrDie();
  for (int i = 0; i < 3; ++i) EXPECT_EQ(with_constants->GetValue(i), without->GetValue(i)) << i;
  EXPECT_EQ(with_constants->GetValue(0), True());
  EXPECT_EQ(with_constants->GetValue(1), False());
  EXPECT_TRUE(with_constants->GetValue(2).is_null());
  EXPECT_TRUE(Eval("in", {Value::String("z"), Value::String("a"), Value::NullOf(type::String())})
                  .is_null());
  EXPECT_EQ(Eval("in", {Value::Date(3), Value::String("1970-01-04")}), True());
  EXPECT_EQ(Eval("between", {Value::Int(2), Value::Int(1), Value::Int(3)}), True());
  EXPECT_EQ(Eval("between", {Value::Int(5), Null(), Value::Int(3)}), False());
  EXPECT_TRUE(Eval("between", {Value::Int(2), Null(), Value::Int(3)}).is_null());
}

TEST(ComparisonTest, NestedElementWise) {
  auto arr = [](std::vector<int> v) {
    std::vector<Value> e;
    for (int x : v) e.push_back(Value::Int(x));
    return Value::Array(type::Int(), e);
  };
  EXPECT_EQ(Eval("less", {arr({1, 2}), arr({1, 3})}), True());
  EXPECT_EQ(Eval("less", {arr({1, 2}), arr({1, 2, 0})}), True());
  EXPECT_EQ(Eval("equal", {arr({1, 2}), arr({1, 2})}), True());
  auto st = *type::ParseDataType("STRUCT<a: INT, b: STRING>");
  EXPECT_EQ(Eval("greater", {Value::Struct(st, {Value::Int(1), Value::String("b")}),
                             Value::Struct(st, {Value::Int(1), Value::String("a")})}),
            True());
  auto m = *type::ParseDataType("MAP<STRING, INT>");
  Value map = Value::Map(m, {Value::String("a")}, {Value::Int(1)});
  EXPECT_FALSE(Evaluate("equal", {map, map}).ok());
}

TEST(ComparisonTest, ColumnsWithNulls) {
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < 50; ++i) {
    rows.push_back(
        {i % 3 == 0 ? Value::NullOf(type::BigInt()) : Value::BigInt(i), Value::BigInt(25)});
  }
  auto out = EvaluateRows("less", rows).ValueOrDie();
  for (int i = 0; i < 50; ++i) {
    if (i % 3 == 0) {
      EXPECT_TRUE(out[i].is_null());
    } else {
      EXPECT_EQ(out[i], Value::Boolean(i < 25)) << i;
    }
  }
}

TEST(LogicalTest, ThreeValuedLogic) {
  EXPECT_EQ(Eval("and", {False(), NullBool()}), False());
  EXPECT_EQ(Eval("and", {NullBool(), False()}), False());
  EXPECT_TRUE(Eval("and", {True(), NullBool()}).is_null());
  EXPECT_EQ(Eval("and", {True(), True()}), True());
  EXPECT_EQ(Eval("or", {True(), NullBool()}), True());
  EXPECT_EQ(Eval("or", {Null(), True()}), True());
  EXPECT_TRUE(Eval("or", {False(), NullBool()}).is_null());
  EXPECT_EQ(Eval("or", {False(), False()}), False());
  EXPECT_EQ(Eval("not", {True()}), False());
  EXPECT_TRUE(Eval("not", {NullBool()}).is_null());
  EXPECT_FALSE(Evaluate("and", {Value::Int(1), True()}).ok());
}

TEST(LogicalTest, NullTests) {
  EXPECT_EQ(Eval("isnull", {Null()}), True());
  EXPECT_EQ(Eval("isnull", {Value::Int(1)}), False());
  EXPECT_EQ(Eval("isnotnull", {Value::NullOf(type::String())}), False());
  EXPECT_EQ(Eval("coalesce", {Null(), Value::Int(2), Value::Int(3)}), Value::Int(2));
  EXPECT_EQ(Eval("coalesce", {Value::Int(1), Value::Double(2)}), Value::Double(1));
  EXPECT_TRUE(Eval("coalesce", {Null(), Null()}).is_null());
  // CASE/COALESCE widen a number and a string to STRING.
  EXPECT_EQ(Eval("coalesce", {Value::NullOf(type::Int()), Value::String("x")}), Value::String("x"));
  EXPECT_EQ(Eval("coalesce", {Value::Int(5), Value::String("x")}), Value::String("5"));
  EXPECT_EQ(Eval("nvl", {Null(), Value::String("d")}), Value::String("d"));
  EXPECT_EQ(Eval("ifnull", {Value::Int(1), Value::Int(2)}), Value::Int(1));
  EXPECT_EQ(Eval("nvl2", {Value::Int(1), Value::String("a"), Value::String("b")}),
            Value::String("a"));
  EXPECT_EQ(Eval("nvl2", {Null(), Value::String("a"), Value::String("b")}), Value::String("b"));
  EXPECT_TRUE(Eval("nullif", {Value::Int(1), Value::Int(1)}).is_null());
  EXPECT_EQ(Eval("nullif", {Value::String("1"), Value::Int(2)}), Value::String("1"));
  EXPECT_EQ(Eval("isnan", {Value::Double(NAN)}), True());
  EXPECT_EQ(Eval("isnan", {Null()}), False());
  EXPECT_EQ(Eval("nanvl", {Value::Double(NAN), Value::Double(1)}), Value::Double(1));
  EXPECT_EQ(Eval("nanvl", {Value::Double(2), Value::Double(1)}), Value::Double(2));
}

TEST(LogicalTest, CaseWhenAndIf) {
  EXPECT_EQ(Eval("case_when", {False(), Value::Int(1), True(), Value::Int(2), Value::Int(3)}),
            Value::Int(2));
  EXPECT_EQ(Eval("case_when", {NullBool(), Value::Int(1), Value::Int(3)}), Value::Int(3));
  EXPECT_TRUE(Eval("case_when", {False(), Value::Int(1)}).is_null());
  EXPECT_EQ(Eval("case_when", {True(), Value::Int(1), Value::String("x")}), Value::String("1"));
  EXPECT_EQ(Eval("if", {True(), Value::Int(1), Value::BigInt(2)}), Value::BigInt(1));
  EXPECT_EQ(Eval("if", {NullBool(), Value::Int(1), Value::Int(2)}), Value::Int(2));
  EXPECT_EQ(Eval("if", {False(), Value::String("a"), Null()}).type()->ToString(), "STRING");
  // Many rows, mixed NULLs, strings.
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < 20; ++i) {
    rows.push_back({i % 4 == 0 ? NullBool() : Value::Boolean(i % 2 == 0), Value::String("even"),
                    Value::String("odd")});
  }
  auto out = EvaluateRows("if", rows).ValueOrDie();
  for (int i = 0; i < 20; ++i) {
    EXPECT_EQ(out[i], Value::String(i % 4 != 0 && i % 2 == 0 ? "even" : "odd")) << i;
  }
}

}  // namespace
}  // namespace runnel::function
