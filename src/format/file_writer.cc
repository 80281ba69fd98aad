#include "format/file_writer.h"

#include "format/csv/csv_writer.h"
#include "format/json/json_writer.h"
#include "format/parquet/parquet_writer.h"

namespace runnel::format {

Result<std::unique_ptr<FileWriter>> MakeFileWriter(const std::string& format, type::SchemaPtr schema,
                                                   const Options& options) {
  if (format == "csv") {
    RUNNEL_ASSIGN_OR_RAISE(auto writer, CsvWriter::Make(std::move(schema), options));
    return std::unique_ptr<FileWriter>(std::move(writer));
  }
  if (format == "json") {
    RUNNEL_ASSIGN_OR_RAISE(auto writer, JsonWriter::Make(std::move(schema), options));
    return std::unique_ptr<FileWriter>(std::move(writer));
  }
  if (format == "parquet") {
    RUNNEL_ASSIGN_OR_RAISE(auto writer, parquet::ParquetWriter::Make(std::move(schema), options));
    return std::unique_ptr<FileWriter>(std::move(writer));
  }
  return Status::NotSupported("Cannot write files in format '" + format + "'. Supported: parquet, csv, json");
}

Result<std::string> FileExtension(const std::string& format, const Options& options) {
  if (format == "csv" || format == "json") return "." + format;
  if (format == "parquet") return parquet::ParquetWriter::Extension(options);
  return Status::NotSupported("Cannot write files in format '" + format + "'. Supported: parquet, csv, json");
}

}  // namespace runnel::format
