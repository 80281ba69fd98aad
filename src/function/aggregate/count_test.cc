#include "function/aggregate/aggregate_test_runner.h"

namespace runnel::function::test {
namespace {

using ::testing::ElementsAre;

TEST(CountTest, StarCountsEveryRowIncludingNulls) {
  AggregateCall call{"count", {}, {0, 0, 1, 0, 2}, 4};
  // count(*) binds with no arguments; rows come only through group ids.
  EXPECT_THAT(Shown(RunAndCheck(call)), ElementsAre("3", "1", "1", "0"));
}

TEST(CountTest, ExpressionSkipsNulls) {
  AggregateCall call{
      "count", {Ints(type::Int(), {1, std::nullopt, 3, std::nullopt, 5})}, {0, 0, 1, 1, 0}, 3};
  EXPECT_THAT(Shown(RunAndCheck(call)), ElementsAre("2", "1", "0"));
}

TEST(CountTest, SeveralArgumentsNeedEveryOneSet) {
  AggregateCall call{
      "count",
      {Ints(type::Int(), {1, std::nullopt, 3, 4}), Strings({"a", "b", std::nullopt, "d"})}};
  EXPECT_THAT(Shown(RunAndCheck(call)), ElementsAre("2"));
}

TEST(CountTest, NullTypedArgumentCountsNothing) {
  AggregateCall call{"count", {vector::MakeNullColumn(type::Null(), 3)}};
  EXPECT_THAT(Shown(RunAndCheck(call)), ElementsAre("0"));
}

TEST(CountTest, ResultTypeAndStateAreBigInt) {
  auto bound = BindCall({"count", {Ints(type::Int(), {1})}});
  ASSERT_TRUE(bound.ok());
  EXPECT_EQ(bound->return_type->ToString(), "BIGINT");
  ASSERT_EQ(bound->state_fields.size(), 1u);
  EXPECT_EQ(bound->state_fields[0].type->ToString(), "BIGINT");
}

TEST(CountTest, CountIfCountsTrueRows) {
  ColumnPtr cond =
      MakeColumn(type::Boolean(), {Value::Boolean(true), Value::Boolean(false),
                                   Value::NullOf(type::Boolean()), Value::Boolean(true)});
  AggregateCall call{"count_if", {cond}, {0, 0, 0, 1}, 3};
  EXPECT_THAT(Shown(RunAndCheck(call)), ElementsAre("1", "1", "0"));
  EXPECT_FALSE(BindCall({"count_if", {Ints(type::Int(), {1})}}).ok());
}

TEST(CountTest, LargeInputUsesManyGroups) {
  std::vector<std::optional<int64_t>> values;
  std::vector<uint32_t> groups;
  for (int i = 0; i < 1000; ++i) {
    values.push_back(i % 7 == 0 ? std::nullopt : std::optional<int64_t>(i));
    groups.push_back(static_cast<uint32_t>(i % 10));
  }
  AggregateCall call{"count", {Ints(type::BigInt(), values)}, groups, 10};
  std::vector<Value> got = RunAndCheck(call);
  int64_t total = 0;
  for (const auto& v : got) total += v.bigint_value();
  EXPECT_EQ(total, 1000 - 143);  // multiples of 7 in [0, 1000): 143
}

}  // namespace
}  // namespace runnel::function::test
