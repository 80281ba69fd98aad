#include "format/parquet/level_encoding.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/check.h"
#include "format/parquet/bit_packing.h"

namespace runnel::format::parquet {

int LevelBitWidth(int16_t max_level) {
  return max_level <= 0 ? 0 : BitWidthOf(static_cast<uint64_t>(max_level));
}

Result<LevelDecoder> LevelDecoder::MakeV1(LevelEncoding encoding, int16_t max_level,
                                          int64_t num_values, std::string_view* page) {
  if (max_level < 0) {
    return Status::InvalidArgument(
        fmt::format("Max level must not be negative, got {}", max_level));
  }
  LevelDecoder decoder;
  decoder.encoding_ = encoding;
  decoder.max_level_ = max_level;
  decoder.bit_width_ = LevelBitWidth(max_level);
  if (max_level == 0) return decoder;  // no levels are stored
  if (encoding == LevelEncoding::kRle) {
    auto section = ReadLengthPrefixed(page);
    if (!section.ok()) return section.status().WithContext("reading levels of a v1 data page");
    decoder.rle_ = RleDecoder(*section, decoder.bit_width_);
    return decoder;
  }
  if (num_values < 0) {
    return Status::Corruption(fmt::format("Data page has a negative value count: {}", num_values));
  }
  const int64_t bytes = (num_values * decoder.bit_width_ + 7) / 8;
  if (bytes > static_cast<int64_t>(page->size())) {
    return Status::Corruption(fmt::format(
        "BIT_PACKED levels are truncated: {} values of {} bits need {} bytes, the page has {}",
        num_values, decoder.bit_width_, bytes, page->size()));
  }
  decoder.packed_ = page->substr(0, bytes);
  decoder.packed_values_ = num_values;
  page->remove_prefix(bytes);
  return decoder;
}

Result<LevelDecoder> LevelDecoder::MakeV2(int16_t max_level, std::string_view levels) {
  if (max_level < 0) {
    return Status::InvalidArgument(
        fmt::format("Max level must not be negative, got {}", max_level));
  }
  LevelDecoder decoder;
  decoder.max_level_ = max_level;
  decoder.bit_width_ = LevelBitWidth(max_level);
  decoder.rle_ = RleDecoder(levels, decoder.bit_width_);
  return decoder;
}

Status LevelDecoder::Decode(int16_t* out, int n) {
  if (max_level_ == 0) {
    std::fill_n(out, n, int16_t{0});
    return Status::OK();
  }
  if (encoding_ == LevelEncoding::kBitPacked) {
    RUNNEL_RETURN_NOT_OK(DecodeBitPacked(out, n));
  } else {
    RUNNEL_RETURN_NOT_OK(rle_.Decode(out, n));
  }
  return CheckMax(out, n);
}

Status LevelDecoder::CheckMax(const int16_t* levels, int n) const {
  // A plain max over the batch vectorizes; the slow search runs only to report an error.
  int16_t highest = 0;
  for (int i = 0; i < n; ++i) highest = std::max(highest, levels[i]);
  if (highest <= max_level_) return Status::OK();
  const int at = static_cast<int>(std::find(levels, levels + n, highest) - levels);
  return Status::Corruption(
      fmt::format("Level {} at position {} of the batch exceeds the column's maximum level {}",
                  highest, at, max_level_));
}

Status LevelDecoder::DecodeBitPacked(int16_t* out, int n) {
  if (n > packed_values_ - packed_next_) {
    return Status::Corruption(fmt::format("BIT_PACKED levels end after {} values, {} were expected",
                                          packed_values_ - packed_next_, n));
  }
  const auto* bytes = reinterpret_cast<const uint8_t*>(packed_.data());
  const uint32_t mask = (1u << bit_width_) - 1;
  // Levels are at most 15 bits, so a value spans at most 3 bytes, read most significant first.
  for (int i = 0; i < n; ++i) {
    const int64_t bit = (packed_next_ + i) * bit_width_;
    const size_t byte = static_cast<size_t>(bit / 8);
    uint32_t word = 0;
    for (size_t b = byte; b < byte + 3; ++b)
      word = (word << 8) | (b < packed_.size() ? bytes[b] : 0);
    out[i] = static_cast<int16_t>((word >> (24 - bit % 8 - bit_width_)) & mask);
  }
  packed_next_ += n;
  return Status::OK();
}

namespace {

void AppendRleLevels(const int16_t* levels, int64_t n, int16_t max_level, std::string* out) {
  RleEncoder encoder(LevelBitWidth(max_level));
  for (int64_t i = 0; i < n; ++i) encoder.Put(static_cast<uint64_t>(levels[i]));
  encoder.Flush(out);
}

}  // namespace

void AppendLevelsV1(const int16_t* levels, int64_t n, int16_t max_level, std::string* out) {
  if (max_level == 0) return;
  std::string runs;
  AppendRleLevels(levels, n, max_level, &runs);
  AppendLengthPrefixed(runs, out);
}

void AppendLevelsV2(const int16_t* levels, int64_t n, int16_t max_level, std::string* out) {
  if (max_level == 0) return;
  AppendRleLevels(levels, n, max_level, out);
}

void AppendLevelsBitPacked(const int16_t* levels, int64_t n, int16_t max_level, std::string* out) {
  const int bit_width = LevelBitWidth(max_level);
  if (bit_width == 0) return;
  uint32_t buffer = 0;
  int buffered_bits = 0;
  for (int64_t i = 0; i < n; ++i) {
    RUNNEL_DCHECK(levels[i] >= 0 && levels[i] <= max_level);
    buffer = (buffer << bit_width) | static_cast<uint32_t>(levels[i]);
    buffered_bits += bit_width;
    while (buffered_bits >= 8) {
      buffered_bits -= 8;
      out->push_back(static_cast<char>(buffer >> buffered_bits));
    }
    buffer &= (1u << buffered_bits) - 1;
  }
  if (buffered_bits > 0) out->push_back(static_cast<char>(buffer << (8 - buffered_bits)));
}

}  // namespace runnel::format::parquet
