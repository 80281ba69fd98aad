#include "function/cast_text.h"

#include <charconv>
#include <cmath>
#include <limits>

#include "base/spelling.h"
#include "function/scalar/row_kernel.h"
#include "type/datetime.h"
#include "type/value.h"
#include "vector/column_builder.h"

namespace runnel::function {

using type::TypeId;
using vector::Column;
using vector::ColumnBuilder;
using vector::ColumnPtr;

namespace {

template <typename T>
void AppendInteger(T v, std::string* out) {
  char buf[24];
  auto res = std::to_chars(buf, buf + sizeof buf, v);
  out->append(buf, res.ptr);
}

// Java's BigDecimal.toString, which non-ANSI Spark uses: plain unless the adjusted exponent is
// below -6, then scientific ("1E-7", "0E-10", "-1.5E-9").
void AppendDecimal(type::int128_t unscaled, int scale, std::string* out) {
  std::string plain = type::DecimalToString(unscaled, 0);  // the unscaled digits, signed
  bool negative = plain[0] == '-';
  std::string digits = negative ? plain.substr(1) : plain;
  int adjusted = static_cast<int>(digits.size()) - 1 - scale;
  if (scale == 0 || adjusted >= -6) {
    out->append(type::DecimalToString(unscaled, scale));
    return;
  }
  if (negative) out->push_back('-');
  out->push_back(digits[0]);
  if (digits.size() > 1) {
    out->push_back('.');
    out->append(digits, 1, std::string::npos);
  }
  out->append("E" + std::to_string(adjusted));
}

void AppendNestedCell(const Column& column, int64_t i, std::string* out) {
  if (column.IsNull(i)) {
    out->append("null");
  } else {
    AppendCellText(column, i, out);
  }
}

}  // namespace

void AppendCellText(const Column& column, int64_t i, std::string* out) {
  switch (column.type_id()) {
    case TypeId::kNull:
      out->append("null");
      return;
    case TypeId::kBoolean:
      out->append(column.GetBool(i) ? "true" : "false");
      return;
    case TypeId::kInt:
      AppendInteger(column.values<int32_t>()[i], out);
      return;
    case TypeId::kBigInt:
      AppendInteger(column.values<int64_t>()[i], out);
      return;
    case TypeId::kDouble:
      out->append(type::FormatDouble(column.values<double>()[i]));
      return;
    case TypeId::kDecimal:
      AppendDecimal(column.values<type::int128_t>()[i], column.type()->scale(), out);
      return;
    case TypeId::kString:
    case TypeId::kBinary:
      out->append(column.GetString(i));
      return;
    case TypeId::kDate:
      out->append(type::FormatDate(column.values<int32_t>()[i]));
      return;
    case TypeId::kTimestamp:
      out->append(type::FormatTimestamp(column.values<int64_t>()[i]));
      return;
    case TypeId::kInterval:
      out->append(type::FormatInterval(column.values<int64_t>()[i]));
      return;
    case TypeId::kArray: {
      const int32_t* o = column.offsets();
      out->push_back('[');
      for (int32_t j = o[i]; j < o[i + 1]; ++j) {
        if (j > o[i]) out->append(", ");
        AppendNestedCell(*column.child(0), j, out);
      }
      out->push_back(']');
      return;
    }
    case TypeId::kMap: {
      const int32_t* o = column.offsets();
      out->push_back('{');
      for (int32_t j = o[i]; j < o[i + 1]; ++j) {
        if (j > o[i]) out->append(", ");
        AppendNestedCell(*column.child(0), j, out);
        out->append(" -> ");
        AppendNestedCell(*column.child(1), j, out);
      }
      out->push_back('}');
      return;
    }
    case TypeId::kStruct: {
      out->push_back('{');
      for (int f = 0; f < static_cast<int>(column.children().size()); ++f) {
        if (f) out->append(", ");
        AppendNestedCell(*column.child(f), i, out);
      }
      out->push_back('}');
      return;
    }
  }
}

ColumnPtr CastToString(const Column& input, const type::DataTypePtr& to) {
  int64_t n = input.length();
  ColumnBuilder builder(to);
  builder.Reserve(n);
  std::string text;
  for (int64_t i = 0; i < n; ++i) {
    if (input.IsNull(i)) {
      builder.AppendNull();
      continue;
    }
    text.clear();
    AppendCellText(input, i, &text);
    builder.AppendString(text);
  }
  return builder.Finish();
}

std::string_view TrimForCast(std::string_view text) {
  // Spark trims every character <= ' ' (whitespace and ASCII control characters).
  while (!text.empty() && static_cast<unsigned char>(text.front()) <= ' ') text.remove_prefix(1);
  while (!text.empty() && static_cast<unsigned char>(text.back()) <= ' ') text.remove_suffix(1);
  return text;
}

std::optional<int64_t> ParseIntegral(std::string_view text, int64_t min, int64_t max) {
  text = TrimForCast(text);
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  // Accumulate negatively so that the minimum value parses without overflow.
  int64_t value = 0;
  bool any = false;
  for (; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) {
    int digit = text[i] - '0';
    if (value < (std::numeric_limits<int64_t>::min() + digit) / 10) return std::nullopt;
    value = value * 10 - digit;
    any = true;
  }
  if (i < text.size() && text[i] == '.') {
    for (++i; i < text.size() && text[i] >= '0' && text[i] <= '9'; ++i) any = true;
  }
  if (!any || i != text.size()) return std::nullopt;
  if (!negative) {
    if (value == std::numeric_limits<int64_t>::min()) return std::nullopt;
    value = -value;
  }
  if (value < min || value > max) return std::nullopt;
  return value;
}

std::optional<double> ParseDoubleText(std::string_view text) {
  text = TrimForCast(text);
  if (text.empty()) return std::nullopt;
  std::string lower = base::ToLower(text);
  if (lower == "nan" || lower == "+nan" || lower == "-nan") return std::nan("");
  constexpr double kInf = std::numeric_limits<double>::infinity();
  if (lower == "inf" || lower == "+inf" || lower == "infinity" || lower == "+infinity") return kInf;
  if (lower == "-inf" || lower == "-infinity") return -kInf;
  // Java accepts a type suffix: "1.5d", "2f".
  char last = lower.back();
  if (last == 'd' || last == 'f') lower.pop_back();
  std::string_view body = lower;
  if (!body.empty() && body.front() == '+') body.remove_prefix(1);
  if (body.empty() || body.front() == '+') return std::nullopt;
  double value = 0;
  auto res = std::from_chars(body.data(), body.data() + body.size(), value);
  if (res.ec == std::errc::result_out_of_range) {
    // from_chars reports overflow and underflow alike; Java gives +-Infinity or 0.
    bool negative = body.front() == '-';
    size_t e = body.find('e');
    bool tiny = e != std::string_view::npos && e + 1 < body.size() && body[e + 1] == '-';
    value = tiny ? (negative ? -0.0 : 0.0) : (negative ? -kInf : kInf);
  } else if (res.ec != std::errc() || res.ptr != body.data() + body.size()) {
    return std::nullopt;
  }
  return value;
}

std::optional<bool> ParseBooleanText(std::string_view text) {
  std::string lower = base::ToLower(TrimForCast(text));
  if (lower == "true" || lower == "t" || lower == "yes" || lower == "y" || lower == "1") {
    return true;
  }
  if (lower == "false" || lower == "f" || lower == "no" || lower == "n" || lower == "0") {
    return false;
  }
  return std::nullopt;
}

namespace {
// Reads "D HH:MM:SS[.ffffff]" (no sign).
std::optional<int64_t> ParseDayTime(std::string_view s) {
  int64_t day = 0, hour = 0, minute = 0, second = 0, micros = 0;
  const char* p = s.data();
  const char* end = s.data() + s.size();
  auto number = [&](int64_t* out) {
    auto res = std::from_chars(p, end, *out);
    if (res.ec != std::errc() || res.ptr == p) return false;
    p = res.ptr;
    return true;
  };
  if (!number(&day) || p == end || *p++ != ' ') return std::nullopt;
  if (!number(&hour) || p == end || *p++ != ':') return std::nullopt;
  if (!number(&minute) || p == end || *p++ != ':') return std::nullopt;
  if (!number(&second)) return std::nullopt;
  if (p != end && *p == '.') {
    ++p;
    int digits = 0;
    for (; p != end && *p >= '0' && *p <= '9'; ++p, ++digits) {
      if (digits < 6) micros = micros * 10 + (*p - '0');
    }
    if (digits == 0) return std::nullopt;
    for (; digits < 6; ++digits) micros *= 10;
  }
  if (p != end || hour > 23 || minute > 59 || second > 59) return std::nullopt;
  return day * type::kMicrosPerDay + hour * type::kMicrosPerHour + minute * type::kMicrosPerMinute +
         second * type::kMicrosPerSecond + micros;
}
}  // namespace

std::optional<int64_t> ParseIntervalText(std::string_view text) {
  text = TrimForCast(text);
  std::string lower = base::ToLower(text);
  std::string_view body = lower;
  constexpr std::string_view kPrefix = "interval '";
  constexpr std::string_view kSuffix = "' day to second";
  if (body.substr(0, kPrefix.size()) == kPrefix) {
    if (body.size() < kPrefix.size() + kSuffix.size() ||
        body.substr(body.size() - kSuffix.size()) != kSuffix) {
      return std::nullopt;
    }
    body = body.substr(kPrefix.size(), body.size() - kPrefix.size() - kSuffix.size());
  }
  bool negative = false;
  if (!body.empty() && (body.front() == '-' || body.front() == '+')) {
    negative = body.front() == '-';
    body.remove_prefix(1);
  }
  auto micros = ParseDayTime(body);
  if (!micros) return std::nullopt;
  return negative ? -*micros : *micros;
}

ColumnPtr CastFromString(const Column& input, const type::DataTypePtr& to) {
  int64_t n = input.length();
  std::vector<uint8_t> valid = ValidityBytes(input);
  auto text = [&](int64_t i) { return input.GetString(i); };
  switch (to->id()) {
    case TypeId::kBoolean:
      return MapRows<uint8_t>(to, n, valid, [&](int64_t i, uint8_t* out) {
        auto v = ParseBooleanText(text(i));
        if (v) *out = *v;
        return v.has_value();
      });
    case TypeId::kInt:
      return MapRows<int32_t>(to, n, valid, [&](int64_t i, int32_t* out) {
        auto v = ParseIntegral(text(i), std::numeric_limits<int32_t>::min(),
                               std::numeric_limits<int32_t>::max());
        if (v) *out = static_cast<int32_t>(*v);
        return v.has_value();
      });
    case TypeId::kBigInt:
      return MapRows<int64_t>(to, n, valid, [&](int64_t i, int64_t* out) {
        auto v = ParseIntegral(text(i), std::numeric_limits<int64_t>::min(),
                               std::numeric_limits<int64_t>::max());
        if (v) *out = *v;
        return v.has_value();
      });
    case TypeId::kDouble:
      return MapRows<double>(to, n, valid, [&](int64_t i, double* out) {
        auto v = ParseDoubleText(text(i));
        if (v) *out = *v;
        return v.has_value();
      });
    case TypeId::kDecimal:
      return MapRows<type::int128_t>(to, n, valid, [&](int64_t i, type::int128_t* out) {
        auto v = type::ParseDecimal(TrimForCast(text(i)), to->precision(), to->scale());
        if (v) *out = *v;
        return v.has_value();
      });
    case TypeId::kDate:
      return MapRows<int32_t>(to, n, valid, [&](int64_t i, int32_t* out) {
        auto v = type::ParseDate(TrimForCast(text(i)));
        if (v) *out = *v;
        return v.has_value();
      });
    case TypeId::kTimestamp:
      return MapRows<int64_t>(to, n, valid, [&](int64_t i, int64_t* out) {
        auto v = type::ParseTimestamp(TrimForCast(text(i)));
        if (v) *out = *v;
        return v.has_value();
      });
    case TypeId::kInterval:
      return MapRows<int64_t>(to, n, valid, [&](int64_t i, int64_t* out) {
        auto v = ParseIntervalText(text(i));
        if (v) *out = *v;
        return v.has_value();
      });
    default: {
      // STRING and BINARY share one layout: reuse the buffers.
      return std::make_shared<Column>(to, n, input.null_count(), input.buffers(), input.children(),
                                      input.offset());
    }
  }
}

}  // namespace runnel::function
