#include "function/aggregate/aggregate_test_runner.h"

namespace runnel::function::test {
namespace {

using ::testing::ElementsAre;

TEST(VarianceTest, SparkValuesOfOneToFour) {
  ColumnPtr x = Doubles({1, 2, 3, 4, std::nullopt});
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("stddev", {x}))), ElementsAre("1.2909944487358056"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("stddev_samp", {x}))),
              ElementsAre("1.2909944487358056"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("std", {x}))), ElementsAre("1.2909944487358056"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("stddev_pop", {x}))),
              ElementsAre("1.118033988749895"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("variance", {x}))),
              ElementsAre("1.6666666666666667"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("var_samp", {x}))),
              ElementsAre("1.6666666666666667"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("var_pop", {x}))), ElementsAre("1.25"));
}

TEST(VarianceTest, SingleRowAndEmptyGroups) {
  ColumnPtr x = Doubles({5, std::nullopt});
  std::vector<uint32_t> groups{0, 1};
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("var_samp", {x}, groups, 3))),
              ElementsAre("NULL", "NULL", "NULL"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("var_pop", {x}, groups, 3))),
              ElementsAre("0.0", "NULL", "NULL"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("stddev_pop", {x}, groups, 3))),
              ElementsAre("0.0", "NULL", "NULL"));
}

TEST(VarianceTest, StableForLargeOffsets) {
  // A naive sum-of-squares formula loses every digit here.
  ColumnPtr x = Doubles({1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16});
  std::vector<Value> got = RunAndCheck(AggregateCall("var_samp", {x}));
  EXPECT_NEAR(got[0].double_value(), 30.0, 1e-6);
}

TEST(VarianceTest, ManyGroupsMergeLikeOnePass) {
  std::vector<std::optional<double>> values;
  std::vector<uint32_t> groups;
  for (int i = 0; i < 500; ++i) {
    values.push_back(i % 11 == 0 ? std::nullopt : std::optional<double>(i * 0.37 - 20));
    groups.push_back(static_cast<uint32_t>(i % 6));
  }
  RunAndCheck(AggregateCall("stddev_samp", {Doubles(values)}, groups, 6));
}

TEST(VarianceTest, BindsNumbersAsDouble) {
  const AggregateFunction* f = FunctionRegistry::Builtins().FindAggregate("stddev");
  ASSERT_NE(f, nullptr);
  auto bound = f->bind(BindArgs{{type::Decimal(10, 2)}, {std::nullopt}, "stddev"}, false);
  ASSERT_TRUE(bound.ok());
  EXPECT_EQ(bound->arg_types[0]->ToString(), "DOUBLE");
  EXPECT_EQ(bound->state_fields.size(), 3u);
  EXPECT_FALSE(f->bind(BindArgs{{type::Date()}, {std::nullopt}, "stddev"}, false).ok());
}

}  // namespace
}  // namespace runnel::function::test
