// Exact DECIMAL multiplication and division for operands whose intermediate result needs more
// than 128 bits (operands near 38 digits): the work is done on 256-bit magnitudes, as Spark's
// unbounded BigDecimal would, and only the final result must fit.
#pragma once

#include <optional>

#include "type/decimal.h"

namespace runnel::function {

// round(x * y / 10^drop_digits) HALF_UP; nullopt when it needs more than `precision` digits.
std::optional<type::int128_t> WideMultiply(type::int128_t x, type::int128_t y, int drop_digits,
                                           int precision);
// round(x * 10^scale_up / y) HALF_UP (scale_up may be negative: then y is scaled instead);
// nullopt when y is 0 or the result needs more than `precision` digits.
std::optional<type::int128_t> WideDivide(type::int128_t x, type::int128_t y, int scale_up,
                                         int precision);

}  // namespace runnel::function
