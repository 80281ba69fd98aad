#include "format/text/text_reader.h"

#include <fmt/format.h>

#include "vector/column_builder.h"

namespace runnel::format {

type::SchemaPtr TextReader::DefaultSchema() {
  static const type::SchemaPtr schema =
      std::make_shared<type::Schema>(std::vector<type::Field>{{"value", type::String(), true}});
  return schema;
}

Result<std::unique_ptr<TextReader>> TextReader::Make(std::shared_ptr<io::FileSystem> fs,
                                                     std::string path, type::SchemaPtr schema,
                                                     const Options& options) {
  auto data = fs->ReadFile(path);
  if (!data.ok()) return data.status().WithContext("reading text file '" + path + "'");
  return MakeFromBuffer(std::move(data).value(), std::move(path), std::move(schema), options);
}

Result<std::unique_ptr<TextReader>> TextReader::MakeFromBuffer(std::string data, std::string name,
                                                               type::SchemaPtr schema,
                                                               const Options& options) {
  if (schema == nullptr) schema = DefaultSchema();
  if (schema->num_fields() != 1 || schema->field(0).type->id() != type::TypeId::kString) {
    return Status::InvalidArgument(fmt::format(
        "The text format reads one STRING column, but the schema is '{}'. Use 'value STRING'",
        schema->ToString()));
  }
  RUNNEL_ASSIGN_OR_RAISE(bool whole_text, options.GetBool("wholetext", false));
  RUNNEL_ASSIGN_OR_RAISE(int64_t batch_size, options.GetInt("batchSize", 8192));
  if (batch_size <= 0) {
    return Status::InvalidArgument(
        fmt::format("Option 'batchSize' must be positive, got {}", batch_size));
  }
  // The splitter views data_, so the reader must not move after construction.
  return std::unique_ptr<TextReader>(new TextReader(
      std::move(data), std::move(schema), options.GetString("lineSep", ""), whole_text,
      batch_size));
}

Result<std::optional<vector::Batch>> TextReader::Next() {
  vector::ColumnBuilder builder(type::String());
  int64_t rows = 0;
  if (whole_text_) {
    if (!done_) builder.AppendString(data_), rows = 1;
    done_ = true;
  } else {
    std::string_view line;
    while (rows < batch_size_ && lines_.Next(&line)) {
      builder.AppendString(line);
      ++rows;
    }
  }
  if (rows == 0) return std::optional<vector::Batch>();
  return std::optional<vector::Batch>(vector::Batch(schema_, {builder.Finish()}, rows));
}

}  // namespace runnel::format
