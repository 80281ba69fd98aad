// DECIMAL(p, s) values: a 128-bit unscaled integer and a scale, as Arrow's decimal128.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace runnel::type {

using int128_t = __int128;

std::string DecimalToString(int128_t unscaled, int scale);
int128_t PowerOfTen(int exponent);  // 0 <= exponent <= 38
// Number of decimal digits of |v| (1 for 0).
int DecimalDigits(int128_t v);
// Parses "12.345", "-0.5", "1e3" into an unscaled value at `scale`, rounding half up; nullopt on
// bad text or when the result needs more than `precision` digits.
std::optional<int128_t> ParseDecimal(std::string_view text, int precision, int scale);
// Moves an unscaled value from one scale to another (rounding half up when scale shrinks);
// nullopt when it no longer fits `precision`.
std::optional<int128_t> RescaleDecimal(int128_t value, int from_scale, int to_scale, int precision);
double DecimalToDouble(int128_t unscaled, int scale);

}  // namespace runnel::type
