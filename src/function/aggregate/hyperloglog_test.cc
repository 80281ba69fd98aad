#include <cmath>

#include "function/aggregate/aggregate_test_runner.h"

namespace runnel::function::test {
namespace {

using ::testing::ElementsAre;

AggregateCall WithRsd(ColumnPtr x, double rsd) {
  int64_t n = x->length();
  AggregateCall call("approx_count_distinct",
                     {x, vector::MakeConstantColumn(Value::Double(rsd), n)});
  call.constants = {std::nullopt, Value::Double(rsd)};
  return call;
}

ColumnPtr Sequence(int64_t count, int repeats) {
  std::vector<std::optional<int64_t>> values;
  for (int r = 0; r < repeats; ++r) {
    for (int64_t i = 0; i < count; ++i) values.push_back(i * 7919 + 13);
  }
  return Ints(type::BigInt(), values);
}

TEST(ApproxCountDistinctTest, HundredThousandWithinFivePercent) {
  std::vector<Value> got =
      RunAndCheck(AggregateCall("approx_count_distinct", {Sequence(100000, 1)}));
  ASSERT_EQ(got.size(), 1u);
  EXPECT_NEAR(static_cast<double>(got[0].bigint_value()), 100000.0, 5000.0);
}

TEST(ApproxCountDistinctTest, DuplicatesDoNotCount) {
  // The sketch only records which values were seen: repeats leave it unchanged.
  std::vector<Value> once =
      RunAndCheck(AggregateCall("approx_count_distinct", {Sequence(20000, 1)}));
  std::vector<Value> thrice =
      RunAndCheck(AggregateCall("approx_count_distinct", {Sequence(20000, 3)}));
  EXPECT_EQ(once[0].bigint_value(), thrice[0].bigint_value());
  EXPECT_NEAR(static_cast<double>(once[0].bigint_value()), 20000.0, 3 * 0.046 * 20000);
}

TEST(ApproxCountDistinctTest, SmallerRsdIsMoreAccurate) {
  std::vector<Value> got = RunAndCheck(WithRsd(Sequence(100000, 1), 0.01));
  EXPECT_NEAR(static_cast<double>(got[0].bigint_value()), 100000.0, 2000.0);
}

TEST(ApproxCountDistinctTest, SmallCountsAreExactEnough) {
  std::vector<std::optional<std::string>> words{"a", "b", std::nullopt, "a", "c", "d", "e"};
  AggregateCall call("approx_count_distinct", {Strings(words)}, {0, 0, 0, 0, 0, 1, 1}, 3);
  EXPECT_THAT(Shown(RunAndCheck(call)), ElementsAre("3", "2", "0"));
}

TEST(ApproxCountDistinctTest, StateIsBinaryRegisters) {
  auto bound = BindCall(AggregateCall("approx_count_distinct", {Strings({"x"})}));
  ASSERT_TRUE(bound.ok());
  EXPECT_EQ(bound->return_type->ToString(), "BIGINT");
  EXPECT_EQ(bound->state_fields[0].type->ToString(), "BINARY");
  auto agg = bound->make();
  agg->Resize(2);
  auto states = agg->States();
  ASSERT_TRUE(states.ok());
  EXPECT_EQ((*states)[0]->GetString(1).size(), 512u);  // rsd 0.05 -> p = 9
}

TEST(ApproxCountDistinctTest, RejectsTooLargeError) {
  auto bound = BindCall(WithRsd(Strings({"x"}), 0.5));
  ASSERT_FALSE(bound.ok());
  EXPECT_EQ(bound.status().code(), StatusCode::kAnalysis);
}

TEST(ApproxCountDistinctTest, MergeRejectsSketchOfOtherPrecision) {
  auto coarse = BindCall(AggregateCall("approx_count_distinct", {Strings({"x"})}));
  auto fine = BindCall(WithRsd(Strings({"x"}), 0.01));
  ASSERT_TRUE(coarse.ok() && fine.ok());
  auto a = coarse->make();
  a->Resize(1);
  auto states = a->States();
  ASSERT_TRUE(states.ok());
  auto b = fine->make();
  b->Resize(1);
  uint32_t group = 0;
  EXPECT_EQ(b->Merge(*states, &group, 1).code(), StatusCode::kCorruption);
}

}  // namespace
}  // namespace runnel::function::test
