// Writes batches as CSV bytes, following Spark's output conventions: a field is quoted when it
// holds the separator, the quote, the escape character or a line end (or always, with
// quoteAll); inside quotes the quote and the escape character are escaped with the escape
// character (Spark's default escape is a backslash: "say \"hi\""); NULL is written as nullValue
// (empty) and the empty string as emptyValue ("\"\""). The caller writes the bytes to a file.
//
// Options: header (false), sep / delimiter (","), quote ("\""), escape ("\\"), nullValue (""),
// emptyValue ("\"\"" written as a quoted empty field), quoteAll (false), lineSep ("\n"),
// timestampFormat, dateFormat. Nested columns are not supported (as Spark's CSV).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"
#include "format/cell_formatter.h"
#include "format/file_writer.h"
#include "format/options.h"
#include "type/schema.h"
#include "vector/batch.h"

namespace runnel::format {

class CsvWriter final : public FileWriter {
 public:
  static Result<std::unique_ptr<CsvWriter>> Make(type::SchemaPtr schema, const Options& options);

  // Appends the rows of a batch whose columns match the schema's types.
  Status Write(const vector::Batch& batch) override;
  // The bytes written so far (the header alone when there were no rows); the writer is empty
  // afterwards.
  Result<std::string> Finish() override;

 private:
  CsvWriter(type::SchemaPtr schema, CellFormatter formatter)
      : schema_(std::move(schema)), formatter_(std::move(formatter)) {}
  void AppendField(std::string_view text);
  void AppendHeader();

  type::SchemaPtr schema_;
  CellFormatter formatter_;
  char sep_ = ',';
  char quote_ = '"';
  char escape_ = '\\';
  bool header_ = false;
  bool header_written_ = false;
  bool quote_all_ = false;
  std::string null_value_;
  std::string empty_value_;  // empty: write a quoted empty field
  bool empty_value_set_ = false;
  std::string line_sep_ = "\n";
  std::string out_;
  std::string scratch_;
};

}  // namespace runnel::format
