#include "function/cast.h"

#include <gtest/gtest.h>

#include <cmath>

#include "function/cast_text.h"
#include "function/coercion.h"
#include "type/datetime.h"
#include "type/ddl.h"
#include "vector/column_builder.h"

namespace runnel::function {
namespace {

using type::Value;

Value Cast(const Value& v, const type::DataTypePtr& to) { return CastValue(v, to).ValueOrDie(); }
std::string CastText(const Value& v) { return Cast(v, type::String()).ToString(); }
type::DataTypePtr Ddl(const char* ddl) { return *type::ParseDataType(ddl); }

TEST(CastTest, StringToNumbers) {
  EXPECT_EQ(Cast(Value::String("abc"), type::Int()).is_null(), true);
  EXPECT_EQ(Cast(Value::String(" 42 "), type::Int()), Value::Int(42));
  EXPECT_EQ(Cast(Value::String("1.5"), type::Int()), Value::Int(1));
  EXPECT_EQ(Cast(Value::String("-1.9"), type::BigInt()), Value::BigInt(-1));
  EXPECT_TRUE(Cast(Value::String("2147483648"), type::Int()).is_null());
  EXPECT_EQ(Cast(Value::String("-2147483648"), type::Int()), Value::Int(-2147483648));
  EXPECT_EQ(Cast(Value::String("-9223372036854775808"), type::BigInt()),
            Value::BigInt(std::numeric_limits<int64_t>::min()));
  EXPECT_TRUE(Cast(Value::String("1e3"), type::Int()).is_null());
  EXPECT_TRUE(Cast(Value::String(""), type::Int()).is_null());
  EXPECT_EQ(Cast(Value::String("1e3"), type::Double()), Value::Double(1000));
  EXPECT_EQ(Cast(Value::String("1.5d"), type::Double()), Value::Double(1.5));
  EXPECT_TRUE(std::isnan(Cast(Value::String("NaN"), type::Double()).double_value()));
  EXPECT_EQ(Cast(Value::String("-Infinity"), type::Double()).double_value(), -INFINITY);
  EXPECT_TRUE(Cast(Value::String("1.2.3"), type::Double()).is_null());
  EXPECT_EQ(Cast(Value::String("12.345"), type::Decimal(5, 2)), Value::Decimal(1235, 5, 2));
  EXPECT_TRUE(Cast(Value::String("12345"), type::Decimal(5, 2)).is_null());
}

TEST(CastTest, StringToBooleanDateTimestamp) {
  for (const char* t : {"true", "T", "yes", "Y", "1", " TRUE "}) {
    EXPECT_EQ(Cast(Value::String(t), type::Boolean()), Value::Boolean(true)) << t;
  }
  for (const char* f : {"false", "f", "NO", "n", "0"}) {
    EXPECT_EQ(Cast(Value::String(f), type::Boolean()), Value::Boolean(false)) << f;
  }
  EXPECT_TRUE(Cast(Value::String("maybe"), type::Boolean()).is_null());
  EXPECT_EQ(Cast(Value::String("2024-02-29"), type::Date()).ToString(), "2024-02-29");
  EXPECT_TRUE(Cast(Value::String("2023-02-29"), type::Date()).is_null());
  EXPECT_EQ(Cast(Value::String("2024-01-31 10:00:00.5"), type::Timestamp()).ToString(),
            "2024-01-31 10:00:00.5");
  EXPECT_EQ(Cast(Value::String("1 02:03:04.5"), type::Interval()).bigint_value(),
            type::kMicrosPerDay + 2 * type::kMicrosPerHour + 3 * type::kMicrosPerMinute + 4500000);
  EXPECT_EQ(
      Cast(Value::String("INTERVAL '-0 00:00:01' DAY TO SECOND"), type::Interval()).bigint_value(),
      -type::kMicrosPerSecond);
}

TEST(CastTest, NumbersToNumbers) {
  // Java conversions: truncate toward zero, saturate, NaN -> 0; integers wrap.
  EXPECT_EQ(Cast(Value::Double(1e20), type::Int()), Value::Int(2147483647));
  EXPECT_EQ(Cast(Value::Double(-1.9), type::Int()), Value::Int(-1));
  EXPECT_EQ(Cast(Value::Double(NAN), type::BigInt()), Value::BigInt(0));
  EXPECT_EQ(Cast(Value::BigInt(3000000000LL), type::Int()), Value::Int(-1294967296));
  EXPECT_EQ(Cast(Value::Decimal(-1999, 5, 3), type::Int()), Value::Int(-1));
  EXPECT_EQ(Cast(Value::Int(7), type::Double()), Value::Double(7));
  EXPECT_EQ(Cast(Value::Decimal(12345, 10, 4), type::Double()), Value::Double(1.2345));
  EXPECT_EQ(Cast(Value::Double(0.1), type::Decimal(20, 18)).ToString(), "0.100000000000000000");
  EXPECT_EQ(Cast(Value::Double(2.5), type::Decimal(2, 0)).ToString(), "3");
  EXPECT_TRUE(Cast(Value::Double(NAN), type::Decimal(10, 2)).is_null());
  EXPECT_TRUE(Cast(Value::Int(1000), type::Decimal(3, 1)).is_null());
  EXPECT_EQ(Cast(Value::Decimal(12345, 5, 2), type::Decimal(4, 1)).ToString(), "123.5");
  EXPECT_EQ(Cast(Value::Boolean(true), type::Int()), Value::Int(1));
  EXPECT_EQ(Cast(Value::Double(NAN), type::Boolean()), Value::Boolean(true));
  EXPECT_EQ(Cast(Value::Int(0), type::Boolean()), Value::Boolean(false));
}

TEST(CastTest, Temporal) {
  int64_t ts = *type::ParseTimestamp("1970-01-01 00:00:01.5");
  EXPECT_EQ(Cast(Value::Timestamp(ts), type::BigInt()), Value::BigInt(1));
  EXPECT_EQ(Cast(Value::Timestamp(-1), type::BigInt()), Value::BigInt(-1));
  EXPECT_EQ(Cast(Value::Timestamp(ts), type::Double()), Value::Double(1.5));
  EXPECT_EQ(Cast(Value::BigInt(1), type::Timestamp()), Value::Timestamp(1000000));
  EXPECT_EQ(Cast(Value::Double(1.5), type::Timestamp()), Value::Timestamp(1500000));
  EXPECT_EQ(Cast(Value::Date(1), type::Timestamp()), Value::Timestamp(type::kMicrosPerDay));
  EXPECT_EQ(Cast(Value::Timestamp(-1), type::Date()), Value::Date(-1));
  EXPECT_TRUE(Cast(Value::Date(5), type::Int()).is_null());
  EXPECT_FALSE(CanCast(*type::Int(), *type::Date()));
  EXPECT_EQ(CastText(Value::Timestamp(ts)), "1970-01-01 00:00:01.5");
  EXPECT_EQ(CastText(Value::Date(0)), "1970-01-01");
}

TEST(CastTest, ToStringFormats) {
  EXPECT_EQ(CastText(Value::Double(1e7)), "1.0E7");
  EXPECT_EQ(CastText(Value::Double(0.1)), "0.1");
  EXPECT_EQ(CastText(Value::Boolean(true)), "true");
  EXPECT_EQ(CastText(Value::Decimal(-5, 3, 2)), "-0.05");
  // Non-ANSI Spark prints decimals with Java's BigDecimal.toString.
  EXPECT_EQ(CastText(Value::Decimal(0, 20, 10)), "0E-10");
  EXPECT_EQ(CastText(Value::Decimal(1, 10, 7)), "1E-7");
  EXPECT_EQ(CastText(Value::Decimal(-15, 10, 10)), "-1.5E-9");
  EXPECT_EQ(CastText(Value::Decimal(1, 10, 6)), "0.000001");
  EXPECT_EQ(CastText(Value::Decimal(12345, 10, 0)), "12345");
  auto arr = Value::Array(type::Int(), {Value::Int(1), Value::NullOf(type::Int()), Value::Int(2)});
  EXPECT_EQ(CastText(arr), "[1, null, 2]");
  auto st_type = Ddl("STRUCT<a: INT, b: STRING>");
  EXPECT_EQ(CastText(Value::Struct(st_type, {Value::Int(1), Value::String("x")})), "{1, x}");
  auto m_type = Ddl("MAP<STRING, DOUBLE>");
  EXPECT_EQ(CastText(Value::Map(m_type, {Value::String("a")}, {Value::Double(1)})), "{a -> 1.0}");
  EXPECT_EQ(Cast(Value::Int(258), type::Binary()).string_value(), std::string("\0\0\1\2", 4));
}

TEST(CastTest, NestedElementWise) {
  auto arr = Value::Array(type::String(), {Value::String("1"), Value::String("x")});
  EXPECT_EQ(Cast(arr, Ddl("ARRAY<INT>")).ToString(), "[1, NULL]");
  auto st = Value::Struct(Ddl("STRUCT<a: STRING, b: INT>"), {Value::String("2.5"), Value::Int(3)});
  Value out = Cast(st, Ddl("STRUCT<x: DOUBLE, y: STRING>"));
  EXPECT_EQ(out.children()[0], Value::Double(2.5));
  EXPECT_EQ(out.children()[1], Value::String("3"));
  EXPECT_FALSE(CanCast(*Ddl("ARRAY<INT>"), *Ddl("STRUCT<a: INT>")));
  EXPECT_FALSE(CastColumn(vector::MakeConstantColumn(arr, 1), type::Int()).ok());
}

TEST(CastTest, NullCastsToAnything) {
  for (auto t : {type::Int(), type::String(), Ddl("ARRAY<INT>"), Ddl("STRUCT<a: INT>")}) {
    Value v = Cast(Value(), t);
    EXPECT_TRUE(v.is_null());
    EXPECT_TRUE(type::TypesEqual(v.type(), t));
  }
}

TEST(CastTest, SlicedColumnsKeepTheirRows) {
  vector::ColumnBuilder b(type::Int());
  for (int i = 0; i < 10; ++i) i == 5 ? b.AppendNull() : b.AppendInt(i);
  auto sliced = b.Finish()->Slice(4, 3);
  auto out = CastColumn(sliced, type::String()).ValueOrDie();
  EXPECT_EQ(out->GetValue(0), Value::String("4"));
  EXPECT_TRUE(out->IsNull(1));
  EXPECT_EQ(out->GetValue(2), Value::String("6"));
  auto doubles = CastColumn(sliced, type::Double()).ValueOrDie();
  EXPECT_EQ(doubles->GetValue(2), Value::Double(6));
  EXPECT_TRUE(doubles->IsNull(1));
}

TEST(CoercionTest, CommonAndComparisonTypes) {
  EXPECT_EQ(CommonType(type::Int(), type::BigInt())->ToString(), "BIGINT");
  EXPECT_EQ(CommonType(type::Null(), type::Date())->ToString(), "DATE");
  EXPECT_EQ(CommonType(type::Int(), type::Decimal(5, 2))->ToString(), "DECIMAL(12,2)");
  EXPECT_EQ(CommonType(type::Decimal(38, 0), type::Decimal(38, 10))->ToString(), "DECIMAL(38,10)");
  EXPECT_EQ(CommonType(type::Decimal(5, 2), type::Double())->ToString(), "DOUBLE");
  EXPECT_EQ(CommonType(type::Date(), type::Timestamp())->ToString(), "TIMESTAMP");
  EXPECT_EQ(CommonType(type::String(), type::Int())->ToString(), "STRING");
  EXPECT_EQ(CommonType(type::String(), type::Boolean()), nullptr);
  EXPECT_EQ(CommonType(Ddl("ARRAY<INT>"), Ddl("ARRAY<DOUBLE>"))->ToString(), "ARRAY<DOUBLE>");
  EXPECT_EQ(CommonType({type::Int(), type::Null(), type::Double()})->ToString(), "DOUBLE");
  EXPECT_EQ(CommonType({type::Timestamp(), type::Int(), type::String()})->ToString(), "STRING");
  EXPECT_EQ(CommonType({type::Timestamp(), type::Int()}), nullptr);
  EXPECT_EQ(ComparisonType(type::String(), type::Int())->ToString(), "INT");
  EXPECT_EQ(ComparisonType(type::Date(), type::String())->ToString(), "DATE");
  EXPECT_EQ(ComparisonType(type::String(), type::Decimal(5, 2))->ToString(), "DOUBLE");
  EXPECT_EQ(ComparisonType(type::Boolean(), type::Int()), nullptr);
  EXPECT_EQ(AdjustedDecimal(77, 20)->ToString(), "DECIMAL(38,6)");
  EXPECT_EQ(AdjustedDecimal(40, 10)->ToString(), "DECIMAL(38,8)");
}

}  // namespace
}  // namespace runnel::function
