#include "function/aggregate/aggregate_test_runner.h"

namespace runnel::function::test {
namespace {

using ::testing::ElementsAre;

AggregateCall WithIgnoreNulls(const std::string& name, ColumnPtr x, std::vector<uint32_t> groups,
                              int64_t num_groups) {
  int64_t n = x->length();
  AggregateCall call(name, {x, vector::MakeConstantColumn(Value::Boolean(true), n)},
                     std::move(groups), num_groups);
  call.constants = {std::nullopt, Value::Boolean(true)};
  return call;
}

TEST(FirstLastTest, NullsCountUnlessIgnored) {
  ColumnPtr x = Ints(type::Int(), {std::nullopt, 2, 3, 4, std::nullopt, 6, std::nullopt});
  std::vector<uint32_t> groups{0, 0, 0, 1, 1, 1, 2};
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("first", {x}, groups, 4))),
              ElementsAre("NULL", "4", "NULL", "NULL"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("last", {x}, groups, 4))),
              ElementsAre("3", "6", "NULL", "NULL"));
  EXPECT_THAT(Shown(RunAndCheck(WithIgnoreNulls("first", x, groups, 4))),
              ElementsAre("2", "4", "NULL", "NULL"));
  EXPECT_THAT(Shown(RunAndCheck(WithIgnoreNulls("last", x, groups, 4))),
              ElementsAre("3", "6", "NULL", "NULL"));
}

TEST(FirstLastTest, LastNullCountsWithoutIgnoreNulls) {
  ColumnPtr x = Strings({"a", "b", std::nullopt});
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("last", {x}))), ElementsAre("NULL"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("last_value", {x}))), ElementsAre("NULL"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("first_value", {x}))), ElementsAre("a"));
  EXPECT_THAT(Shown(RunAndCheck(WithIgnoreNulls("last", x, {0, 0, 0}, 1))), ElementsAre("b"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("any_value", {x}))), ElementsAre("a"));
}

TEST(FirstLastTest, NestedValues) {
  auto array_type = type::Array(type::String());
  ColumnPtr x = MakeColumn(array_type, {Value::Array(type::String(), {Value::String("p")}),
                                        Value::Array(type::String(), {})});
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("first", {x}))), ElementsAre("[p]"));
  EXPECT_THAT(Shown(RunAndCheck(AggregateCall("last", {x}))), ElementsAre("[]"));
}

TEST(FirstLastTest, IgnoreNullsMustBeABooleanLiteral) {
  ColumnPtr x = Ints(type::Int(), {1});
  AggregateCall call("first", {x, Ints(type::Int(), {1})});
  call.constants = {std::nullopt, Value::Int(1)};
  auto bound = BindCall(call);
  ASSERT_FALSE(bound.ok());
  EXPECT_NE(bound.status().message().find("BOOLEAN"), std::string::npos);
}

}  // namespace
}  // namespace runnel::function::test
