// Reads a text file into one STRING column named `value`, a row per line, as Spark's
// DataFrameReader.text. Options: lineSep (default: \n, \r\n or \r), wholetext (false: true
// gives one row holding the whole file), batchSize (8192 rows). A line end at the end of the
// file does not give an empty last row; empty lines in between are empty strings.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/status.h"
#include "format/line_splitter.h"
#include "format/options.h"
#include "io/file_system.h"
#include "type/schema.h"
#include "vector/batch.h"

namespace runnel::format {

class TextReader {
 public:
  // `schema` may be null (value STRING) or one STRING column of any name.
  static Result<std::unique_ptr<TextReader>> Make(std::shared_ptr<io::FileSystem> fs,
                                                  std::string path, type::SchemaPtr schema,
                                                  const Options& options);
  static Result<std::unique_ptr<TextReader>> MakeFromBuffer(std::string data, std::string name,
                                                            type::SchemaPtr schema,
                                                            const Options& options);
  // value STRING
  static type::SchemaPtr DefaultSchema();

  const type::SchemaPtr& schema() const { return schema_; }
  Result<std::optional<vector::Batch>> Next();

 private:
  TextReader(std::string data, type::SchemaPtr schema, std::string line_sep, bool whole_text,
             int64_t batch_size)
      : data_(std::move(data)),
        schema_(std::move(schema)),
        lines_(data_, std::move(line_sep)),
        whole_text_(whole_text),
        batch_size_(batch_size) {}

  std::string data_;
  type::SchemaPtr schema_;
  LineSplitter lines_;
  bool whole_text_;
  bool done_ = false;
  int64_t batch_size_;
};

}  // namespace runnel::format
