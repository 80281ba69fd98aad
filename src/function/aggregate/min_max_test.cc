#include <cmath>

#include "function/aggregate/aggregate_test_runner.h"

namespace runnel::function::test {
namespace {

using ::testing::ElementsAre;

TEST(MinMaxTest, IntegersByGroup) {
  ColumnPtr x = Ints(type::Int(), {5, std::nullopt, -3, 7, std::nullopt});
  std::vector<uint32_t> groups{0, 0, 0, 1, 2};
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("min", {x}, groups, 4))),
              ElementsAre("-3", "7", "NULL", "NULL"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("max", {x}, groups, 4))),
              ElementsAre("5", "7", "NULL", "NULL"));
}

TEST(MinMaxTest, NanIsTheLargestDouble) {
  ColumnPtr x = Doubles({1.0, NAN, -2.5, std::nullopt});
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("min", {x}))), ElementsAre("-2.5"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("max", {x}))), ElementsAre("NaN"));
}

TEST(MinMaxTest, StringsCompareBytewise) {
  ColumnPtr x = Strings({"banana", "apple", std::nullopt, "cherry", "Zebra"});
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("min", {x}))), ElementsAre("Zebra"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("max", {x}))), ElementsAre("cherry"));
}

TEST(MinMaxTest, DatesTimestampsBooleansDecimals) {
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("max", {Ints(type::Date(), {0, 19723, 1})}))),
              ElementsAre("2024-01-01"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("min", {Ints(type::Timestamp(), {86400000000, 0})}))),
              ElementsAre("1970-01-01 00:00:00"));
  ColumnPtr bools = MakeColumn(type::Boolean(), {Value::Boolean(true), Value::Boolean(false)});
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("min", {bools}))), ElementsAre("false"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("max", {bools}))), ElementsAre("true"));
  ColumnPtr decimals =
      MakeColumn(type::Decimal(5, 2), {Value::Decimal(-150, 5, 2), Value::Decimal(99, 5, 2)});
  std::vector<Value> got = RunAndCheck(AggregateCall("min", {decimals}));
  EXPECT_THAT(Shown(got), ElementsAre("-1.50"));
  EXPECT_EQ(got[0].type()->ToString(), "DECIMAL(5,2)");
}

TEST(MinMaxTest, ArraysCompareElementWise) {
  auto array_type = type::Array(type::Int());
  ColumnPtr x = MakeColumn(array_type, {Value::Array(type::Int(), {Value::Int(1), Value::Int(2)}),
                                        Value::Array(type::Int(), {Value::Int(1)}),
                                        Value::Array(type::Int(), {Value::Int(0), Value::Int(9)})});
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("min", {x}))), ElementsAre("[0, 9]"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("max", {x}))), ElementsAre("[1, 2]"));
}

TEST(MinMaxTest, MapsAreRejected) {
  auto map_type = type::Map(type::String(), type::Int());
  auto bound = BindCall(AggregateCall("max", {vector::MakeNullColumn(map_type, 1)}));
  ASSERT_FALSE(bound.ok());
  EXPECT_EQ(bound.status().code(), StatusCode::kAnalysis);
}

TEST(MinMaxByTest, ValueAtTheExtremeOrdering) {
  ColumnPtr x = Strings({"a", "b", "c", std::nullopt, "e"});
  ColumnPtr ord = Ints(type::Int(), {3, 5, std::nullopt, 1, 5});
  // max_by keeps the earlier row on a tie ("b" before "e"); min_by's value may be NULL.
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("max_by", {x, ord}))), ElementsAre("b"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("min_by", {x, ord}))), ElementsAre("NULL"));
  AggregateCall grouped("min_by", {x, ord}, {0, 0, 1, 2, 2}, 4);
  EXPECT_THAT(Shown(RunAndCheck(grouped)), ElementsAre("a", "NULL", "NULL", "NULL"));
  AggregateCall grouped_max("max_by", {x, ord}, {0, 0, 1, 2, 2}, 4);
  EXPECT_THAT(Shown(RunAndCheck(grouped_max)), ElementsAre("b", "NULL", "e", "NULL"));
}

}  // namespace
}  // namespace runnel::function::test
