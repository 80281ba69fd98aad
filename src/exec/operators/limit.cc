// Limit: per partition, skips `offset` rows and keeps the next `limit`. A global limit is a
// limit over a single-partition exchange.
#include "exec/operators/map_stream.h"
#include "exec/operators/operators.h"

namespace runnel::exec {
namespace {

class LimitOp final : public PhysicalOp {
 public:
  LimitOp(PhysicalOpPtr child, int64_t limit, int64_t offset)
      : PhysicalOp(child->schema(), {child}), limit_(limit), offset_(offset) {}

  int NumPartitions() const override { return children()[0]->NumPartitions(); }
  Result<std::unique_ptr<vector::BatchStream>> Execute(int partition, ExecContext& ctx) override {
    RUNNEL_ASSIGN_OR_RAISE(auto input, children()[0]->Execute(partition, ctx));
    auto skip = std::make_shared<int64_t>(offset_);
    auto left = std::make_shared<int64_t>(limit_);
    return std::unique_ptr<vector::BatchStream>(new MapStream(
        std::move(input), [skip, left](vector::Batch b) -> Result<std::optional<vector::Batch>> {
          if (*left == 0) return std::optional<vector::Batch>();
          int64_t start = std::min(*skip, b.num_rows());
          *skip -= start;
          int64_t take = b.num_rows() - start;
          if (*left > 0) take = std::min(take, *left);
          if (*left > 0) *left -= take;
          if (start == 0 && take == b.num_rows()) return std::optional<vector::Batch>(std::move(b));
          return std::optional<vector::Batch>(b.Slice(start, take));
        }));
  }
  std::string Describe() const override {
    return "Limit " + std::to_string(limit_) + (offset_ ? " OFFSET " + std::to_string(offset_) : "");
  }

 private:
  int64_t limit_, offset_;
};

}  // namespace

PhysicalOpPtr MakeLimit(PhysicalOpPtr child, int64_t limit, int64_t offset) {
  return std::make_shared<LimitOp>(std::move(child), limit, offset);
}

}  // namespace runnel::exec
