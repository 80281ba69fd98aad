#include <cmath>

#include "function/aggregate/aggregate_test_runner.h"

namespace runnel::function::test {
namespace {

using ::testing::ElementsAre;

TEST(CollectTest, ListKeepsArrivalOrderAndSkipsNulls) {
  ColumnPtr x = Ints(type::Int(), {3, std::nullopt, 1, 3, 7, std::nullopt});
  std::vector<Value> got = RunAndCheck(AggregateCall("collect_list", {x}, {0, 0, 0, 0, 1, 2}, 4));
  EXPECT_THAT(Shown(got), ElementsAre("[3, 1, 3]", "[7]", "[]", "[]"));
  EXPECT_EQ(got[0].type()->ToString(), "ARRAY<INT>");
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("array_agg", {x}))), ElementsAre("[3, 1, 3, 7]"));
}

TEST(CollectTest, SetIsDistinctAndSorted) {
  ColumnPtr x = Strings({"b", "a", std::nullopt, "b", "c", "a"});
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("collect_set", {x}))), ElementsAre("[a, b, c]"));
  ColumnPtr d = Doubles({NAN, 0.0, -0.0, NAN, 1.5});
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("collect_set", {d}))),
              ElementsAre("[0.0, 1.5, NaN]"));
}

TEST(CollectTest, StateIsTheArray) {
  auto bound = BindCall(AggregateCall("collect_set", {Strings({})}));
  ASSERT_TRUE(bound.ok());
  ASSERT_EQ(bound->state_fields.size(), 1u);
  EXPECT_EQ(bound->state_fields[0].type->ToString(), "ARRAY<STRING>");
}

TEST(CollectTest, StructElements) {
  auto st = type::Struct({{"a", type::Int(), true}, {"b", type::String(), true}});
  ColumnPtr x =
      MakeColumn(st, {Value::Struct(st, {Value::Int(1), Value::String("x")}), Value::NullOf(st),
                      Value::Struct(st, {Value::Int(2), Value::NullOf(type::String())})});
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("collect_list", {x}))),
              ElementsAre("[{1, x}, {2, NULL}]"));
}

}  // namespace
}  // namespace runnel::function::test
