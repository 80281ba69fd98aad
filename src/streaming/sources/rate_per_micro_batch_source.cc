// Includes nlohmann/json for the offset codec (a checkpoint format).
#include "streaming/sources/rate_per_micro_batch_source.h"

#include <algorithm>
#include <limits>
#include <nlohmann/json.hpp>

#include "streaming/sources/rate_rows.h"
#include "streaming/sources/source_options.h"

namespace runnel::streaming {

namespace {
constexpr int64_t kMaxInt64 = std::numeric_limits<int64_t>::max();
// The latest millisecond a TIMESTAMP (microseconds in a BIGINT) can hold.
constexpr int64_t kMaxTimestampMs = kMaxInt64 / 1000;
}  // namespace

Result<RatePerMicroBatchOptions> ParseRatePerMicroBatchOptions(
    const std::map<std::string, std::string>& map) {
  SourceOptions options(map, "rate-micro-batch");
  RatePerMicroBatchOptions out;
  if (!options.Has("rowsPerBatch")) {
    return Status::InvalidArgument(
        "The rate-micro-batch source needs option 'rowsPerBatch' (a positive integer): set it with "
        ".option(\"rowsPerBatch\", \"100\")");
  }
  RUNNEL_ASSIGN_OR_RAISE(out.rows_per_batch, options.PositiveInteger("rowsPerBatch", 1));
  RUNNEL_ASSIGN_OR_RAISE(out.num_partitions, options.NumPartitions());
  RUNNEL_ASSIGN_OR_RAISE(out.start_timestamp_ms, options.NonNegativeInteger("startTimestamp", 0));
  if (out.start_timestamp_ms > kMaxTimestampMs) {
    return Status::InvalidArgument("Invalid value '" + std::to_string(out.start_timestamp_ms) +
                                   "' for option 'startTimestamp': must be at most " +
                                   std::to_string(kMaxTimestampMs) +
                                   " (milliseconds since the epoch)");
  }
  RUNNEL_ASSIGN_OR_RAISE(out.advance_ms_per_batch,
                         options.NonNegativeInteger("advanceMillisPerBatch", 1000));
  return out;
}

std::string RatePerMicroBatchOffset::ToJson() const {
  return nlohmann::json{{"offset", values}, {"timestamp", timestamp_ms}}.dump();
}

Result<RatePerMicroBatchOffset> RatePerMicroBatchOffset::FromJson(const std::string& text) {
  auto json = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  auto is_count = [&](const char* key) {
    return json.is_object() && json.contains(key) && json[key].is_number_integer() &&
           json[key].get<int64_t>() >= 0;
  };
  if (!is_count("offset") || !is_count("timestamp")) {
    return Status::Corruption(
        "Invalid rate-micro-batch offset '" + text.substr(0, 80) +
        "': expected {\"offset\":<rows>,\"timestamp\":<ms>} with non-negative integers");
  }
  return RatePerMicroBatchOffset{json["offset"].get<int64_t>(), json["timestamp"].get<int64_t>()};
}

std::string RatePerMicroBatchSource::Describe() const {
  return "RatePerMicroBatchStream[rowsPerBatch=" + std::to_string(options_.rows_per_batch) +
         ", numPartitions=" + std::to_string(options_.num_partitions) +
         ", startTimestamp=" + std::to_string(options_.start_timestamp_ms) +
         ", advanceMillisPerBatch=" + std::to_string(options_.advance_ms_per_batch) + "]";
}

type::SchemaPtr RatePerMicroBatchSource::schema() const { return RateSchema(); }

ReadLimit RatePerMicroBatchSource::DefaultReadLimit() const {
  ReadLimit limit;
  limit.max_rows = options_.rows_per_batch;
  return limit;
}

Result<RatePerMicroBatchOffset> RatePerMicroBatchSource::StartOf(
    const std::optional<std::string>& start) const {
  if (!start) return Initial();
  return RatePerMicroBatchOffset::FromJson(*start);
}

Result<std::optional<std::string>> RatePerMicroBatchSource::LatestOffset(
    const std::optional<std::string>& start, const ReadLimit&) {
  std::lock_guard<std::mutex> lock(mutex_);
  // Under AvailableNow the first answer is final: the run reads one batch and stops.
  if (available_now_end_) return available_now_end_;
  RUNNEL_ASSIGN_OR_RAISE(RatePerMicroBatchOffset from, StartOf(start));
  RatePerMicroBatchOffset next;
  if (__builtin_add_overflow(from.values, options_.rows_per_batch, &next.values))
    next.values = kMaxInt64;
  if (__builtin_add_overflow(from.timestamp_ms, options_.advance_ms_per_batch,
                             &next.timestamp_ms) ||
      next.timestamp_ms > kMaxTimestampMs) {
    next.timestamp_ms = kMaxTimestampMs;
  }
  std::optional<std::string> end = next.ToJson();
  if (available_now_) available_now_end_ = end;
  return end;
}

Status RatePerMicroBatchSource::PrepareForAvailableNow() {
  std::lock_guard<std::mutex> lock(mutex_);
  available_now_ = true;
  return Status::OK();
}

Result<plan::DataSourcePtr> RatePerMicroBatchSource::GetBatch(
    const std::optional<std::string>& start, const std::string& end) {
  RUNNEL_ASSIGN_OR_RAISE(RatePerMicroBatchOffset from, StartOf(start));
  RUNNEL_ASSIGN_OR_RAISE(RatePerMicroBatchOffset to, RatePerMicroBatchOffset::FromJson(end));
  if (from.values > to.values || from.timestamp_ms > to.timestamp_ms) {
    return Status::Corruption(Describe() + " was asked for the rows from " + from.ToJson() +
                              " to " + to.ToJson() + ": the start is after the end");
  }
  // Every row of the batch carries the timestamp of the offset it starts from.
  int64_t timestamp_us = std::min(from.timestamp_ms, kMaxTimestampMs) * 1000;
  return plan::DataSourcePtr(
      std::make_shared<RateRows>(Describe(), from.values, to.values, options_.num_partitions,
                                 [timestamp_us](int64_t) { return timestamp_us; }));
}

Result<ResolvedSource> ResolveRatePerMicroBatchSource(const StreamSpec& spec) {
  RUNNEL_RETURN_NOT_OK(RejectUserSchema(spec.schema_ddl, "rate-micro-batch"));
  RUNNEL_ASSIGN_OR_RAISE(RatePerMicroBatchOptions options,
                         ParseRatePerMicroBatchOptions(spec.options));
  SourceFactory factory = [options](const SourceContext&) -> Result<SourcePtr> {
    return SourcePtr(std::make_shared<RatePerMicroBatchSource>(options));
  };
  return ResolvedSource{RateSchema(), std::move(factory)};
}

}  // namespace runnel::streaming
