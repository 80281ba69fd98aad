// DELTA_BINARY_PACKED (encoding 5) for INT32 and INT64:
//   header: varint block size, varint miniblocks per block, varint total count, zigzag first value
//   block:  zigzag min delta, one bit-width byte per miniblock, the miniblocks bit-packed
// Deltas and their offsets from the block's min delta are computed with wrap-around in the
// unsigned domain, so every int32/int64 sequence round-trips.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "base/status.h"

namespace runnel::format::parquet {

template <typename T>  // int32_t or int64_t
class DeltaBinaryPackedDecoder {
  static_assert(std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>);
  using Unsigned = std::make_unsigned_t<T>;

 public:
  DeltaBinaryPackedDecoder() = default;

  // Reads the header. Accepts any block of whole miniblocks whose size is a multiple of 8
  // values (the spec asks writers for multiples of 128 and 32; its own examples use 8).
  static Result<DeltaBinaryPackedDecoder> Make(std::string_view data);

  int64_t total_values() const { return total_values_; }
  int64_t values_left() const { return values_left_; }

  // Decodes up to `n` values; returns how many (fewer only when the values run out).
  // Corruption when a block is truncated or names a bit width past 64. INT32 miniblocks up to 64
  // bits wide decode (DuckDB writes 33-bit ones), their offsets taken modulo 2^32.
  Result<int> GetBatch(T* out, int n);

  // Bytes from the start of the data to the end of the encoded values. Valid once every value
  // has been decoded; what follows belongs to the enclosing encoding (DELTA_LENGTH_BYTE_ARRAY).
  size_t bytes_consumed() const { return consumed_; }

 private:
  Status ReadBlockHeader();
  Status StartMiniblock();
  Status Refill();

  std::string_view data_;
  size_t pos_ = 0;       // next unread byte
  size_t consumed_ = 0;  // end of the last miniblock started (or of the header)
  int64_t miniblocks_per_block_ = 0;
  int64_t values_per_miniblock_ = 0;
  int64_t total_values_ = 0;
  int64_t values_left_ = 0;
  bool first_pending_ = false;
  Unsigned first_value_ = 0;
  Unsigned last_value_ = 0;
  Unsigned min_delta_ = 0;
  size_t bit_widths_at_ = 0;  // offset of the current block's bit-width bytes
  int64_t miniblock_index_ = 0;
  int64_t miniblock_values_left_ = 0;  // not yet unpacked, in the current miniblock
  int bit_width_ = 0;
  // Unpacked deltas (relative to min_delta_) not yet handed out.
  Unsigned buffer_[64] = {};
  int buffer_pos_ = 0;
  int buffer_count_ = 0;
};

template <typename T>  // int32_t or int64_t
class DeltaBinaryPackedEncoder {
  static_assert(std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>);
  using Unsigned = std::make_unsigned_t<T>;

 public:
  // Blocks of 128 values in 4 miniblocks of 32, as parquet-mr and Arrow write.
  static constexpr int kBlockSize = 128;
  static constexpr int kMiniblocks = 4;
  static constexpr int kMiniblockSize = kBlockSize / kMiniblocks;

  void Put(T value);
  void Put(const T* values, int64_t n);
  int64_t num_values() const { return num_values_; }
  // Appends the header and all blocks of the values put so far, then starts afresh.
  void Flush(std::string* out);

 private:
  void WriteBlock();

  std::string blocks_;
  Unsigned deltas_[kBlockSize] = {};
  int num_deltas_ = 0;
  T first_value_ = 0;
  T last_value_ = 0;
  int64_t num_values_ = 0;
};

extern template class DeltaBinaryPackedDecoder<int32_t>;
extern template class DeltaBinaryPackedDecoder<int64_t>;
extern template class DeltaBinaryPackedEncoder<int32_t>;
extern template class DeltaBinaryPackedEncoder<int64_t>;

}  // namespace runnel::format::parquet
