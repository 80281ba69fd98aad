#include "format/type_inference.h"

#include <gtest/gtest.h>

namespace runnel::format {
namespace {

TEST(TypeInferenceTest, MergesAsSparkWidens) {
  auto merge = [](type::DataTypePtr a, type::DataTypePtr b) {
    return MergeInferredTypes(a, b)->ToString();
  };
  EXPECT_EQ(merge(type::Int(), type::BigInt()), "BIGINT");
  EXPECT_EQ(merge(type::BigInt(), type::Double()), "DOUBLE");
  EXPECT_EQ(merge(type::Int(), type::Decimal(25, 0)), "DECIMAL(25,0)");
  EXPECT_EQ(merge(type::Decimal(5, 2), type::BigInt()), "DECIMAL(22,2)");
  EXPECT_EQ(merge(type::Null(), type::Boolean()), "BOOLEAN");
  EXPECT_EQ(merge(type::Boolean(), type::Int()), "STRING");
  EXPECT_EQ(merge(type::Date(), type::Timestamp()), "TIMESTAMP");
  EXPECT_EQ(merge(type::Array(type::Null()), type::Array(type::BigInt())), "ARRAY<BIGINT>");
  EXPECT_EQ(merge(type::Struct({{"b", type::Int(), true}}), type::Struct({{"a", type::Int(), true}})),
            "STRUCT<a: INT, b: INT>");
  EXPECT_EQ(FinishInferredType(type::Array(type::Null()))->ToString(), "ARRAY<STRING>");
  auto parser = CellParser::Make({}).ValueOrDie();
  EXPECT_EQ(InferTextType("12", parser)->ToString(), "INT");
  EXPECT_EQ(InferTextType("-3000000000", parser)->ToString(), "BIGINT");
  EXPECT_EQ(InferTextType("1e3", parser)->ToString(), "DOUBLE");
  EXPECT_EQ(InferTextType("Infinity", parser)->ToString(), "DOUBLE");
  EXPECT_EQ(InferTextType("True", parser)->ToString(), "BOOLEAN");
  EXPECT_EQ(InferTextType("2024-01-01", parser)->ToString(), "DATE");
  EXPECT_EQ(InferTextType("2024-01-01T10:00:00Z", parser)->ToString(), "TIMESTAMP");
  EXPECT_EQ(InferTextType("12 apples", parser)->ToString(), "STRING");
}

}  // namespace
}  // namespace runnel::format
