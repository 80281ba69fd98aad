// A batch: a schema, one column per field, and a row count. The unit that flows between
// operators.
#pragma once

#include <memory>
#include <vector>

#include "type/schema.h"
#include "vector/column.h"

namespace runnel::vector {

class Batch {
 public:
  Batch() : schema_(std::make_shared<type::Schema>()) {}
  Batch(type::SchemaPtr schema, std::vector<ColumnPtr> columns, int64_t num_rows)
      : schema_(std::move(schema)), columns_(std::move(columns)), num_rows_(num_rows) {}
  // Builds a batch from rows of values (tests, VALUES, small results).
  static Batch FromRows(type::SchemaPtr schema, const std::vector<std::vector<type::Value>>& rows);

  const type::SchemaPtr& schema() const { return schema_; }
  const std::vector<ColumnPtr>& columns() const { return columns_; }
  const ColumnPtr& column(int i) const { return columns_[i]; }
  int num_columns() const { return static_cast<int>(columns_.size()); }
  int64_t num_rows() const { return num_rows_; }

  Batch Slice(int64_t offset, int64_t length) const;
  type::Value GetValue(int64_t row, int column) const { return columns_[column]->GetValue(row); }
  std::vector<type::Value> GetRow(int64_t row) const;
  // The same columns under another schema (renames; types must match).
  Batch WithSchema(type::SchemaPtr schema) const { return Batch(std::move(schema), columns_, num_rows_); }

 private:
  type::SchemaPtr schema_;
  std::vector<ColumnPtr> columns_;
  int64_t num_rows_ = 0;
};

}  // namespace runnel::vector
