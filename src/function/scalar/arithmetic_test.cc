#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "function/scalar/test_evaluator.h"
#include "type/datetime.h"

namespace runnel::function {
namespace {

using testing::Evaluate;
using testing::EvaluateRows;
using testing::ReturnType;
using type::Value;

Value Eval(const std::string& name, const std::vector<Value>& args) {
  return Evaluate(name, args).ValueOrDie();
}
std::string TypeOf(const std::string& name, const std::vector<Value>& args) {
  return ReturnType(name, args).ValueOrDie()->ToString();
}
Value Dec(const char* text, int p, int s) {
  return Value::Decimal(*type::ParseDecimal(text, p, s), p, s);
}
Value Null() { return Value(); }

TEST(ArithmeticTest, IntegersWrapAndPromote) {
  EXPECT_EQ(Eval("add", {Value::Int(1), Value::Int(2)}), Value::Int(3));
  EXPECT_EQ(Eval("add", {Value::Int(2147483647), Value::Int(1)}), Value::Int(-2147483647 - 1));
  EXPECT_EQ(
      Eval("multiply", {Value::BigInt(std::numeric_limits<int64_t>::max()), Value::BigInt(2)}),
      Value::BigInt(-2));
  EXPECT_EQ(TypeOf("add", {Value::Int(1), Value::BigInt(2)}), "BIGINT");
  EXPECT_EQ(Eval("subtract", {Value::Int(1), Value::BigInt(3)}), Value::BigInt(-2));
  EXPECT_EQ(Eval("add", {Value::Double(0.1), Value::Double(0.2)}).ToString(),
            "0.30000000000000004");
  EXPECT_EQ(Eval("add", {Value::String("1.5"), Value::Int(1)}), Value::Double(2.5));
  EXPECT_TRUE(Eval("add", {Value::Int(1), Null()}).is_null());
  EXPECT_EQ(TypeOf("add", {Value::Int(1), Null()}), "INT");
  EXPECT_EQ(Eval("negative", {Value::Int(std::numeric_limits<int32_t>::min())}),
            Value::Int(std::numeric_limits<int32_t>::min()));
  EXPECT_EQ(Eval("negative", {Value::Double(2)}), Value::Double(-2));
  EXPECT_EQ(Eval("positive", {Value::Int(5)}), Value::Int(5));
  EXPECT_FALSE(Evaluate("add", {Value::Boolean(true), Value::Int(1)}).ok());
}

TEST(ArithmeticTest, DivisionAndRemainder) {
  EXPECT_EQ(Eval("divide", {Value::Int(1), Value::Int(2)}), Value::Double(0.5));
  EXPECT_TRUE(Eval("divide", {Value::Int(1), Value::Int(0)}).is_null());
  EXPECT_TRUE(Eval("divide", {Value::Double(1), Value::Double(0)}).is_null());
  EXPECT_EQ(Eval("remainder", {Value::Int(-7), Value::Int(3)}), Value::Int(-1));
  EXPECT_EQ(Eval("mod", {Value::Int(7), Value::Int(-3)}), Value::Int(1));
  EXPECT_EQ(Eval("pmod", {Value::Int(-7), Value::Int(3)}), Value::Int(2));
  EXPECT_TRUE(Eval("remainder", {Value::Int(7), Value::Int(0)}).is_null());
  EXPECT_EQ(Eval("remainder", {Value::Int(std::numeric_limits<int32_t>::min()), Value::Int(-1)}),
            Value::Int(0));
  EXPECT_EQ(Eval("remainder", {Value::Double(5.5), Value::Double(2)}), Value::Double(1.5));
  EXPECT_EQ(Eval("pmod", {Value::Double(-5.5), Value::Double(2)}), Value::Double(0.5));
  EXPECT_EQ(Eval("div", {Value::Int(7), Value::Int(2)}), Value::BigInt(3));
  EXPECT_EQ(Eval("div", {Value::Int(-7), Value::Int(2)}), Value::BigInt(-3));
  EXPECT_TRUE(Eval("div", {Value::Int(7), Value::Int(0)}).is_null());
  EXPECT_EQ(Eval("div", {Dec("7.5", 3, 1), Dec("2", 1, 0)}), Value::BigInt(3));
}

TEST(ArithmeticTest, DecimalPrecision) {
  EXPECT_EQ(TypeOf("add", {Dec("1.25", 5, 2), Dec("2.5", 3, 1)}), "DECIMAL(6,2)");
  EXPECT_EQ(Eval("add", {Dec("1.25", 5, 2), Dec("2.5", 3, 1)}).ToString(), "3.75");
  EXPECT_EQ(TypeOf("multiply", {Dec("1", 38, 10), Dec("1", 38, 10)}), "DECIMAL(38,6)");
  EXPECT_EQ(Eval("multiply", {Dec("1.5", 38, 10), Dec("2.25", 38, 10)}).ToString(), "3.375000");
  // 1.0 / 3: the literal 3 is DECIMAL(1,0); DECIMAL(7,6) as Spark.
  EXPECT_EQ(TypeOf("divide", {Dec("1.0", 2, 1), Value::Int(3)}), "DECIMAL(7,6)");
  EXPECT_EQ(Eval("divide", {Dec("1.0", 2, 1), Value::Int(3)}).ToString(), "0.333333");
  EXPECT_EQ(Eval("divide", {Dec("2.0", 2, 1), Value::Int(3)}).ToString(), "0.666667");
  EXPECT_TRUE(Eval("divide", {Dec("1.0", 2, 1), Value::Int(0)}).is_null());
  EXPECT_EQ(TypeOf("add", {Value::Int(1), Dec("1.25", 5, 2)}), "DECIMAL(6,2)");
  // A non-literal INT is DECIMAL(10,0).
  auto rows = EvaluateRows("add", {{Value::Int(1), Dec("1.25", 5, 2)}}).ValueOrDie();
  EXPECT_EQ(rows[0].type()->ToString(), "DECIMAL(13,2)");
  EXPECT_EQ(rows[0].ToString(), "2.25");
  Value max38 = Dec("99999999999999999999999999999999999999", 38, 0);
  EXPECT_TRUE(Eval("add", {max38, Dec("1", 38, 0)}).is_null());
  // Intermediates past 128 bits are still exact.
  EXPECT_EQ(Eval("multiply", {Dec("100000000000000000000", 38, 10), Dec("10000000000", 38, 10)})
                .ToString(),
            "1000000000000000000000000000000.000000");
  // DECIMAL(38,37) * DECIMAL(38,37) -> DECIMAL(38,35).
  EXPECT_EQ(Eval("multiply", {Dec("-1.5", 38, 37), Dec("1.5", 38, 37)}).ToString(),
            "-2.25" + std::string(33, '0'));
  EXPECT_EQ(Eval("divide", {Dec("10000000000000000000", 38, 18), Dec("3", 38, 18)}).ToString(),
            "3333333333333333333.333333");
  EXPECT_EQ(Eval("divide", {Dec("20000000000000000000", 38, 18), Dec("-3", 38, 18)}).ToString(),
            "-6666666666666666666.666667");
  EXPECT_EQ(Eval("remainder", {Dec("7.5", 3, 1), Dec("2", 1, 0)}).ToString(), "1.5");
  EXPECT_EQ(Eval("pmod", {Dec("-7.5", 3, 1), Dec("2", 1, 0)}).ToString(), "0.5");
  EXPECT_EQ(Eval("add", {Dec("1.5", 3, 1), Value::Double(1)}), Value::Double(2.5));
  EXPECT_EQ(Eval("negative", {Dec("1.5", 3, 1)}).ToString(), "-1.5");
}

TEST(ArithmeticTest, DatesTimestampsIntervals) {
  int64_t ts = *type::ParseTimestamp("2024-01-31 10:00:00");
  Value hour = Value::Interval(type::kMicrosPerHour);
  EXPECT_EQ(Eval("add", {Value::Timestamp(ts), hour}).ToString(), "2024-01-31 11:00:00");
  EXPECT_EQ(Eval("add", {hour, Value::Timestamp(ts)}).ToString(), "2024-01-31 11:00:00");
  EXPECT_EQ(Eval("subtract", {Value::Timestamp(ts), hour}).ToString(), "2024-01-31 09:00:00");
  Value date = Value::Date(*type::ParseDate("2024-02-28"));
  EXPECT_EQ(Eval("add", {date, hour}).ToString(), "2024-02-28 01:00:00");
  EXPECT_EQ(Eval("add", {date, Value::Int(2)}).ToString(), "2024-03-01");
  EXPECT_EQ(Eval("subtract", {date, Value::Int(28)}).ToString(), "2024-01-31");
  Value earlier = Value::Date(*type::ParseDate("2024-02-01"));
  EXPECT_EQ(Eval("subtract", {date, earlier}), Value::Interval(27 * type::kMicrosPerDay));
  EXPECT_EQ(Eval("subtract", {Value::Timestamp(ts), Value::Timestamp(ts - 5)}), Value::Interval(5));
  EXPECT_EQ(Eval("add", {hour, hour}), Value::Interval(2 * type::kMicrosPerHour));
  EXPECT_EQ(Eval("multiply", {hour, Value::Int(3)}), Value::Interval(3 * type::kMicrosPerHour));
  EXPECT_EQ(Eval("multiply", {Value::Double(1.5), hour}),
            Value::Interval(90 * type::kMicrosPerMinute));
  EXPECT_EQ(Eval("divide", {hour, Value::Int(2)}), Value::Interval(30 * type::kMicrosPerMinute));
  EXPECT_EQ(Eval("divide", {Value::Interval(3), Value::Int(2)}), Value::Interval(2));  // HALF_UP
  EXPECT_TRUE(Eval("divide", {hour, Value::Int(0)}).is_null());
  EXPECT_EQ(Eval("negative", {hour}), Value::Interval(-type::kMicrosPerHour));
  EXPECT_FALSE(Evaluate("multiply", {Value::Timestamp(ts), Value::Int(2)}).ok());
  EXPECT_FALSE(Evaluate("add", {Value::Timestamp(ts), Value::Timestamp(ts)}).ok());
}

TEST(ArithmeticTest, ManyRowsWithNulls) {
  std::vector<std::vector<Value>> rows;
  for (int i = 0; i < 100; ++i) {
    rows.push_back({i % 7 == 0 ? Value::NullOf(type::Int()) : Value::Int(i), Value::Int(i % 5)});
  }
  auto out = EvaluateRows("remainder", rows).ValueOrDie();
  for (int i = 0; i < 100; ++i) {
    if (i % 7 == 0 || i % 5 == 0) {
      EXPECT_TRUE(out[i].is_null()) << i;
    } else {
      EXPECT_EQ(out[i], Value::Int(i % (i % 5))) << i;
    }
  }
}

TEST(MathTest, Rounding) {
  EXPECT_EQ(Eval("round", {Value::Double(2.5)}), Value::Double(3));
  EXPECT_EQ(Eval("round", {Value::Double(-2.5)}), Value::Double(-3));
  EXPECT_EQ(Eval("bround", {Value::Double(2.5)}), Value::Double(2));
  EXPECT_EQ(Eval("bround", {Value::Double(3.5)}), Value::Double(4));
  EXPECT_EQ(Eval("round", {Value::Double(2.675), Value::Int(2)}), Value::Double(2.68));
  EXPECT_EQ(Eval("round", {Value::Double(1234.5), Value::Int(-2)}), Value::Double(1200));
  EXPECT_EQ(Eval("round", {Value::Double(0.0001), Value::Int(2)}), Value::Double(0));
  EXPECT_EQ(Eval("round", {Value::Double(9.99), Value::Int(1)}), Value::Double(10));
  EXPECT_EQ(Eval("round", {Value::Double(-0.004), Value::Int(2)}).ToString(), "0.0");
  EXPECT_EQ(Eval("round", {Value::Double(-1.2345), Value::Int(3)}), Value::Double(-1.235));
  EXPECT_EQ(Eval("bround", {Value::Double(-1.2345), Value::Int(3)}), Value::Double(-1.234));
  EXPECT_EQ(Eval("round", {Value::Double(0.1 + 0.2), Value::Int(1)}), Value::Double(0.3));
  EXPECT_EQ(Eval("round", {Value::Double(1.005), Value::Int(2)}), Value::Double(1.01));
  EXPECT_EQ(Eval("round", {Value::Double(3.14159), Value::Int(4)}), Value::Double(3.1416));
  EXPECT_EQ(Eval("round", {Value::Int(125), Value::Int(-1)}), Value::Int(130));
  EXPECT_EQ(Eval("bround", {Value::Int(125), Value::Int(-1)}), Value::Int(120));
  EXPECT_EQ(Eval("round", {Value::Int(125)}), Value::Int(125));
  EXPECT_EQ(TypeOf("round", {Dec("1.25", 3, 2), Value::Int(1)}), "DECIMAL(3,1)");
  EXPECT_EQ(Eval("round", {Dec("1.25", 3, 2), Value::Int(1)}).ToString(), "1.3");
  EXPECT_EQ(Eval("bround", {Dec("1.25", 3, 2), Value::Int(1)}).ToString(), "1.2");
  EXPECT_EQ(Eval("round", {Dec("-1.25", 3, 2), Value::Int(1)}).ToString(), "-1.3");
  EXPECT_EQ(TypeOf("round", {Dec("155.5", 4, 1), Value::Int(-1)}), "DECIMAL(4,0)");
  EXPECT_EQ(Eval("round", {Dec("155.5", 4, 1), Value::Int(-1)}).ToString(), "160");
  EXPECT_EQ(Eval("floor", {Value::Double(-1.5)}), Value::BigInt(-2));
  EXPECT_EQ(Eval("ceiling", {Value::Double(1.2)}), Value::BigInt(2));
  EXPECT_EQ(Eval("floor", {Value::Int(7)}), Value::BigInt(7));
  EXPECT_EQ(TypeOf("ceil", {Dec("1.01", 5, 2)}), "DECIMAL(4,0)");
  EXPECT_EQ(Eval("ceil", {Dec("1.01", 5, 2)}).ToString(), "2");
  EXPECT_EQ(Eval("floor", {Dec("-1.01", 5, 2)}).ToString(), "-2");
  EXPECT_FALSE(EvaluateRows("round", {{Value::Double(1), Value::Int(1)}}).ok());  // d not constant
}

TEST(MathTest, Functions) {
  EXPECT_EQ(Eval("sqrt", {Value::Int(4)}), Value::Double(2));
  EXPECT_TRUE(std::isnan(Eval("sqrt", {Value::Int(-1)}).double_value()));
  EXPECT_TRUE(Eval("ln", {Value::Int(0)}).is_null());
  EXPECT_TRUE(Eval("log", {Value::Int(-1)}).is_null());
  EXPECT_EQ(Eval("log", {Value::Int(2), Value::Int(8)}), Value::Double(3));
  EXPECT_EQ(Eval("log10", {Value::Int(100)}), Value::Double(2));
  EXPECT_EQ(Eval("log2", {Value::Int(8)}), Value::Double(3));
  // Spark: StrictMath.log(x) / StrictMath.log(2), one ulp above a correctly rounded log2(10).
  EXPECT_EQ(Eval("log2", {Value::Int(10)}), Value::Double(3.3219280948873626));
  // NaN is not <= 0: Spark's logarithms give NaN, not NULL.
  for (const char* f : {"ln", "log", "log10", "log2"}) {
    EXPECT_TRUE(std::isnan(Eval(f, {Value::Double(NAN)}).double_value())) << f;
  }
  EXPECT_TRUE(std::isnan(Eval("log", {Value::Int(2), Value::Double(NAN)}).double_value()));
  EXPECT_EQ(Eval("exp", {Value::Int(0)}), Value::Double(1));
  EXPECT_EQ(Eval("power", {Value::Int(2), Value::Int(10)}), Value::Double(1024));
  EXPECT_EQ(Eval("abs", {Value::Int(-3)}), Value::Int(3));
  EXPECT_EQ(Eval("abs", {Value::Int(std::numeric_limits<int32_t>::min())}),
            Value::Int(std::numeric_limits<int32_t>::min()));
  EXPECT_EQ(Eval("abs", {Dec("-1.5", 2, 1)}).ToString(), "1.5");
  EXPECT_EQ(Eval("signum", {Value::Int(-3)}), Value::Double(-1));
  EXPECT_EQ(Eval("sign", {Value::Double(0)}), Value::Double(0));
  EXPECT_EQ(Eval("greatest", {Value::Int(1), Value::Double(2.5), Null()}), Value::Double(2.5));
  EXPECT_EQ(Eval("least", {Value::Int(1), Value::Int(-4), Value::Int(3)}), Value::Int(-4));
  EXPECT_EQ(Eval("greatest", {Value::Int(10), Value::String("9")}), Value::String("9"));
  EXPECT_TRUE(Eval("least", {Null(), Null()}).is_null());
  EXPECT_TRUE(std::isnan(Eval("greatest", {Value::Double(NAN), Value::Double(1)}).double_value()));
}

}  // namespace
}  // namespace runnel::function
