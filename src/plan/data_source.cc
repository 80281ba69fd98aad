#include "plan/data_source.h"

#include <algorithm>

namespace runnel::plan {

namespace {
// Big in-memory batches are cut into slices so partitions spread over the threads.
constexpr int64_t kSliceRows = 64 * 1024;
}  // namespace

InMemorySource::InMemorySource(type::SchemaPtr schema, std::vector<vector::Batch> batches,
                               std::string name)
    : schema_(std::move(schema)), name_(std::move(name)) {
  for (auto& b : batches) {
    for (int64_t off = 0; off < b.num_rows(); off += kSliceRows) {
      batches_.push_back(b.Slice(off, std::min(kSliceRows, b.num_rows() - off)));
    }
  }
}

int InMemorySource::NumPartitions() const { return std::max<int>(1, static_cast<int>(batches_.size())); }

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

Result<std::unique_ptr<vector::BatchStream>> InMemorySource::Open(int partition,
                                                                  const std::vector<int>& projection) {
  std::vector<vector::Batch> out;
  if (partition < static_cast<int>(batches_.size())) {
    out.push_back(ProjectColumns(batches_[partition], ProjectSchema(*schema_, projection), projection));
  }
  return std::unique_ptr<vector::BatchStream>(new vector::VectorBatchStream(std::move(out)));
}

}  // namespace runnel::plan
