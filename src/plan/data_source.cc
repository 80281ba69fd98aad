#include "plan/data_source.h"

#include <algorithm>
#include <thread>

namespace runnel::plan {

namespace {
// Big in-memory batches are cut into slices, and the slices dealt into a few partitions of
// contiguous slices: enough partitions to keep every thread busy, few enough that per-partition
// work (a partial aggregation's hash table) sees many rows.
constexpr int64_t kSliceRows = 64 * 1024;
int TargetPartitions() { return 2 * static_cast<int>(std::max(1u, std::thread::hardware_concurrency())); }
}  // namespace

InMemorySource::InMemorySource(type::SchemaPtr schema, std::vector<vector::Batch> batches,
                               std::string name)
    : schema_(std::move(schema)), name_(std::move(name)) {
  std::vector<vector::Batch> slices;
  for (auto& b : batches) {
    for (int64_t off = 0; off < b.num_rows(); off += kSliceRows) {
      slices.push_back(b.Slice(off, std::min(kSliceRows, b.num_rows() - off)));
    }
  }
  int parts = std::max(1, std::min<int>(static_cast<int>(slices.size()), TargetPartitions()));
  partitions_.resize(parts);
  for (size_t i = 0; i < slices.size(); ++i) {
    partitions_[i * parts / slices.size()].push_back(std::move(slices[i]));
  }
}

int InMemorySource::NumPartitions() const { return static_cast<int>(partitions_.size()); }

type::SchemaPtr ProjectSchema(const type::Schema& schema, const std::vector<int>& projection) {
  std::vector<type::Field> fields;
  for (int i : projection) fields.push_back(schema.field(i));
  return std::make_shared<type::Schema>(std::move(fields));
}

vector::Batch ProjectColumns(const vector::Batch& batch, const type::SchemaPtr& schema,
                             const std::vector<int>& projection) {
  std::vector<vector::ColumnPtr> columns;
  for (int i : projection) columns.push_back(batch.column(i));
  return vector::Batch(schema, std::move(columns), batch.num_rows());
}

Result<std::unique_ptr<vector::BatchStream>> InMemorySource::Open(int partition, const std::vector<int>& projection,
                                                                  const std::vector<expr::ExprPtr>&) {
  std::vector<vector::Batch> out;
  type::SchemaPtr projected = ProjectSchema(*schema_, projection);
  for (const auto& b : partitions_[partition]) out.push_back(ProjectColumns(b, projected, projection));
  return std::unique_ptr<vector::BatchStream>(new vector::VectorBatchStream(std::move(out)));
}

}  // namespace runnel::plan
