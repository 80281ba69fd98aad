// Reads one CSV file into batches of a given schema, as Spark's DataFrameReader.csv.
//
// Options (Spark's names and defaults): header (false), sep / delimiter (","), quote ("\""),
// escape ("\\"), comment (none), lineSep (any of \n, \r\n, \r; at most one character),
// multiLine (false: a quoted field ends at the line end), nullValue (""), emptyValue (""),
// ignoreLeadingWhiteSpace / ignoreTrailingWhiteSpace (false), timestampFormat, dateFormat,
// mode (PERMISSIVE), columnNameOfCorruptRecord ("_corrupt_record"), and batchSize (8192 rows
// per batch; Runnel's own).
//
// Fields map to the schema's columns by position, skipping the corrupt-record column. A record
// whose number of fields differs from the number of data columns, or with a value that does
// not parse as its column's type, is malformed.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "format/cell_parser.h"
#include "format/corrupt_record.h"
#include "format/csv/csv_tokenizer.h"
#include "format/options.h"
#include "io/file_system.h"
#include "type/schema.h"
#include "vector/batch.h"
#include "vector/column_builder.h"

namespace runnel::format {

inline constexpr int64_t kDefaultBatchSize = 8192;

class CsvReader {
 public:
  // Reads `path` (one file) whole. A null schema is inferred from the file itself.
  static Result<std::unique_ptr<CsvReader>> Make(std::shared_ptr<io::FileSystem> fs,
                                                 std::string path, type::SchemaPtr schema,
                                                 const Options& options);
  // Parses `data`; `name` stands for the file path in error messages.
  static Result<std::unique_ptr<CsvReader>> MakeFromBuffer(std::string data, std::string name,
                                                           type::SchemaPtr schema,
                                                           const Options& options);

  const type::SchemaPtr& schema() const { return schema_; }
  // The next batch of up to batchSize rows, or nullopt at the end of the file.
  Result<std::optional<vector::Batch>> Next();

 private:
  CsvReader(std::string data, std::string name, type::SchemaPtr schema, CsvDialect dialect);
  Status Configure(const Options& options);
  // Parses the tokenizer's current record into cells_; returns the problem or "".
  std::string ParseRecord();
  void AppendRecord(bool malformed);

  std::string data_;  // owns the bytes the tokenizer views
  std::string name_;
  type::SchemaPtr schema_;
  CsvTokenizer tokenizer_;
  CellParser cell_parser_;
  CorruptRecordPolicy policy_;
  bool header_ = false;
  bool header_pending_ = false;
  std::string null_value_;
  std::string empty_value_;
  int64_t batch_size_ = kDefaultBatchSize;
  std::vector<int> data_columns_;  // schema indices of the columns fields map to
  std::vector<Cell> cells_;
  std::vector<std::unique_ptr<vector::ColumnBuilder>> builders_;  // one per schema column
};

// Infers a schema from CSV files, as Spark does with inferSchema (option, default false: every
// column STRING). Column names come from the header line of the first file when header is
// true (empty names become _c<i>, duplicates get their index appended), else _c0, _c1, ...
// The number of columns is that of the first record.
Result<type::Schema> InferCsvSchema(std::shared_ptr<io::FileSystem> fs,
                                    const std::vector<std::string>& files,
                                    const Options& options);
// The same over file contents already in memory.
Result<type::Schema> InferCsvSchemaFromBuffers(const std::vector<std::string_view>& contents,
                                               const Options& options);

}  // namespace runnel::format
