// The rows of one batch of the rate sources (rate, rate-micro-batch): values [first, end) with a
// timestamp computed from each value, schema `timestamp TIMESTAMP, value BIGINT`. Values are
// dealt round-robin over the partitions as Spark does (partition p reads first + p,
// first + p + n, ...) and generated as they are read, so a batch of millions of rows costs no
// memory until it runs.
#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "plan/data_source.h"

namespace runnel::streaming {

// The schema of both rate sources.
type::SchemaPtr RateSchema();

class RateRows final : public plan::DataSource {
 public:
  // Microseconds since the epoch of the row holding `value`.
  using TimestampOf = std::function<int64_t(int64_t value)>;

  RateRows(std::string name, int64_t first, int64_t end, int num_partitions,
           TimestampOf timestamp_of)
      : name_(std::move(name)),
        first_(first),
        end_(end),
        num_partitions_(num_partitions),
        timestamp_of_(std::move(timestamp_of)) {}

  std::string Describe() const override { return name_; }
  Result<type::SchemaPtr> schema() override { return RateSchema(); }
  int NumPartitions() const override { return num_partitions_; }
  Result<std::unique_ptr<vector::BatchStream>> Open(
      int partition, const std::vector<int>& projection,
      const std::vector<expr::ExprPtr>& filters) override;

 private:
  std::string name_;
  int64_t first_, end_;
  int num_partitions_;
  TimestampOf timestamp_of_;
};

}  // namespace runnel::streaming
