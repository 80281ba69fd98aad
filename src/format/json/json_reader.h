// Reads JSON Lines (one JSON object per line; option multiLine for one JSON document per file)
// into batches of a given schema, as Spark's DataFrameReader.json.
//
// Mapping: objects -> STRUCT (or MAP<STRING, T> when the schema says so), arrays -> ARRAY,
// numbers -> INT / BIGINT / DOUBLE / DECIMAL as the schema says (a number that does not fit is
// a malformed field), strings -> DATE / TIMESTAMP through dateFormat / timestampFormat, any
// value -> STRING (non-strings as their JSON text). Field names match case-sensitively, as in
// Spark's JSON source; missing fields are NULL and fields not in the schema are ignored. Blank
// lines are skipped. A top-level array of objects gives one row per object.
//
// Options: mode, columnNameOfCorruptRecord, multiLine (false), lineSep (default \n, \r\n),
// timestampFormat, dateFormat, primitivesAsString (inference only), batchSize (8192).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "format/options.h"
#include "io/file_system.h"
#include "type/schema.h"
#include "vector/batch.h"

namespace runnel::format {

class JsonReader {
 public:
  // Reads `path` (one file) whole. A null schema is inferred from the file itself.
  static Result<std::unique_ptr<JsonReader>> Make(std::shared_ptr<io::FileSystem> fs,
                                                  std::string path, type::SchemaPtr schema,
                                                  const Options& options);
  // Parses `data`; `name` stands for the file path in error messages.
  static Result<std::unique_ptr<JsonReader>> MakeFromBuffer(std::string data, std::string name,
                                                            type::SchemaPtr schema,
                                                            const Options& options);
  ~JsonReader();

  const type::SchemaPtr& schema() const;
  // The next batch of up to batchSize rows, or nullopt at the end of the file.
  Result<std::optional<vector::Batch>> Next();

  class Impl;  // keeps simdjson out of this header

 private:
  explicit JsonReader(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Infers a schema as Spark does: the union of the fields of every record, sorted by name;
// integers BIGINT (DECIMAL(20,0) beyond BIGINT), other numbers DOUBLE, booleans BOOLEAN,
// strings STRING (no date or timestamp inference), types widened across records, fields that
// are only ever NULL or [] STRING / ARRAY<STRING>; with option primitivesAsString every
// primitive is STRING. In PERMISSIVE mode a malformed record adds the corrupt-record column;
// DROPMALFORMED ignores it; FAILFAST fails.
Result<type::Schema> InferJsonSchema(std::shared_ptr<io::FileSystem> fs,
                                     const std::vector<std::string>& files,
                                     const Options& options);
// The same over file contents already in memory; `names` stand for paths in errors.
Result<type::Schema> InferJsonSchemaFromBuffers(const std::vector<std::string_view>& contents,
                                                const std::vector<std::string>& names,
                                                const Options& options);

}  // namespace runnel::format
