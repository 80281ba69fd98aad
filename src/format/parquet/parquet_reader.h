// Reads Parquet files: the footer and schema (ParquetFile), and the rows of chosen columns and
// row groups as batches (ParquetReader). Only the byte ranges of the chosen column chunks are
// read. A file that is not Parquet, is cut short or lies about its lengths fails with
// Corruption naming the file; nothing in it can crash the reader.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "format/parquet/parquet_metadata.h"
#include "format/parquet/parquet_schema.h"
#include "io/file_system.h"
#include "type/value.h"
#include "vector/batch.h"

namespace runnel::format::parquet {

// What a row group's statistics say about a top-level primitive column. Unknown parts are
// unset.
struct ColumnStatistics {
  // Of the non-NULL values, as the column's Runnel type. For DOUBLE the max is NaN whenever min
  // and max are known: writers leave NaN out of them, and Runnel orders NaN above every double.
  std::optional<type::Value> min, max;
  std::optional<int64_t> null_count;
};

class ParquetFile {
 public:
  // Reads and checks the footer.
  static Result<std::shared_ptr<ParquetFile>> Open(std::shared_ptr<io::FileSystem> fs, const std::string& path);
  // A file already in memory (tests, fuzzing).
  static Result<std::shared_ptr<ParquetFile>> FromBuffer(std::string bytes, const std::string& name);

  const std::string& path() const { return path_; }
  const type::SchemaPtr& schema() const { return schema_.schema; }
  const FileSchema& file_schema() const { return schema_; }
  const FileMetaData& metadata() const { return metadata_; }
  int num_row_groups() const { return static_cast<int>(metadata_.row_groups.size()); }
  int64_t num_rows() const { return metadata_.num_rows; }
  // Statistics of top-level column `field` in a row group; nullopt for nested columns or when
  // the writer left none.
  std::optional<ColumnStatistics> Statistics(int row_group, int field) const;

  // `length` bytes at `offset` (checked against the file size).
  Result<std::string> ReadRange(int64_t offset, int64_t length) const;

 private:
  ParquetFile() = default;
  Status Init(std::string_view tail, int64_t file_size);

  std::shared_ptr<io::FileSystem> fs_;
  std::string path_;
  std::string buffer_;  // FromBuffer's bytes
  bool in_memory_ = false;
  int64_t file_size_ = 0;
  FileMetaData metadata_;
  FileSchema schema_;
};

class ParquetReader {
 public:
  inline static constexpr int64_t kDefaultBatchSize = 8192;

  // Reads top-level `fields` (indices into file->schema(), in that order) of the listed row
  // groups.
  static Result<std::unique_ptr<ParquetReader>> Make(std::shared_ptr<ParquetFile> file, std::vector<int> fields,
                                                     std::vector<int> row_groups,
                                                     int64_t batch_size = kDefaultBatchSize);

  const type::SchemaPtr& schema() const { return schema_; }
  // The next batch, or nullopt after the last row group.
  Result<std::optional<vector::Batch>> Next();

 private:
  ParquetReader() = default;
  Status LoadRowGroup(int row_group);

  std::shared_ptr<ParquetFile> file_;
  std::vector<int> fields_;
  std::vector<int> row_groups_;
  int64_t batch_size_ = kDefaultBatchSize;
  type::SchemaPtr schema_;
  size_t next_group_ = 0;
  std::vector<vector::ColumnPtr> columns_;  // the loaded row group, one per field
  int64_t group_rows_ = 0;
  int64_t group_offset_ = 0;
};

}  // namespace runnel::format::parquet
