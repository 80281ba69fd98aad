#include "session/range_source.h"

#include <algorithm>

namespace runnel {

namespace {
constexpr int64_t kBatchRows = 8192;

class RangeStream final : public vector::BatchStream {
 public:
  RangeStream(int64_t first, int64_t step, int64_t count, type::SchemaPtr schema, bool with_id)
      : next_(first), step_(step), left_(count), schema_(std::move(schema)), with_id_(with_id) {}
  Result<std::optional<vector::Batch>> Next() override {
    if (left_ <= 0) return std::optional<vector::Batch>();
    int64_t n = std::min(left_, kBatchRows);
    std::vector<vector::ColumnPtr> columns;
    if (with_id_) {
      std::vector<int64_t> ids(n);
      for (int64_t i = 0; i < n; ++i) ids[i] = next_ + i * step_;
      columns.push_back(vector::MakeFixedColumn(type::BigInt(), std::move(ids)));
    }
    next_ += n * step_;
    left_ -= n;
    return std::optional<vector::Batch>(vector::Batch(schema_, std::move(columns), n));
  }

 private:
  int64_t next_, step_, left_;
  type::SchemaPtr schema_;
  bool with_id_;
};
}  // namespace

RangeSource::RangeSource(int64_t start, int64_t end, int64_t step)
    : start_(start), end_(end), step_(step == 0 ? 1 : step) {
  int64_t span = end_ - start_;
  count_ = (span > 0) == (step_ > 0) && span != 0 ? (span + step_ - (step_ > 0 ? 1 : -1)) / step_ : 0;
  count_ = std::max<int64_t>(0, count_);
  num_partitions_ = static_cast<int>(std::clamp<int64_t>(count_ / (256 * 1024), 1, 16));
  schema_ = std::make_shared<type::Schema>(std::vector<type::Field>{{"id", type::BigInt(), false}});
}

std::string RangeSource::Describe() const {
  return "Range (" + std::to_string(start_) + ", " + std::to_string(end_) + ", step=" + std::to_string(step_) + ")";
}

Result<std::unique_ptr<vector::BatchStream>> RangeSource::Open(int partition, const std::vector<int>& projection,
                                                               const std::vector<expr::ExprPtr>&) {
  int64_t per = count_ / num_partitions_, extra = count_ % num_partitions_;
  int64_t first_index = partition * per + std::min<int64_t>(partition, extra);
  int64_t count = per + (partition < extra ? 1 : 0);
  return std::unique_ptr<vector::BatchStream>(new RangeStream(start_ + first_index * step_, step_, count,
                                                              plan::ProjectSchema(*schema_, projection),
                                                              !projection.empty()));
}

}  // namespace runnel
