#include <gtest/gtest.h>

#include "type/datetime.h"
#include "type/ddl.h"
#include "type/decimal.h"
#include "type/value.h"

namespace runnel::type {
namespace {

TEST(DdlTest, ParsesAndPrintsNestedSchemas) {
  auto schema = ParseSchema(
      "user STRING, ts TIMESTAMP, tags ARRAY<STRING>, loc STRUCT<lat: DOUBLE, lon: DOUBLE>, "
      "attrs MAP<STRING, INT>, price DECIMAL(10,2) NOT NULL");
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  EXPECT_EQ(schema->ToString(),
            "user STRING, ts TIMESTAMP, tags ARRAY<STRING>, loc STRUCT<lat: DOUBLE, lon: DOUBLE>, "
            "attrs MAP<STRING, INT>, price DECIMAL(10,2) NOT NULL");
  auto again = ParseSchema(schema->ToString());
  ASSERT_TRUE(again.ok());
  EXPECT_TRUE(again->Equals(*schema));
}

TEST(DdlTest, ErrorsNamePositionAndSuggest) {
  auto bad = ParseSchema("a INT, b STRNG");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kSyntax);
  EXPECT_NE(bad.status().message().find("Did you mean 'STRING'?"), std::string::npos)
      << bad.status().message();
  EXPECT_NE(bad.status().message().find("character 10"), std::string::npos)
      << bad.status().message();
}

TEST(ValueTest, FormatsLikeSpark) {
  EXPECT_EQ(FormatDouble(1.0), "1.0");
  EXPECT_EQ(FormatDouble(0.1), "0.1");
  EXPECT_EQ(FormatDouble(1e7), "1.0E7");
  EXPECT_EQ(FormatDouble(123456.789), "123456.789");
  EXPECT_EQ(FormatDouble(0.0001), "1.0E-4");
  EXPECT_EQ(FormatDouble(-2.5), "-2.5");
  EXPECT_EQ(Value::Decimal(-12345, 10, 2).ToString(), "-123.45");
  EXPECT_EQ(Value::Decimal(5, 10, 3).ToString(), "0.005");
  EXPECT_EQ(Value::Timestamp(1500000).ToString(), "1970-01-01 00:00:01.5");
  EXPECT_EQ(Value::Date(19723).ToString(), "2024-01-01");
  EXPECT_EQ(Value::Array(Int(), {Value::Int(1), Value::NullOf(Int())}).ToString(), "[1, NULL]");
}

TEST(DatetimeTest, ParsesIsoForms) {
  EXPECT_EQ(*ParseTimestamp("1970-01-01 00:00:01.5"), 1500000);
  EXPECT_EQ(*ParseTimestamp("1970-01-01T01:00:00Z"), kMicrosPerHour);
  EXPECT_EQ(*ParseTimestamp("1970-01-01T01:00:00+01:00"), 0);
  EXPECT_EQ(*ParseDate("2024-01-01"), 19723);
  EXPECT_FALSE(ParseDate("2024-02-30").has_value());
  EXPECT_FALSE(ParseTimestamp("nope").has_value());
  EXPECT_EQ(FormatTimestamp(-1), "1969-12-31 23:59:59.999999");
}

TEST(DecimalTest, ParsesAndRescales) {
  EXPECT_EQ(*ParseDecimal("12.345", 10, 2), 1235);  // half up
  EXPECT_EQ(*ParseDecimal("-1e2", 10, 0), -100);
  EXPECT_FALSE(ParseDecimal("123456", 5, 0).has_value());
  EXPECT_EQ(DecimalToString(*ParseDecimal("0.5", 3, 2), 2), "0.50");
}

}  // namespace
}  // namespace runnel::type
