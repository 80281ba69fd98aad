#include "streaming/sources/rate_source.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <tuple>

#include "streaming/sources/rate_test_rows.h"

namespace runnel::streaming {
namespace {

constexpr int64_t kStartMs = 1'700'000'000'000;  // an arbitrary start, well after the epoch

class RateSourceTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = std::filesystem::temp_directory_path() /
           ("runnel-rate-test-" + std::to_string(::getpid()) + "-" +
            ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  SourceContext Context() {
    return SourceContext{io::FileSystem::Local(), &clock_, (dir_ / "sources" / "0").string()};
  }
  std::shared_ptr<RateSource> Make(std::map<std::string, std::string> options) {
    auto parsed = ParseRateSourceOptions(options);
    EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
    auto source = RateSource::Make(*parsed, Context());
    EXPECT_TRUE(source.ok()) << source.status().ToString();
    return *source;
  }
  void AdvanceMs(int64_t ms) { clock_.Advance(ms * 1000); }

  base::ManualClock clock_{kStartMs * 1000};
  std::filesystem::path dir_;
};

std::string Latest(Source& source, std::optional<std::string> start) {
  auto latest = source.LatestOffset(start, ReadLimit::All());
  EXPECT_TRUE(latest.ok()) << latest.status().ToString();
  return latest.ok() && *latest ? **latest : "(none)";
}

TEST(RateValueAtSecond, RampsUpLinearlyThenStaysAtTheRate) {
  // Spark's example: 10 rows/s reached after a 4 s ramp-up.
  std::vector<int64_t> ends;
  for (int64_t s = 0; s <= 6; ++s) ends.push_back(RateValueAtSecond(s, 10, 4));
  EXPECT_EQ(ends, (std::vector<int64_t>{0, 2, 6, 12, 20, 30, 40}));
  EXPECT_EQ(RateValueAtSecond(7, 3, 0), 21);
  // A rate below the ramp-up's steps emits nothing until the ramp-up ends.
  EXPECT_EQ(RateValueAtSecond(3, 2, 5), 0);
  EXPECT_EQ(RateValueAtSecond(7, 2, 5), 4);
}

TEST_F(RateSourceTest, FirstSecondsHaveExactValuesAndTimestamps) {
  auto source = Make({{"rowsPerSecond", "5"}, {"numPartitions", "1"}});
  EXPECT_EQ(source->start_time_ms(), kStartMs);
  EXPECT_EQ(source->schema()->ToString(), "timestamp TIMESTAMP, value BIGINT");
  EXPECT_EQ(Latest(*source, std::nullopt), "(none)");
  AdvanceMs(999);
  EXPECT_EQ(Latest(*source, std::nullopt), "(none)");
  AdvanceMs(1);
  EXPECT_EQ(Latest(*source, std::nullopt), "1");
  // One second of 5 rows: 200 ms apart, from the start time.
  EXPECT_EQ(ReadRateRows(*source, std::nullopt, "1"),
            (std::vector<RateRow>{{0, 0, kStartMs},
                                  {0, 1, kStartMs + 200},
                                  {0, 2, kStartMs + 400},
                                  {0, 3, kStartMs + 600},
                                  {0, 4, kStartMs + 800}}));
  AdvanceMs(2500);
  EXPECT_EQ(Latest(*source, "1"), "3");
  auto rows = ReadRateRows(*source, "1", "3");
  ASSERT_EQ(rows.size(), 10u);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(rows[i], (RateRow{0, 5 + i, kStartMs + 1000 + 200 * i}));
  // Nothing new within the same second.
  EXPECT_EQ(Latest(*source, "3"), "3");
}

TEST_F(RateSourceTest, TimestampsRoundHalfUpAsSpark) {
  auto source = Make({{"rowsPerSecond", "3"}, {"numPartitions", "1"}});
  AdvanceMs(1000);
  // 1000 ms / 3 rows: 0, 333.33, 666.67 rounded.
  EXPECT_EQ(
      ReadRateRows(*source, std::nullopt, "1"),
      (std::vector<RateRow>{{0, 0, kStartMs}, {0, 1, kStartMs + 333}, {0, 2, kStartMs + 667}}));
}

TEST_F(RateSourceTest, RampUpTimeSlowsTheFirstSeconds) {
  auto source = Make({{"rowsPerSecond", "10"}, {"rampUpTime", "4s"}, {"numPartitions", "1"}});
  AdvanceMs(2000);
  EXPECT_EQ(Latest(*source, std::nullopt), "2");
  auto first = ReadRateRows(*source, std::nullopt, "2");
  ASSERT_EQ(first.size(), 6u);  // 2 + 4 rows
  // 2000 ms over 6 values: 333.33 ms apart.
  EXPECT_EQ(first[1], (RateRow{0, 1, kStartMs + 333}));
  EXPECT_EQ(first[5], (RateRow{0, 5, kStartMs + 1667}));
  AdvanceMs(4000);
  auto rest = ReadRateRows(*source, "2", "6");
  ASSERT_EQ(rest.size(), 34u);  // values 6 .. 39
  EXPECT_EQ(rest.front().value, 6);
  EXPECT_EQ(rest.back().value, 39);
}

TEST_F(RateSourceTest, RowsAreDealtRoundRobinOverPartitions) {
  auto source = Make({{"rowsPerSecond", "10"}, {"numPartitions", "3"}});
  AdvanceMs(1000);
  auto rows = ReadRateRows(*source, std::nullopt, "1");
  std::vector<std::vector<int64_t>> by_partition(3);
  for (const auto& r : rows) by_partition[r.partition].push_back(r.value);
  EXPECT_EQ(by_partition, (std::vector<std::vector<int64_t>>{{0, 3, 6, 9}, {1, 4, 7}, {2, 5, 8}}));
  for (const auto& r : rows) EXPECT_EQ(r.timestamp_ms, kStartMs + 100 * r.value);
}

TEST_F(RateSourceTest, ARestartReadsTheRecordedStartTimeAndReplaysTheSameRows) {
  auto first = Make({{"rowsPerSecond", "4"}, {"numPartitions", "2"}});
  AdvanceMs(3000);
  auto before = ReadRateRows(*first, "1", "3");
  std::string recorded;
  {
    auto text = io::FileSystem::Local()->ReadFile((dir_ / "sources" / "0" / "0").string());
    ASSERT_TRUE(text.ok()) << text.status().ToString();
    recorded = *text;
  }
  EXPECT_EQ(recorded, "v1\n" + std::to_string(kStartMs) + "\n");
  // A later run of the query, on a clock that moved on: same origin, same rows for the same
  // offsets.
  AdvanceMs(60'000);
  auto second = Make({{"rowsPerSecond", "4"}, {"numPartitions", "2"}});
  EXPECT_EQ(second->start_time_ms(), kStartMs);
  EXPECT_EQ(ReadRateRows(*second, "1", "3"), before);
  EXPECT_EQ(Latest(*second, "3"), "63");
}

TEST_F(RateSourceTest, ACorruptStartTimeFileIsAnError) {
  std::filesystem::create_directories(dir_ / "sources" / "0");
  ASSERT_TRUE(io::FileSystem::Local()
                  ->WriteFile((dir_ / "sources" / "0" / "0").string(), "v1\nsoon\n", false)
                  .ok());
  auto source = RateSource::Make(RateSourceOptions{}, Context());
  ASSERT_FALSE(source.ok());
  EXPECT_EQ(source.status().code(), StatusCode::kCorruption);
  EXPECT_NE(source.status().message().find("does not hold a number of milliseconds: 'soon'"),
            std::string::npos);
}

TEST_F(RateSourceTest, AvailableNowStopsAtTheSecondsElapsedWhenPrepared) {
  auto source = Make({{"rowsPerSecond", "1"}});
  AdvanceMs(2500);
  ASSERT_TRUE(source->PrepareForAvailableNow().ok());
  AdvanceMs(5000);
  EXPECT_EQ(Latest(*source, std::nullopt), "2");
  EXPECT_EQ(Latest(*source, "2"), "2");
}

TEST_F(RateSourceTest, TheOffsetNeverGoesBackWhenTheClockDoes) {
  auto source = Make({{"rowsPerSecond", "1"}});
  AdvanceMs(4000);
  EXPECT_EQ(Latest(*source, std::nullopt), "4");
  AdvanceMs(-3000);
  EXPECT_EQ(Latest(*source, std::nullopt), "4");
}

TEST_F(RateSourceTest, BadOffsetsAreErrors) {
  auto source = Make({{"rowsPerSecond", "1"}});
  EXPECT_EQ(source->GetBatch("3", "2").status().code(), StatusCode::kCorruption);
  EXPECT_EQ(source->GetBatch(std::nullopt, "x").status().code(), StatusCode::kCorruption);
}

std::string OptionError(std::map<std::string, std::string> options) {
  auto parsed = ParseRateSourceOptions(options);
  EXPECT_FALSE(parsed.ok());
  return parsed.ok() ? "" : parsed.status().message();
}

TEST(RateSourceOptionsTest, ValidatesEachOption) {
  auto defaults = ParseRateSourceOptions({});
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->rows_per_second, 1);
  EXPECT_EQ(defaults->ramp_up_seconds, 0);
  EXPECT_GE(defaults->num_partitions, 1);
  EXPECT_EQ(OptionError({{"rowsPerSecond", "x"}}),
            "Invalid value 'x' for option 'rowsPerSecond': must be a positive integer");
  EXPECT_EQ(OptionError({{"rowsPerSecond", "0"}}),
            "Invalid value '0' for option 'rowsPerSecond': must be a positive integer");
  EXPECT_EQ(OptionError({{"ROWSPERSECOND", "-3"}}),
            "Invalid value '-3' for option 'rowsPerSecond': must be a positive integer");
  EXPECT_EQ(OptionError({{"numPartitions", "0"}}),
            "Invalid value '0' for option 'numPartitions': must be a positive integer");
  EXPECT_EQ(OptionError({{"rampUpTime", "soon"}}),
            "Invalid value 'soon' for option 'rampUpTime': must be a non-negative duration such as "
            "'5s' or "
            "'10 seconds'");
  EXPECT_EQ(
      OptionError({{"rampUpTime", "-5s"}}).find("Invalid value '-5s' for option 'rampUpTime'"), 0u);
  EXPECT_NE(OptionError({{"rowsPerSecond", "9223372036854775807"}, {"rampUpTime", "5s"}})
                .find("overflow"),
            std::string::npos);
  for (auto [text, seconds] : std::vector<std::pair<std::string, int64_t>>{{"5s", 5},
                                                                           {"1500ms", 1},
                                                                           {"2min", 120},
                                                                           {"1h", 3600},
                                                                           {"7", 7},
                                                                           {"10 seconds", 10},
                                                                           {"0s", 0}}) {
    auto parsed = ParseRateSourceOptions({{"rampuptime", text}});
    ASSERT_TRUE(parsed.ok()) << text << ": " << parsed.status().ToString();
    EXPECT_EQ(parsed->ramp_up_seconds, seconds) << text;
  }
}

TEST(RateSourceResolveTest, ResolvesRateAndRejectsAUserSchema) {
  auto resolved = ResolveSource(StreamSpec{"rate", {{"rowsPerSecond", "2"}}, "", false},
                                io::FileSystem::Local());
  ASSERT_TRUE(resolved.ok()) << resolved.status().ToString();
  EXPECT_EQ(resolved->schema->ToString(), "timestamp TIMESTAMP, value BIGINT");
  auto with_schema =
      ResolveSource(StreamSpec{"rate", {}, "value BIGINT", false}, io::FileSystem::Local());
  ASSERT_FALSE(with_schema.ok());
  EXPECT_NE(with_schema.status().message().find("does not take a user-specified schema"),
            std::string::npos);
  auto unknown = ResolveSource(StreamSpec{"rates", {}, "", false}, io::FileSystem::Local());
  ASSERT_FALSE(unknown.ok());
  EXPECT_NE(unknown.status().message().find("rate, rate-micro-batch, socket"), std::string::npos);
}

}  // namespace
}  // namespace runnel::streaming
