#include "sql/number_literal.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

#include "base/spelling.h"
#include "runnel/decimal.h"

namespace runnel::sql {
namespace {

struct DecimalParts {
  type::int128_t unscaled = 0;
  int digits = 0;  // significant digits accumulated (leading zeros skipped)
  int scale = 0;
};

// Digits of "12.340" or "1.5e-3" as an unscaled value and scale; false past 38 digits.
bool ReadDecimal(std::string_view text, DecimalParts* out) {
  size_t i = 0;
  bool after_dot = false;
  for (; i < text.size() && text[i] != 'e' && text[i] != 'E'; ++i) {
    if (text[i] == '.') {
      after_dot = true;
      continue;
    }
    int digit = text[i] - '0';
    if (out->digits > 0 || digit != 0) ++out->digits;
    if (out->digits > type::kMaxDecimalPrecision) return false;
    out->unscaled = out->unscaled * 10 + digit;
    if (after_dot) ++out->scale;
  }
  if (i < text.size()) {
    long exponent = std::strtol(std::string(text.substr(i + 1)).c_str(), nullptr, 10);
    if (exponent > 2 * type::kMaxDecimalPrecision || exponent < -2 * type::kMaxDecimalPrecision) {
      return false;
    }
    out->scale -= static_cast<int>(exponent);
  }
  if (out->scale < 0 && out->unscaled == 0) out->scale = 0;
  if (out->scale < 0) {  // 1e3BD: DECIMAL(4,0)
    out->digits += -out->scale;
    if (out->unscaled != 0 && out->digits > type::kMaxDecimalPrecision) return false;
    out->unscaled *= type::PowerOfTen(-out->scale);
    out->scale = 0;
  }
  return out->scale <= type::kMaxDecimalPrecision;
}

Result<type::Value> MakeDecimal(std::string_view digits, std::string_view text) {
  DecimalParts d;
  if (!ReadDecimal(digits, &d)) {
    return Status::InvalidArgument("the decimal literal " + std::string(text) +
                                   " needs more than 38 digits; write it as a DOUBLE (suffix D)");
  }
  int precision = std::max(std::max(type::DecimalDigits(d.unscaled), 1), d.scale);
  return type::Value::Decimal(d.unscaled, precision, d.scale);
}

Result<type::Value> MakeIntegral(std::string_view digits, char suffix, std::string_view text) {
  DecimalParts d;
  if (!ReadDecimal(digits, &d)) {
    return Status::InvalidArgument("the integer literal " + std::string(text) +
                                   " needs more than 38 digits; write it as a DOUBLE (suffix D)");
  }
  type::int128_t v = d.unscaled;
  auto out_of_range = [&](const char* type_name) {
    return Status::InvalidArgument("the literal " + std::string(text) + " is out of range for " +
                                   type_name);
  };
  switch (suffix) {
    case 'y':
      if (v > 127) return out_of_range("TINYINT");
      return type::Value::Int(static_cast<int32_t>(v));
    case 's':
      if (v > 32767) return out_of_range("SMALLINT");
      return type::Value::Int(static_cast<int32_t>(v));
    case 'l':
      if (v > INT64_MAX) return out_of_range("BIGINT");
      return type::Value::BigInt(static_cast<int64_t>(v));
    default:
      if (v <= INT32_MAX) return type::Value::Int(static_cast<int32_t>(v));
      if (v <= INT64_MAX) return type::Value::BigInt(static_cast<int64_t>(v));
      return type::Value::Decimal(v, std::max(type::DecimalDigits(v), 1), 0);
  }
}

}  // namespace

Result<type::Value> ParseNumberLiteral(std::string_view text) {
  std::string lower = base::ToLower(text);
  std::string_view s = lower;
  std::string suffix;
  if (s.size() > 2 && s.substr(s.size() - 2) == "bd") {
    suffix = "bd";
  } else if (!s.empty() && std::isalpha(static_cast<unsigned char>(s.back()))) {
    suffix = std::string(1, s.back());
  }
  std::string_view digits = s.substr(0, s.size() - suffix.size());
  bool fractional = digits.find_first_of(".e") != std::string_view::npos;
  if (suffix == "d" || suffix == "f" || (suffix.empty() && digits.find('e') != std::string_view::npos)) {
    double v = std::strtod(std::string(digits).c_str(), nullptr);
    if (!std::isfinite(v)) {
      return Status::InvalidArgument("the literal " + std::string(text) + " is out of range for DOUBLE");
    }
    return type::Value::Double(v);
  }
  if (suffix == "bd" || fractional) return MakeDecimal(digits, text);
  return MakeIntegral(digits, suffix.empty() ? '\0' : suffix[0], text);
}

}  // namespace runnel::sql
