// The built-in streaming sources through the public API: readStream().format("rate-micro-batch"),
// "rate" and "socket" into the memory sink, with restarts from a checkpoint.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "base/clock.h"
#include "io/file_system.h"
#include "runnel/runnel.h"
#include "session/session_state.h"

namespace runnel {
namespace {

class StreamingSourcesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    session_ = Session::Make();
    dir_ = std::filesystem::temp_directory_path() /
           ("runnel-sources-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string Checkpoint() const { return (dir_ / "checkpoint").string(); }

  // "value@millis" for every row of the memory table `table`, ordered by value.
  std::vector<std::string> Rows(const std::string& table) {
    auto rows =
        session_->sql("SELECT value, unix_millis(timestamp) FROM " + table + " ORDER BY value")
            ->collect();
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    std::vector<std::string> out;
    if (!rows.ok()) return out;
    for (const auto& r : *rows) out.push_back(r.get(0).ToString() + "@" + r.get(1).ToString());
    return out;
  }

  std::shared_ptr<Session> session_;
  std::filesystem::path dir_;
};

std::vector<std::string> Expected(int64_t first, int64_t count, int64_t timestamp_ms) {
  std::vector<std::string> out;
  for (int64_t v = first; v < first + count; ++v)
    out.push_back(std::to_string(v) + "@" + std::to_string(timestamp_ms));
  return out;
}

TEST_F(StreamingSourcesTest, RatePerMicroBatchRestartsContinueWithoutGapsOrRepeats) {
  auto run = [&](Trigger trigger) {
    DataFrame df =
        session_->readStream().format("rate-micro-batch").option("rowsPerBatch", "10").load();
    EXPECT_TRUE(df.isStreaming());
    auto query = df.writeStream()
                     .format("memory")
                     .queryName("rates")
                     .trigger(trigger)
                     .option("checkpointLocation", Checkpoint())
                     .start();
    ASSERT_TRUE(query.ok()) << query.status().ToString();
    auto done = query->awaitTermination(30000);
    ASSERT_TRUE(done.ok() && *done) << done.status().ToString();
    EXPECT_FALSE(query->exception().has_value());
  };
  // Each run reads exactly one batch of 10 rows; the memory sink shows the latest run's rows.
  run(Trigger::AvailableNow());
  EXPECT_EQ(Rows("rates"), Expected(0, 10, 0));
  run(Trigger::AvailableNow());
  EXPECT_EQ(Rows("rates"), Expected(10, 10, 1000));
  run(Trigger::Once());
  EXPECT_EQ(Rows("rates"), Expected(20, 10, 2000));
  EXPECT_TRUE(std::filesystem::exists(Checkpoint() + "/offsets/2"));
  auto offsets = io::FileSystem::Local()->ReadFile(Checkpoint() + "/offsets/2");
  ASSERT_TRUE(offsets.ok());
  EXPECT_NE(offsets->find("{\"offset\":30,\"timestamp\":3000}"), std::string::npos) << *offsets;
}

TEST_F(StreamingSourcesTest, RateFollowsTheQueryClock) {
  auto clock =
      std::make_shared<base::ManualClock>(int64_t{1'000'000} * 1'000'000);  // 1e6 s after the epoch
  {
    std::lock_guard<std::mutex> lock(session_->state()->mutex);
    session_->state()->streaming_clock = clock;
  }
  DataFrame df = session_->readStream()
                     .format("rate")
                     .option("rowsPerSecond", "5")
                     .option("numPartitions", "2")
                     .load();
  auto query = df.writeStream()
                   .format("memory")
                   .queryName("ticks")
                   .option("checkpointLocation", Checkpoint())
                   .start();
  ASSERT_TRUE(query.ok()) << query.status().ToString();
  ASSERT_TRUE(query->processAllAvailable().ok());
  EXPECT_TRUE(Rows("ticks").empty());
  clock->Advance(2'000'000);
  ASSERT_TRUE(query->processAllAvailable().ok());
  std::vector<std::string> expected;
  for (int64_t v = 0; v < 10; ++v)
    expected.push_back(std::to_string(v) + "@" + std::to_string(1'000'000'000 + 200 * v));
  EXPECT_EQ(Rows("ticks"), expected);
  ASSERT_TRUE(query->stop().ok());
  EXPECT_TRUE(std::filesystem::exists(Checkpoint() + "/sources/0/0"));
}

TEST_F(StreamingSourcesTest, BadOptionsAndUnreachableServersFailAtStart) {
  auto bad_rate = session_->readStream()
                      .format("rate")
                      .option("rowsPerSecond", "fast")
                      .load()
                      .writeStream()
                      .format("noop")
                      .start();
  ASSERT_FALSE(bad_rate.ok());
  EXPECT_NE(bad_rate.status().message().find("Invalid value 'fast' for option 'rowsPerSecond'"),
            std::string::npos);
  auto no_rows =
      session_->readStream().format("rate-micro-batch").load().writeStream().format("noop").start();
  ASSERT_FALSE(no_rows.ok());
  EXPECT_NE(no_rows.status().message().find("needs option 'rowsPerBatch'"), std::string::npos);
  auto no_port = session_->readStream()
                     .format("socket")
                     .option("host", "localhost")
                     .load()
                     .writeStream()
                     .format("noop")
                     .start();
  ASSERT_FALSE(no_port.ok());
  EXPECT_NE(no_port.status().message().find("needs option 'port'"), std::string::npos);
  // Port 1 (tcpmux) is not served on a test machine: the connection is refused at start().
  auto refused = session_->readStream()
                     .format("socket")
                     .option("host", "127.0.0.1")
                     .option("port", "1")
                     .load()
                     .writeStream()
                     .format("noop")
                     .start();
  ASSERT_FALSE(refused.ok());
  EXPECT_NE(refused.status().message().find("Cannot connect to 127.0.0.1:1: "), std::string::npos);
  auto unknown =
      session_->readStream().format("kafkaa").load().writeStream().format("noop").start();
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("Streaming sources: parquet, csv, json, text, rate, rate-micro-batch, socket"),
            std::string::npos);
}

}  // namespace
}  // namespace runnel
