#include "format/parquet/delta_encoding.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>

#include "format/parquet/bit_packing.h"
#include "format/parquet/uleb128.h"

namespace runnel::format::parquet {
namespace {

// Bounds that no real writer comes near; they keep a corrupt header from asking for absurd
// blocks (block sizes in the wild are 128 to a few thousand values).
constexpr uint64_t kMaxBlockSize = uint64_t{1} << 20;
constexpr uint64_t kMaxTotalValues = std::numeric_limits<int32_t>::max();

}  // namespace

// ---------------------------------------------------------------------------------------------
// DeltaBinaryPackedDecoder

template <typename T>
Result<DeltaBinaryPackedDecoder<T>> DeltaBinaryPackedDecoder<T>::Make(std::string_view data) {
  DeltaBinaryPackedDecoder decoder;
  decoder.data_ = data;
  uint64_t block_size, miniblocks, total, first;
  size_t& pos = decoder.pos_;
  if (!ReadUleb128(data, &pos, &block_size) || !ReadUleb128(data, &pos, &miniblocks) ||
      !ReadUleb128(data, &pos, &total) || !ReadUleb128(data, &pos, &first)) {
    return Status::Corruption(fmt::format(
        "DELTA_BINARY_PACKED header is truncated or malformed ({} bytes of data)", data.size()));
  }
  if (block_size == 0 || block_size > kMaxBlockSize || miniblocks == 0 ||
      block_size % miniblocks != 0 || (block_size / miniblocks) % 8 != 0) {
    return Status::Corruption(fmt::format(
        "DELTA_BINARY_PACKED header has an invalid block layout: {} values in {} miniblocks "
        "(expected a multiple of 8 values per miniblock)",
        block_size, miniblocks));
  }
  if (total > kMaxTotalValues) {
    return Status::Corruption(fmt::format(
        "DELTA_BINARY_PACKED header claims {} values, more than a page can hold", total));
  }
  decoder.miniblocks_per_block_ = static_cast<int64_t>(miniblocks);
  decoder.values_per_miniblock_ = static_cast<int64_t>(block_size / miniblocks);
  decoder.total_values_ = decoder.values_left_ = static_cast<int64_t>(total);
  decoder.first_pending_ = total > 0;
  // Values out of range for T wrap, like every other addition in this encoding.
  decoder.first_value_ = static_cast<Unsigned>(ZigZagDecode64(first));
  decoder.consumed_ = pos;
  decoder.miniblock_index_ = decoder.miniblocks_per_block_;  // the first refill reads a block
  return decoder;
}

template <typename T>
Status DeltaBinaryPackedDecoder<T>::ReadBlockHeader() {
  uint64_t min_delta;
  const size_t block_at = pos_;
  if (!ReadUleb128(data_, &pos_, &min_delta)) {
    return Status::Corruption(fmt::format(
        "DELTA_BINARY_PACKED block at byte {} is truncated: its min delta is missing", block_at));
  }
  if (static_cast<int64_t>(data_.size() - pos_) < miniblocks_per_block_) {
    return Status::Corruption(fmt::format(
        "DELTA_BINARY_PACKED block at byte {} is truncated: {} bit widths expected, {} bytes left",
        block_at, miniblocks_per_block_, data_.size() - pos_));
  }
  min_delta_ = static_cast<Unsigned>(ZigZagDecode64(min_delta));
  bit_widths_at_ = pos_;
  pos_ += static_cast<size_t>(miniblocks_per_block_);
  miniblock_index_ = 0;
  return Status::OK();
}

template <typename T>
Status DeltaBinaryPackedDecoder<T>::StartMiniblock() {
  // Only the bit widths of miniblocks that hold values are looked at: the spec lets writers
  // leave garbage in the others.
  // The spec forbids widths past the type's, but DuckDB (1.5) writes INT32 deltas computed in
  // 64 bits, up to 33 bits wide. Only the low 32 bits of each offset count in the wrapping
  // arithmetic, so such miniblocks decode exactly; only widths past 64 are nonsense.
  const int bit_width = static_cast<uint8_t>(data_[bit_widths_at_ + miniblock_index_]);
  if (bit_width > 64) {
    return Status::Corruption(fmt::format(
        "DELTA_BINARY_PACKED miniblock has bit width {}, wider than 64 bits", bit_width));
  }
  const size_t bytes = static_cast<size_t>(values_per_miniblock_ * bit_width / 8);
  if (data_.size() - pos_ < bytes) {
    return Status::Corruption(fmt::format(
        "DELTA_BINARY_PACKED miniblock at byte {} is truncated: {} bytes expected, {} left", pos_,
        bytes, data_.size() - pos_));
  }
  bit_width_ = bit_width;
  miniblock_values_left_ = values_per_miniblock_;
  consumed_ = pos_ + bytes;
  return Status::OK();
}

template <typename T>
Status DeltaBinaryPackedDecoder<T>::Refill() {
  if (miniblock_values_left_ == 0) {
    if (miniblock_index_ + 1 >= miniblocks_per_block_) {
      RUNNEL_RETURN_NOT_OK(ReadBlockHeader());
    } else {
      ++miniblock_index_;
    }
    RUNNEL_RETURN_NOT_OK(StartMiniblock());
  }
  const int64_t groups = std::min<int64_t>(8, miniblock_values_left_ / 8);
  const auto* in = reinterpret_cast<const uint8_t*>(data_.data()) + pos_;
  const size_t readable = data_.size() - pos_;
  if constexpr (sizeof(T) == 4) {
    if (bit_width_ <= 32) {
      UnpackBits32(in, readable, bit_width_, groups, buffer_);
    } else {
      // DuckDB computes INT32 deltas in 64 bits; the low 32 bits decode exactly.
      uint64_t wide[64];
      UnpackBits64(in, readable, bit_width_, groups, wide);
      for (int64_t i = 0; i < groups * 8; ++i) buffer_[i] = static_cast<Unsigned>(wide[i]);
    }
  } else {
    UnpackBits64(in, readable, bit_width_, groups, buffer_);
  }
  pos_ += static_cast<size_t>(groups * bit_width_);
  miniblock_values_left_ -= groups * 8;
  buffer_pos_ = 0;
  buffer_count_ = static_cast<int>(groups * 8);
  return Status::OK();
}

template <typename T>
Result<int> DeltaBinaryPackedDecoder<T>::GetBatch(T* out, int n) {
  n = static_cast<int>(std::min<int64_t>(n, values_left_));
  if (n <= 0) return 0;
  int done = 0;
  if (first_pending_) {
    out[done++] = static_cast<T>(first_value_);
    last_value_ = first_value_;
    first_pending_ = false;
  }
  while (done < n) {
    if (buffer_pos_ == buffer_count_) {
      Status status = Refill();
      if (!status.ok()) {
        values_left_ = 0;  // the stream is unusable past this point
        return status;
      }
    }
    const int count = std::min(n - done, buffer_count_ - buffer_pos_);
    const Unsigned* deltas = buffer_ + buffer_pos_;
    Unsigned value = last_value_;
    const Unsigned min_delta = min_delta_;
    for (int i = 0; i < count; ++i) {
      value += min_delta + deltas[i];
      out[done + i] = static_cast<T>(value);
    }
    last_value_ = value;
    buffer_pos_ += count;
    done += count;
  }
  values_left_ -= n;
  return n;
}

// ---------------------------------------------------------------------------------------------
// DeltaBinaryPackedEncoder

template <typename T>
void DeltaBinaryPackedEncoder<T>::Put(T value) {
  if (num_values_++ == 0) {
    first_value_ = last_value_ = value;
    return;
  }
  deltas_[num_deltas_++] = static_cast<Unsigned>(value) - static_cast<Unsigned>(last_value_);
  last_value_ = value;
  if (num_deltas_ == kBlockSize) WriteBlock();
}

template <typename T>
void DeltaBinaryPackedEncoder<T>::Put(const T* values, int64_t n) {
  for (int64_t i = 0; i < n; ++i) Put(values[i]);
}

template <typename T>
void DeltaBinaryPackedEncoder<T>::WriteBlock() {
  // The minimum is taken over the signed deltas; subtracting it (wrapping) leaves offsets that
  // are small unsigned numbers whenever the deltas are close together.
  T min_delta = static_cast<T>(deltas_[0]);
  for (int i = 1; i < num_deltas_; ++i) min_delta = std::min(min_delta, static_cast<T>(deltas_[i]));
  AppendUleb128(ZigZagEncode64(min_delta), &blocks_);
  Unsigned offsets[kBlockSize] = {};  // the padding of the last miniblock stays zero
  for (int i = 0; i < num_deltas_; ++i) offsets[i] = deltas_[i] - static_cast<Unsigned>(min_delta);
  const int used = (num_deltas_ + kMiniblockSize - 1) / kMiniblockSize;
  int bit_widths[kMiniblocks] = {};
  for (int m = 0; m < used; ++m) {
    Unsigned all_bits = 0;
    for (int i = 0; i < kMiniblockSize; ++i) all_bits |= offsets[m * kMiniblockSize + i];
    bit_widths[m] = BitWidthOf(all_bits);
  }
  for (int m = 0; m < kMiniblocks; ++m) blocks_.push_back(static_cast<char>(bit_widths[m]));
  for (int m = 0; m < used; ++m) {
    PackBits(offsets + m * kMiniblockSize, kMiniblockSize, bit_widths[m], &blocks_);
  }
  num_deltas_ = 0;
}

template <typename T>
void DeltaBinaryPackedEncoder<T>::Flush(std::string* out) {
  if (num_deltas_ > 0) WriteBlock();
  AppendUleb128(kBlockSize, out);
  AppendUleb128(kMiniblocks, out);
  AppendUleb128(static_cast<uint64_t>(num_values_), out);
  AppendUleb128(ZigZagEncode64(first_value_), out);
  out->append(blocks_);
  blocks_.clear();
  num_values_ = 0;
  first_value_ = last_value_ = 0;
}

template class DeltaBinaryPackedDecoder<int32_t>;
template class DeltaBinaryPackedDecoder<int64_t>;
template class DeltaBinaryPackedEncoder<int32_t>;
template class DeltaBinaryPackedEncoder<int64_t>;

}  // namespace runnel::format::parquet
