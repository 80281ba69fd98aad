// Dremel's record assembly: top-level columns, nested ones included, from the repetition and
// definition levels and dense values of their leaves (column_reader.h decodes those).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "format/parquet/column_reader.h"
#include "format/parquet/parquet_schema.h"
#include "vector/column.h"

namespace runnel::format::parquet {

// The `num_rows` values of top-level field `field` from its leaves (indexed like
// schema.leaves; only the field's own are used).
Result<vector::ColumnPtr> AssembleField(const FileSchema& schema, int field, const std::vector<DecodedLeaf>& leaves,
                                        int64_t num_rows, const std::string& where);

}  // namespace runnel::format::parquet
