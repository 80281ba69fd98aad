// session_window() on streams and chained stateful operators, end to end through the public
// DataFrame API: Spark's StreamingSessionWindowSuite append example and its progress, sessions
// across restarts with each state store provider, stream == batch for complete mode with a
// per-row gap, chained operators in each output mode, and the state schema check.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <map>
#include <mutex>

#include "runnel/runnel.h"
#include "session/streaming_test_util.h"

namespace runnel {
namespace {

using functions::col;
using functions::lit;
using type::Value;

using test_util::Render;

Value Seconds(int64_t s) { return Value::Timestamp(s * 1'000'000); }

// What a foreachBatch function saw, by batch id (a re-run batch replaces its entry).
struct BatchLog {
  std::mutex mutex;
  std::map<int64_t, std::vector<std::string>> batches;
  int64_t taken_through = -1;

  DataStreamWriter::BatchFunction Function() {
    return [this](const DataFrame& df, int64_t batch_id) -> Status {
      RUNNEL_ASSIGN_OR_RAISE(auto rows, df.collect());
      std::lock_guard<std::mutex> lock(mutex);
      auto& out = batches[batch_id];
      out.clear();
      for (const auto& r : rows) out.push_back(r.ToString());
      return Status::OK();
    };
  }
  // The rows of the batches since the last call, sorted.
  std::vector<std::string> TakeNew() {
    std::lock_guard<std::mutex> lock(mutex);
    std::vector<std::string> out;
    for (auto it = batches.upper_bound(taken_through); it != batches.end(); ++it) {
      out.insert(out.end(), it->second.begin(), it->second.end());
      taken_through = it->first;
    }
    std::sort(out.begin(), out.end());
    return out;
  }
};

class StreamingSessionsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    session_ = Session::Make();
    dir_ = std::filesystem::temp_directory_path() /
           ("runnel-sessions-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    // Parameterized names hold '/': keep the directory flat.
    std::string name = dir_.filename().string();
    std::replace(name.begin(), name.end(), '/', '_');
    dir_ = dir_.parent_path() / name;
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Checkpoint(const std::string& suffix = "") const { return (dir_ / ("checkpoint" + suffix)).string(); }

  std::shared_ptr<Session> session_;
  std::filesystem::path dir_;
};

// Spark's StreamingSessionWindowSuite "append mode - session window": words of each line are
// session ids, 10-second gap, 30-second watermark delay. Spark's comments list the sessions
// after each step; append mode emits nothing until the watermark (60 s) passes them.
TEST_F(StreamingSessionsTest, SparkAppendExampleWithDroppedRowsInProgress) {
  auto input = *MemoryStream::Make(session_, "value STRING, ts TIMESTAMP");
  auto line = [](const std::string& value, int64_t seconds) { return Row({Value::String(value), Seconds(seconds)}); };
  BatchLog log;
  auto query = input->toDF()
                   .withWatermark("ts", "30 seconds")
                   .select(functions::explode(functions::split(col("value"), " ")).alias("sessionId"), col("ts"))
                   .groupBy(functions::session_window(col("ts"), "10 seconds").alias("session"), col("sessionId"))
                   .agg(functions::count(lit(1)).alias("numEvents"))
                   .select(col("sessionId"), col("session").getField("start").alias("start"),
                           col("session").getField("end").alias("end"), col("numEvents"))
                   .writeStream().outputMode("append").foreachBatch(log.Function())
                   .option("checkpointLocation", Checkpoint()).start();
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  auto step = [&](const std::vector<Row>& rows) {
    EXPECT_TRUE(input->addData(rows).ok());
    EXPECT_TRUE(query->processAllAvailable().ok());
    return log.TakeNew();
  };
  const std::vector<std::string> none;
  // Watermark 11 s after this one.
  EXPECT_EQ(step({line("hello world spark streaming", 40), line("world hello structured streaming", 41)}), none);
  EXPECT_EQ(query->lastProgress()->eventTime.at("watermark"), "1970-01-01T00:00:11.000Z");
  // New sessions before the stored ones.
  EXPECT_EQ(step({line("spark streaming", 25)}), none);
  // Late: the sessions [0 s, 10 s) end behind the watermark (11 s); both words are dropped.
  EXPECT_EQ(step({line("spark streaming", 0)}), none);
  auto late = query->lastProgress();
  ASSERT_TRUE(late.has_value());
  EXPECT_EQ(late->numInputRows, 1);
  ASSERT_EQ(late->stateOperators.size(), 1u);
  EXPECT_EQ(late->stateOperators[0].operatorName, "sessionWindowStateStoreSave");
  EXPECT_EQ(late->stateOperators[0].numRowsDroppedByWatermark, 2);
  EXPECT_NE(late->json().find("\"operatorName\":\"sessionWindowStateStoreSave\""), std::string::npos) << late->json();
  EXPECT_NE(late->json().find("\"numRowsDroppedByWatermark\":2"), std::string::npos) << late->json();
  // Stored: spark [25, 35) and [40, 50), streaming [25, 35) and [40, 51), hello, world,
  // structured: seven sessions in all.
  EXPECT_EQ(late->stateOperators[0].numRowsTotal, 7);
  // 30 s joins [25, 35) and [40, ...) of spark and of streaming.
  EXPECT_EQ(step({line("spark streaming", 30)}), none);
  EXPECT_EQ(query->lastProgress()->stateOperators[0].numRowsDroppedByWatermark, 0);
  // Watermark 30 s: nothing ends by then.
  EXPECT_EQ(step({line("hello apache spark", 60)}), none);
  // Watermark 60 s: every session that ended by 60 s is final.
  EXPECT_EQ(step({line("structured streaming", 90)}),
            (std::vector<std::string>{"[hello,1970-01-01 00:00:40,1970-01-01 00:00:51,2]",
                                      "[spark,1970-01-01 00:00:25,1970-01-01 00:00:50,3]",
                                      "[streaming,1970-01-01 00:00:25,1970-01-01 00:00:51,4]",
                                      "[structured,1970-01-01 00:00:41,1970-01-01 00:00:51,1]",
                                      "[world,1970-01-01 00:00:40,1970-01-01 00:00:51,2]"}));
  // Left in the state: hello, apache and spark at 60 s, structured and streaming at 90 s.
  EXPECT_EQ(query->lastProgress()->stateOperators[0].numRowsTotal, 5);
  ASSERT_TRUE(query->stop().ok());
}

// A session opened before a restart merges with rows after it, with either state store provider.
class SessionRestartTest : public StreamingSessionsTest, public ::testing::WithParamInterface<std::string> {};

TEST_P(SessionRestartTest, SessionsSurviveARestart) {
  ASSERT_TRUE(session_->setConf("runnel.sql.streaming.stateStore.provider", GetParam()).ok());
  auto clicks = *MemoryStream::Make(session_, "user STRING, ts TIMESTAMP, amount BIGINT");
  auto click = [](const std::string& user, int64_t seconds, int64_t amount) {
    return Row({Value::String(user), Seconds(seconds), Value::BigInt(amount)});
  };
  BatchLog log;
  auto start = [&] {
    return clicks->toDF()
        .withWatermark("ts", "5 seconds")
        .groupBy(col("user"), functions::session_window(col("ts"), "10 seconds").alias("s"))
        .agg(functions::count(lit(1)).alias("n"), functions::sum(col("amount")).alias("total"))
        .select(col("user"), col("s").getField("start").cast("string").alias("start"),
                col("s").getField("end").cast("string").alias("end"), col("n"), col("total"))
        .writeStream().outputMode("append").foreachBatch(log.Function())
        .option("checkpointLocation", Checkpoint()).start();
  };
  auto first = start();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  // a: [10, 20); b: [12, 22). The watermark becomes 7 s (12 - 5): both stay open.
  ASSERT_TRUE(clicks->addData({click("a", 10, 1), click("b", 12, 2)}).ok());
  ASSERT_TRUE(first->processAllAvailable().ok());
  EXPECT_EQ(log.TakeNew(), std::vector<std::string>{});
  auto progress = first->lastProgress();
  ASSERT_EQ(progress->stateOperators.size(), 1u);
  EXPECT_EQ(progress->stateOperators[0].operatorName, "sessionWindowStateStoreSave");
  EXPECT_EQ(progress->stateOperators[0].numRowsTotal, 2);
  ASSERT_TRUE(first->stop().ok());

  // After the restart: a at 15 s extends [10, 20) to [10, 25); b at 30 s is a new session
  // (30 > 22). The watermark is 7 s (12 - 5) when these arrive, so nothing is late.
  ASSERT_TRUE(clicks->addData({click("a", 15, 10), click("b", 30, 20)}).ok());
  auto second = start();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  ASSERT_TRUE(second->processAllAvailable().ok());
  // Watermark 25 s: a's [10, 25) and b's [12, 22) are final.
  EXPECT_EQ(log.TakeNew(), (std::vector<std::string>{"[a,1970-01-01 00:00:10,1970-01-01 00:00:25,2,11]",
                                                     "[b,1970-01-01 00:00:12,1970-01-01 00:00:22,1,2]"}));
  EXPECT_EQ(second->id(), first->id());
  ASSERT_TRUE(second->stop().ok());

  // Another restart: b's [30, 40) is still stored and merges with 38 s.
  ASSERT_TRUE(clicks->addData({click("b", 38, 300)}).ok());
  auto third = start();
  ASSERT_TRUE(third.ok()) << third.status().ToString();
  ASSERT_TRUE(third->processAllAvailable().ok());
  EXPECT_EQ(log.TakeNew(), std::vector<std::string>{});
  ASSERT_TRUE(clicks->addData({click("c", 100, 0)}).ok());
  ASSERT_TRUE(third->processAllAvailable().ok());
  EXPECT_EQ(log.TakeNew(), std::vector<std::string>{"[b,1970-01-01 00:00:30,1970-01-01 00:00:48,2,320]"});
  ASSERT_TRUE(third->stop().ok());
  EXPECT_TRUE(std::filesystem::exists(Checkpoint() + "/state/0/0/_metadata/schema"));
}

INSTANTIATE_TEST_SUITE_P(Providers, SessionRestartTest, ::testing::Values("memory", "rocksdb"),
                         [](const ::testing::TestParamInfo<std::string>& info) { return info.param; });

// Complete mode with a per-row gap: the stream's sessions after the last batch equal the batch
// query's over the same rows, whatever order the rows came in (sessions merge across batches,
// including two stored sessions bridged by a later row, and sessions that only touch).
TEST_F(StreamingSessionsTest, CompleteModeWithPerRowGapEqualsBatch) {
  const std::string ddl = "user STRING, ts TIMESTAMP, amount BIGINT";
  auto clicks = *MemoryStream::Make(session_, ddl);
  auto click = [](const std::string& user, int64_t seconds, int64_t amount) {
    return Row({Value::String(user), Seconds(seconds), Value::BigInt(amount)});
  };
  // b: 20 seconds; z: a negative gap, so no session (the row is left out); others: 5 seconds.
  auto sessions = [](const DataFrame& df) {
    Column gap = functions::when(col("user") == lit("b"), lit("20 seconds"))
                     .when(col("user") == lit("z"), lit("-1 second"))
                     .otherwise(lit("5 seconds"));
    return df.groupBy(col("user"), functions::session_window(col("ts"), gap).alias("s"))
        .agg(functions::count(lit(1)).alias("n"), functions::sum(col("amount")).alias("total"),
             functions::max(col("amount")).alias("top"))
        .select(col("user"), col("s").getField("start").alias("start"), col("s").getField("end").alias("end"),
                col("n"), col("total"), col("top"));
  };
  auto query = sessions(clicks->toDF()).writeStream().outputMode("complete").format("memory")
                   .queryName("stream_sessions").option("checkpointLocation", Checkpoint()).start();
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  const std::vector<std::vector<Row>> batches = {
      {click("a", 0, 1), click("a", 12, 2), click("b", 0, 10), click("b", 30, 20), click("z", 5, 99)},
      // a 4 s -> [4, 9) joins [0, 5); b 15 s -> [15, 35) bridges [0, 20) and [30, 50).
      {click("a", 4, 3), click("b", 15, 30), click("c", 100, 7)},
      // a 8 s -> [8, 13) bridges [0, 9) and [12, 17); a 22 s stays apart from it, then a 17 s
      // ([17, 22)) touches both [0, 17) and [22, 27).
      {click("a", 8, 4), click("a", 22, 5)},
      {click("a", 17, 6), click("z", 6, 1), click("c", 90, 8)},
  };
  std::vector<Row> all;
  for (const auto& rows : batches) {
    ASSERT_TRUE(clicks->addData(rows).ok());
    ASSERT_TRUE(query->processAllAvailable().ok());
    all.insert(all.end(), rows.begin(), rows.end());
    // After every batch, the complete output is the batch query's over the rows so far.
    auto batch = sessions(session_->createDataFrame(all, ddl)).collect();
    EXPECT_EQ(Render(session_->sql("SELECT * FROM stream_sessions")->collect()), Render(batch))
        << "after " << all.size() << " rows";
  }
  EXPECT_EQ(Render(session_->sql("SELECT * FROM stream_sessions")->collect()),
            (std::vector<std::string>{"[a,1970-01-01 00:00:00,1970-01-01 00:00:27,6,21,6]",
                                      "[b,1970-01-01 00:00:00,1970-01-01 00:00:50,3,60,30]",
                                      "[c,1970-01-01 00:01:30,1970-01-01 00:01:35,1,8,8]",
                                      "[c,1970-01-01 00:01:40,1970-01-01 00:01:45,1,7,7]"}));
  auto progress = query->lastProgress();
  ASSERT_EQ(progress->stateOperators.size(), 1u);
  EXPECT_EQ(progress->stateOperators[0].operatorName, "sessionWindowStateStoreSave");
  EXPECT_EQ(progress->stateOperators[0].numRowsTotal, 4);
  EXPECT_EQ(progress->stateOperators[0].numRowsDroppedByWatermark, 0);
  ASSERT_TRUE(query->stop().ok());
}

// dropDuplicates without a watermark feeding an aggregation: the dedup's output is final (a
// key's first row, never taken back), so the aggregation runs in Complete and Update modes.
TEST_F(StreamingSessionsTest, DropDuplicatesThenAggregateInCompleteAndUpdateModes) {
  auto visits = *MemoryStream::Make(session_, "user STRING, region STRING");
  auto visit = [](const std::string& user, const std::string& region) {
    return Row({Value::String(user), Value::String(region)});
  };
  BatchLog complete_log, update_log;
  auto start = [&](const std::string& mode, BatchLog& log) {
    return visits->toDF().dropDuplicates({"user"}).groupBy(col("region")).count()
        .writeStream().outputMode(mode).foreachBatch(log.Function())
        .option("checkpointLocation", Checkpoint("-" + mode)).start();
  };
  auto complete = start("complete", complete_log);
  ASSERT_TRUE(complete.ok()) << complete.status().ToString();
  auto update = start("update", update_log);
  ASSERT_TRUE(update.ok()) << update.status().ToString();
  auto run = [&] {
    ASSERT_TRUE(complete->processAllAvailable().ok());
    ASSERT_TRUE(update->processAllAvailable().ok());
  };
  ASSERT_TRUE(visits->addData({visit("a", "eu"), visit("b", "us"), visit("a", "eu")}).ok());
  run();
  EXPECT_EQ(complete_log.TakeNew(), (std::vector<std::string>{"[eu,1]", "[us,1]"}));
  EXPECT_EQ(update_log.TakeNew(), (std::vector<std::string>{"[eu,1]", "[us,1]"}));
  // a again (in another region): a duplicate, not counted; c is new.
  ASSERT_TRUE(visits->addData({visit("a", "us"), visit("c", "eu")}).ok());
  run();
  EXPECT_EQ(complete_log.TakeNew(), (std::vector<std::string>{"[eu,2]", "[us,1]"}));
  EXPECT_EQ(update_log.TakeNew(), std::vector<std::string>{"[eu,2]"});
  // Only duplicates: Complete repeats the result, Update has nothing to say.
  ASSERT_TRUE(visits->addData({visit("b", "eu"), visit("c", "us")}).ok());
  run();
  EXPECT_EQ(complete_log.TakeNew(), (std::vector<std::string>{"[eu,2]", "[us,1]"}));
  EXPECT_EQ(update_log.TakeNew(), std::vector<std::string>{});
  auto progress = update->lastProgress();
  ASSERT_EQ(progress->stateOperators.size(), 2u);
  std::vector<std::string> names;
  for (const auto& op : progress->stateOperators) names.push_back(op.operatorName);
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"dedupe", "stateStoreSave"}));
  ASSERT_TRUE(complete->stop().ok());
  ASSERT_TRUE(update->stop().ok());
}

// A watermarked dropDuplicates below a complete-mode aggregation still drops late rows and
// forgets old keys (Spark's deduplication does in every mode): a late copy of a forgotten key
// is not counted again.
TEST_F(StreamingSessionsTest, WatermarkedDropDuplicatesEvictsInCompleteMode) {
  auto clicks = *MemoryStream::Make(session_, "user STRING, ts TIMESTAMP");
  auto click = [](const std::string& user, int64_t seconds) {
    return Row({Value::String(user), Value::Timestamp(seconds * 1000000)});
  };
  BatchLog log;
  auto query = clicks->toDF()
                   .withWatermark("ts", "10 seconds")
                   .dropDuplicates({"user", "ts"})
                   .groupBy(col("user"))
                   .count()
                   .writeStream()
                   .outputMode("complete")
                   .foreachBatch(log.Function())
                   .option("checkpointLocation", Checkpoint("-dedup-watermark"))
                   .start();
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  ASSERT_TRUE(clicks->addData({click("a", 1), click("a", 1), click("b", 30)}).ok());
  ASSERT_TRUE(query->processAllAvailable().ok());
  EXPECT_EQ(log.TakeNew(), (std::vector<std::string>{"[a,1]", "[b,1]"}));
  // Watermark 20 s: this batch forgets (a, 1 s) after finding the copy a duplicate.
  ASSERT_TRUE(clicks->addData({click("a", 1), click("a", 25)}).ok());
  ASSERT_TRUE(query->processAllAvailable().ok());
  EXPECT_EQ(log.TakeNew(), (std::vector<std::string>{"[a,2]", "[b,1]"}));
  // Now (a, 1 s) is late: dropped, not counted as new.
  ASSERT_TRUE(clicks->addData({click("a", 1)}).ok());
  ASSERT_TRUE(query->processAllAvailable().ok());
  EXPECT_EQ(log.TakeNew(), (std::vector<std::string>{"[a,2]", "[b,1]"}));
  auto progress = query->lastProgress();
  ASSERT_TRUE(progress.has_value());
  bool found = false;
  for (const auto& op : progress->stateOperators) {
    if (op.operatorName != "dedupe") continue;
    found = true;
    EXPECT_EQ(op.numRowsDroppedByWatermark, 1);
    EXPECT_EQ(op.numRowsTotal, 2);  // (b, 30 s) and (a, 25 s)
  }
  EXPECT_TRUE(found);
  ASSERT_TRUE(query->stop().ok());
}

// Spark's MultiStatefulOperatorsSuite "window agg -> window agg, append mode": two stateful
// operators, two stateOperators entries; the second closes a window in the batch the first
// one emits its parts.
TEST_F(StreamingSessionsTest, WindowOfWindowsInAppendModeReportsTwoOperators) {
  auto events = *MemoryStream::Make(session_, "ts TIMESTAMP");
  BatchLog log;
  auto query = events->toDF()
                   .withWatermark("ts", "0 seconds")
                   .groupBy(functions::window(col("ts"), "5 seconds").alias("w"))
                   .agg(functions::count(lit(1)).alias("cnt"))
                   .groupBy(functions::window(col("w"), "10 seconds").alias("w2"))
                   .agg(functions::count(lit(1)).alias("c"), functions::sum(col("cnt")).alias("s"))
                   .select(col("w2").getField("start").alias("start"), col("c"), col("s"))
                   .writeStream().outputMode("append").foreachBatch(log.Function())
                   .option("checkpointLocation", Checkpoint()).start();
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  std::vector<Row> rows;
  for (int s = 10; s <= 21; ++s) rows.push_back(Row({Seconds(s)}));
  ASSERT_TRUE(events->addData(rows).ok());
  ASSERT_TRUE(query->processAllAvailable().ok());  // the data batch, then the no-data batch
  EXPECT_EQ(log.TakeNew(), std::vector<std::string>{"[1970-01-01 00:00:10,2,10]"});
  auto progress = query->recentProgress();
  ASSERT_GE(progress.size(), 2u);
  for (const auto& p : progress) {
    ASSERT_EQ(p.stateOperators.size(), 2u) << p.json();
    EXPECT_EQ(p.stateOperators[0].operatorName, "stateStoreSave");
    EXPECT_EQ(p.stateOperators[1].operatorName, "stateStoreSave");
  }
  // After the no-data batch (watermark 21 s): the first operator keeps [20, 25) only; the
  // second received [10, 15) and [15, 20) in that batch and emitted and evicted [10, 20).
  const auto& last = progress.back();
  int64_t total = 0;
  for (const auto& op : last.stateOperators) total += op.numRowsTotal;
  EXPECT_EQ(total, 1);
  std::string json = last.json();
  EXPECT_NE(json.find("\"stateOperators\":[{\"operatorName\":\"stateStoreSave\""), std::string::npos) << json;
  ASSERT_TRUE(query->stop().ok());
}

// Chained aggregations need Append mode: in Update (and Complete) mode the first one's rows
// change, and the second cannot take back what it counted.
TEST_F(StreamingSessionsTest, ChainedAggregationsInUpdateModeFailAtStart) {
  auto clicks = *MemoryStream::Make(session_, "user STRING, ts TIMESTAMP");
  auto chained = clicks->toDF().groupBy(col("user")).count().groupBy(col("count")).count();
  for (std::string mode : {"update", "complete"}) {
    SCOPED_TRACE(mode);
    auto query = chained.writeStream().outputMode(mode).format("noop").start();
    ASSERT_FALSE(query.ok());
    EXPECT_NE(query.status().message().find("Multiple streaming aggregations are not supported"), std::string::npos)
        << query.status().ToString();
  }
  // A session aggregation after another aggregation, in Update mode: the same rule.
  auto sessions_after = clicks->toDF().withWatermark("ts", "1 second")
                            .groupBy(col("user"), col("ts")).count()
                            .groupBy(col("user"), functions::session_window(col("ts"), "5 seconds")).count();
  auto query = sessions_after.writeStream().outputMode("update").format("noop").start();
  ASSERT_FALSE(query.ok());
  EXPECT_NE(query.status().message().find("Multiple streaming aggregations are not supported"), std::string::npos)
      << query.status().ToString();
}

// Restarting a session query from its checkpoint with a different aggregate changes the state's
// value schema: the restart fails and names the change. (count to sum over a BIGINT column would
// not be caught: both keep one BIGINT, and names are ignored, as in Spark's checker.)
TEST_F(StreamingSessionsTest, ChangedSessionAggregateIsAStateSchemaError) {
  auto clicks = *MemoryStream::Make(session_, "user STRING, ts TIMESTAMP, amount DOUBLE");
  auto run = [&](bool sum) {
    auto grouped = clicks->toDF().groupBy(col("user"), functions::session_window(col("ts"), "10 seconds"));
    DataFrame df = sum ? grouped.agg(functions::sum(col("amount")).alias("v")) : grouped.agg(functions::count(lit(1)).alias("v"));
    return df.writeStream().outputMode("complete").format("noop").option("checkpointLocation", Checkpoint()).start();
  };
  auto first = run(false);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(clicks->addData({Row({Value::String("a"), Seconds(1), Value::Double(1.5)})}).ok());
  ASSERT_TRUE(first->processAllAvailable().ok());
  ASSERT_TRUE(first->stop().ok());
  auto second = run(true);
  ASSERT_FALSE(second.ok()) << "sum(DOUBLE) read count's stored state";
  const std::string message = second.status().message();
  EXPECT_NE(message.find("The state value schema of operator 0 is not compatible"), std::string::npos) << message;
  EXPECT_NE(message.find("TYPE_CHANGED"), std::string::npos) << message;
  EXPECT_NE(message.find("/state/0/0/_metadata/schema"), std::string::npos) << message;
  // The same query again still runs from the checkpoint.
  auto again = run(false);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  ASSERT_TRUE(again->stop().ok());
}

}  // namespace
}  // namespace runnel
