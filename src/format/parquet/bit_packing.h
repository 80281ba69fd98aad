// Bit packing in the order of Parquet's RLE/bit-packed hybrid and DELTA_BINARY_PACKED: values
// are laid out from the least significant bit of each byte upwards, in groups of 8 values, so a
// group of 8 values of width w takes exactly w bytes.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace runnel::format::parquet {

// Unpacks `num_groups` groups of 8 values of `bit_width` bits (0..32) from `in`. `readable` is
// how many bytes from `in` may be read, at least num_groups * bit_width: the bytes after the
// packed data (the rest of a page) let every group but the page's last few be read in place,
// with unaligned 64-bit loads; nothing at or past in + readable is read.
void UnpackBits32(const uint8_t* in, size_t readable, int bit_width, int64_t num_groups,
                  uint32_t* out);
// The same for widths 0..64 (DELTA_BINARY_PACKED over INT64).
void UnpackBits64(const uint8_t* in, size_t readable, int bit_width, int64_t num_groups,
                  uint64_t* out);

// Appends `count` values (a multiple of 8) of `bit_width` bits (0..64); only the low bit_width
// bits of each value are used.
void PackBits(const uint32_t* values, int64_t count, int bit_width, std::string* out);
void PackBits(const uint64_t* values, int64_t count, int bit_width, std::string* out);

// The number of bits needed to represent `value` (0 for 0).
inline int BitWidthOf(uint64_t value) { return value == 0 ? 0 : 64 - __builtin_clzll(value); }

}  // namespace runnel::format::parquet
