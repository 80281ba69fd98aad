#include "format/json/json_writer.h"

#include <cmath>

#include <fmt/format.h>

namespace runnel::format {

using type::TypeId;

void AppendJsonString(std::string_view text, std::string* out) {
  static const char kHex[] = "0123456789abcdef";
  out->push_back('"');
  for (char c : text) {
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      default:
        if (static_cast<unsigned char>(c) < 0x20) {
          out->append("\\u00");
          out->push_back(kHex[(c >> 4) & 0xf]);
          out->push_back(kHex[c & 0xf]);
        } else {
          out->push_back(c);
        }
    }
  }
  out->push_back('"');
}

Result<std::unique_ptr<JsonWriter>> JsonWriter::Make(type::SchemaPtr schema,
                                                     const Options& options) {
  RUNNEL_ASSIGN_OR_RAISE(CellFormatter formatter, CellFormatter::Make(options));
  std::unique_ptr<JsonWriter> writer(new JsonWriter(std::move(schema), std::move(formatter)));
  RUNNEL_ASSIGN_OR_RAISE(writer->ignore_null_fields_, options.GetBool("ignoreNullFields", true));
  writer->line_sep_ = options.GetString("lineSep", "\n");
  if (writer->line_sep_.empty()) {
    return Status::InvalidArgument("Option 'lineSep' must not be empty");
  }
  return writer;
}

void JsonWriter::AppendStruct(const std::vector<type::Field>& fields,
                              const std::vector<vector::ColumnPtr>& columns, int64_t row) {
  out_.push_back('{');
  bool first = true;
  for (size_t i = 0; i < fields.size(); ++i) {
    bool is_null = columns[i]->IsNull(row);
    if (is_null && ignore_null_fields_) continue;
    if (!first) out_.push_back(',');
    first = false;
    AppendJsonString(fields[i].name, &out_);
    out_.push_back(':');
    if (is_null) {
      out_.append("null");
    } else {
      AppendValue(*columns[i], row);
    }
  }
  out_.push_back('}');
}

void JsonWriter::AppendValue(const vector::Column& column, int64_t row) {
  switch (column.type_id()) {
    case TypeId::kBoolean:
    case TypeId::kInt:
    case TypeId::kBigInt:
    case TypeId::kDecimal:
      formatter_.Append(column, row, &out_);
      return;
    case TypeId::kDouble: {
      double v = column.values<double>()[row];
      if (std::isfinite(v)) {
        formatter_.Append(column, row, &out_);
      } else {
        AppendJsonString(type::FormatDouble(v), &out_);
      }
      return;
    }
    case TypeId::kStruct:
      AppendStruct(column.type()->fields(), column.children(), row);
      return;
    case TypeId::kArray: {
      const int32_t* offsets = column.offsets();
      const vector::Column& elements = *column.child(0);
      out_.push_back('[');
      for (int32_t j = offsets[row]; j < offsets[row + 1]; ++j) {
        if (j != offsets[row]) out_.push_back(',');
        if (elements.IsNull(j)) out_.append("null");
        else AppendValue(elements, j);
      }
      out_.push_back(']');
      return;
    }
    case TypeId::kMap: {
      const int32_t* offsets = column.offsets();
      const vector::Column& keys = *column.child(0);
      const vector::Column& values = *column.child(1);
      out_.push_back('{');
      for (int32_t j = offsets[row]; j < offsets[row + 1]; ++j) {
        if (j != offsets[row]) out_.push_back(',');
        scratch_.clear();
        if (!keys.IsNull(j)) formatter_.Append(keys, j, &scratch_);
        AppendJsonString(scratch_, &out_);
        out_.push_back(':');
        if (values.IsNull(j)) out_.append("null");
        else AppendValue(values, j);
      }
      out_.push_back('}');
      return;
    }
    default: {
      scratch_.clear();
      formatter_.Append(column, row, &scratch_);
      AppendJsonString(scratch_, &out_);
      return;
    }
  }
}

Status JsonWriter::Write(const vector::Batch& batch) {
  if (batch.num_columns() != schema_->num_fields()) {
    return Status::InvalidArgument(fmt::format(
        "JSON writer got a batch of {} columns for a schema of {}: {}", batch.num_columns(),
        schema_->num_fields(), schema_->ToString()));
  }
  for (int64_t row = 0; row < batch.num_rows(); ++row) {
    AppendStruct(schema_->fields(), batch.columns(), row);
    out_.append(line_sep_);
  }
  return Status::OK();
}

Result<std::string> JsonWriter::Finish() {
  std::string bytes = std::move(out_);
  out_.clear();
  return bytes;
}

}  // namespace runnel::format
