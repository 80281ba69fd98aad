#include "vector/batch.h"

#include "vector/column_builder.h"

namespace runnel::vector {

Batch Batch::FromRows(type::SchemaPtr schema, const std::vector<std::vector<type::Value>>& rows) {
  std::vector<ColumnPtr> columns;
  for (int c = 0; c < schema->num_fields(); ++c) {
    ColumnBuilder builder(schema->field(c).type);
    builder.Reserve(static_cast<int64_t>(rows.size()));
    for (const auto& row : rows) builder.AppendValue(row[c]);
    columns.push_back(builder.Finish());
  }
  int64_t n = static_cast<int64_t>(rows.size());
  return Batch(std::move(schema), std::move(columns), n);
}

Batch Batch::Slice(int64_t offset, int64_t length) const {
  std::vector<ColumnPtr> columns;
  columns.reserve(columns_.size());
  for (const auto& c : columns_) columns.push_back(c->Slice(offset, length));
  return Batch(schema_, std::move(columns), length);
}

std::vector<type::Value> Batch::GetRow(int64_t row) const {
  std::vector<type::Value> out;
  out.reserve(columns_.size());
  for (const auto& c : columns_) out.push_back(c->GetValue(row));
  return out;
}

}  // namespace runnel::vector

#include "vector/batch_stream.h"

namespace runnel::vector {
Result<std::vector<Batch>> DrainStream(BatchStream& stream) {
  std::vector<Batch> out;
  for (;;) {
    RUNNEL_ASSIGN_OR_RAISE(std::optional<Batch> b, stream.Next());
    if (!b) break;
    if (b->num_rows() > 0) out.push_back(std::move(*b));
  }
  return out;
}
}  // namespace runnel::vector
