#include "function/scalar/wide_decimal.h"

#include <cstdint>

namespace runnel::function {

using type::int128_t;
using u128 = unsigned __int128;

namespace {

// An unsigned 256-bit integer, four 64-bit words, least significant first.
struct U256 {
  uint64_t w[4] = {0, 0, 0, 0};

  static U256 From(u128 v) {
    U256 out;
    out.w[0] = static_cast<uint64_t>(v);
    out.w[1] = static_cast<uint64_t>(v >> 64);
    return out;
  }
  bool IsZero() const { return (w[0] | w[1] | w[2] | w[3]) == 0; }
  bool FitsIn127Bits() const { return w[2] == 0 && w[3] == 0 && !(w[1] >> 63); }
  u128 Low128() const { return (static_cast<u128>(w[1]) << 64) | w[0]; }

  // *this *= m; false on overflow past 256 bits.
  bool MultiplySmall(uint64_t m) {
    u128 carry = 0;
    for (auto& word : w) {
      u128 p = static_cast<u128>(word) * m + carry;
      word = static_cast<uint64_t>(p);
      carry = p >> 64;
    }
    return carry == 0;
  }
  // *this /= d, returning the remainder.
  uint64_t DivideSmall(uint64_t d) {
    u128 rem = 0;
    for (int i = 3; i >= 0; --i) {
      u128 cur = (rem << 64) | w[i];
      w[i] = static_cast<uint64_t>(cur / d);
      rem = cur % d;
    }
    return static_cast<uint64_t>(rem);
  }
  bool AddOne() {
    for (auto& word : w) {
      if (++word != 0) return true;
    }
    return false;
  }
  bool Bit(int i) const { return (w[i / 64] >> (i % 64)) & 1; }
  void SetBit(int i) { w[i / 64] |= uint64_t{1} << (i % 64); }
  void ShiftLeftOne() {
    for (int i = 3; i > 0; --i) w[i] = (w[i] << 1) | (w[i - 1] >> 63);
    w[0] <<= 1;
  }
  int Compare(const U256& o) const {
    for (int i = 3; i >= 0; --i) {
      if (w[i] != o.w[i]) return w[i] < o.w[i] ? -1 : 1;
    }
    return 0;
  }
  void Subtract(const U256& o) {
    uint64_t borrow = 0;
    for (int i = 0; i < 4; ++i) {
      u128 d = static_cast<u128>(w[i]) - o.w[i] - borrow;
      w[i] = static_cast<uint64_t>(d);
      borrow = (d >> 64) ? 1 : 0;
    }
  }
};

U256 Multiply128(u128 a, u128 b) {
  uint64_t a_words[2] = {static_cast<uint64_t>(a), static_cast<uint64_t>(a >> 64)};
  uint64_t b_words[2] = {static_cast<uint64_t>(b), static_cast<uint64_t>(b >> 64)};
  U256 out;
  for (int i = 0; i < 2; ++i) {
    u128 carry = 0;
    for (int j = 0; j < 2; ++j) {
      u128 p = static_cast<u128>(a_words[i]) * b_words[j] + out.w[i + j] + carry;
      out.w[i + j] = static_cast<uint64_t>(p);
      carry = p >> 64;
    }
    out.w[i + 2] = static_cast<uint64_t>(carry);
  }
  return out;
}

constexpr uint64_t kTen19 = 10000000000000000000ull;

bool MultiplyPowerOfTen(U256* v, int digits) {
  for (; digits >= 19; digits -= 19) {
    if (!v->MultiplySmall(kTen19)) return false;
  }
  uint64_t rest = 1;
  for (int i = 0; i < digits; ++i) rest *= 10;
  return v->MultiplySmall(rest);
}

void DividePowerOfTen(U256* v, int digits) {
  for (; digits >= 19; digits -= 19) v->DivideSmall(kTen19);
  uint64_t rest = 1;
  for (int i = 0; i < digits; ++i) rest *= 10;
  v->DivideSmall(rest);
}

u128 Magnitude(int128_t v) { return v < 0 ? u128(0) - static_cast<u128>(v) : static_cast<u128>(v); }

std::optional<int128_t> Signed(const U256& magnitude, bool negative, int precision) {
  if (!magnitude.FitsIn127Bits()) return std::nullopt;
  int128_t v = static_cast<int128_t>(magnitude.Low128());
  if (v != 0 && type::DecimalDigits(v) > precision) return std::nullopt;
  return negative ? -v : v;
}

}  // namespace

std::optional<int128_t> WideMultiply(int128_t x, int128_t y, int drop_digits, int precision) {
  U256 p = Multiply128(Magnitude(x), Magnitude(y));
  if (drop_digits > 0) {
    // HALF_UP depends only on the highest dropped digit.
    DividePowerOfTen(&p, drop_digits - 1);
    if (p.DivideSmall(10) >= 5 && !p.AddOne()) return std::nullopt;
  }
  return Signed(p, (x < 0) != (y < 0), precision);
}

std::optional<int128_t> WideDivide(int128_t x, int128_t y, int scale_up, int precision) {
  if (y == 0) return std::nullopt;
  U256 num = U256::From(Magnitude(x)), den = U256::From(Magnitude(y));
  if (!MultiplyPowerOfTen(scale_up >= 0 ? &num : &den, scale_up >= 0 ? scale_up : -scale_up)) {
    // Only the divisor can grow past 256 bits meaningfully; then the quotient rounds to 0.
    if (scale_up < 0) return int128_t{0};
    return std::nullopt;
  }
  // Shift-subtract long division; `rem` < den always, but rem * 2 may carry past 256 bits,
  // in which case it certainly exceeds den and the wrapping subtraction is exact.
  U256 quotient, rem;
  for (int i = 255; i >= 0; --i) {
    bool carry = rem.Bit(255);
    rem.ShiftLeftOne();
    if (num.Bit(i)) rem.w[0] |= 1;
    if (carry || rem.Compare(den) >= 0) {
      rem.Subtract(den);
      quotient.SetBit(i);
    }
  }
  bool carry = rem.Bit(255);
  rem.ShiftLeftOne();  // rem * 2, compared with den for HALF_UP
  if ((carry || rem.Compare(den) >= 0) && !quotient.AddOne()) return std::nullopt;
  return Signed(quotient, (x < 0) != (y < 0), precision);
}

}  // namespace runnel::function
