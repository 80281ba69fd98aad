#include "format/cell_formatter.h"

#include <charconv>

#include "type/datetime.h"
#include "type/decimal.h"
#include "type/value.h"

namespace runnel::format {

using type::TypeId;

namespace {
void AppendPadded(int64_t value, int width, std::string* out) {
  char buffer[24];
  auto end = std::to_chars(buffer, buffer + sizeof buffer, value < 0 ? -value : value).ptr;
  int digits = static_cast<int>(end - buffer);
  if (value < 0) out->push_back('-');
  for (int i = digits; i < width; ++i) out->push_back('0');
  out->append(buffer, end);
}
}  // namespace

void AppendIsoTimestamp(int64_t micros, std::string* out) {
  type::CivilTime t = type::CivilFromMicros(micros);
  AppendPadded(t.date.year, 4, out);
  out->push_back('-');
  AppendPadded(t.date.month, 2, out);
  out->push_back('-');
  AppendPadded(t.date.day, 2, out);
  out->push_back('T');
  AppendPadded(t.hour, 2, out);
  out->push_back(':');
  AppendPadded(t.minute, 2, out);
  out->push_back(':');
  AppendPadded(t.second, 2, out);
  out->push_back('.');
  AppendPadded(t.micros / 1000, 3, out);
  out->push_back('Z');
}

Result<CellFormatter> CellFormatter::Make(const Options& options) {
  CellFormatter formatter;
  if (auto pattern = options.Get("timestampFormat")) {
    auto compiled = type::DatetimePattern::Compile(*pattern);
    if (!compiled.ok()) return compiled.status().WithContext("option 'timestampFormat'");
    formatter.timestamp_format_ = std::move(compiled).value();
  }
  if (auto pattern = options.Get("dateFormat")) {
    auto compiled = type::DatetimePattern::Compile(*pattern);
    if (!compiled.ok()) return compiled.status().WithContext("option 'dateFormat'");
    formatter.date_format_ = std::move(compiled).value();
  }
  return formatter;
}

void CellFormatter::Append(const vector::Column& column, int64_t row, std::string* out) const {
  char buffer[48];
  switch (column.type_id()) {
    case TypeId::kBoolean: out->append(column.GetBool(row) ? "true" : "false"); break;
    case TypeId::kInt: {
      auto end = std::to_chars(buffer, buffer + sizeof buffer, column.values<int32_t>()[row]).ptr;
      out->append(buffer, end);
      break;
    }
    case TypeId::kBigInt: {
      auto end = std::to_chars(buffer, buffer + sizeof buffer, column.values<int64_t>()[row]).ptr;
      out->append(buffer, end);
      break;
    }
    case TypeId::kDouble: out->append(type::FormatDouble(column.values<double>()[row])); break;
    case TypeId::kDecimal:
      out->append(type::DecimalToString(column.values<type::int128_t>()[row],
                                        column.type()->scale()));
      break;
    case TypeId::kDate: {
      int32_t days = column.values<int32_t>()[row];
      if (date_format_) out->append(date_format_->Format(days * type::kMicrosPerDay));
      else out->append(type::FormatDate(days));
      break;
    }
    case TypeId::kTimestamp: {
      int64_t micros = column.values<int64_t>()[row];
      if (timestamp_format_) out->append(timestamp_format_->Format(micros));
      else AppendIsoTimestamp(micros, out);
      break;
    }
    case TypeId::kInterval: out->append(type::FormatInterval(column.values<int64_t>()[row])); break;
    case TypeId::kString:
    case TypeId::kBinary: out->append(column.GetString(row)); break;
    default: out->append(column.GetValue(row).ToString()); break;
  }
}

}  // namespace runnel::format
