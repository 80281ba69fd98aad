#include <limits>

#include "function/aggregate/aggregate_test_runner.h"

namespace runnel::function::test {
namespace {

using ::testing::ElementsAre;

ColumnPtr Decimals(int precision, int scale, std::vector<std::optional<int64_t>> unscaled) {
  vector::ColumnBuilder builder(type::Decimal(precision, scale));
  for (auto v : unscaled) v ? builder.AppendDecimal(*v) : builder.AppendNull();
  return builder.Finish();
}

TEST(SumTest, IntegersSumToBigIntSkippingNulls) {
  AggregateCall call("sum", {Ints(type::Int(), {1, 2, std::nullopt, 5, std::nullopt})},
                     {0, 0, 0, 1, 2}, 4);
  std::vector<Value> got = RunAndCheck(call);
  EXPECT_THAT(Shown(got), ElementsAre("3", "5", "NULL", "NULL"));
  EXPECT_EQ(got[0].type()->ToString(), "BIGINT");
}

TEST(SumTest, BigIntOverflowWraps) {
  AggregateCall call("sum", {Ints(type::BigInt(), {std::numeric_limits<int64_t>::max(), 1})});
  EXPECT_THAT(Shown(RunAndCheck(call)), ElementsAre("-9223372036854775808"));
}

TEST(SumTest, Doubles) {
  AggregateCall call("sum", {Doubles({0.5, std::nullopt, 1.25})});
  EXPECT_THAT(Shown(RunAndCheck(call)), ElementsAre("1.75"));
}

TEST(SumTest, DecimalWidensPrecisionByTen) {
  AggregateCall call("sum", {Decimals(10, 2, {125, 250, std::nullopt})}, {0, 0, 0}, 2);
  std::vector<Value> got = RunAndCheck(call);
  EXPECT_THAT(Shown(got), ElementsAre("3.75", "NULL"));
  EXPECT_EQ(got[0].type()->ToString(), "DECIMAL(20,2)");
  auto bound = BindCall(AggregateCall("sum", {Decimals(10, 2, {})}));
  ASSERT_TRUE(bound.ok());
  ASSERT_EQ(bound->state_fields.size(), 2u);
  EXPECT_EQ(bound->state_fields[1].name, "is_empty");
}

TEST(SumTest, DecimalOverflowIsNull) {
  // 9 * 10^37 twice does not fit DECIMAL(38,0); the NULL survives partial states.
  vector::ColumnBuilder builder(type::Decimal(38, 0));
  type::int128_t big = type::PowerOfTen(37) * 9;
  for (int i = 0; i < 4; ++i) builder.AppendDecimal(i == 3 ? 1 : big);
  AggregateCall call("sum", {builder.Finish()}, {0, 0, 1, 1}, 2);
  EXPECT_THAT(Shown(RunAndCheck(call)),
              ElementsAre("NULL", "90000000000000000000000000000000000001"));
}

TEST(SumTest, StringIsReadAsDoubleAndBooleanIsRejected) {
  auto bound = BindCall(AggregateCall("sum", {Strings({"1"})}));
  EXPECT_FALSE(bound.ok());  // the test column is not pre-cast ...
  const AggregateFunction* sum = FunctionRegistry::Builtins().FindAggregate("sum");
  BindArgs args{{type::String()}, {std::nullopt}, "sum"};
  auto by_string = sum->bind(args, false);
  ASSERT_TRUE(by_string.ok());  // ... but binding asks for DOUBLE
  EXPECT_EQ(by_string->arg_types[0]->ToString(), "DOUBLE");
  EXPECT_EQ(by_string->return_type->ToString(), "DOUBLE");
  BindArgs bools{{type::Boolean()}, {std::nullopt}, "sum"};
  auto error = sum->bind(bools, false);
  ASSERT_FALSE(error.ok());
  EXPECT_EQ(error.status().code(), StatusCode::kAnalysis);
}

TEST(SumTest, IntervalSumsToInterval) {
  AggregateCall call("sum", {Ints(type::Interval(), {1000000, 2000000})});
  std::vector<Value> got = RunAndCheck(call);
  EXPECT_EQ(got[0].type()->id(), type::TypeId::kInterval);
  EXPECT_EQ(got[0].bigint_value(), 3000000);
}

TEST(AvgTest, IntegersAverageToDouble) {
  AggregateCall call("avg", {Ints(type::Int(), {1, 2, std::nullopt, 4, std::nullopt})},
                     {0, 0, 0, 0, 1}, 3);
  EXPECT_THAT(Shown(RunAndCheck(call)), ElementsAre("2.3333333333333335", "NULL", "NULL"));
}

TEST(AvgTest, MeanIsAnAlias) {
  AggregateCall call("mean", {Doubles({1.0, 2.0})});
  EXPECT_THAT(Shown(RunAndCheck(call)), ElementsAre("1.5"));
}

TEST(AvgTest, DecimalAddsFourDigitsOfScale) {
  AggregateCall call("avg", {Decimals(10, 2, {100, 200, 200, -100, -200, -200})},
                     {0, 0, 0, 1, 1, 1}, 3);
  std::vector<Value> got = RunAndCheck(call);
  EXPECT_THAT(Shown(got), ElementsAre("1.666667", "-1.666667", "NULL"));
  EXPECT_EQ(got[0].type()->ToString(), "DECIMAL(14,6)");
  auto bound = BindCall(AggregateCall("avg", {Decimals(38, 10, {})}));
  ASSERT_TRUE(bound.ok());
  EXPECT_EQ(bound->return_type->ToString(), "DECIMAL(38,14)");
  EXPECT_EQ(bound->state_fields[0].type->ToString(), "DECIMAL(38,10)");
}

TEST(AvgTest, DecimalRoundsHalfUp) {
  // (0.01 + 0.02) / 2 at scale 6 is exact; 0.01 / 3 = 0.0033333.. -> 0.003333;
  // 0.02 / 3 = 0.006666.. -> 0.006667.
  AggregateCall call("avg", {Decimals(10, 2, {1, 0, 0, 2, 0, 0})}, {0, 0, 0, 1, 1, 1}, 2);
  EXPECT_THAT(Shown(RunAndCheck(call)), ElementsAre("0.003333", "0.006667"));
}

TEST(AvgTest, DecimalResultOverflowIsNull) {
  // DECIMAL(38,0) averages to DECIMAL(38,4): 10^35 does not fit 34 integer digits.
  vector::ColumnBuilder builder(type::Decimal(38, 0));
  builder.AppendDecimal(type::PowerOfTen(35));
  builder.AppendDecimal(5);
  AggregateCall call("avg", {builder.Finish()}, {0, 1}, 2);
  EXPECT_THAT(Shown(RunAndCheck(call)), ElementsAre("NULL", "5.0000"));
}

}  // namespace
}  // namespace runnel::function::test
