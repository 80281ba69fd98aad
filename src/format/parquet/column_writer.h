// Writing one leaf column of a row group: the rows of the top-level columns are shredded into
// each leaf's repetition levels, definition levels and non-NULL values (Dremel), then encoded
// as a column chunk: an optional dictionary page and data pages (v1 or v2), compressed, with
// statistics.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "format/parquet/parquet_metadata.h"
#include "format/parquet/parquet_schema.h"
#include "vector/column.h"

namespace runnel::format::parquet {

// A leaf's share of a row group, before encoding. Values are kept in the physical form they
// are written in; byte arrays view the batches' buffers, which `pinned` keeps alive.
struct LeafData {
  std::vector<int16_t> def, rep;  // one per level entry; empty when the max level is 0
  int64_t num_entries = 0;        // level entries (values and NULLs)
  std::vector<int32_t> i32;       // INT32 (INT, DATE, narrow DECIMAL)
  std::vector<int64_t> i64;       // INT64 (BIGINT, TIMESTAMP, DECIMAL)
  std::vector<double> f64;        // DOUBLE
  std::vector<uint8_t> bools;     // BOOLEAN, one byte each
  std::vector<std::string_view> bytes;  // BYTE_ARRAY
  int64_t byte_array_bytes = 0;          // the total length of `bytes`
  std::string fixed;                    // FIXED_LEN_BYTE_ARRAY values, back to back
  std::vector<vector::ColumnPtr> pinned;

  void Clear();
};

// Appends the rows of top-level field `field` (a column of its type) to its leaves' data.
Status ShredColumn(const FileSchema& schema, int field, const vector::ColumnPtr& column,
                   std::vector<LeafData>* leaves);

struct ColumnWriteOptions {
  CompressionCodec codec = CompressionCodec::kSnappy;
  std::optional<int> compression_level;  // unset: the codec's default
  bool data_page_v2 = false;
  bool dictionary = true;
  int64_t dictionary_page_limit = 1 << 20;  // bytes; past it the chunk is PLAIN (parquet-mr's)
  int64_t data_page_size = 1 << 20;         // uncompressed bytes per data page, roughly
};

// Encodes a leaf's data as a column chunk appended to *out, which already holds `file_offset`
// bytes of the file; returns the chunk's metadata.
Result<ColumnChunk> WriteColumnChunk(const LeafColumn& leaf, const LeafData& data, const ColumnWriteOptions& options,
                                     int64_t file_offset, std::string* out);

}  // namespace runnel::format::parquet
