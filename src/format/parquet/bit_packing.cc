#include "format/parquet/bit_packing.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

namespace runnel::format::parquet {
namespace {

inline uint64_t LoadLittleEndian64(const uint8_t* p) {
  uint64_t word;
  std::memcpy(&word, p, sizeof(word));
  static_assert(__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__, "bit unpacking assumes little endian");
  return word;
}

// One group of 8 values of width W (<= 32) from `in`, which must have W + 8 readable bytes:
// every value is one unaligned 64-bit load, a shift and a mask, all constants after unrolling.
template <int W>
inline void UnpackGroup32(const uint8_t* in, uint32_t* out) {
  constexpr uint64_t kMask = W == 64 ? ~uint64_t{0} : (uint64_t{1} << W) - 1;
  for (int i = 0; i < 8; ++i) {
    const int bit = i * W;
    out[i] = static_cast<uint32_t>((LoadLittleEndian64(in + bit / 8) >> (bit % 8)) & kMask);
  }
}

// Widths above 56 can straddle nine bytes, so such values take a second load.
template <int W>
inline void UnpackGroup64(const uint8_t* in, uint64_t* out) {
  constexpr uint64_t kMask = W == 64 ? ~uint64_t{0} : (uint64_t{1} << W) - 1;
  for (int i = 0; i < 8; ++i) {
    const int bit = i * W;
    const int shift = bit % 8;
    uint64_t value = LoadLittleEndian64(in + bit / 8) >> shift;
    if (shift + W > 64) {
      // Two shifts, as the compiler cannot see that shift > 0 here and 64-bit shifts are UB.
      value |= (LoadLittleEndian64(in + bit / 8 + 8) << 1) << (63 - shift);
    }
    out[i] = value & kMask;
  }
}

// Groups with enough readable bytes after them are read in place; the last few go through a
// padded copy so the 64-bit loads never touch bytes past `readable`.
template <int W, typename Out, void (*kGroup)(const uint8_t*, Out*), int kSlack>
void UnpackGroups(const uint8_t* in, size_t readable, int64_t num_groups, Out* out) {
  if constexpr (W == 0) {
    std::memset(out, 0, sizeof(Out) * 8 * num_groups);
  } else {
    const int64_t in_place =
        readable < W + kSlack ? 0 : std::min<int64_t>(num_groups, (readable - kSlack) / W);
    int64_t group = 0;
    for (; group < in_place; ++group) kGroup(in + group * W, out + group * 8);
    for (; group < num_groups; ++group) {
      uint8_t padded[W + kSlack] = {};
      std::memcpy(padded, in + group * W, W);
      kGroup(padded, out + group * 8);
    }
  }
}

template <int W>
void Unpack32(const uint8_t* in, size_t readable, int64_t num_groups, uint32_t* out) {
  UnpackGroups<W, uint32_t, UnpackGroup32<W>, 8>(in, readable, num_groups, out);
}

template <int W>
void Unpack64(const uint8_t* in, size_t readable, int64_t num_groups, uint64_t* out) {
  UnpackGroups<W, uint64_t, UnpackGroup64<W>, 16>(in, readable, num_groups, out);
}

using Unpack32Fn = void (*)(const uint8_t*, size_t, int64_t, uint32_t*);
using Unpack64Fn = void (*)(const uint8_t*, size_t, int64_t, uint64_t*);

template <size_t... W>
constexpr std::array<Unpack32Fn, sizeof...(W)> MakeUnpack32Table(std::index_sequence<W...>) {
  return {&Unpack32<W>...};
}

template <size_t... W>
constexpr std::array<Unpack64Fn, sizeof...(W)> MakeUnpack64Table(std::index_sequence<W...>) {
  return {&Unpack64<W>...};
}

constexpr auto kUnpack32 = MakeUnpack32Table(std::make_index_sequence<33>());
constexpr auto kUnpack64 = MakeUnpack64Table(std::make_index_sequence<65>());

// A 128-bit accumulator lets widths up to 64 go in with one shift and one OR.
template <typename T>
void PackBitsImpl(const T* values, int64_t count, int bit_width, std::string* out) {
  if (bit_width == 0) return;
  const uint64_t mask = bit_width == 64 ? ~uint64_t{0} : (uint64_t{1} << bit_width) - 1;
  const size_t start = out->size();
  out->resize(start + static_cast<size_t>(count * bit_width / 8));
  char* dest = out->data() + start;
  unsigned __int128 buffer = 0;
  int buffered_bits = 0;
  for (int64_t i = 0; i < count; ++i) {
    buffer |= static_cast<unsigned __int128>(values[i] & mask) << buffered_bits;
    buffered_bits += bit_width;
    if (buffered_bits >= 64) {
      uint64_t word = static_cast<uint64_t>(buffer);
      std::memcpy(dest, &word, 8);
      dest += 8;
      buffer >>= 64;
      buffered_bits -= 64;
    }
  }
  for (; buffered_bits > 0; buffered_bits -= 8) {
    *dest++ = static_cast<char>(static_cast<uint8_t>(buffer));
    buffer >>= 8;
  }
}

}  // namespace

void UnpackBits32(const uint8_t* in, size_t readable, int bit_width, int64_t num_groups,
                  uint32_t* out) {
  kUnpack32[bit_width](in, readable, num_groups, out);
}

void UnpackBits64(const uint8_t* in, size_t readable, int bit_width, int64_t num_groups,
                  uint64_t* out) {
  kUnpack64[bit_width](in, readable, num_groups, out);
}

void PackBits(const uint32_t* values, int64_t count, int bit_width, std::string* out) {
  PackBitsImpl(values, count, bit_width, out);
}

void PackBits(const uint64_t* values, int64_t count, int bit_width, std::string* out) {
  PackBitsImpl(values, count, bit_width, out);
}

}  // namespace runnel::format::parquet
