#include "cli/output_format.h"

#include <cstdint>
#include <limits>
#include <memory>

#include "base/spelling.h"
#include "format/json/json_writer.h"
#include "vector/pretty_print.h"

namespace runnel::cli {

namespace {

constexpr int kTableTruncate = 20;

int64_t CountRows(const std::vector<vector::Batch>& batches) {
  int64_t n = 0;
  for (const auto& b : batches) n += b.num_rows();
  return n;
}

std::string RenderCsv(const type::Schema& schema, const std::vector<vector::Batch>& batches) {
  std::string out;
  for (int c = 0; c < schema.num_fields(); ++c) {
    if (c > 0) out += ',';
    AppendCsvField(schema.field(c).name, &out);
  }
  out += '\n';
  for (const auto& b : batches) {
    for (int64_t r = 0; r < b.num_rows(); ++r) {
      for (int c = 0; c < b.num_columns(); ++c) {
        if (c > 0) out += ',';
        type::Value v = b.GetValue(r, c);
        if (!v.is_null()) AppendCsvField(v.ToString(), &out);
      }
      out += '\n';
    }
  }
  return out;
}

Result<std::string> RenderJsonl(const type::Schema& schema, const std::vector<vector::Batch>& batches) {
  // Keep NULL fields (Spark's writer drops them): every line then has every column, in order.
  format::Options options{{"ignoreNullFields", "false"}};
  RUNNEL_ASSIGN_OR_RAISE(std::unique_ptr<format::JsonWriter> writer,
                         format::JsonWriter::Make(std::make_shared<type::Schema>(schema), options));
  for (const auto& b : batches) RUNNEL_RETURN_NOT_OK(writer->Write(b));
  return writer->Finish();
}

}  // namespace

Result<OutputFormat> ParseOutputFormat(std::string_view name) {
  std::string lower = base::ToLower(name);
  if (lower == "table") return OutputFormat::kTable;
  if (lower == "csv") return OutputFormat::kCsv;
  if (lower == "jsonl") return OutputFormat::kJsonl;
  return Status::InvalidArgument("Unknown output format '" + std::string(name) +
                                 "': use table, csv or jsonl");
}

std::string_view OutputFormatName(OutputFormat format) {
  switch (format) {
    case OutputFormat::kTable: return "table";
    case OutputFormat::kCsv: return "csv";
    case OutputFormat::kJsonl: return "jsonl";
  }
  return "table";
}

Result<std::string> RenderResult(const type::Schema& schema, const std::vector<vector::Batch>& batches,
                                 OutputFormat format) {
  if (schema.num_fields() == 0) return std::string();
  switch (format) {
    case OutputFormat::kTable:
      return vector::FormatTable(schema, batches, std::numeric_limits<int64_t>::max(), kTableTruncate);
    case OutputFormat::kCsv:
      if (CountRows(batches) == 0) return std::string();
      return RenderCsv(schema, batches);
    case OutputFormat::kJsonl:
      if (CountRows(batches) == 0) return std::string();
      return RenderJsonl(schema, batches);
  }
  return std::string();
}

void AppendCsvField(std::string_view text, std::string* out) {
  bool quote = text.empty() || text.find_first_of(",\"\r\n") != std::string_view::npos;
  if (!quote) {
    out->append(text);
    return;
  }
  out->push_back('"');
  for (char c : text) {
    if (c == '"') out->push_back('"');
    out->push_back(c);
  }
  out->push_back('"');
}

}  // namespace runnel::cli
