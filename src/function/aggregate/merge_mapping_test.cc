// The operator's other habits: groups added between batches (Resize grows) and partial states
// merged under other group ids, several into one group.
#include "function/aggregate/aggregate_test_runner.h"

namespace runnel::function::test {
namespace {

using ::testing::ElementsAre;

// Partial: rows 0..5 in groups {0,1,2,0,1,2}; final: its groups 0 and 2 merge into 1, group 1
// into 0.
std::vector<std::string> MergeRemapped(const std::string& name, ColumnPtr x, bool distinct) {
  AggregateCall call(name, {x});
  call.distinct = distinct;
  auto bound = BindCall(call);
  EXPECT_TRUE(bound.ok()) << bound.status().ToString();
  if (!bound.ok()) return {};
  auto partial = bound->make();
  partial->Resize(1);
  std::vector<uint32_t> first_ids{0, 0, 0, 0, 0, 0};
  // Grow between batches: the first row lands in group 0 while only one group exists.
  EXPECT_TRUE(partial->Update({x->Slice(0, 1)}, first_ids.data(), 1).ok());
  partial->Resize(3);
  std::vector<uint32_t> ids{1, 2, 0, 1, 2};
  EXPECT_TRUE(partial->Update({x->Slice(1, 5)}, ids.data(), 5).ok());
  auto states = partial->States();
  EXPECT_TRUE(states.ok());
  auto final_agg = bound->make();
  final_agg->Resize(2);
  std::vector<uint32_t> mapping{1, 0, 1};
  EXPECT_TRUE(final_agg->Merge(*states, mapping.data(), 3).ok());
  auto result = final_agg->Finalize();
  EXPECT_TRUE(result.ok());
  return Shown(ValuesOf(*result));
}

TEST(MergeMappingTest, StatesMergeIntoOtherGroups) {
  // Values by partial group: g0 = {1, 4}, g1 = {2, 5}, g2 = {3, NULL}; final 0 = g1,
  // final 1 = g0 + g2.
  ColumnPtr x = Ints(type::BigInt(), {1, 2, 3, 4, 5, std::nullopt});
  EXPECT_THAT(MergeRemapped("count", x, false), ElementsAre("2", "3"));
  EXPECT_THAT(MergeRemapped("sum", x, false), ElementsAre("7", "8"));
  EXPECT_THAT(MergeRemapped("avg", x, false), ElementsAre("3.5", "2.6666666666666665"));
  EXPECT_THAT(MergeRemapped("min", x, false), ElementsAre("2", "1"));
  EXPECT_THAT(MergeRemapped("max", x, false), ElementsAre("5", "4"));
  ColumnPtr d = Doubles({1, 2, 3, 4, 5, std::nullopt});
  EXPECT_THAT(MergeRemapped("var_pop", d, false), ElementsAre("2.25", "1.5555555555555556"));
  EXPECT_THAT(MergeRemapped("collect_list", x, false), ElementsAre("[2, 5]", "[1, 4, 3]"));
  EXPECT_THAT(MergeRemapped("first", x, false), ElementsAre("2", "1"));
  EXPECT_THAT(MergeRemapped("last", x, false), ElementsAre("5", "NULL"));
  EXPECT_THAT(MergeRemapped("approx_count_distinct", x, false), ElementsAre("2", "3"));
  EXPECT_THAT(MergeRemapped("count", x, true), ElementsAre("2", "3"));
}

}  // namespace
}  // namespace runnel::function::test
