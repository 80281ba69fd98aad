// The two delta encodings of byte arrays:
//   DELTA_LENGTH_BYTE_ARRAY (6): the lengths as DELTA_BINARY_PACKED int32, then all bytes back
//                                to back;
//   DELTA_BYTE_ARRAY (7):        front coding: for each value the length of the prefix it shares
//                                with the previous value (DELTA_BINARY_PACKED int32), then the
//                                remaining suffixes as DELTA_LENGTH_BYTE_ARRAY.
// Both decoders take `max_values`, the page's value count, so a corrupt header cannot make them
// allocate for more values than the page says it has.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "format/parquet/delta_encoding.h"

namespace runnel::format::parquet {

class DeltaLengthByteArrayDecoder {
 public:
  DeltaLengthByteArrayDecoder() = default;
  // Decodes all lengths and checks that the bytes they describe are present.
  static Result<DeltaLengthByteArrayDecoder> Make(std::string_view data, int64_t max_values);

  int64_t num_values() const { return static_cast<int64_t>(lengths_.size()); }
  int64_t values_left() const { return num_values() - next_value_; }
  // Writes up to `n` views into the data given to Make; returns how many.
  int GetBatch(std::string_view* out, int n);

 private:
  std::vector<int32_t> lengths_;
  std::string_view bytes_;
  size_t next_byte_ = 0;
  int64_t next_value_ = 0;
};

class DeltaByteArrayDecoder {
 public:
  DeltaByteArrayDecoder() = default;
  static Result<DeltaByteArrayDecoder> Make(std::string_view data, int64_t max_values);

  int64_t num_values() const { return static_cast<int64_t>(prefix_lengths_.size()); }
  int64_t values_left() const { return num_values() - next_value_; }
  // Writes up to `n` values and returns how many. The views point into a buffer the decoder
  // owns and stay valid until the next call. Corruption when a prefix is longer than the
  // previous value.
  Result<int> GetBatch(std::string_view* out, int n);

 private:
  std::vector<int32_t> prefix_lengths_;
  DeltaLengthByteArrayDecoder suffixes_;
  std::string values_;    // the current batch, back to back
  std::string previous_;  // the last value of the previous batch
  int64_t next_value_ = 0;
};

class DeltaLengthByteArrayEncoder {
 public:
  // InvalidArgument for a value longer than 2^31 - 1 bytes, the most Parquet can store.
  Status Put(std::string_view value);
  int64_t num_values() const { return lengths_.num_values(); }
  // Appends the encoded values put so far and starts afresh.
  void Flush(std::string* out);

 private:
  DeltaBinaryPackedEncoder<int32_t> lengths_;
  std::string bytes_;
};

class DeltaByteArrayEncoder {
 public:
  Status Put(std::string_view value);
  int64_t num_values() const { return prefix_lengths_.num_values(); }
  void Flush(std::string* out);

 private:
  DeltaBinaryPackedEncoder<int32_t> prefix_lengths_;
  DeltaLengthByteArrayEncoder suffixes_;
  std::string previous_;
};

}  // namespace runnel::format::parquet
