// End-to-end tests of streaming queries through the public API: MemoryStream in, memory,
// foreachBatch and noop sinks out, checkpoints, restarts and injected crashes.
#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <mutex>
#include <thread>

#include "runnel/runnel.h"
#include "session/streaming_test_util.h"
#include "session/session_state.h"

namespace runnel {
namespace {

using functions::col;
using functions::lit;
using type::Value;

using test_util::Render;

Row Event(const std::string& user, int64_t amount) { return Row({Value::String(user), Value::BigInt(amount)}); }

class StreamingQueryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    session_ = Session::Make();
    input_ = *MemoryStream::Make(session_, "user STRING, amount BIGINT");
    dir_ = std::filesystem::temp_directory_path() / ("runnel-streaming-test-" + std::to_string(::getpid()) + "-" +
                                                     ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Checkpoint() const { return (dir_ / "checkpoint").string(); }

  std::shared_ptr<Session> session_;
  std::shared_ptr<MemoryStream> input_;
  std::filesystem::path dir_;
};

TEST_F(StreamingQueryTest, StatelessQueryIntoMemorySink) {
  DataFrame df = input_->toDF().filter(col("amount") > lit(10)).withColumn("double", col("amount") * lit(2));
  EXPECT_TRUE(df.isStreaming());
  auto query = df.writeStream().format("memory").queryName("big").start();
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  ASSERT_TRUE(input_->addData({Event("a", 5), Event("b", 20)}).ok());
  ASSERT_TRUE(query->processAllAvailable().ok());
  EXPECT_EQ(Render(session_->sql("SELECT * FROM big")->collect()), std::vector<std::string>{"[b,20,40]"});
  ASSERT_TRUE(input_->addData({Event("c", 30)}).ok());
  ASSERT_TRUE(query->processAllAvailable().ok());
  EXPECT_EQ(Render(session_->sql("SELECT user FROM big")->collect()), (std::vector<std::string>{"[b]", "[c]"}));
  EXPECT_TRUE(query->isActive());
  ASSERT_TRUE(query->stop().ok());
  EXPECT_FALSE(query->isActive());
  EXPECT_FALSE(query->exception().has_value());
}

TEST_F(StreamingQueryTest, BatchActionsOnAStreamAndStreamsOfABatchFail) {
  auto schema = input_->toDF().schema();  // analysis works on a stream, as in Spark
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  EXPECT_EQ(schema->ToString(), "user STRING, amount BIGINT");
  EXPECT_FALSE(input_->toDF().count().ok());
  auto rows = input_->toDF().collect();
  ASSERT_FALSE(rows.ok());
  EXPECT_NE(rows.status().message().find("must be executed with writeStream.start()"), std::string::npos);
  auto query = session_->range(3).writeStream().format("console").start();
  ASSERT_FALSE(query.ok());
  EXPECT_NE(query.status().message().find("'writeStream' can be called only on streaming"), std::string::npos);
}

TEST_F(StreamingQueryTest, UnsupportedOperationsAreRejectedAtStart) {
  auto agg = input_->toDF().groupBy(col("user")).count().writeStream().format("noop").start();
  ASSERT_FALSE(agg.ok());
  EXPECT_NE(agg.status().message().find("Append output mode not supported when there are streaming aggregations"),
            std::string::npos);
  auto dedup = input_->toDF().dropDuplicates({"user"}).writeStream().format("noop").outputMode("complete").start();
  ASSERT_FALSE(dedup.ok());
  EXPECT_NE(dedup.status().message().find("Complete output mode not supported"), std::string::npos);
  auto complete = input_->toDF().writeStream().format("noop").outputMode("complete").start();
  ASSERT_FALSE(complete.ok());
  EXPECT_NE(complete.status().message().find("Complete output mode not supported"), std::string::npos);
  auto sorted = input_->toDF().orderBy(col("amount")).writeStream().format("noop").start();
  ASSERT_FALSE(sorted.ok());
  EXPECT_NE(sorted.status().message().find("Sorting is not supported"), std::string::npos);
  DataFrame users = session_->createDataFrame({Row({Value::String("a"), Value::String("Ann")})}, "user STRING, name STRING");
  auto right_outer = input_->toDF().join(users, "user", "right").writeStream().format("noop").start();
  ASSERT_FALSE(right_outer.ok());
  EXPECT_NE(right_outer.status().message().find("streaming DataFrame/Dataset on the left"), std::string::npos);
  auto mixed_union = input_->toDF().union_(session_->createDataFrame({Event("x", 1)}, "user STRING, amount BIGINT"));
  auto union_query = mixed_union.writeStream().format("noop").start();
  ASSERT_FALSE(union_query.ok());
  EXPECT_NE(union_query.status().message().find("Union between streaming and batch"), std::string::npos);
  auto bad_mode = input_->toDF().writeStream().format("noop").outputMode("upsert").start();
  ASSERT_FALSE(bad_mode.ok());
  EXPECT_NE(bad_mode.status().message().find("Unknown output mode 'upsert'"), std::string::npos);
}

TEST_F(StreamingQueryTest, StreamStaticJoinsAndUnionsOfStreams) {
  DataFrame users = session_->createDataFrame({Row({Value::String("a"), Value::String("Ann")}),
                                               Row({Value::String("b"), Value::String("Bob")})},
                                              "user STRING, name STRING");
  auto other = *MemoryStream::Make(session_, "user STRING, amount BIGINT");
  DataFrame both = input_->toDF().union_(other->toDF());
  auto inner = both.join(users, "user").writeStream().format("memory").queryName("inner_join").start();
  auto left = both.join(users, "user", "left").writeStream().format("memory").queryName("left_join").start();
  auto semi = both.join(users, "user", "left_semi").writeStream().format("memory").queryName("semi_join").start();
  ASSERT_TRUE(inner.ok() && left.ok() && semi.ok()) << inner.status().ToString() << left.status().ToString();
  ASSERT_TRUE(input_->addData({Event("a", 1), Event("z", 2)}).ok());
  ASSERT_TRUE(other->addData({Event("b", 3)}).ok());
  for (auto* q : {&*inner, &*left, &*semi}) ASSERT_TRUE(q->processAllAvailable().ok());
  EXPECT_EQ(Render(session_->sql("SELECT * FROM inner_join")->collect()), (std::vector<std::string>{"[a,1,Ann]", "[b,3,Bob]"}));
  EXPECT_EQ(Render(session_->sql("SELECT * FROM left_join")->collect()),
            (std::vector<std::string>{"[a,1,Ann]", "[b,3,Bob]", "[z,2,NULL]"}));
  EXPECT_EQ(Render(session_->sql("SELECT * FROM semi_join")->collect()), (std::vector<std::string>{"[a,1]", "[b,3]"}));
  for (auto* q : {&*inner, &*left, &*semi}) ASSERT_TRUE(q->stop().ok());
}

// What a foreachBatch function saw: rows per batch id (a re-run batch replaces its entry).
struct BatchLog {
  std::mutex mutex;
  std::map<int64_t, std::vector<std::string>> batches;
  int calls = 0;
  DataStreamWriter::BatchFunction Function() {
    return [this](const DataFrame& df, int64_t batch_id) -> Status {
      RUNNEL_ASSIGN_OR_RAISE(auto rows, df.collect());
      std::lock_guard<std::mutex> lock(mutex);
      ++calls;
      auto& out = batches[batch_id];
      out.clear();
      for (const auto& r : rows) out.push_back(r.ToString());
      return Status::OK();
    };
  }
};

TEST_F(StreamingQueryTest, RestartFromCheckpointKeepsIdAndContinuesBatches) {
  BatchLog log;
  auto start = [&] {
    return input_->toDF().select(col("user")).writeStream().foreachBatch(log.Function())
        .option("checkpointLocation", Checkpoint()).start();
  };
  auto first = start();
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(input_->addData({Event("a", 1)}).ok());
  ASSERT_TRUE(first->processAllAvailable().ok());
  ASSERT_TRUE(first->stop().ok());
  ASSERT_TRUE(input_->addData({Event("b", 2)}).ok());
  auto second = start();
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  ASSERT_TRUE(second->processAllAvailable().ok());
  EXPECT_EQ(first->id(), second->id());
  EXPECT_NE(first->runId(), second->runId());
  EXPECT_EQ(log.batches, (std::map<int64_t, std::vector<std::string>>{{0, {"[a]"}}, {1, {"[b]"}}}));
  ASSERT_TRUE(second->stop().ok());
  EXPECT_TRUE(std::filesystem::exists(Checkpoint() + "/offsets/1"));
  EXPECT_TRUE(std::filesystem::exists(Checkpoint() + "/commits/1"));
}

// A crash before each named point, then a restart: every batch's rows arrive, and a re-run batch
// sees the same rows and the same current_timestamp() as the failed attempt.
TEST_F(StreamingQueryTest, CrashAtEachPointThenRecover) {
  for (std::string point : {"offsets write", "sink write", "sink commit", "commits write"}) {
    SCOPED_TRACE(point);
    std::filesystem::remove_all(dir_);
    auto stream = *MemoryStream::Make(session_, "user STRING, amount BIGINT");
    BatchLog log;
    auto start = [&] {
      return stream->toDF().select(col("user"), functions::current_timestamp().alias("ts")).writeStream()
          .foreachBatch(log.Function()).option("checkpointLocation", Checkpoint()).start();
    };
    bool crash = true;
    {
      std::lock_guard<std::mutex> lock(session_->state()->mutex);
      session_->state()->streaming_fault_point = [&](const std::string& at, int64_t batch) -> Status {
        if (crash && at == point && batch == 1) return Status::IOError("injected crash before " + at);
        return Status::OK();
      };
    }
    auto first = start();
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    ASSERT_TRUE(stream->addData({Event("a", 1)}).ok());
    ASSERT_TRUE(first->processAllAvailable().ok());
    ASSERT_TRUE(stream->addData({Event("b", 2)}).ok());
    Status failed = first->awaitTermination();
    ASSERT_FALSE(failed.ok());
    EXPECT_NE(failed.message().find("injected crash before " + point), std::string::npos);
    ASSERT_TRUE(first->exception().has_value());
    std::vector<std::string> attempt = log.batches.count(1) ? log.batches[1] : std::vector<std::string>{};
    crash = false;
    auto second = start();
    ASSERT_TRUE(second.ok()) << second.status().ToString();
    ASSERT_TRUE(second->processAllAvailable().ok());
    ASSERT_EQ(log.batches.size(), 2u);
    EXPECT_EQ(log.batches[0].size(), 1u);
    ASSERT_EQ(log.batches[1].size(), 1u);
    EXPECT_EQ(log.batches[1][0].substr(0, 3), "[b,");
    if (!attempt.empty()) {
      EXPECT_EQ(attempt, log.batches[1]);  // same timestamp when re-run
    }
    ASSERT_TRUE(second->stop().ok());
  }
}

TEST_F(StreamingQueryTest, TriggerOnceAndAvailableNowStopByThemselves) {
  ASSERT_TRUE(input_->addData({Event("a", 1)}).ok());
  ASSERT_TRUE(input_->addData({Event("b", 2)}).ok());
  BatchLog log;
  auto once = input_->toDF().writeStream().foreachBatch(log.Function()).trigger(Trigger::Once())
                  .option("checkpointLocation", Checkpoint()).start();
  ASSERT_TRUE(once.ok()) << once.status().ToString();
  ASSERT_TRUE(once->awaitTermination().ok());
  EXPECT_EQ(log.batches.size(), 1u);
  EXPECT_EQ(log.batches[0].size(), 2u);
  ASSERT_TRUE(input_->addData({Event("c", 3)}).ok());
  auto available = input_->toDF().writeStream().foreachBatch(log.Function()).trigger(Trigger::AvailableNow())
                       .option("checkpointLocation", Checkpoint()).start();
  ASSERT_TRUE(available.ok()) << available.status().ToString();
  auto done = available->awaitTermination(30000);
  ASSERT_TRUE(done.ok() && *done);
  EXPECT_EQ(log.batches.size(), 2u);
  EXPECT_EQ(log.batches[1], std::vector<std::string>{"[c,3]"});
}

TEST_F(StreamingQueryTest, ProgressUsesSparkFieldNames) {
  auto query = input_->toDF().writeStream().format("noop").queryName("progress_test").start();
  ASSERT_TRUE(query.ok());
  EXPECT_EQ(query->lastProgress(), std::nullopt);
  ASSERT_TRUE(input_->addData({Event("a", 1), Event("b", 2)}).ok());
  ASSERT_TRUE(query->processAllAvailable().ok());
  auto progress = query->lastProgress();
  ASSERT_TRUE(progress.has_value());
  EXPECT_EQ(progress->batchId, 0);
  EXPECT_EQ(progress->numInputRows, 2);
  EXPECT_EQ(progress->name, std::optional<std::string>("progress_test"));
  ASSERT_EQ(progress->sources.size(), 1u);
  EXPECT_EQ(progress->sources[0].endOffset, "1");
  EXPECT_EQ(progress->sink.numOutputRows, 2);
  std::string json = progress->json();
  for (const char* field : {"\"id\":", "\"runId\":", "\"name\":\"progress_test\"", "\"timestamp\":", "\"batchId\":0",
                            "\"numInputRows\":2", "\"durationMs\":{", "\"addBatch\":", "\"walCommit\":",
                            "\"triggerExecution\":", "\"sources\":[{\"description\":", "\"endOffset\":1",
                            "\"sink\":{\"description\":\"NoopSink\",\"numOutputRows\":2}"}) {
    EXPECT_NE(json.find(field), std::string::npos) << field << " in " << json;
  }
  EXPECT_NE(query->status().json().find("\"isTriggerActive\""), std::string::npos);
  EXPECT_NE(query->explainString().find("== Physical Plan =="), std::string::npos);
  ASSERT_TRUE(query->stop().ok());
}

class RecordingListener : public StreamingQueryListener {
 public:
  void onQueryStarted(const QueryStartedEvent& e) override { Add("started " + e.name.value_or("")); }
  void onQueryProgress(const StreamingQueryProgress& p) override {
    if (p.numInputRows > 0) Add("progress " + std::to_string(p.batchId));
  }
  void onQueryTerminated(const QueryTerminatedEvent& e) override { Add(e.exception ? "failed" : "terminated"); }
  std::vector<std::string> Events() {
    std::lock_guard<std::mutex> lock(mutex_);
    return events_;
  }

 private:
  void Add(std::string e) {
    std::lock_guard<std::mutex> lock(mutex_);
    events_.push_back(std::move(e));
  }
  std::mutex mutex_;
  std::vector<std::string> events_;
};

TEST_F(StreamingQueryTest, ManagerAndListeners) {
  auto listener = std::make_shared<RecordingListener>();
  session_->streams().addListener(listener);
  auto query = input_->toDF().writeStream().format("noop").queryName("managed").start();
  ASSERT_TRUE(query.ok());
  auto duplicate = input_->toDF().writeStream().format("noop").queryName("managed").start();
  ASSERT_FALSE(duplicate.ok());
  EXPECT_NE(duplicate.status().message().find("already active"), std::string::npos);
  ASSERT_EQ(session_->streams().active().size(), 1u);
  EXPECT_TRUE(session_->streams().get(query->id()).has_value());
  ASSERT_TRUE(input_->addData({Event("a", 1)}).ok());
  ASSERT_TRUE(query->processAllAvailable().ok());
  ASSERT_TRUE(query->stop().ok());
  auto any = session_->streams().awaitAnyTermination(10000);
  ASSERT_TRUE(any.ok() && *any);
  EXPECT_TRUE(session_->streams().active().empty());
  session_->streams().resetTerminated();
  auto none = session_->streams().awaitAnyTermination(10);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(*none);
  EXPECT_EQ(listener->Events(), (std::vector<std::string>{"started managed", "progress 0", "terminated"}));
  session_->streams().removeListener(listener);
  EXPECT_TRUE(session_->streams().listListeners().empty());
}

TEST_F(StreamingQueryTest, CorruptCheckpointFilesNameTheFile) {
  auto query = input_->toDF().writeStream().format("noop").option("checkpointLocation", Checkpoint()).start();
  ASSERT_TRUE(query.ok());
  ASSERT_TRUE(input_->addData({Event("a", 1)}).ok());
  ASSERT_TRUE(query->processAllAvailable().ok());
  ASSERT_TRUE(query->stop().ok());
  std::string offsets = Checkpoint() + "/offsets/0";
  for (const char* content : {"", "v1\n{\"batchWatermarkMs\":0", "v9\n{}\n", "garbage\n"}) {
    std::FILE* f = std::fopen(offsets.c_str(), "w");
    std::fputs(content, f);
    std::fclose(f);
    auto restarted = input_->toDF().writeStream().format("noop").option("checkpointLocation", Checkpoint()).start();
    ASSERT_FALSE(restarted.ok()) << content;
    EXPECT_NE(restarted.status().message().find(offsets), std::string::npos) << restarted.status().ToString();
  }
  std::filesystem::remove(Checkpoint() + "/metadata");
  auto no_metadata = input_->toDF().writeStream().format("noop").option("checkpointLocation", Checkpoint()).start();
  ASSERT_FALSE(no_metadata.ok());
  EXPECT_NE(no_metadata.status().message().find("no metadata file"), std::string::npos);
}

TEST_F(StreamingQueryTest, ProcessingTimeTriggerAndBadInterval) {
  auto bad = input_->toDF().writeStream().format("noop").trigger(Trigger::ProcessingTime("soon")).start();
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("Invalid processing-time trigger interval 'soon'"), std::string::npos);
  auto query = input_->toDF().writeStream().format("memory").queryName("timed")
                   .trigger(Trigger::ProcessingTime("50 milliseconds")).start();
  ASSERT_TRUE(query.ok());
  ASSERT_TRUE(input_->addData({Event("a", 1)}).ok());
  ASSERT_TRUE(query->processAllAvailable().ok());
  EXPECT_EQ(Render(session_->sql("SELECT user FROM timed")->collect()), std::vector<std::string>{"[a]"});
  ASSERT_TRUE(query->stop().ok());
}

}  // namespace
}  // namespace runnel

namespace runnel {
namespace {

// Processing-time triggers start at multiples of the interval on the query's clock (a manual
// clock here): data added between triggers waits for the next multiple.
TEST_F(StreamingQueryTest, ProcessingTimeTriggersAlignToTheInterval) {
  auto clock = std::make_shared<base::ManualClock>(int64_t{2'500'000});  // 2.5 s
  {
    std::lock_guard<std::mutex> lock(session_->state()->mutex);
    session_->state()->streaming_clock = clock;
  }
  ASSERT_TRUE(input_->addData({Event("a", 1)}).ok());
  auto query = input_->toDF().writeStream().format("noop").trigger(Trigger::ProcessingTime(1000)).start();
  ASSERT_TRUE(query.ok());
  auto wait_for_batches = [&](size_t n) {
    for (int i = 0; i < 2000; ++i) {
      size_t batches = 0;
      for (const auto& p : query->recentProgress()) batches += p.numInputRows > 0;
      if (batches >= n) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
    return false;
  };
  ASSERT_TRUE(wait_for_batches(1));
  ASSERT_TRUE(input_->addData({Event("b", 2)}).ok());
  clock->Set(2'900'000);  // before the next multiple: nothing runs
  std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(query->lastProgress()->batchId, 0);
  clock->Set(3'000'000);
  ASSERT_TRUE(wait_for_batches(2));
  auto progress = query->recentProgress();
  std::vector<std::string> starts;
  for (const auto& p : progress) {
    if (p.numInputRows > 0) starts.push_back(p.timestamp);
  }
  EXPECT_EQ(starts, (std::vector<std::string>{"1970-01-01T00:00:02.500Z", "1970-01-01T00:00:03.000Z"}));
  ASSERT_TRUE(query->stop().ok());
}

}  // namespace
}  // namespace runnel

namespace runnel {
namespace {

TEST_F(StreamingQueryTest, WithWatermarkChecksItsArgumentsAndIsANoOpOnBatches) {
  auto events = *MemoryStream::Make(session_, "ts TIMESTAMP, v BIGINT");
  auto not_time = events->toDF().withWatermark("v", "10 seconds").writeStream().format("noop").start();
  ASSERT_FALSE(not_time.ok());
  EXPECT_NE(not_time.status().message().find("Event time must be defined on a window or a timestamp, but v is of type BIGINT"),
            std::string::npos);
  auto missing = events->toDF().withWatermark("tss", "10 seconds").writeStream().format("noop").start();
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("Did you mean 'ts'?"), std::string::npos) << missing.status().ToString();
  auto bad_delay = events->toDF().withWatermark("ts", "soon").writeStream().format("noop").start();
  ASSERT_FALSE(bad_delay.ok());
  EXPECT_NE(bad_delay.status().message().find("Invalid watermark delay"), std::string::npos);
  auto negative = events->toDF().withWatermark("ts", "-5 seconds").writeStream().format("noop").start();
  ASSERT_FALSE(negative.ok());
  EXPECT_NE(negative.status().message().find("should not be negative"), std::string::npos);
  DataFrame batch = session_->createDataFrame({Row({Value::Timestamp(1'000'000), Value::BigInt(1)})}, "ts TIMESTAMP, v BIGINT");
  EXPECT_EQ(Render(batch.withWatermark("ts", "1 minute").collect()), std::vector<std::string>{"[1970-01-01 00:00:01,1]"});
  auto policy = session_->setConf("runnel.sql.streaming.multipleWatermarkPolicy", "median");
  ASSERT_TRUE(policy.ok());
  auto bad_policy = events->toDF().withWatermark("ts", "1 second").writeStream().format("noop").start();
  ASSERT_FALSE(bad_policy.ok());
  EXPECT_NE(bad_policy.status().message().find("Valid values are 'min' and 'max'"), std::string::npos);
}

TEST_F(StreamingQueryTest, ProgressReportsEventTimeWithAWatermark) {
  auto events = *MemoryStream::Make(session_, "ts TIMESTAMP, v BIGINT");
  auto query = events->toDF().withWatermark("ts", "10 seconds").writeStream().format("noop").start();
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  ASSERT_TRUE(events->addData({Row({Value::Timestamp(11'000'000), Value::BigInt(1)}),
                               Row({Value::Timestamp(15'000'000), Value::BigInt(2)})}).ok());
  ASSERT_TRUE(query->processAllAvailable().ok());
  ASSERT_TRUE(events->addData({Row({Value::Timestamp(12'000'000), Value::BigInt(3)})}).ok());
  ASSERT_TRUE(query->processAllAvailable().ok());
  auto progress = query->recentProgress();
  ASSERT_GE(progress.size(), 2u);
  const auto& first = progress[0];
  EXPECT_EQ(first.eventTime.at("min"), "1970-01-01T00:00:11.000Z");
  EXPECT_EQ(first.eventTime.at("max"), "1970-01-01T00:00:15.000Z");
  EXPECT_EQ(first.eventTime.at("avg"), "1970-01-01T00:00:13.000Z");
  EXPECT_EQ(first.eventTime.at("watermark"), "1970-01-01T00:00:00.000Z");
  // The second batch runs with the watermark computed after the first: 15 s - 10 s.
  EXPECT_EQ(query->lastProgress()->eventTime.at("watermark"), "1970-01-01T00:00:05.000Z");
  ASSERT_TRUE(query->stop().ok());
}

}  // namespace
}  // namespace runnel

namespace runnel {
namespace {

// The same streaming aggregation on each state store provider, across a restart: the second
// run continues from the stored groups.
TEST_F(StreamingQueryTest, AggregationStateSurvivesRestartsWithEitherProvider) {
  for (std::string provider : {"memory", "rocksdb"}) {
    SCOPED_TRACE(provider);
    std::filesystem::remove_all(dir_);
    ASSERT_TRUE(session_->setConf("runnel.sql.streaming.stateStore.provider", provider).ok());
    auto stream = *MemoryStream::Make(session_, "user STRING, amount BIGINT");
    BatchLog log;
    auto start = [&] {
      return stream->toDF().groupBy(col("user")).agg(functions::sum(col("amount")).alias("total"),
                                                      functions::count(col("*")).alias("n"))
          .writeStream().outputMode("update").foreachBatch(log.Function())
          .option("checkpointLocation", Checkpoint()).start();
    };
    auto first = start();
    ASSERT_TRUE(first.ok()) << first.status().ToString();
    ASSERT_TRUE(stream->addData({Event("a", 1), Event("b", 2), Event("a", 3)}).ok());
    ASSERT_TRUE(first->processAllAvailable().ok());
    auto progress = first->lastProgress();
    ASSERT_EQ(progress->stateOperators.size(), 1u);
    EXPECT_EQ(progress->stateOperators[0].operatorName, "stateStoreSave");
    EXPECT_EQ(progress->stateOperators[0].numRowsTotal, 2);
    EXPECT_EQ(progress->stateOperators[0].numRowsUpdated, 2);
    EXPECT_NE(progress->json().find("\"stateOperators\":[{\"operatorName\":\"stateStoreSave\""), std::string::npos);
    ASSERT_TRUE(first->stop().ok());
    ASSERT_TRUE(stream->addData({Event("a", 10)}).ok());
    auto second = start();
    ASSERT_TRUE(second.ok()) << second.status().ToString();
    ASSERT_TRUE(second->processAllAvailable().ok());
    ASSERT_TRUE(second->stop().ok());
    std::sort(log.batches[0].begin(), log.batches[0].end());
    EXPECT_EQ(log.batches[0], (std::vector<std::string>{"[a,4,2]", "[b,2,1]"}));
    EXPECT_EQ(log.batches[1], std::vector<std::string>{"[a,14,3]"});
    EXPECT_TRUE(std::filesystem::exists(Checkpoint() + "/state/0/0/_metadata/schema"));
  }
  ASSERT_TRUE(session_->setConf("runnel.sql.streaming.stateStore.provider", "memory").ok());
}

// Changing the aggregation changes the state's schema: the restart fails and says what changed.
TEST_F(StreamingQueryTest, IncompatibleStateSchemaIsAnErrorAtRestart) {
  auto run = [&](bool with_count) {
    auto grouped = input_->toDF().groupBy(col("user"));
    DataFrame df = with_count ? grouped.agg(functions::sum(col("amount")), functions::count(col("*")))
                              : grouped.agg(functions::sum(col("amount")));
    return df.writeStream().outputMode("complete").format("noop").option("checkpointLocation", Checkpoint()).start();
  };
  auto first = run(false);
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  ASSERT_TRUE(input_->addData({Event("a", 1)}).ok());
  ASSERT_TRUE(first->processAllAvailable().ok());
  ASSERT_TRUE(first->stop().ok());
  auto second = run(true);
  ASSERT_FALSE(second.ok());
  EXPECT_NE(second.status().message().find("FIELD_ADDED"), std::string::npos) << second.status().ToString();
}

}  // namespace
}  // namespace runnel

namespace runnel {
namespace {

// dropDuplicates on a stream: a key's first row once, across batches and restarts; with the
// event time among the keys, late rows are dropped and old keys forgotten.
TEST_F(StreamingQueryTest, DropDuplicatesEmitsEachKeyOnce) {
  auto clicks = *MemoryStream::Make(session_, "id BIGINT, user STRING, ts TIMESTAMP");
  auto click = [](int64_t id, const std::string& user, int64_t seconds) {
    return Row({Value::BigInt(id), Value::String(user), Value::Timestamp(seconds * 1'000'000)});
  };
  BatchLog by_id, by_event;
  auto start = [&](BatchLog& log, bool with_time) {
    DataFrame df = with_time ? clicks->toDF().withWatermark("ts", "10 seconds").dropDuplicates({"id", "ts"})
                             : clicks->toDF().dropDuplicates({"id"});
    return df.writeStream().foreachBatch(log.Function())
        .option("checkpointLocation", Checkpoint() + (with_time ? "-time" : "-id")).start();
  };
  auto ids = start(by_id, false);
  auto events = start(by_event, true);
  ASSERT_TRUE(ids.ok() && events.ok()) << ids.status().ToString() << events.status().ToString();
  ASSERT_TRUE(clicks->addData({click(1, "a", 10), click(1, "a", 10), click(2, "b", 30)}).ok());
  ASSERT_TRUE(ids->processAllAvailable().ok());
  ASSERT_TRUE(events->processAllAvailable().ok());
  ASSERT_TRUE(ids->stop().ok());  // a restart keeps the seen keys
  ids = start(by_id, false);
  ASSERT_TRUE(ids.ok());
  // id 1 again (a duplicate); id 1 at 5 s is behind the watermark (30 - 10 = 20 s) for the
  // event-time query; id 3 is new.
  ASSERT_TRUE(clicks->addData({click(1, "a", 10), click(1, "z", 5), click(3, "c", 31)}).ok());
  ASSERT_TRUE(ids->processAllAvailable().ok());
  ASSERT_TRUE(events->processAllAvailable().ok());
  std::vector<std::string> all_ids, all_events;
  for (auto& [id, rows] : by_id.batches) all_ids.insert(all_ids.end(), rows.begin(), rows.end());
  for (auto& [id, rows] : by_event.batches) all_events.insert(all_events.end(), rows.begin(), rows.end());
  std::sort(all_ids.begin(), all_ids.end());
  std::sort(all_events.begin(), all_events.end());
  EXPECT_EQ(all_ids, (std::vector<std::string>{"[1,a,1970-01-01 00:00:10]", "[2,b,1970-01-01 00:00:30]",
                                               "[3,c,1970-01-01 00:00:31]"}));
  // (1, 10 s) came again: a duplicate; (1, 5 s) is late.
  EXPECT_EQ(all_events, (std::vector<std::string>{"[1,a,1970-01-01 00:00:10]", "[2,b,1970-01-01 00:00:30]",
                                                  "[3,c,1970-01-01 00:00:31]"}));
  auto progress = events->lastProgress();
  ASSERT_EQ(progress->stateOperators.size(), 1u);
  EXPECT_EQ(progress->stateOperators[0].operatorName, "dedupe");
  ASSERT_TRUE(ids->stop().ok());
  ASSERT_TRUE(events->stop().ok());
}

}  // namespace
}  // namespace runnel

namespace runnel {
namespace {

// Spark's EventTimeWatermarkSuite: with Trigger.Once a window closed by the watermark is emitted
// only by the next run (no trailing no-data batch); Trigger.AvailableNow runs that batch first.
TEST_F(StreamingQueryTest, OnceVersusAvailableNowForAClosingWindow) {
  std::shared_ptr<MemoryStream> events;
  auto fill = [&] {  // a MemoryStream drops what its one reader committed: a fresh one per query
    events = *MemoryStream::Make(session_, "ts TIMESTAMP");
    std::vector<Row> rows;
    for (int s : {10, 11, 12, 13, 14, 15, 25}) rows.push_back(Row({Value::Timestamp(s * 1'000'000LL)}));
    ASSERT_TRUE(events->addData(rows).ok());
  };
  fill();
  auto run = [&](BatchLog& log, const std::string& checkpoint, Trigger trigger) {
    auto query = events->toDF().withWatermark("ts", "10 seconds")
                     .groupBy(functions::window(col("ts"), "5 seconds")).count()
                     .select(col("window.start").cast("string"), col("count"))
                     .writeStream().outputMode("append").foreachBatch(log.Function())
                     .trigger(trigger).option("checkpointLocation", checkpoint).start();
    ASSERT_TRUE(query.ok()) << query.status().ToString();
    ASSERT_TRUE(query->awaitTermination().ok());
  };
  auto emitted = [](BatchLog& log) {
    std::vector<std::string> out;
    for (auto& [id, batch] : log.batches) out.insert(out.end(), batch.begin(), batch.end());
    return out;
  };
  BatchLog once;
  run(once, Checkpoint() + "-once", Trigger::Once());
  EXPECT_TRUE(emitted(once).empty());
  run(once, Checkpoint() + "-once", Trigger::Once());
  EXPECT_EQ(emitted(once), std::vector<std::string>{"[1970-01-01 00:00:10,5]"});
  BatchLog available;
  fill();
  run(available, Checkpoint() + "-available", Trigger::AvailableNow());
  EXPECT_EQ(emitted(available), std::vector<std::string>{"[1970-01-01 00:00:10,5]"});
  EXPECT_EQ(available.batches.size(), 2u);  // the data batch, then the no-data batch
}

}  // namespace
}  // namespace runnel

namespace runnel {
namespace {

// dropDuplicatesWithinWatermark (Spark 3.5): a key's duplicates are dropped while the first
// row's event time plus the delay is ahead of the watermark; then the key is forgotten and the
// next row with it is emitted again. The event time need not be a key.
TEST_F(StreamingQueryTest, DropDuplicatesWithinWatermark) {
  auto clicks = *MemoryStream::Make(session_, "id BIGINT, ts TIMESTAMP");
  auto click = [](int64_t id, int64_t seconds) {
    return Row({Value::BigInt(id), Value::Timestamp(seconds * 1'000'000)});
  };
  BatchLog log;
  auto query = clicks->toDF().withWatermark("ts", "10 seconds").dropDuplicatesWithinWatermark({"id"})
                   .writeStream().foreachBatch(log.Function()).option("checkpointLocation", Checkpoint()).start();
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  ASSERT_TRUE(clicks->addData({click(1, 10), click(1, 12)}).ok());  // one emitted
  ASSERT_TRUE(query->processAllAvailable().ok());
  ASSERT_TRUE(clicks->addData({click(1, 15), click(2, 40)}).ok());  // 1 is a duplicate; watermark -> 30 s
  ASSERT_TRUE(query->processAllAvailable().ok());
  ASSERT_TRUE(clicks->addData({click(1, 35)}).ok());  // key 1 expired at 10 + 10 <= 30: emitted again
  ASSERT_TRUE(query->processAllAvailable().ok());
  std::vector<std::string> all;
  for (auto& [id, rows] : log.batches) all.insert(all.end(), rows.begin(), rows.end());
  std::sort(all.begin(), all.end());
  EXPECT_EQ(all, (std::vector<std::string>{"[1,1970-01-01 00:00:10]", "[1,1970-01-01 00:00:35]",
                                           "[2,1970-01-01 00:00:40]"}));
  EXPECT_EQ(query->lastProgress()->stateOperators[0].operatorName, "dedupeWithinWatermark");
  ASSERT_TRUE(query->stop().ok());
  auto without = clicks->toDF().dropDuplicatesWithinWatermark({"id"}).writeStream().format("noop").start();
  ASSERT_FALSE(without.ok());
  EXPECT_NE(without.status().message().find("without watermark"), std::string::npos);
  auto batch = session_->createDataFrame({click(1, 1)}, "id BIGINT, ts TIMESTAMP").dropDuplicatesWithinWatermark({"id"}).collect();
  ASSERT_FALSE(batch.ok());
  EXPECT_NE(batch.status().message().find("not supported with batch DataFrames"), std::string::npos);
}

}  // namespace
}  // namespace runnel
