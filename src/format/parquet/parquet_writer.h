// Writes batches as one Parquet file (the format of apache/parquet-format): "PAR1", row groups
// of column chunks, the Thrift footer, its length, "PAR1". The schema layout is
// parquet_schema.h's; columns are dictionary-encoded while their dictionary stays small, else
// PLAIN; levels are RLE.
//
// Options (parquet-mr's names where it has them):
//   compression / parquet.compression   snappy (default), zstd, gzip, lz4_raw, lz4, brotli, none
//   compressionLevel                    the codec's level (zstd 1..22, gzip 0..9, brotli 0..11)
//   parquet.block.size                  row-group size in bytes, about (128 MiB)
//   rowGroupSize                        at most this many rows per row group (1048576)
//   parquet.page.size                   data page size in bytes, about (1 MiB)
//   parquet.dictionary.page.size        dictionary size past which a chunk is PLAIN (1 MiB)
//   parquet.enable.dictionary           true
//   parquet.writer.version              PARQUET_1_0 (data page v1, default) or PARQUET_2_0 (v2)
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "format/file_writer.h"
#include "format/options.h"
#include "format/parquet/column_writer.h"
#include "format/parquet/parquet_metadata.h"
#include "format/parquet/parquet_schema.h"

namespace runnel::format::parquet {

class ParquetWriter final : public FileWriter {
 public:
  static Result<std::unique_ptr<ParquetWriter>> Make(type::SchemaPtr schema, const Options& options);

  Status Write(const vector::Batch& batch) override;
  Result<std::string> Finish() override;

  // The file extension Spark gives this codec: ".snappy.parquet", ".parquet" for none.
  static Result<std::string> Extension(const Options& options);

 private:
  ParquetWriter() = default;
  Status WriteRows(const vector::Batch& batch);
  Status FlushRowGroup();

  FileSchema schema_;
  std::vector<SchemaElement> elements_;
  ColumnWriteOptions column_options_;
  int64_t row_group_bytes_ = 128LL << 20;
  int64_t row_group_rows_ = 1 << 20;
  std::vector<LeafData> leaves_;
  int64_t buffered_rows_ = 0;
  int64_t buffered_bytes_ = 0;
  std::string out_;
  std::vector<RowGroup> row_groups_;
  int64_t num_rows_ = 0;
};

}  // namespace runnel::format::parquet
