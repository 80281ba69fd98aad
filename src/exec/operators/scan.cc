// Scan: reads a data source, one partition per source partition.
#include "exec/operators/operators.h"

#include "base/spelling.h"

namespace runnel::exec {
namespace {

// Checks for cancellation at every batch a scan hands out, so operators that drain their input
// inside one Next() (aggregation, sort, join build) stop soon after interruptAll().
class CancellableStream final : public vector::BatchStream {
 public:
  CancellableStream(std::unique_ptr<vector::BatchStream> input, const std::atomic<bool>* cancelled)
      : input_(std::move(input)), cancelled_(cancelled) {}
  Result<std::optional<vector::Batch>> Next() override {
    if (cancelled_->load(std::memory_order_relaxed)) return Status::Cancelled("Query cancelled");
    return input_->Next();
  }

 private:
  std::unique_ptr<vector::BatchStream> input_;
  const std::atomic<bool>* cancelled_;
};

class ScanOp final : public PhysicalOp {
 public:
  ScanOp(plan::DataSourcePtr source, std::vector<int> projection, std::vector<expr::ExprPtr> filters,
         type::SchemaPtr schema)
      : PhysicalOp(std::move(schema), {}),
        source_(std::move(source)),
        projection_(std::move(projection)),
        filters_(std::move(filters)) {}

  int NumPartitions() const override { return source_->NumPartitions(); }
  Result<std::unique_ptr<vector::BatchStream>> Execute(int partition, ExecContext& ctx) override {
    RUNNEL_ASSIGN_OR_RAISE(auto stream, source_->Open(partition, projection_, filters_));
    if (ctx.cancelled == nullptr) return stream;
    return std::unique_ptr<vector::BatchStream>(new CancellableStream(std::move(stream), ctx.cancelled));
  }
  std::string Describe() const override {
    std::string out = "Scan " + source_->Describe() + " [" + base::JoinStrings(schema()->names(), ", ") + "]";
    if (!filters_.empty()) {
      std::vector<std::string> shown;
      for (const auto& f : filters_) shown.push_back(f->ToString());
      out += " PushedFilters: [" + base::JoinStrings(shown, ", ") + "]";
    }
    return out;
  }

 private:
  plan::DataSourcePtr source_;
  std::vector<int> projection_;
  std::vector<expr::ExprPtr> filters_;  // hints: the Filter above still applies them
};

}  // namespace

PhysicalOpPtr MakeScan(plan::DataSourcePtr source, std::vector<int> projection, type::SchemaPtr schema,
                       std::vector<expr::ExprPtr> filters) {
  return std::make_shared<ScanOp>(std::move(source), std::move(projection), std::move(filters), std::move(schema));
}

}  // namespace runnel::exec
