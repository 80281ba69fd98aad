#include "streaming/sources/rate_source.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "streaming/batch_log.h"
#include "streaming/sources/memory_source.h"
#include "streaming/sources/rate_rows.h"
#include "streaming/sources/source_options.h"

namespace runnel::streaming {

namespace {
constexpr int64_t kMaxInt64 = std::numeric_limits<int64_t>::max();

// The largest offset (seconds) whose values still fit in a BIGINT.
int64_t MaxSeconds(const RateSourceOptions& options) { return kMaxInt64 / options.rows_per_second; }
}  // namespace

Result<RateSourceOptions> ParseRateSourceOptions(const std::map<std::string, std::string>& map) {
  SourceOptions options(map, "rate");
  RateSourceOptions out;
  RUNNEL_ASSIGN_OR_RAISE(out.rows_per_second, options.PositiveInteger("rowsPerSecond", 1));
  RUNNEL_ASSIGN_OR_RAISE(out.ramp_up_seconds, options.DurationSeconds("rampUpTime", 0));
  RUNNEL_ASSIGN_OR_RAISE(out.num_partitions, options.NumPartitions());
  if (out.ramp_up_seconds > MaxSeconds(out)) {
    return Status::InvalidArgument("Invalid value '" + std::to_string(out.ramp_up_seconds) +
                                   " seconds' for option 'rampUpTime': with rowsPerSecond " +
                                   std::to_string(out.rows_per_second) +
                                   " the values would overflow after " +
                                   std::to_string(MaxSeconds(out)) + " seconds");
  }
  return out;
}

int64_t RateValueAtSecond(int64_t seconds, int64_t rows_per_second, int64_t ramp_up_seconds) {
  int64_t speed_step = rows_per_second / (ramp_up_seconds + 1);
  if (seconds <= ramp_up_seconds) {
    // speed_step * (1 + 2 + ... + seconds), halving the even factor first so that it cannot
    // overflow where the result itself does not.
    return seconds % 2 == 1 ? (seconds + 1) / 2 * speed_step * seconds
                            : seconds / 2 * speed_step * (seconds + 1);
  }
  return RateValueAtSecond(ramp_up_seconds, rows_per_second, ramp_up_seconds) +
         (seconds - ramp_up_seconds) * rows_per_second;
}

Result<std::shared_ptr<RateSource>> RateSource::Make(const RateSourceOptions& options,
                                                     const SourceContext& context) {
  if (!context.fs || context.clock == nullptr || context.metadata_path.empty()) {
    return Status::Internal(
        "The rate source needs a file system, a clock and a metadata directory");
  }
  BatchLog log(context.fs, context.metadata_path, "rate source start time");
  RUNNEL_ASSIGN_OR_RAISE(auto recorded, log.Get(0));
  int64_t start_ms = 0;
  if (recorded) {
    std::string text = *recorded;
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), start_ms);
    if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) {
      return Status::Corruption("The rate source start time file " + log.PathOf(0) +
                                " does not hold a number of milliseconds: '" + text.substr(0, 40) +
                                "'");
    }
  } else {
    start_ms = context.clock->NowMicros() / 1000;
    RUNNEL_RETURN_NOT_OK(log.Add(0, std::to_string(start_ms)));
  }
  return std::shared_ptr<RateSource>(new RateSource(options, context.clock, start_ms));
}

std::string RateSource::Describe() const {
  return "RateStream[rowsPerSecond=" + std::to_string(options_.rows_per_second) +
         ", rampUpTimeSeconds=" + std::to_string(options_.ramp_up_seconds) +
         ", numPartitions=" + std::to_string(options_.num_partitions) + "]";
}

type::SchemaPtr RateSource::schema() const { return RateSchema(); }

int64_t RateSource::ElapsedSeconds() {
  last_time_ms_ = std::max(last_time_ms_, clock_->NowMicros() / 1000);
  return (last_time_ms_ - start_time_ms_) / 1000;
}

Result<std::optional<std::string>> RateSource::LatestOffset(const std::optional<std::string>& start,
                                                            const ReadLimit&) {
  int64_t begin = 0;
  if (start) {
    RUNNEL_ASSIGN_OR_RAISE(begin, ParseIntegerOffset(*start, Describe()));
  }
  std::lock_guard<std::mutex> lock(mutex_);
  int64_t seconds = available_now_end_ ? *available_now_end_ : ElapsedSeconds();
  seconds = std::min(seconds, MaxSeconds(options_));
  if (seconds <= begin) return start;
  return std::optional<std::string>(std::to_string(seconds));
}

Status RateSource::PrepareForAvailableNow() {
  std::lock_guard<std::mutex> lock(mutex_);
  available_now_end_ = ElapsedSeconds();
  return Status::OK();
}

Result<plan::DataSourcePtr> RateSource::GetBatch(const std::optional<std::string>& start,
                                                 const std::string& end) {
  int64_t begin_seconds = 0;
  if (start) {
    RUNNEL_ASSIGN_OR_RAISE(begin_seconds, ParseIntegerOffset(*start, Describe()));
  }
  RUNNEL_ASSIGN_OR_RAISE(int64_t end_seconds, ParseIntegerOffset(end, Describe()));
  if (begin_seconds > end_seconds) {
    return Status::Corruption(Describe() + " was asked for the rows from second " +
                              std::to_string(begin_seconds) + " to second " +
                              std::to_string(end_seconds) + ": the start is after the end");
  }
  if (end_seconds > MaxSeconds(options_)) {
    return Status::InvalidArgument(Describe() + " cannot reach second " +
                                   std::to_string(end_seconds) +
                                   ": the values would overflow a BIGINT after second " +
                                   std::to_string(MaxSeconds(options_)));
  }
  {
    // After a restart that re-runs a batch, the clock must not report less than that batch's end.
    std::lock_guard<std::mutex> lock(mutex_);
    last_time_ms_ = std::max(last_time_ms_, start_time_ms_ + end_seconds * 1000);
  }
  int64_t first =
      RateValueAtSecond(begin_seconds, options_.rows_per_second, options_.ramp_up_seconds);
  int64_t last = RateValueAtSecond(end_seconds, options_.rows_per_second, options_.ramp_up_seconds);
  // The batch's rows are spread evenly over its seconds: value first + i is stamped
  // i * (batch milliseconds / rows) after the batch's first second, rounded half up as Spark's
  // Math.round, so a re-run batch (same start and end) gets the same timestamps.
  int64_t batch_start_ms = start_time_ms_ + begin_seconds * 1000;
  double ms_per_value = last > first ? static_cast<double>((end_seconds - begin_seconds) * 1000) /
                                           static_cast<double>(last - first)
                                     : 0;
  auto timestamp_of = [batch_start_ms, first, ms_per_value](int64_t value) {
    return (batch_start_ms + std::llround(static_cast<double>(value - first) * ms_per_value)) *
           1000;
  };
  return plan::DataSourcePtr(std::make_shared<RateRows>(
      Describe(), first, last, options_.num_partitions, std::move(timestamp_of)));
}

Result<ResolvedSource> ResolveRateSource(const StreamSpec& spec) {
  RUNNEL_RETURN_NOT_OK(RejectUserSchema(spec.schema_ddl, "rate"));
  RUNNEL_ASSIGN_OR_RAISE(RateSourceOptions options, ParseRateSourceOptions(spec.options));
  SourceFactory factory = [options](const SourceContext& context) -> Result<SourcePtr> {
    RUNNEL_ASSIGN_OR_RAISE(auto source, RateSource::Make(options, context));
    return SourcePtr(std::move(source));
  };
  return ResolvedSource{RateSchema(), std::move(factory)};
}

}  // namespace runnel::streaming
