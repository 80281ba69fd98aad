#include "format/csv/csv_writer.h"

#include <fmt/format.h>

namespace runnel::format {

Result<std::unique_ptr<CsvWriter>> CsvWriter::Make(type::SchemaPtr schema,
                                                   const Options& options) {
  for (const auto& field : schema->fields()) {
    if (field.type->is_nested()) {
      return Status::NotSupported(fmt::format(
          "CSV cannot write column '{}' of type {}. Use the JSON format, or to_json() on the column",
          field.name, field.type->ToString()));
    }
  }
  RUNNEL_ASSIGN_OR_RAISE(CellFormatter formatter, CellFormatter::Make(options));
  std::unique_ptr<CsvWriter> writer(new CsvWriter(std::move(schema), std::move(formatter)));
  RUNNEL_ASSIGN_OR_RAISE(writer->sep_,
                         options.GetChar(options.Has("sep") ? "sep" : "delimiter", ','));
  RUNNEL_ASSIGN_OR_RAISE(writer->quote_, options.GetChar("quote", '"'));
  RUNNEL_ASSIGN_OR_RAISE(writer->escape_, options.GetChar("escape", '\\'));
  RUNNEL_ASSIGN_OR_RAISE(writer->header_, options.GetBool("header", false));
  RUNNEL_ASSIGN_OR_RAISE(writer->quote_all_, options.GetBool("quoteAll", false));
  if (writer->sep_ == '\0' || writer->sep_ == writer->quote_) {
    return Status::InvalidArgument("Option 'sep' must be a character other than the quote");
  }
  writer->null_value_ = options.GetString("nullValue", "");
  if (auto empty = options.Get("emptyValue")) {
    writer->empty_value_ = *empty;
    writer->empty_value_set_ = true;
  }
  writer->line_sep_ = options.GetString("lineSep", "\n");
  if (writer->line_sep_.empty()) {
    return Status::InvalidArgument("Option 'lineSep' must not be empty");
  }
  return writer;
}

void CsvWriter::AppendField(std::string_view text) {
  bool needs_quotes = quote_all_;
  if (!needs_quotes && quote_ != '\0') {
    for (char c : text) {
      if (c == sep_ || c == quote_ || c == escape_ || c == '\n' || c == '\r' ||
          c == line_sep_[0]) {
        needs_quotes = true;
        break;
      }
    }
  }
  if (!needs_quotes || quote_ == '\0') {
    out_.append(text);
    return;
  }
  out_.push_back(quote_);
  for (char c : text) {
    if (c == quote_ || (c == escape_ && escape_ != '\0')) {
      out_.push_back(escape_ != '\0' ? escape_ : quote_);
    }
    out_.push_back(c);
  }
  out_.push_back(quote_);
}

void CsvWriter::AppendHeader() {
  header_written_ = true;
  if (!header_) return;
  for (int i = 0; i < schema_->num_fields(); ++i) {
    if (i) out_.push_back(sep_);
    AppendField(schema_->field(i).name);
  }
  out_.append(line_sep_);
}

Status CsvWriter::Write(const vector::Batch& batch) {
  if (batch.num_columns() != schema_->num_fields()) {
    return Status::InvalidArgument(fmt::format(
        "CSV writer got a batch of {} columns for a schema of {}: {}", batch.num_columns(),
        schema_->num_fields(), schema_->ToString()));
  }
  if (!header_written_) AppendHeader();
  for (int64_t row = 0; row < batch.num_rows(); ++row) {
    for (int c = 0; c < batch.num_columns(); ++c) {
      if (c) out_.push_back(sep_);
      const vector::Column& column = *batch.column(c);
      if (column.IsNull(row)) {
        out_.append(null_value_);
        continue;
      }
      scratch_.clear();
      formatter_.Append(column, row, &scratch_);
      if (scratch_.empty()) {
        if (empty_value_set_) {
          AppendField(empty_value_);
        } else if (quote_ != '\0') {
          out_.push_back(quote_);
          out_.push_back(quote_);
        }
        continue;
      }
      AppendField(scratch_);
    }
    out_.append(line_sep_);
  }
  return Status::OK();
}

Result<std::string> CsvWriter::Finish() {
  if (!header_written_) AppendHeader();
  header_written_ = false;
  std::string bytes = std::move(out_);
  out_.clear();
  return bytes;
}

}  // namespace runnel::format
