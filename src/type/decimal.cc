#include "type/decimal.h"

#include <cctype>
#include <cmath>

namespace runnel::type {

int128_t PowerOfTen(int exponent) {
  int128_t v = 1;
  for (int i = 0; i < exponent; ++i) v *= 10;
  return v;
}

int DecimalDigits(int128_t v) {
  if (v < 0) v = -v;
  int n = 1;
  while (v >= 10) {
    v /= 10;
    ++n;
  }
  return n;
}

std::string DecimalToString(int128_t unscaled, int scale) {
  bool negative = unscaled < 0;
  // Work on the magnitude as unsigned so the minimum value does not overflow.
  unsigned __int128 mag = negative ? static_cast<unsigned __int128>(-(unscaled + 1)) + 1
                                   : static_cast<unsigned __int128>(unscaled);
  std::string digits;
  do {
    digits.insert(digits.begin(), static_cast<char>('0' + static_cast<int>(mag % 10)));
    mag /= 10;
  } while (mag != 0);
  if (scale > 0) {
    while (static_cast<int>(digits.size()) <= scale) digits.insert(digits.begin(), '0');
    digits.insert(digits.end() - scale, '.');
  }
  return negative ? "-" + digits : digits;
}

std::optional<int128_t> RescaleDecimal(int128_t value, int from_scale, int to_scale,
                                       int precision) {
  int128_t out = value;
  if (to_scale > from_scale) {
    int128_t factor = PowerOfTen(to_scale - from_scale);
    if (DecimalDigits(value) + (to_scale - from_scale) > precision && value != 0) return std::nullopt;
    out = value * factor;
  } else if (to_scale < from_scale) {
    int128_t factor = PowerOfTen(from_scale - to_scale);
    int128_t q = value / factor, r = value % factor;
    if (r < 0) r = -r;
    if (r * 2 >= factor) q += value < 0 ? -1 : 1;
    out = q;
  }
  if (out != 0 && DecimalDigits(out) > precision) return std::nullopt;
  return out;
}

std::optional<int128_t> ParseDecimal(std::string_view text, int precision, int scale) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  size_t i = 0;
  bool negative = false;
  if (i < text.size() && (text[i] == '+' || text[i] == '-')) negative = text[i++] == '-';
  int128_t digits = 0;
  int num_digits = 0, frac_digits = 0;
  bool seen_point = false, any = false;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c == '.' && !seen_point) {
      seen_point = true;
      continue;
    }
    if (!std::isdigit(static_cast<unsigned char>(c))) break;
    any = true;
    if (num_digits == 0 && c == '0') {
      if (seen_point) ++frac_digits;
      continue;  // leading zeros carry no precision
    }
    if (num_digits >= 38) return std::nullopt;
    digits = digits * 10 + (c - '0');
    ++num_digits;
    if (seen_point) ++frac_digits;
  }
  if (!any) return std::nullopt;
  int exponent = 0;
  if (i < text.size() && (text[i] == 'e' || text[i] == 'E')) {
    ++i;
    bool exp_negative = false;
    if (i < text.size() && (text[i] == '+' || text[i] == '-')) exp_negative = text[i++] == '-';
    if (i >= text.size()) return std::nullopt;
    for (; i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])); ++i) {
      exponent = exponent * 10 + (text[i] - '0');
      if (exponent > 100) return std::nullopt;
    }
    if (exp_negative) exponent = -exponent;
  }
  if (i != text.size()) return std::nullopt;
  int from_scale = frac_digits - exponent;
  if (negative) digits = -digits;
  if (from_scale < 0) {
    if (num_digits - from_scale > 38) return std::nullopt;
    digits *= PowerOfTen(-from_scale);
    from_scale = 0;
  }
  return RescaleDecimal(digits, from_scale, scale, precision);
}

double DecimalToDouble(int128_t unscaled, int scale) {
  return static_cast<double>(unscaled) / std::pow(10.0, scale);
}

}  // namespace runnel::type
