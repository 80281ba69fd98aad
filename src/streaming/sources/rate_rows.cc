#include "streaming/sources/rate_rows.h"

#include <algorithm>

namespace runnel::streaming {

namespace {
constexpr int64_t kBatchRows = 8192;

class RateRowStream final : public vector::BatchStream {
 public:
  RateRowStream(int64_t next, int64_t end, int64_t stride, std::vector<int> projection,
                type::SchemaPtr schema, RateRows::TimestampOf timestamp_of)
      : next_(next),
        end_(end),
        stride_(stride),
        projection_(std::move(projection)),
        schema_(std::move(schema)),
        timestamp_of_(std::move(timestamp_of)) {}

  Result<std::optional<vector::Batch>> Next() override {
    if (next_ >= end_) return std::optional<vector::Batch>();
    int64_t n = std::min(kBatchRows, (end_ - next_ + stride_ - 1) / stride_);
    std::vector<int64_t> values(n);
    for (int64_t i = 0; i < n; ++i) values[i] = next_ + i * stride_;
    next_ += n * stride_;
    std::vector<vector::ColumnPtr> columns;
    for (int field : projection_) {
      if (field == 0) {
        std::vector<int64_t> timestamps(n);
        for (int64_t i = 0; i < n; ++i) timestamps[i] = timestamp_of_(values[i]);
        columns.push_back(vector::MakeFixedColumn(type::Timestamp(), std::move(timestamps)));
      } else {
        columns.push_back(vector::MakeFixedColumn(type::BigInt(), values));
      }
    }
    return std::optional<vector::Batch>(vector::Batch(schema_, std::move(columns), n));
  }

 private:
  int64_t next_, end_, stride_;
  std::vector<int> projection_;
  type::SchemaPtr schema_;
  RateRows::TimestampOf timestamp_of_;
};
}  // namespace

type::SchemaPtr RateSchema() {
  static const type::SchemaPtr schema = std::make_shared<type::Schema>(std::vector<type::Field>{
      {"timestamp", type::Timestamp(), true}, {"value", type::BigInt(), true}});
  return schema;
}

Result<std::unique_ptr<vector::BatchStream>> RateRows::Open(int partition,
                                                            const std::vector<int>& projection,
                                                            const std::vector<expr::ExprPtr>&) {
  if (partition < 0 || partition >= num_partitions_) {
    return Status::Internal(name_ + " has no partition " + std::to_string(partition));
  }
  return std::unique_ptr<vector::BatchStream>(
      new RateRowStream(first_ + partition, end_, num_partitions_, projection,
                        plan::ProjectSchema(*RateSchema(), projection), timestamp_of_));
}

}  // namespace runnel::streaming
