// BYTE_STREAM_SPLIT (encoding 9): N values of K bytes are stored as K streams of N bytes, stream
// k holding byte k of every value. K is 4 (FLOAT, INT32), 8 (DOUBLE, INT64) or the length of a
// FIXED_LEN_BYTE_ARRAY. There is no header: N is the page's data size divided by K.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace runnel::format::parquet {

class ByteStreamSplitDecoder {
 public:
  ByteStreamSplitDecoder() = default;
  // Corruption when the size of `data` is not a multiple of `width`.
  static Result<ByteStreamSplitDecoder> Make(std::string_view data, int width);

  int64_t num_values() const { return num_values_; }
  int64_t values_left() const { return num_values_ - next_value_; }
  // Writes up to `n` values of `width` bytes each, back to back, to `out`; returns how many.
  int GetBatch(uint8_t* out, int n);

 private:
  std::string_view data_;
  int width_ = 0;
  int64_t num_values_ = 0;
  int64_t next_value_ = 0;
};

// Appends `num_values` values of `width` bytes each, read back to back from `values`.
void AppendByteStreamSplit(const uint8_t* values, int64_t num_values, int width, std::string* out);

}  // namespace runnel::format::parquet
