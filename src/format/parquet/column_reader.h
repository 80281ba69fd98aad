// Reading one leaf column chunk: its pages decompressed and decoded into levels and dense
// values (record_assembly.h turns those into columns).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "format/parquet/parquet_metadata.h"
#include "format/parquet/parquet_schema.h"
#include "vector/column.h"

namespace runnel::format::parquet {

struct DecodedLeaf {
  std::vector<int16_t> def, rep;  // per level entry; empty when the max level is 0
  int64_t num_entries = 0;
  vector::ColumnPtr values;       // the non-NULL values in order, of the leaf's Runnel type
};

// Decodes a column chunk whose bytes (from its first page to its end) are `chunk`. `where`
// names the file and column in errors.
Result<DecodedLeaf> DecodeColumnChunk(const LeafColumn& leaf, const ColumnMetaData& meta, std::string_view chunk,
                                      const std::string& where);

}  // namespace runnel::format::parquet
