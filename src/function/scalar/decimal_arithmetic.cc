// Results are exact: intermediates that need more than 128 bits go through wide_decimal.h.
#include "function/scalar/decimal_arithmetic.h"

#include <algorithm>

#include "function/coercion.h"
#include "function/scalar/row_kernel.h"
#include "function/scalar/wide_decimal.h"

namespace runnel::function {

using type::DataTypePtr;
using type::int128_t;

DataTypePtr DecimalResultType(ArithmeticOp op, const type::DataType& a, const type::DataType& b) {
  int p1 = a.precision(), s1 = a.scale(), p2 = b.precision(), s2 = b.scale();
  switch (op) {
    case ArithmeticOp::kAdd:
    case ArithmeticOp::kSubtract: {
      int s = std::max(s1, s2);
      return AdjustedDecimal(std::max(p1 - s1, p2 - s2) + s + 1, s);
    }
    case ArithmeticOp::kMultiply:
      return AdjustedDecimal(p1 + p2 + 1, s1 + s2);
    case ArithmeticOp::kDivide: {
      int s = std::max(6, s1 + p2 + 1);
      return AdjustedDecimal(p1 - s1 + s2 + s, s);
    }
    case ArithmeticOp::kRemainder:
    case ArithmeticOp::kPmod: {
      int s = std::max(s1, s2);
      return type::Decimal(std::min(std::min(p1 - s1, p2 - s2) + s, type::kMaxDecimalPrecision), s);
    }
    case ArithmeticOp::kIntegralDivide:
      return type::BigInt();
  }
  return nullptr;
}

int128_t RoundDroppingDigits(int128_t value, int digits, bool half_even) {
  if (digits <= 0) return value;
  if (digits > 38) return 0;
  int128_t factor = type::PowerOfTen(digits);
  int128_t q = value / factor, r = value % factor;
  if (r < 0) r = -r;
  int128_t twice = r * 2;
  bool up = twice > factor || (twice == factor && (!half_even || (q % 2 != 0)));
  if (up) q += value < 0 ? -1 : 1;
  return q;
}

namespace {

bool Fits(int128_t v, int precision) { return v == 0 || type::DecimalDigits(v) <= precision; }

// value * 10^digits, false on overflow.
bool ScaleUp(int128_t value, int digits, int128_t* out) {
  if (digits > 38) return value == 0 ? (*out = 0, true) : false;
  return !__builtin_mul_overflow(value, type::PowerOfTen(digits), out);
}

// Rounds a value at `from_scale` to `to_scale` (<= from_scale) HALF_UP and checks precision.
bool Finish(int128_t value, int from_scale, const type::DataType& result, int128_t* out) {
  int128_t v = value;
  if (from_scale > result.scale()) {
    v = RoundDroppingDigits(value, from_scale - result.scale(), false);
  } else if (from_scale < result.scale() && !ScaleUp(value, result.scale() - from_scale, &v)) {
    return false;
  }
  if (!Fits(v, result.precision())) return false;
  *out = v;
  return true;
}

// Both operands at their common scale max(s1, s2).
bool Align(int128_t x, int s1, int128_t y, int s2, int128_t* ax, int128_t* ay) {
  int s = std::max(s1, s2);
  return ScaleUp(x, s - s1, ax) && ScaleUp(y, s - s2, ay);
}

// round(num / den) HALF_UP.
int128_t DivideHalfUp(int128_t num, int128_t den) {
  int128_t q = num / den, r = num % den;
  int128_t ar = r < 0 ? -r : r, ad = den < 0 ? -den : den;
  if (ar >= ad - ar) q += ((num < 0) != (den < 0)) ? -1 : 1;
  return q;
}

}  // namespace

vector::ColumnPtr DecimalArithmetic(ArithmeticOp op, const vector::Column& a,
                                    const vector::Column& b, const DataTypePtr& result) {
  int s1 = a.type()->scale(), s2 = b.type()->scale();
  const type::DataType& rt = *result;
  auto add_sub = [&](int128_t x, int128_t y, int128_t* out) {
    int128_t ax, ay, sum;
    if (!Align(x, s1, y, s2, &ax, &ay)) return false;
    bool overflow = op == ArithmeticOp::kAdd ? __builtin_add_overflow(ax, ay, &sum)
                                             : __builtin_sub_overflow(ax, ay, &sum);
    return !overflow && Finish(sum, std::max(s1, s2), rt, out);
  };
  switch (op) {
    case ArithmeticOp::kAdd:
    case ArithmeticOp::kSubtract:
      return MapBinary<int128_t, int128_t>(result, a, b, add_sub);
    case ArithmeticOp::kMultiply:
      return MapBinary<int128_t, int128_t>(
          result, a, b, [&](int128_t x, int128_t y, int128_t* out) {
            int128_t p;
            if (!__builtin_mul_overflow(x, y, &p)) return Finish(p, s1 + s2, rt, out);
            auto wide = WideMultiply(x, y, s1 + s2 - rt.scale(), rt.precision());
            if (wide) *out = *wide;
            return wide.has_value();
          });
    case ArithmeticOp::kDivide:
      return MapBinary<int128_t, int128_t>(
          result, a, b, [&](int128_t x, int128_t y, int128_t* out) {
            if (y == 0) return false;
            int k = rt.scale() - s1 + s2;  // x * 10^k / y is the unscaled result
            int128_t num = x, den = y;
            if (k >= 0 ? !ScaleUp(x, k, &num) : !ScaleUp(y, -k, &den)) {
              auto wide = WideDivide(x, y, k, rt.precision());
              if (wide) *out = *wide;
              return wide.has_value();
            }
            int128_t q = DivideHalfUp(num, den);
            if (!Fits(q, rt.precision())) return false;
            *out = q;
            return true;
          });
    case ArithmeticOp::kRemainder:
    case ArithmeticOp::kPmod:
      return MapBinary<int128_t, int128_t>(result, a, b,
                                           [&](int128_t x, int128_t y, int128_t* out) {
                                             int128_t ax, ay;
                                             if (!Align(x, s1, y, s2, &ax, &ay) || ay == 0)
                                               return false;
                                             int128_t r = ax % ay;
                                             if (op == ArithmeticOp::kPmod && r < 0)
                                               r = (r + ay) % ay;
                                             return Finish(r, std::max(s1, s2), rt, out);
                                           });
    case ArithmeticOp::kIntegralDivide:
      return MapBinary<int128_t, int64_t>(result, a, b, [&](int128_t x, int128_t y, int64_t* out) {
        int128_t ax, ay;
        if (!Align(x, s1, y, s2, &ax, &ay) || ay == 0) return false;
        *out = static_cast<int64_t>(ax / ay);
        return true;
      });
  }
  return nullptr;
}

}  // namespace runnel::function
