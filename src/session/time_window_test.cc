// window(), window_time() and session_window() through the DataFrame API, with Spark's results.
#include <gtest/gtest.h>

#include "runnel/runnel.h"

namespace runnel {
namespace {

using functions::col;

std::vector<std::string> Render(const Result<std::vector<Row>>& rows) {
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  std::vector<std::string> out;
  if (!rows.ok()) return out;
  for (const auto& r : *rows) out.push_back(r.ToString());
  return out;
}

class TimeWindowTest : public ::testing::Test {
 protected:
  void SetUp() override { session_ = Session::Make(); }
  // Events (ts, user, v), in no particular order, one with a NULL time.
  DataFrame Events() {
    auto df = session_->sql(
        "SELECT * FROM VALUES "
        "(TIMESTAMP '2024-01-01 00:07:00', 'a', 1), (TIMESTAMP '2024-01-01 00:01:00', 'a', 2), "
        "(TIMESTAMP '2024-01-01 00:12:30', 'b', 3), (TIMESTAMP '2024-01-01 00:04:59', 'b', 4), "
        "(TIMESTAMP '2024-01-01 00:03:00', 'a', 5), (CAST(NULL AS TIMESTAMP), 'a', 6) "
        "AS t(ts, user, v)");
    EXPECT_TRUE(df.ok()) << df.status().ToString();
    return *df;
  }
  std::shared_ptr<Session> session_;
};

TEST_F(TimeWindowTest, TumblingWindowCounts) {
  auto rows = Events()
                  .groupBy(functions::window(col("ts"), "5 minutes"))
                  .agg(functions::count(col("*")).alias("n"), functions::sum(col("v")).alias("s"))
                  .orderBy("window")
                  .collect();
  EXPECT_EQ(Render(rows), (std::vector<std::string>{
                              "[{2024-01-01 00:00:00, 2024-01-01 00:05:00},3,11]",
                              "[{2024-01-01 00:05:00, 2024-01-01 00:10:00},1,1]",
                              "[{2024-01-01 00:10:00, 2024-01-01 00:15:00},1,3]"}));
  auto schema = Events().groupBy(functions::window(col("ts"), "5 minutes")).count().schema();
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  EXPECT_EQ(schema->ToString(), "window STRUCT<start: TIMESTAMP, end: TIMESTAMP>, count BIGINT");
}

TEST_F(TimeWindowTest, TumblingWindowWithStartOffsetAndNegativeTimes) {
  auto df = session_->sql(
      "SELECT * FROM VALUES (TIMESTAMP '1969-12-31 23:58:00'), (TIMESTAMP '1970-01-01 00:01:00'), "
      "(TIMESTAMP '1970-01-01 00:02:00') AS t(ts)");
  ASSERT_TRUE(df.ok());
  auto rows = df->groupBy(functions::window(col("ts"), "5 minutes", "5 minutes", "2 minutes"))
                  .count()
                  .orderBy("window")
                  .collect();
  EXPECT_EQ(Render(rows), (std::vector<std::string>{
                              "[{1969-12-31 23:57:00, 1970-01-01 00:02:00},2]",
                              "[{1970-01-01 00:02:00, 1970-01-01 00:07:00},1]"}));
}

TEST_F(TimeWindowTest, SlidingWindowsRepeatEachRow) {
  auto rows = Events()
                  .groupBy(functions::window(col("ts"), "10 minutes", "5 minutes"), col("user"))
                  .agg(functions::sum(col("v")).alias("s"))
                  .orderBy("window", "user")
                  .collect();
  EXPECT_EQ(Render(rows), (std::vector<std::string>{
                              "[{2023-12-31 23:55:00, 2024-01-01 00:05:00},a,7]",
                              "[{2023-12-31 23:55:00, 2024-01-01 00:05:00},b,4]",
                              "[{2024-01-01 00:00:00, 2024-01-01 00:10:00},a,8]",
                              "[{2024-01-01 00:00:00, 2024-01-01 00:10:00},b,4]",
                              "[{2024-01-01 00:05:00, 2024-01-01 00:15:00},a,1]",
                              "[{2024-01-01 00:05:00, 2024-01-01 00:15:00},b,3]",
                              "[{2024-01-01 00:10:00, 2024-01-01 00:20:00},b,3]"}));
}

TEST_F(TimeWindowTest, SlidingWindowsOfThreeInSelect) {
  auto df = session_->sql("SELECT * FROM VALUES (TIMESTAMP '2024-01-01 00:07:00') AS t(ts)");
  ASSERT_TRUE(df.ok());
  auto rows = df->select(functions::window(col("ts"), "15 minutes", "5 minutes"))
                  .orderBy("window")
                  .collect();
  EXPECT_EQ(Render(rows), (std::vector<std::string>{
                              "[{2023-12-31 23:55:00, 2024-01-01 00:10:00}]",
                              "[{2024-01-01 00:00:00, 2024-01-01 00:15:00}]",
                              "[{2024-01-01 00:05:00, 2024-01-01 00:20:00}]"}));
}

TEST_F(TimeWindowTest, WindowTimeOfAnAggregatedWindow) {
  auto rows = Events()
                  .groupBy(functions::window(col("ts"), "5 minutes"))
                  .count()
                  .select(functions::window_time(col("window")).alias("t"), col("count"))
                  .orderBy("t")
                  .collect();
  EXPECT_EQ(Render(rows), (std::vector<std::string>{"[2024-01-01 00:04:59.999999,3]",
                                                    "[2024-01-01 00:09:59.999999,1]",
                                                    "[2024-01-01 00:14:59.999999,1]"}));
}

TEST_F(TimeWindowTest, InvalidDurationsAreAnalysisErrors) {
  auto months = Events().groupBy(functions::window(col("ts"), "1 month")).count().collect();
  EXPECT_FALSE(months.ok());
  auto slide = Events().groupBy(functions::window(col("ts"), "5 minutes", "10 minutes")).count().collect();
  ASSERT_FALSE(slide.ok());
  EXPECT_NE(slide.status().message().find("slide duration"), std::string::npos);
}

TEST_F(TimeWindowTest, SessionWindowsMergePerKey) {
  // a: 00:01, 00:03, 00:07 -> 00:01..00:08 with a 5 minute gap (00:07 < 00:03 + 5 min).
  // b: 00:04:59 and 00:12:30 are more than 5 minutes apart: two sessions.
  auto rows = Events()
                  .groupBy(functions::session_window(col("ts"), "5 minutes"), col("user"))
                  .agg(functions::count(col("*")).alias("n"), functions::sum(col("v")).alias("s"))
                  .orderBy("user", "session_window")
                  .collect();
  EXPECT_EQ(Render(rows), (std::vector<std::string>{
                              "[{2024-01-01 00:01:00, 2024-01-01 00:12:00},a,3,8]",
                              "[{2024-01-01 00:04:59, 2024-01-01 00:09:59},b,1,4]",
                              "[{2024-01-01 00:12:30, 2024-01-01 00:17:30},b,1,3]"}));
  auto schema = Events().groupBy(functions::session_window(col("ts"), "5 minutes")).count().schema();
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  EXPECT_EQ(schema->ToString(),
            "session_window STRUCT<start: TIMESTAMP, end: TIMESTAMP>, count BIGINT");
}

TEST_F(TimeWindowTest, SessionWindowWithPerRowGap) {
  // user a gets a 1 minute gap (every event alone), b a 10 minute gap (one session);
  // a gap of NULL drops the row.
  auto gap = functions::expr(
      "CASE WHEN user = 'a' THEN '1 minute' WHEN v = 3 THEN '10 minutes' WHEN v = 4 THEN "
      "'10 minutes' END");
  auto rows = Events()
                  .groupBy(functions::session_window(col("ts"), gap), col("user"))
                  .count()
                  .orderBy("user", "session_window")
                  .collect();
  EXPECT_EQ(Render(rows), (std::vector<std::string>{
                              "[{2024-01-01 00:01:00, 2024-01-01 00:02:00},a,1]",
                              "[{2024-01-01 00:03:00, 2024-01-01 00:04:00},a,1]",
                              "[{2024-01-01 00:07:00, 2024-01-01 00:08:00},a,1]",
                              "[{2024-01-01 00:04:59, 2024-01-01 00:22:30},b,2]"}));
}

TEST_F(TimeWindowTest, SessionWindowWithoutOtherKeysIsGlobal) {
  auto rows = Events()
                  .groupBy(functions::session_window(col("ts"), "3 minutes"))
                  .count()
                  .orderBy("session_window")
                  .collect();
  EXPECT_EQ(Render(rows), (std::vector<std::string>{
                              "[{2024-01-01 00:01:00, 2024-01-01 00:10:00},4]",
                              "[{2024-01-01 00:12:30, 2024-01-01 00:15:30},1]"}));
}

}  // namespace
}  // namespace runnel
