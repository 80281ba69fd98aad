#include "format/cell_parser.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "type/datetime.h"

namespace runnel::format {

using type::TypeId;

std::optional<int64_t> ParseInteger(std::string_view text) {
  if (!text.empty() && text[0] == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  int64_t value = 0;
  const char* end = text.data() + text.size();
  auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

namespace {
bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(a[i])) != std::tolower(static_cast<unsigned char>(b[i]))) {
      return false;
    }
  }
  return true;
}
}  // namespace

std::optional<double> ParseDouble(std::string_view text) {
  if (text.empty()) return std::nullopt;
  if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  std::string_view body = text;
  double sign = 1;
  if (body[0] == '+' || body[0] == '-') {
    sign = body[0] == '-' ? -1 : 1;
    body.remove_prefix(1);
  }
  if (body == "Infinity" || body == "Inf") return sign * std::numeric_limits<double>::infinity();
  // from_chars would accept "nan" and "inf" in any case and "infinity": Spark does not.
  if (body.empty() || !(std::isdigit(static_cast<unsigned char>(body[0])) || body[0] == '.')) {
    return std::nullopt;
  }
  double value = 0;
  const char* end = body.data() + body.size();
  auto [ptr, ec] = std::from_chars(body.data(), end, value);
  if (ec != std::errc() || ptr != end) {
    // Out of range: Java's parseDouble gives +-Infinity or 0, and Spark keeps that.
    if (ec == std::errc::result_out_of_range && ptr == end) return sign * value;
    return std::nullopt;
  }
  return sign * value;
}

std::optional<bool> ParseBoolean(std::string_view text) {
  if (EqualsIgnoreCase(text, "true")) return true;
  if (EqualsIgnoreCase(text, "false")) return false;
  return std::nullopt;
}

void AppendCell(const Cell& cell, const type::DataType& type, vector::ColumnBuilder* out) {
  if (!cell.valid) {
    out->AppendNull();
    return;
  }
  switch (type.id()) {
    case TypeId::kBoolean: out->AppendBool(cell.i64 != 0); break;
    case TypeId::kInt:
    case TypeId::kDate: out->AppendInt(static_cast<int32_t>(cell.i64)); break;
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kInterval: out->AppendBigInt(cell.i64); break;
    case TypeId::kDouble: out->AppendDouble(cell.f64); break;
    case TypeId::kDecimal: out->AppendDecimal(cell.i128); break;
    case TypeId::kString:
    case TypeId::kBinary: out->AppendString(cell.text); break;
    default: out->AppendNull(); break;
  }
}

Result<CellParser> CellParser::Make(const Options& options) {
  CellParser parser;
  if (auto pattern = options.Get("timestampFormat")) {
    auto compiled = type::DatetimePattern::Compile(*pattern);
    if (!compiled.ok()) return compiled.status().WithContext("option 'timestampFormat'");
    parser.timestamp_format_ = std::move(compiled).value();
  }
  if (auto pattern = options.Get("dateFormat")) {
    auto compiled = type::DatetimePattern::Compile(*pattern);
    if (!compiled.ok()) return compiled.status().WithContext("option 'dateFormat'");
    parser.date_format_ = std::move(compiled).value();
  }
  return parser;
}

std::optional<int64_t> CellParser::ParseTimestamp(std::string_view text) const {
  if (timestamp_format_) return timestamp_format_->Parse(text);
  return type::ParseTimestamp(text);
}

std::optional<int32_t> CellParser::ParseDate(std::string_view text) const {
  if (date_format_) {
    auto micros = date_format_->Parse(text);
    if (!micros) return std::nullopt;
    return static_cast<int32_t>(type::FloorDiv(*micros, type::kMicrosPerDay));
  }
  return type::ParseDate(text);
}

bool CellParser::Parse(std::string_view text, const type::DataType& type, Cell* cell) const {
  cell->valid = true;
  switch (type.id()) {
    case TypeId::kString:
    case TypeId::kBinary:
      cell->text = text;
      return true;
    case TypeId::kInt: {
      auto v = ParseInteger(text);
      if (!v || *v < std::numeric_limits<int32_t>::min() || *v > std::numeric_limits<int32_t>::max()) {
        break;
      }
      cell->i64 = *v;
      return true;
    }
    case TypeId::kBigInt: {
      auto v = ParseInteger(text);
      if (!v) break;
      cell->i64 = *v;
      return true;
    }
    case TypeId::kDouble: {
      auto v = ParseDouble(text);
      if (!v) break;
      cell->f64 = *v;
      return true;
    }
    case TypeId::kDecimal: {
      auto v = type::ParseDecimal(text, type.precision(), type.scale());
      if (!v) break;
      cell->i128 = *v;
      return true;
    }
    case TypeId::kBoolean: {
      auto v = ParseBoolean(text);
      if (!v) break;
      cell->i64 = *v;
      return true;
    }
    case TypeId::kDate: {
      auto v = ParseDate(text);
      if (!v) break;
      cell->i64 = *v;
      return true;
    }
    case TypeId::kTimestamp: {
      auto v = ParseTimestamp(text);
      if (!v) break;
      cell->i64 = *v;
      return true;
    }
    default: break;
  }
  cell->valid = false;
  return false;
}

}  // namespace runnel::format
