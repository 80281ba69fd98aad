// format("rate"): rowsPerSecond rows every second, as Spark's RateStreamProvider, for load tests
// and demos. Columns `timestamp TIMESTAMP, value BIGINT`, values counting from 0.
//
// The source records its start time once, in its metadata directory (sources/<i>/0, "v1" then
// the epoch milliseconds), so a restarted query keeps counting from the same origin. An offset is
// the number of whole seconds since that start ("12"); the rows up to second s are the values
// [0, RateValueAtSecond(s)), which ramp up linearly over rampUpTime. A batch's timestamps are
// spread evenly over its seconds (Spark's relativeMsPerValue), so the same (start, end) always
// gives the same rows: the source is replayable.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "streaming/source.h"
#include "streaming/source_provider.h"

namespace runnel::streaming {

struct RateSourceOptions {
  int64_t rows_per_second = 1;
  int64_t ramp_up_seconds = 0;
  int num_partitions = 1;
};

// Reads rowsPerSecond (positive, default 1), rampUpTime (a duration, default 0s, truncated to
// seconds) and numPartitions (positive, default the number of cores).
Result<RateSourceOptions> ParseRateSourceOptions(const std::map<std::string, std::string>& options);

// How many values have been emitted by the end of second `seconds`: the speed grows by
// rows_per_second / (ramp_up_seconds + 1) each second until ramp_up_seconds, then stays at
// rows_per_second. E.g. 10 rows/s with a 4 s ramp-up: 0 2 6 12 20 30 40 ...
int64_t RateValueAtSecond(int64_t seconds, int64_t rows_per_second, int64_t ramp_up_seconds);

class RateSource final : public Source {
 public:
  // Reads the recorded start time from context.metadata_path, or records the clock's now there.
  static Result<std::shared_ptr<RateSource>> Make(const RateSourceOptions& options,
                                                  const SourceContext& context);

  std::string Describe() const override;
  type::SchemaPtr schema() const override;
  Result<std::optional<std::string>> LatestOffset(const std::optional<std::string>& start,
                                                  const ReadLimit& limit) override;
  Result<plan::DataSourcePtr> GetBatch(const std::optional<std::string>& start,
                                       const std::string& end) override;
  // As Spark does for sources without their own AvailableNow support: the seconds elapsed now
  // are the last offset this run reads.
  Status PrepareForAvailableNow() override;

  int64_t start_time_ms() const { return start_time_ms_; }

 private:
  RateSource(const RateSourceOptions& options, base::Clock* clock, int64_t start_time_ms)
      : options_(options),
        clock_(clock),
        start_time_ms_(start_time_ms),
        last_time_ms_(start_time_ms) {}
  // Whole seconds since the start (never going back, even if the clock does). Needs mutex_.
  int64_t ElapsedSeconds();

  RateSourceOptions options_;
  base::Clock* clock_;
  int64_t start_time_ms_;
  std::mutex mutex_;
  int64_t last_time_ms_;
  std::optional<int64_t> available_now_end_;
};

// ResolveSource's branch for format("rate").
Result<ResolvedSource> ResolveRateSource(const StreamSpec& spec);

}  // namespace runnel::streaming
