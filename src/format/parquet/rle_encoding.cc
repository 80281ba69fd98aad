#include "format/parquet/rle_encoding.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <limits>
#include <type_traits>

#include "base/check.h"
#include "format/parquet/bit_packing.h"
#include "format/parquet/uleb128.h"

namespace runnel::format::parquet {

// ---------------------------------------------------------------------------------------------
// RleDecoder

RleDecoder::RleDecoder(std::string_view data, int bit_width) : data_(data), bit_width_(bit_width) {
  if (bit_width < 0 || bit_width > 32) {
    FailCorrupt(
        fmt::format("RLE/bit-packed bit width must be between 0 and 32, got {}", bit_width));
  }
}

void RleDecoder::FailCorrupt(std::string message) {
  if (status_.ok()) status_ = Status::Corruption(std::move(message));
  repeat_count_ = 0;
  literal_groups_ = 0;
  buffered_pos_ = buffered_count_ = 0;
  pos_ = data_.size();
}

bool RleDecoder::NextRun() {
  if (!status_.ok() || pos_ >= data_.size()) return false;
  const size_t header_at = pos_;
  uint64_t header;
  if (!ReadUleb128(data_, &pos_, &header)) {
    FailCorrupt(
        fmt::format("RLE/bit-packed run header at byte {} is truncated or too long", header_at));
    return false;
  }
  const uint64_t count = header >> 1;
  if (count > static_cast<uint64_t>(std::numeric_limits<int32_t>::max())) {
    FailCorrupt(fmt::format("RLE/bit-packed run at byte {} is too long: {}", header_at, count));
    return false;
  }
  if (header & 1) {
    literal_groups_ = static_cast<int64_t>(count);
    return true;
  }
  const size_t value_bytes = (bit_width_ + 7) / 8;
  if (data_.size() - pos_ < value_bytes) {
    FailCorrupt(fmt::format("RLE run at byte {} is truncated: its value needs {} bytes, {} left",
                            header_at, value_bytes, data_.size() - pos_));
    return false;
  }
  uint32_t value = 0;
  std::memcpy(&value, data_.data() + pos_, value_bytes);
  pos_ += value_bytes;
  if (bit_width_ < 32 && (value >> bit_width_) != 0) {
    FailCorrupt(fmt::format("RLE run at byte {} repeats {}, which does not fit in {} bits",
                            header_at, value, bit_width_));
    return false;
  }
  repeat_value_ = value;
  repeat_count_ = static_cast<int64_t>(count);
  return true;
}

void RleDecoder::UnpackLiteralGroups(int64_t num_groups, uint32_t* out) {
  UnpackBits32(reinterpret_cast<const uint8_t*>(data_.data()) + pos_, data_.size() - pos_,
               bit_width_, num_groups, out);
  pos_ += static_cast<size_t>(num_groups * bit_width_);
  literal_groups_ -= num_groups;
}

void RleDecoder::BufferOneGroup() {
  buffered_pos_ = 0;
  const size_t left = data_.size() - pos_;
  if (left >= static_cast<size_t>(bit_width_)) {
    UnpackLiteralGroups(1, buffered_);
    buffered_count_ = 8;
    return;
  }
  // The last group lost its padding: hand out the values whose bits are all present.
  uint8_t padded[32] = {};
  std::memcpy(padded, data_.data() + pos_, left);
  UnpackBits32(padded, sizeof(padded), bit_width_, 1, buffered_);
  buffered_count_ = static_cast<int>(left * 8 / bit_width_);
  pos_ = data_.size();
  literal_groups_ = 0;
}

template <typename T>
int RleDecoder::GetBatch(T* out, int n) {
  int done = 0;
  while (done < n) {
    if (buffered_pos_ < buffered_count_) {
      const int k = std::min(n - done, buffered_count_ - buffered_pos_);
      for (int i = 0; i < k; ++i) out[done + i] = static_cast<T>(buffered_[buffered_pos_ + i]);
      buffered_pos_ += k;
      done += k;
    } else if (repeat_count_ > 0) {
      const int k = static_cast<int>(std::min<int64_t>(n - done, repeat_count_));
      std::fill_n(out + done, k, static_cast<T>(repeat_value_));
      repeat_count_ -= k;
      done += k;
    } else if (literal_groups_ > 0) {
      int64_t groups = std::min<int64_t>((n - done) / 8, literal_groups_);
      if (bit_width_ > 0) {
        groups = std::min<int64_t>(groups, (data_.size() - pos_) / bit_width_);
      }
      if (groups == 0) {
        BufferOneGroup();
        continue;
      }
      if constexpr (std::is_same_v<T, uint32_t>) {
        UnpackLiteralGroups(groups, out + done);  // the fast path: straight into the caller
      } else {
        uint32_t chunk[256];
        for (int64_t g = 0; g < groups; g += 32) {
          const int64_t step = std::min<int64_t>(32, groups - g);
          UnpackLiteralGroups(step, chunk);
          for (int i = 0; i < step * 8; ++i) out[done + g * 8 + i] = static_cast<T>(chunk[i]);
        }
      }
      done += static_cast<int>(groups * 8);
    } else if (!NextRun()) {
      break;
    }
  }
  return done;
}

template <typename T>
Status RleDecoder::Decode(T* out, int n) {
  const int got = GetBatch(out, n);
  if (got == n) return Status::OK();
  if (!status_.ok()) return status_;
  return Status::Corruption(
      fmt::format("RLE/bit-packed data ends after {} values, {} were expected", got, n));
}

template int RleDecoder::GetBatch<uint32_t>(uint32_t*, int);
template int RleDecoder::GetBatch<int16_t>(int16_t*, int);
template Status RleDecoder::Decode<uint32_t>(uint32_t*, int);
template Status RleDecoder::Decode<int16_t>(int16_t*, int);

Result<RleDecoder> MakeDictionaryIndexDecoder(std::string_view data) {
  if (data.empty()) {
    return Status::Corruption("Dictionary-encoded page has no data: the bit width byte is missing");
  }
  const int bit_width = static_cast<uint8_t>(data[0]);
  if (bit_width > 32) {
    return Status::Corruption(
        fmt::format("Dictionary index bit width must be at most 32, got {}", bit_width));
  }
  return RleDecoder(data.substr(1), bit_width);
}

// ---------------------------------------------------------------------------------------------
// RleEncoder

RleEncoder::RleEncoder(int bit_width) : bit_width_(bit_width) {
  RUNNEL_CHECK(bit_width >= 0 && bit_width <= 32);
}

void RleEncoder::Put(uint64_t value) {
  RUNNEL_DCHECK(bit_width_ == 32 ? value <= 0xFFFFFFFFu : (value >> bit_width_) == 0);
  if (value == previous_) {
    // From the 8th equal value on, the run is RLE and the values need not be buffered; the
    // first 7 are exactly the buffered ones (a full group resets the count), so they are
    // dropped when the run is written.
    if (++repeat_count_ >= 8) return;
  } else {
    if (repeat_count_ >= 8) WriteRepeatRun();
    repeat_count_ = 1;
    previous_ = value;
  }
  buffered_[num_buffered_++] = value;
  if (num_buffered_ == 8) WriteBufferedGroup();
}

void RleEncoder::WriteRepeatRun() {
  EndLiteralRun();
  AppendUleb128(static_cast<uint64_t>(repeat_count_) << 1, &buffer_);
  for (int byte = 0; byte < (bit_width_ + 7) / 8; ++byte) {
    buffer_.push_back(static_cast<char>(previous_ >> (8 * byte)));
  }
  repeat_count_ = 0;
  num_buffered_ = 0;
}

void RleEncoder::WriteBufferedGroup() {
  // 63 groups keep the run header in one byte, so it can be reserved before the groups.
  if (literal_groups_ == 63) EndLiteralRun();
  if (literal_header_at_ < 0) {
    literal_header_at_ = static_cast<int64_t>(buffer_.size());
    buffer_.push_back(0);
  }
  PackBits(buffered_, 8, bit_width_, &buffer_);
  ++literal_groups_;
  num_buffered_ = 0;
  repeat_count_ = 0;
}

void RleEncoder::EndLiteralRun() {
  if (literal_header_at_ < 0) return;
  buffer_[literal_header_at_] = static_cast<char>((literal_groups_ << 1) | 1);
  literal_header_at_ = -1;
  literal_groups_ = 0;
}

void RleEncoder::Flush(std::string* out) {
  if (repeat_count_ >= 8) {
    WriteRepeatRun();
  } else if (num_buffered_ > 0) {
    std::fill(buffered_ + num_buffered_, buffered_ + 8, 0);
    num_buffered_ = 8;
    WriteBufferedGroup();
  }
  EndLiteralRun();
  out->append(buffer_);
  buffer_.clear();
  num_buffered_ = 0;
  previous_ = 0;
  repeat_count_ = 0;
}

// ---------------------------------------------------------------------------------------------
// Length prefixes

Result<std::string_view> ReadLengthPrefixed(std::string_view* data) {
  if (data->size() < 4) {
    return Status::Corruption(fmt::format(
        "Length-prefixed section is truncated: 4 bytes of length expected, {} left", data->size()));
  }
  uint32_t length;
  std::memcpy(&length, data->data(), 4);
  if (length > data->size() - 4) {
    return Status::Corruption(
        fmt::format("Length-prefixed section says it has {} bytes, but only {} follow", length,
                    data->size() - 4));
  }
  std::string_view section = data->substr(4, length);
  data->remove_prefix(4 + length);
  return section;
}

void AppendLengthPrefixed(std::string_view section, std::string* out) {
  const uint32_t length = static_cast<uint32_t>(section.size());
  char bytes[4];
  std::memcpy(bytes, &length, 4);
  out->append(bytes, 4);
  out->append(section);
}

}  // namespace runnel::format::parquet
