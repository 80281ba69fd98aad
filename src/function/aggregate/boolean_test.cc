#include "function/aggregate/aggregate_test_runner.h"

namespace runnel::function::test {
namespace {

using ::testing::ElementsAre;

ColumnPtr Bools(std::vector<std::optional<bool>> values) {
  vector::ColumnBuilder builder(type::Boolean());
  for (auto v : values) v ? builder.AppendBool(*v) : builder.AppendNull();
  return builder.Finish();
}

TEST(BooleanAggregateTest, AndOrWithNulls) {
  ColumnPtr x = Bools({true, std::nullopt, false, true, std::nullopt, std::nullopt});
  std::vector<uint32_t> groups{0, 0, 0, 1, 1, 2};
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("bool_and", {x}, groups, 4))),
              ElementsAre("false", "true", "NULL", "NULL"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("bool_or", {x}, groups, 4))),
              ElementsAre("true", "true", "NULL", "NULL"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("every", {x}))), ElementsAre("false"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("any", {x}))), ElementsAre("true"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("some", {Bools({false})}))), ElementsAre("false"));
}

TEST(BooleanAggregateTest, RejectsNonBoolean) {
  EXPECT_FALSE(BindCall(AggregateCall("bool_and", {Ints(type::Int(), {1})})).ok());
}

}  // namespace
}  // namespace runnel::function::test
