#include "streaming/sources/rate_per_micro_batch_source.h"

#include <gtest/gtest.h>

#include "streaming/sources/rate_test_rows.h"

namespace runnel::streaming {
namespace {

RatePerMicroBatchSource Make(std::map<std::string, std::string> options) {
  auto parsed = ParseRatePerMicroBatchOptions(options);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return RatePerMicroBatchSource(parsed.ok() ? *parsed : RatePerMicroBatchOptions{1});
}

std::optional<std::string> Latest(Source& source, const std::optional<std::string>& start,
                                  ReadLimit limit = ReadLimit::All()) {
  auto latest = source.LatestOffset(start, limit);
  EXPECT_TRUE(latest.ok()) << latest.status().ToString();
  return latest.ok() ? *latest : std::nullopt;
}

TEST(RatePerMicroBatchSourceTest, EachBatchHasTheNextRowsAndOneTimestamp) {
  auto source = Make({{"rowsPerBatch", "10"},
                      {"numPartitions", "1"},
                      {"startTimestamp", "5000"},
                      {"advanceMillisPerBatch", "250"}});
  EXPECT_EQ(source.DefaultReadLimit().max_rows, 10);
  std::optional<std::string> start;
  for (int64_t batch = 0; batch < 3; ++batch) {
    SCOPED_TRACE(batch);
    auto end = Latest(source, start);
    ASSERT_TRUE(end.has_value());
    EXPECT_EQ(*end, "{\"offset\":" + std::to_string(10 * (batch + 1)) +
                        ",\"timestamp\":" + std::to_string(5000 + 250 * (batch + 1)) + "}");
    auto rows = ReadRateRows(source, start, *end);
    ASSERT_EQ(rows.size(), 10u);
    for (int64_t i = 0; i < 10; ++i)
      EXPECT_EQ(rows[i], (RateRow{0, batch * 10 + i, 5000 + 250 * batch}));
    // The same range read again (a re-run batch) gives the same rows.
    EXPECT_EQ(ReadRateRows(source, start, *end), rows);
    start = end;
  }
}

TEST(RatePerMicroBatchSourceTest, TheReadLimitDoesNotChangeTheBatchSize) {
  auto source = Make({{"rowsPerBatch", "100"}});
  ReadLimit small;
  small.max_rows = 3;
  EXPECT_EQ(Latest(source, std::nullopt, small), "{\"offset\":100,\"timestamp\":1000}");
}

TEST(RatePerMicroBatchSourceTest, RowsAreDealtRoundRobinOverPartitions) {
  auto source = Make({{"rowsPerBatch", "7"}, {"numPartitions", "3"}});
  auto rows = ReadRateRows(source, "{\"offset\":7,\"timestamp\":1000}",
                           "{\"offset\":14,\"timestamp\":2000}");
  std::vector<std::vector<int64_t>> by_partition(3);
  for (const auto& r : rows) {
    by_partition[r.partition].push_back(r.value);
    EXPECT_EQ(r.timestamp_ms, 1000);
  }
  EXPECT_EQ(by_partition, (std::vector<std::vector<int64_t>>{{7, 10, 13}, {8, 11}, {9, 12}}));
}

TEST(RatePerMicroBatchSourceTest, AvailableNowRunsExactlyOneBatch) {
  auto source = Make({{"rowsPerBatch", "5"}});
  ASSERT_TRUE(source.PrepareForAvailableNow().ok());
  std::string start = "{\"offset\":20,\"timestamp\":4000}";
  auto end = Latest(source, start);
  EXPECT_EQ(end, "{\"offset\":25,\"timestamp\":5000}");
  EXPECT_EQ(Latest(source, end), end);
}

TEST(RatePerMicroBatchSourceTest, BadOffsetsAreErrors) {
  auto source = Make({{"rowsPerBatch", "5"}});
  auto garbled = source.GetBatch(std::nullopt, "{\"offset\":\"x\"}");
  ASSERT_FALSE(garbled.ok());
  EXPECT_EQ(garbled.status().code(), StatusCode::kCorruption);
  EXPECT_NE(garbled.status().message().find("Invalid rate-micro-batch offset"), std::string::npos);
  auto backwards =
      source.GetBatch("{\"offset\":10,\"timestamp\":2000}", "{\"offset\":5,\"timestamp\":1000}");
  ASSERT_FALSE(backwards.ok());
  EXPECT_NE(backwards.status().message().find("the start is after the end"), std::string::npos);
}

std::string OptionError(std::map<std::string, std::string> options) {
  auto parsed = ParseRatePerMicroBatchOptions(options);
  EXPECT_FALSE(parsed.ok());
  return parsed.ok() ? "" : parsed.status().message();
}

TEST(RatePerMicroBatchOptionsTest, ValidatesEachOption) {
  EXPECT_NE(OptionError({}).find("needs option 'rowsPerBatch'"), std::string::npos);
  EXPECT_EQ(OptionError({{"rowsPerBatch", "0"}}),
            "Invalid value '0' for option 'rowsPerBatch': must be a positive integer");
  EXPECT_EQ(OptionError({{"rowsPerBatch", "1.5"}}),
            "Invalid value '1.5' for option 'rowsPerBatch': must be a positive integer");
  EXPECT_EQ(OptionError({{"rowsPerBatch", "1"}, {"numPartitions", "-1"}}),
            "Invalid value '-1' for option 'numPartitions': must be a positive integer");
  EXPECT_EQ(OptionError({{"rowsPerBatch", "1"}, {"startTimestamp", "-5"}}),
            "Invalid value '-5' for option 'startTimestamp': must be a non-negative integer");
  EXPECT_EQ(OptionError({{"rowsPerBatch", "1"}, {"advanceMillisPerBatch", "x"}}),
            "Invalid value 'x' for option 'advanceMillisPerBatch': must be a non-negative integer");
  auto parsed =
      ParseRatePerMicroBatchOptions({{"rowsperbatch", "3"}, {"ADVANCEMILLISPERBATCH", "0"}});
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(parsed->rows_per_batch, 3);
  EXPECT_EQ(parsed->advance_ms_per_batch, 0);
  EXPECT_EQ(parsed->start_timestamp_ms, 0);
}

}  // namespace
}  // namespace runnel::streaming
