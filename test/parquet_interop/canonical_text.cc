#include "canonical_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>

namespace runnel::interop {

std::string CanonicalDouble(double v) {
  if (std::isnan(v)) return "NaN";
  if (std::isinf(v)) return v > 0 ? "Infinity" : "-Infinity";
  if (v == 0) return std::signbit(v) ? "-0" : "0";
  // The shortest digits that round-trip (the closest of them, as JavaScript picks), laid out by
  // the rules of ECMAScript's Number::toString.
  char buffer[64];
  auto [end, ec] =
      std::to_chars(buffer, buffer + sizeof(buffer), std::fabs(v), std::chars_format::scientific);
  std::string text(buffer, end);
  size_t e = text.find('e');
  std::string digits = text.substr(0, e);
  digits.erase(std::remove(digits.begin(), digits.end(), '.'), digits.end());
  const int k = static_cast<int>(digits.size());
  const int n = std::stoi(text.substr(e + 1)) + 1;
  std::string out = v < 0 ? "-" : "";
  if (k <= n && n <= 21) {
    out += digits + std::string(n - k, '0');
  } else if (0 < n && n <= 21) {
    out += digits.substr(0, n) + "." + digits.substr(n);
  } else if (-6 < n && n <= 0) {
    out += "0." + std::string(-n, '0') + digits;
  } else {
    out += digits.substr(0, 1);
    if (k > 1) out += "." + digits.substr(1);
    out += (n - 1 < 0 ? "e-" : "e+") + std::to_string(std::abs(n - 1));
  }
  return out;
}

std::string CanonicalDecimal(type::int128_t unscaled, int scale) {
  const bool negative = unscaled < 0;
  // Digits of |unscaled|, computed on the unsigned value so the most negative one works too.
  unsigned __int128 magnitude = negative ? -static_cast<unsigned __int128>(unscaled) : unscaled;
  std::string digits;
  do {
    digits.push_back(static_cast<char>('0' + static_cast<int>(magnitude % 10)));
    magnitude /= 10;
  } while (magnitude != 0);
  while (static_cast<int>(digits.size()) <= scale) digits.push_back('0');
  std::reverse(digits.begin(), digits.end());
  if (scale > 0) digits.insert(digits.size() - scale, ".");
  return (negative ? "-" : "") + digits;
}

namespace {

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// Howard Hinnant's civil_from_days: the proleptic Gregorian date of a day number.
void CivilFromDays(int64_t days, int64_t* year, int* month, int* day) {
  days += 719468;
  const int64_t era = FloorDiv(days, 146097);
  const int64_t doe = days - era * 146097;
  const int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int64_t mp = (5 * doy + 2) / 153;
  *day = static_cast<int>(doy - (153 * mp + 2) / 5 + 1);
  *month = static_cast<int>(mp < 10 ? mp + 3 : mp - 9);
  *year = yoe + era * 400 + (*month <= 2 ? 1 : 0);
}

std::string Quote(const std::string& s) {
  std::string out = "\"";
  for (unsigned char c : s) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(static_cast<char>(c));
    } else if (c < 0x20 || c == 0x7f) {
      char buffer[8];
      std::snprintf(buffer, sizeof(buffer), "\\u%04x", c);
      out += buffer;
    } else {
      out.push_back(static_cast<char>(c));
    }
  }
  return out + "\"";
}

std::string Hex(const std::string& bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out = "x'";
  for (unsigned char c : bytes) {
    out.push_back(kDigits[c >> 4]);
    out.push_back(kDigits[c & 15]);
  }
  return out + "'";
}

}  // namespace

std::string CanonicalDate(int64_t days) {
  int64_t year;
  int month, day;
  CivilFromDays(days, &year, &month, &day);
  char buffer[48];
  std::snprintf(buffer, sizeof(buffer), "%s%04lld-%02d-%02d", year < 0 ? "-" : "",
                static_cast<long long>(std::llabs(year)), month, day);
  return buffer;
}

std::string CanonicalTimestamp(int64_t micros) {
  constexpr int64_t kMicrosPerDay = 86400LL * 1000000;
  const int64_t days = FloorDiv(micros, kMicrosPerDay);
  const int64_t in_day = micros - days * kMicrosPerDay;
  const int64_t seconds = in_day / 1000000;
  char buffer[48];
  std::snprintf(buffer, sizeof(buffer), " %02lld:%02lld:%02lld.%06lld",
                static_cast<long long>(seconds / 3600), static_cast<long long>(seconds / 60 % 60),
                static_cast<long long>(seconds % 60), static_cast<long long>(in_day % 1000000));
  return CanonicalDate(days) + buffer;
}

std::string CanonicalValue(const type::Value& v) {
  if (v.is_null()) return "NULL";
  const type::DataType& t = *v.type();
  switch (t.id()) {
    case type::TypeId::kBoolean:
      return v.bool_value() ? "true" : "false";
    case type::TypeId::kInt:
      return std::to_string(v.int_value());
    case type::TypeId::kBigInt:
      return std::to_string(v.bigint_value());
    case type::TypeId::kDouble:
      return CanonicalDouble(v.double_value());
    case type::TypeId::kDecimal:
      return CanonicalDecimal(v.decimal_value(), t.scale());
    case type::TypeId::kString:
      return Quote(v.string_value());
    case type::TypeId::kBinary:
      return Hex(v.string_value());
    case type::TypeId::kDate:
      return CanonicalDate(v.int_value());
    case type::TypeId::kTimestamp:
      return CanonicalTimestamp(v.bigint_value());
    case type::TypeId::kArray: {
      std::string out = "[";
      for (size_t i = 0; i < v.children().size(); ++i)
        out += (i ? "," : "") + CanonicalValue(v.children()[i]);
      return out + "]";
    }
    case type::TypeId::kStruct: {
      std::string out = "{";
      for (size_t i = 0; i < v.children().size(); ++i) {
        out += (i ? "," : "") + t.fields()[i].name + ":" + CanonicalValue(v.children()[i]);
      }
      return out + "}";
    }
    case type::TypeId::kMap: {
      std::string out = "{";
      for (size_t i = 0; i < v.children().size(); ++i) {
        out += (i ? "," : "") + CanonicalValue(v.children()[i]) + "=>" +
               CanonicalValue(v.map_values()[i]);
      }
      return out + "}";
    }
    default:
      return "<" + t.ToString() + ">";
  }
}

std::string CanonicalType(const type::DataType& t) {
  switch (t.id()) {
    case type::TypeId::kBoolean:
      return "BOOLEAN";
    case type::TypeId::kInt:
      return "INT";
    case type::TypeId::kBigInt:
      return "BIGINT";
    case type::TypeId::kDouble:
      return "DOUBLE";
    case type::TypeId::kDecimal:
      return "DECIMAL(" + std::to_string(t.precision()) + "," + std::to_string(t.scale()) + ")";
    case type::TypeId::kString:
      return "STRING";
    case type::TypeId::kBinary:
      return "BINARY";
    case type::TypeId::kDate:
      return "DATE";
    case type::TypeId::kTimestamp:
      return "TIMESTAMP";
    case type::TypeId::kArray:
      return "ARRAY<" + CanonicalType(*t.element_type()) + ">";
    case type::TypeId::kMap:
      return "MAP<" + CanonicalType(*t.key_type()) + "," + CanonicalType(*t.value_type()) + ">";
    case type::TypeId::kStruct: {
      std::string out = "STRUCT<";
      for (size_t i = 0; i < t.fields().size(); ++i) {
        out += (i ? "," : "") + t.fields()[i].name + ":" + CanonicalType(*t.fields()[i].type);
      }
      return out + ">";
    }
    default:
      return t.ToString();
  }
}

std::string CanonicalTable(const type::Schema& schema, std::vector<Row> rows) {
  std::stable_sort(rows.begin(), rows.end(),
                   [](const Row& a, const Row& b) { return a[0].AsInt64() < b[0].AsInt64(); });
  std::string out = "#schema";
  for (const auto& f : schema.fields()) out += "\t" + f.name + ":" + CanonicalType(*f.type);
  out += "\n";
  for (const Row& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) out += (i ? "\t" : "") + CanonicalValue(row[i]);
    out += "\n";
  }
  return out;
}

}  // namespace runnel::interop
