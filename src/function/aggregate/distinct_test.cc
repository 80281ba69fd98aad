#include <cmath>

#include "function/aggregate/aggregate_test_runner.h"

namespace runnel::function::test {
namespace {

using ::testing::ElementsAre;

AggregateCall Distinct(std::string name, std::vector<ColumnPtr> args,
                       std::vector<uint32_t> groups = {}, int64_t num_groups = 1) {
  AggregateCall call(std::move(name), std::move(args), std::move(groups), num_groups);
  call.distinct = true;
  return call;
}

TEST(DistinctTest, CountSumAvgOfDistinctValues) {
  ColumnPtr x = Ints(type::Int(), {1, 1, 2, std::nullopt, 2, 3, 5, 5});
  std::vector<uint32_t> groups{0, 0, 0, 0, 0, 0, 1, 1};
  EXPECT_THAT(Shown(RunAndCheck(Distinct("count", {x}, groups, 3))), ElementsAre("3", "1", "0"));
  EXPECT_THAT(Shown(RunAndCheck(Distinct("sum", {x}, groups, 3))), ElementsAre("6", "5", "NULL"));
  EXPECT_THAT(Shown(RunAndCheck(Distinct("avg", {x}, groups, 3))),
              ElementsAre("2.0", "5.0", "NULL"));
  EXPECT_THAT(Shown(RunAndCheck(Distinct("collect_list", {x}, groups, 3))),
              ElementsAre("[1, 2, 3]", "[5]", "[]"));
}

TEST(DistinctTest, CountOfTuplesNeedsEveryField) {
  ColumnPtr a = Ints(type::Int(), {1, 1, 1, 2, std::nullopt});
  ColumnPtr b = Strings({"x", "x", std::nullopt, "x", "y"});
  std::vector<Value> got = RunAndCheck(Distinct("count", {a, b}));
  EXPECT_THAT(Shown(got), ElementsAre("2"));
  auto bound = BindCall(Distinct("count", {a, b}));
  ASSERT_TRUE(bound.ok());
  ASSERT_EQ(bound->state_fields.size(), 1u);
  EXPECT_EQ(bound->state_fields[0].type->ToString(), "ARRAY<STRUCT<col1: INT, col2: STRING>>");
}

TEST(DistinctTest, DoublesGroupNanAndSignedZero) {
  ColumnPtr x = Doubles({0.0, -0.0, NAN, NAN, 1.0});
  EXPECT_THAT(Shown(RunAndCheck(Distinct("count", {x}))), ElementsAre("3"));
}

TEST(DistinctTest, StateIsTheArrayOfValues) {
  auto bound = BindCall(Distinct("sum", {Ints(type::BigInt(), {})}));
  ASSERT_TRUE(bound.ok());
  EXPECT_EQ(bound->return_type->ToString(), "BIGINT");
  EXPECT_EQ(bound->state_fields[0].type->ToString(), "ARRAY<BIGINT>");
}

TEST(DistinctTest, SameResultFunctionsIgnoreDistinct) {
  auto bound = BindCall(Distinct("max", {Ints(type::Int(), {})}));
  ASSERT_TRUE(bound.ok());
  EXPECT_EQ(bound->state_fields[0].type->ToString(), "INT");
}

TEST(DistinctTest, CountStarCannotBeDistinct) {
  EXPECT_FALSE(BindCall(Distinct("count", {}, {0}, 1)).ok());
}

}  // namespace
}  // namespace runnel::function::test
