#include "format/csv/csv_reader.h"

#include <fmt/format.h>

namespace runnel::format {

CsvReader::CsvReader(std::string data, std::string name, type::SchemaPtr schema,
                     CsvDialect dialect)
    : data_(std::move(data)),
      name_(std::move(name)),
      schema_(std::move(schema)),
      tokenizer_(data_, dialect) {}

Result<std::unique_ptr<CsvReader>> CsvReader::Make(std::shared_ptr<io::FileSystem> fs,
                                                   std::string path, type::SchemaPtr schema,
                                                   const Options& options) {
  auto data = fs->ReadFile(path);
  if (!data.ok()) return data.status().WithContext("reading CSV file '" + path + "'");
  return MakeFromBuffer(std::move(data).value(), std::move(path), std::move(schema), options);
}

Result<std::unique_ptr<CsvReader>> CsvReader::MakeFromBuffer(std::string data, std::string name,
                                                             type::SchemaPtr schema,
                                                             const Options& options) {
  if (schema == nullptr) {
    RUNNEL_ASSIGN_OR_RAISE(type::Schema inferred, InferCsvSchemaFromBuffers({data}, options));
    schema = std::make_shared<type::Schema>(std::move(inferred));
  }
  for (const auto& field : schema->fields()) {
    if (field.type->is_nested() || field.type->id() == type::TypeId::kInterval) {
      return Status::NotSupported(fmt::format(
          "CSV cannot read column '{}' of type {}: use a scalar type", field.name,
          field.type->ToString()));
    }
  }
  RUNNEL_ASSIGN_OR_RAISE(CsvDialect dialect, CsvDialect::FromOptions(options));
  // The reader's tokenizer views data_, so the reader must not move after construction.
  std::unique_ptr<CsvReader> reader(
      new CsvReader(std::move(data), std::move(name), std::move(schema), dialect));
  RUNNEL_RETURN_NOT_OK(reader->Configure(options));
  return reader;
}

Status CsvReader::Configure(const Options& options) {
  RUNNEL_ASSIGN_OR_RAISE(cell_parser_, CellParser::Make(options));
  RUNNEL_ASSIGN_OR_RAISE(policy_, CorruptRecordPolicy::Make(options, *schema_));
  RUNNEL_ASSIGN_OR_RAISE(header_, options.GetBool("header", false));
  RUNNEL_ASSIGN_OR_RAISE(batch_size_, options.GetInt("batchSize", kDefaultBatchSize));
  if (batch_size_ <= 0) {
    return Status::InvalidArgument(
        fmt::format("Option 'batchSize' must be positive, got {}", batch_size_));
  }
  header_pending_ = header_;
  null_value_ = options.GetString("nullValue", "");
  empty_value_ = options.GetString("emptyValue", "");
  for (int i = 0; i < schema_->num_fields(); ++i) {
    if (i != policy_.column) data_columns_.push_back(i);
    builders_.push_back(std::make_unique<vector::ColumnBuilder>(schema_->field(i).type));
  }
  cells_.resize(data_columns_.size());
  return Status::OK();
}

std::string CsvReader::ParseRecord() {
  const auto& fields = tokenizer_.fields();
  std::string problem;
  if (!tokenizer_.error().empty()) {
    problem = std::string(tokenizer_.error());
  } else if (fields.size() != data_columns_.size()) {
    problem = fmt::format("expected {} fields, found {}", data_columns_.size(), fields.size());
  }
  for (size_t i = 0; i < data_columns_.size(); ++i) {
    Cell& cell = cells_[i];
    cell.valid = false;
    if (i >= fields.size() || fields[i] == null_value_) continue;
    std::string_view text = fields[i].empty() ? std::string_view(empty_value_) : fields[i];
    const type::Field& field = schema_->field(data_columns_[i]);
    if (!cell_parser_.Parse(text, *field.type, &cell) && problem.empty()) {
      problem = fmt::format("cannot parse '{}' as {} for column '{}'", text,
                            field.type->ToString(), field.name);
    }
  }
  return problem;
}

void CsvReader::AppendRecord(bool malformed) {
  for (size_t i = 0; i < data_columns_.size(); ++i) {
    int column = data_columns_[i];
    AppendCell(cells_[i], *schema_->field(column).type, builders_[column].get());
  }
  if (policy_.column >= 0) {
    if (malformed) {
      builders_[policy_.column]->AppendString(tokenizer_.raw());
    } else {
      builders_[policy_.column]->AppendNull();
    }
  }
}

Result<std::optional<vector::Batch>> CsvReader::Next() {
  for (auto& builder : builders_) builder->Reserve(batch_size_);
  int64_t rows = 0;
  while (rows < batch_size_ && tokenizer_.Next()) {
    if (header_pending_) {
      header_pending_ = false;
      continue;
    }
    std::string problem = ParseRecord();
    bool malformed = !problem.empty();
    if (malformed) {
      if (policy_.mode == ParseMode::kFailFast) {
        return MalformedRecordError("CSV", name_, tokenizer_.line_number(), problem);
      }
      if (policy_.mode == ParseMode::kDropMalformed) continue;
    }
    AppendRecord(malformed);
    ++rows;
  }
  if (rows == 0) return std::optional<vector::Batch>();
  std::vector<vector::ColumnPtr> columns;
  for (auto& builder : builders_) columns.push_back(builder->Finish());
  return std::optional<vector::Batch>(vector::Batch(schema_, std::move(columns), rows));
}

}  // namespace runnel::format
