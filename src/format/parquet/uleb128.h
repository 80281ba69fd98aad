// ULEB128 varints and zigzag signed mapping, as the Parquet encodings use them (run headers of
// the RLE/bit-packed hybrid, the headers of DELTA_BINARY_PACKED).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace runnel::format::parquet {

// Reads one ULEB128 value starting at data[*pos] and advances *pos past it. False (and *pos
// unchanged) when the bytes end inside the varint or it does not fit 64 bits, so corrupt input
// can never make the reader run past the buffer or loop.
inline bool ReadUleb128(std::string_view data, size_t* pos, uint64_t* value) {
  uint64_t result = 0;
  size_t at = *pos;
  for (int shift = 0; shift < 64; shift += 7) {
    if (at >= data.size()) return false;
    uint8_t byte = static_cast<uint8_t>(data[at++]);
    uint64_t bits = byte & 0x7F;
    // The tenth byte holds only the top bit of a 64-bit value.
    if (shift == 63 && bits > 1) return false;
    result |= bits << shift;
    if ((byte & 0x80) == 0) {
      *value = result;
      *pos = at;
      return true;
    }
  }
  return false;
}

inline void AppendUleb128(uint64_t value, std::string* out) {
  while (value >= 0x80) {
    out->push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out->push_back(static_cast<char>(value));
}

// Zigzag maps small negative and positive numbers to small unsigned ones. The 64-bit mapping of
// a sign-extended int32 equals the 32-bit mapping, so one pair of functions serves both widths.
inline uint64_t ZigZagEncode64(int64_t value) {
  return (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
}

inline int64_t ZigZagDecode64(uint64_t value) {
  return static_cast<int64_t>((value >> 1) ^ (~(value & 1) + 1));
}

}  // namespace runnel::format::parquet
