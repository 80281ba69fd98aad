// One interface over the file writers (csv, json, parquet), so the code that splits a query's
// output into part files does not care which format it writes.
#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "format/options.h"
#include "type/schema.h"
#include "vector/batch.h"

namespace runnel::format {

class FileWriter {
 public:
  virtual ~FileWriter() = default;
  // Appends the rows of a batch whose columns have the schema's types, in order.
  virtual Status Write(const vector::Batch& batch) = 0;
  // The whole file's bytes; the writer starts a new, empty file afterwards.
  virtual Result<std::string> Finish() = 0;
};

// Formats that can be written: "csv", "json", "parquet". Bad options fail here.
Result<std::unique_ptr<FileWriter>> MakeFileWriter(const std::string& format, type::SchemaPtr schema,
                                                   const Options& options);
// The part-file suffix Spark uses: ".csv", ".json", ".snappy.parquet", ".parquet" (uncompressed).
Result<std::string> FileExtension(const std::string& format, const Options& options);

}  // namespace runnel::format
