#include <gtest/gtest.h>

#include "function/registry.h"
#include "function/scalar/test_scalar_eval.h"
#include "function/scalar/window_duration.h"
#include "type/datetime.h"

namespace runnel::function {
namespace {

using testing::S;
using testing::Show;
using type::Value;

constexpr int64_t kMinute = 60'000'000;

int64_t Duration(const std::string& text) {
  auto parsed = ParseDurationText(text);
  EXPECT_TRUE(parsed.ok()) << text;
  if (!parsed.ok() || !parsed->has_value()) return -12345;
  return **parsed;
}

TEST(WindowDurationTest, ParsesSparkIntervalText) {
  EXPECT_EQ(Duration("10 minutes"), 10 * kMinute);
  EXPECT_EQ(Duration("1 minute"), kMinute);
  EXPECT_EQ(Duration("1 hour 30 minutes"), 90 * kMinute);
  EXPECT_EQ(Duration("interval 2 HOURS"), 120 * kMinute);
  EXPECT_EQ(Duration("500 milliseconds"), 500'000);
  EXPECT_EQ(Duration("1.5 seconds"), 1'500'000);
  EXPECT_EQ(Duration("1 day"), 1440 * kMinute);
  EXPECT_EQ(Duration("1 week"), 7 * 1440 * kMinute);
  EXPECT_EQ(Duration("-5 seconds"), -5'000'000);
  EXPECT_EQ(Duration("3 microseconds"), 3);
}

TEST(WindowDurationTest, RejectsMalformedTextAndMonths) {
  EXPECT_FALSE(ParseDurationText("10")->has_value());
  EXPECT_FALSE(ParseDurationText("ten minutes")->has_value());
  EXPECT_FALSE(ParseDurationText("10 fortnights")->has_value());
  EXPECT_FALSE(ParseDurationText("")->has_value());
  auto months = ParseDurationText("1 month");
  EXPECT_EQ(months.status().code(), StatusCode::kNotSupported);
  EXPECT_FALSE(ParseDurationText("2 years").ok());
}

TEST(WindowDurationTest, LatestWindowStartUsesFloorModulo) {
  EXPECT_EQ(LatestWindowStart(7 * kMinute, 5 * kMinute, 0), 5 * kMinute);
  EXPECT_EQ(LatestWindowStart(5 * kMinute, 5 * kMinute, 0), 5 * kMinute);
  EXPECT_EQ(LatestWindowStart(-1, 5 * kMinute, 0), -5 * kMinute);
  EXPECT_EQ(LatestWindowStart(-5 * kMinute, 5 * kMinute, 0), -5 * kMinute);
  EXPECT_EQ(LatestWindowStart(7 * kMinute, 5 * kMinute, 3 * kMinute), 3 * kMinute);
  EXPECT_EQ(LatestWindowStart(9 * kMinute, 5 * kMinute, 3 * kMinute), 8 * kMinute);
}

Value Ts(const std::string& text) {
  auto v = type::ParseTimestamp(text);
  EXPECT_TRUE(v.has_value()) << text;
  return Value::Timestamp(v.value_or(0));
}

TEST(TimeWindowTest, TumblingWindowHoldsTheTimestamp) {
  EXPECT_EQ(Show("window", {Ts("2024-01-01 00:07:00"), S("5 minutes")}),
            "{2024-01-01 00:05:00, 2024-01-01 00:10:00}");
  EXPECT_EQ(Show("window", {Ts("2024-01-01 00:10:00"), S("5 minutes")}),
            "{2024-01-01 00:10:00, 2024-01-01 00:15:00}");
  EXPECT_EQ(Show("window", {Ts("2024-01-01 00:07:00"), S("5 minutes"), S("5 minutes"),
                            S("2 minutes")}),
            "{2024-01-01 00:07:00, 2024-01-01 00:12:00}");
  EXPECT_EQ(Show("window", {Ts("1969-12-31 23:59:59"), S("1 hour")}),
            "{1969-12-31 23:00:00, 1970-01-01 00:00:00}");
  EXPECT_EQ(Show("window", {Value::NullOf(type::Timestamp()), S("1 hour")}), "NULL");
}

TEST(TimeWindowTest, WindowTimeIsEndMinusOneMicrosecond) {
  Value w = testing::Call("window", {Ts("2024-01-01 00:07:00"), S("5 minutes")});
  EXPECT_EQ(Show("window_time", {w}), "2024-01-01 00:09:59.999999");
  // A window struct as the time column: chained windows use its window_time.
  EXPECT_EQ(Show("window", {w, S("1 hour")}), "{2024-01-01 00:00:00, 2024-01-01 01:00:00}");
}

TEST(TimeWindowTest, BadArgumentsAreAnalysisErrors) {
  const ScalarFunction* f = FunctionRegistry::Builtins().FindScalar("window");
  BindArgs args;
  args.name = "window";
  args.types = {type::Timestamp(), type::String(), type::String()};
  args.constants = {std::nullopt, S("5 minutes"), S("10 minutes")};
  EXPECT_EQ(f->bind(args).status().code(), StatusCode::kAnalysis);  // slide > duration
  args.constants = {std::nullopt, S("1 month"), S("1 month")};
  EXPECT_FALSE(f->bind(args).ok());
  args.constants = {std::nullopt, S("5 minutes"), S("1 minute")};
  EXPECT_FALSE(f->bind(args).ok());  // sliding: only through the analyzer's rewrite
  args.constants = {std::nullopt, std::nullopt, S("1 minute")};
  EXPECT_FALSE(f->bind(args).ok());  // not a constant
}

TEST(TimeWindowTest, GeneratorEmitsEverySlidingWindowHoldingTheRow) {
  const GeneratorFunction* g = FunctionRegistry::Builtins().FindGenerator("__time_windows");
  ASSERT_NE(g, nullptr);
  BindArgs args;
  args.name = "__time_windows";
  args.types = {type::Timestamp(), type::BigInt(), type::BigInt(), type::BigInt()};
  args.constants.resize(4);
  auto bound = g->bind(args);
  ASSERT_TRUE(bound.ok());
  // ts = 7 min and NULL; windows of 10 min sliding every 5 min -> [0,10) and [5,15).
  auto ts = vector::MakeFixedColumn<int64_t>(type::Timestamp(), {7 * kMinute, 0}, {1, 0});
  auto c = [](int64_t v) { return vector::MakeFixedColumn<int64_t>(type::BigInt(), {v, v}); };
  auto out = bound->kernel({ts, c(10 * kMinute), c(5 * kMinute), c(0)}, 2);
  ASSERT_TRUE(out.ok());
  ASSERT_EQ(out->source_rows, (std::vector<int32_t>{0, 0}));
  EXPECT_EQ(out->columns[0]->GetValue(0).ToString(), "{1970-01-01 00:00:00, 1970-01-01 00:10:00}");
  EXPECT_EQ(out->columns[0]->GetValue(1).ToString(), "{1970-01-01 00:05:00, 1970-01-01 00:15:00}");
}

}  // namespace
}  // namespace runnel::function
