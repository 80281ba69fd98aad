// Scan: reads a data source, one partition per source partition.
#include "exec/operators/operators.h"

#include "base/spelling.h"

namespace runnel::exec {
namespace {

class ScanOp final : public PhysicalOp {
 public:
  ScanOp(plan::DataSourcePtr source, std::vector<int> projection, type::SchemaPtr schema)
      : PhysicalOp(std::move(schema), {}), source_(std::move(source)), projection_(std::move(projection)) {}

  int NumPartitions() const override { return source_->NumPartitions(); }
  Result<std::unique_ptr<vector::BatchStream>> Execute(int partition, ExecContext&) override {
    return source_->Open(partition, projection_);
  }
  std::string Describe() const override {
    return "Scan " + source_->Describe() + " [" + base::JoinStrings(schema()->names(), ", ") + "]";
  }

 private:
  plan::DataSourcePtr source_;
  std::vector<int> projection_;
};

}  // namespace

PhysicalOpPtr MakeScan(plan::DataSourcePtr source, std::vector<int> projection, type::SchemaPtr schema) {
  return std::make_shared<ScanOp>(std::move(source), std::move(projection), std::move(schema));
}

}  // namespace runnel::exec
