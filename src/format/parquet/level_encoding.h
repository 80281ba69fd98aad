// Repetition and definition levels of a data page. In data page v1 they are RLE (a 4-byte
// little-endian length, then the RLE/bit-packed hybrid) or, from very old writers, the
// deprecated BIT_PACKED encoding (MSB first, no prefix, ceil(num_values * bit_width / 8) bytes).
// In data page v2 they are always the hybrid, without a prefix: the page header holds their
// byte lengths. A column whose max level is 0 stores no levels at all.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "format/parquet/rle_encoding.h"

namespace runnel::format::parquet {

// The two encodings a v1 page header may name for its levels (RLE = 3, BIT_PACKED = 4).
enum class LevelEncoding { kRle, kBitPacked };

// Bits per level for a column whose levels go up to `max_level`.
int LevelBitWidth(int16_t max_level);

class LevelDecoder {
 public:
  LevelDecoder() = default;

  // Takes the levels of a v1 page off the front of *page and advances *page past them.
  // `num_values` is the page header's value count (BIT_PACKED needs it to know its length).
  static Result<LevelDecoder> MakeV1(LevelEncoding encoding, int16_t max_level, int64_t num_values,
                                     std::string_view* page);
  // `levels` is exactly the section the v2 page header delimits.
  static Result<LevelDecoder> MakeV2(int16_t max_level, std::string_view levels);

  // Decodes exactly `n` levels; Corruption when the data ends early or a level exceeds the max.
  Status Decode(int16_t* out, int n);

 private:
  Status DecodeBitPacked(int16_t* out, int n);
  Status CheckMax(const int16_t* levels, int n) const;

  LevelEncoding encoding_ = LevelEncoding::kRle;
  int16_t max_level_ = 0;
  int bit_width_ = 0;
  RleDecoder rle_;
  std::string_view packed_;    // BIT_PACKED bytes
  int64_t packed_values_ = 0;  // BIT_PACKED values in packed_
  int64_t packed_next_ = 0;    // index of the next BIT_PACKED value
};

// Appends levels as a v1 page stores them (length-prefixed RLE; nothing when max_level is 0).
void AppendLevelsV1(const int16_t* levels, int64_t n, int16_t max_level, std::string* out);
// Appends levels as a v2 page stores them (RLE only; nothing when max_level is 0).
void AppendLevelsV2(const int16_t* levels, int64_t n, int16_t max_level, std::string* out);
// The deprecated BIT_PACKED layout, for tests and for writing files old readers understand.
void AppendLevelsBitPacked(const int16_t* levels, int64_t n, int16_t max_level, std::string* out);

}  // namespace runnel::format::parquet
