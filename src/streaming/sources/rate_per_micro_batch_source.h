// format("rate-micro-batch"): exactly rowsPerBatch new rows in every micro-batch, whatever the
// trigger or the lag, as Spark's RatePerMicroBatchProvider: batch k holds the values
// [k * rowsPerBatch, (k + 1) * rowsPerBatch), all stamped startTimestamp + k *
// advanceMillisPerBatch. Columns `timestamp TIMESTAMP, value BIGINT`.
//
// Offsets are Spark's JSON, {"offset":<values so far>,"timestamp":<ms of the next batch>}: the
// next batch is computed from the previous offset alone, so the source needs no metadata of its
// own, replays any batch exactly, and a restart continues where the checkpoint stopped. The
// source always has a next batch, so a query with the default trigger runs batch after batch;
// Trigger.Once and Trigger.AvailableNow run exactly one batch of rowsPerBatch rows per start
// (Spark's SupportsTriggerAvailableNow implementation fixes the end after one batch).
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <string>

#include "streaming/source.h"
#include "streaming/source_provider.h"

namespace runnel::streaming {

struct RatePerMicroBatchOptions {
  int64_t rows_per_batch = 0;
  int num_partitions = 1;
  int64_t start_timestamp_ms = 0;
  int64_t advance_ms_per_batch = 1000;
};

// rowsPerBatch (required, positive), numPartitions (positive, default the number of cores),
// startTimestamp (ms, non-negative, default 0), advanceMillisPerBatch (non-negative, default
// 1000).
Result<RatePerMicroBatchOptions> ParseRatePerMicroBatchOptions(
    const std::map<std::string, std::string>& options);

// A rate-micro-batch offset: how many values were produced before it, and the timestamp of the
// batch that starts there.
struct RatePerMicroBatchOffset {
  int64_t values = 0;
  int64_t timestamp_ms = 0;
  std::string ToJson() const;
  static Result<RatePerMicroBatchOffset> FromJson(const std::string& json);
};

class RatePerMicroBatchSource final : public Source {
 public:
  explicit RatePerMicroBatchSource(const RatePerMicroBatchOptions& options) : options_(options) {}

  std::string Describe() const override;
  type::SchemaPtr schema() const override;
  ReadLimit DefaultReadLimit() const override;
  // Always one batch past `start`; the read limit is ignored, as in Spark.
  Result<std::optional<std::string>> LatestOffset(const std::optional<std::string>& start,
                                                  const ReadLimit& limit) override;
  Result<plan::DataSourcePtr> GetBatch(const std::optional<std::string>& start,
                                       const std::string& end) override;
  Status PrepareForAvailableNow() override;

 private:
  // Where a query with no offset yet starts.
  RatePerMicroBatchOffset Initial() const { return {0, options_.start_timestamp_ms}; }
  Result<RatePerMicroBatchOffset> StartOf(const std::optional<std::string>& start) const;

  RatePerMicroBatchOptions options_;
  std::mutex mutex_;
  bool available_now_ = false;
  std::optional<std::string> available_now_end_;
};

// ResolveSource's branch for format("rate-micro-batch").
Result<ResolvedSource> ResolveRatePerMicroBatchSource(const StreamSpec& spec);

}  // namespace runnel::streaming
