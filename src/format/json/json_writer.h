// Writes batches as JSON Lines bytes, as Spark's DataFrameWriter.json: one object per row with
// the fields in schema order, NULL fields left out (ignoreNullFields, default true), nested
// STRUCT / ARRAY / MAP as objects and arrays (NULL elements of arrays and NULL map values kept
// as null), timestamps as "2024-01-01T10:00:00.000Z", dates as "2024-01-01", doubles as Java
// prints them with NaN and Infinity quoted. The caller writes the bytes to a file.
//
// Options: ignoreNullFields (true), lineSep ("\n"), timestampFormat, dateFormat.
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

// Appends `text` as a quoted JSON string.
void AppendJsonString(std::string_view text, std::string* out);

class JsonWriter final : public FileWriter {
 public:
  static Result<std::unique_ptr<JsonWriter>> Make(type::SchemaPtr schema, const Options& options);

  Status Write(const vector::Batch& batch) override;
  // The bytes written so far; the writer is empty afterwards.
  Result<std::string> Finish() override;

 private:
  JsonWriter(type::SchemaPtr schema, CellFormatter formatter)
      : schema_(std::move(schema)), formatter_(std::move(formatter)) {}
  // Appends the (non-NULL) value at row `row` of a column.
  void AppendValue(const vector::Column& column, int64_t row);
  void AppendStruct(const std::vector<type::Field>& fields,
                    const std::vector<vector::ColumnPtr>& columns, int64_t row);

  type::SchemaPtr schema_;
  CellFormatter formatter_;
  bool ignore_null_fields_ = true;
  std::string line_sep_ = "\n";
  std::string out_;
  std::string scratch_;
};

}  // namespace runnel::format
