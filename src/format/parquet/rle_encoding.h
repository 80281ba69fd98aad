// Parquet's RLE/bit-packed hybrid encoding (RLE = 3), used for repetition and definition
// levels, dictionary indices and RLE booleans. A stream is a sequence of runs, each either
//   varint(count << 1)            then the value in ceil(bit_width / 8) little-endian bytes, or
//   varint(groups << 1 | 1)       then groups * 8 values bit-packed LSB first (bit_packing.h).
// Bit widths are 0..32.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace runnel::format::parquet {

class RleDecoder {
 public:
  RleDecoder() = default;
  // Views `data` (the runs, without any length prefix). A bit width outside 0..32 is recorded
  // as a Corruption status and the decoder yields nothing.
  RleDecoder(std::string_view data, int bit_width);

  // Decodes up to `n` values into `out` and returns how many it wrote: fewer than `n` when the
  // runs end or are corrupt (then status() says why). T is uint32_t, or int16_t for levels
  // (whose bit width is at most 16). A bit-packed run cut short yields the values whose bits are
  // all present, as writers may drop the padding of the last group.
  template <typename T>
  int GetBatch(T* out, int n);

  // Decodes exactly `n` values or returns Corruption saying how many were there.
  template <typename T>
  Status Decode(T* out, int n);

  // OK unless a run header or an RLE value was malformed or truncated.
  const Status& status() const { return status_; }

 private:
  bool NextRun();
  void FailCorrupt(std::string message);
  // Unpacks `num_groups` whole groups of the current bit-packed run into `out`.
  void UnpackLiteralGroups(int64_t num_groups, uint32_t* out);
  // Unpacks the next (possibly truncated) group into buffered_.
  void BufferOneGroup();

  std::string_view data_;
  size_t pos_ = 0;
  int bit_width_ = 0;
  int64_t repeat_count_ = 0;  // values left in the current RLE run
  uint32_t repeat_value_ = 0;
  int64_t literal_groups_ = 0;  // groups left (not yet unpacked) in the bit-packed run
  uint32_t buffered_[8] = {};   // an unpacked group not yet fully handed out
  int buffered_pos_ = 0;
  int buffered_count_ = 0;
  Status status_;
};

// Dictionary indices in a data page: one byte giving the bit width (at most 32), then the runs.
Result<RleDecoder> MakeDictionaryIndexDecoder(std::string_view data);

class RleEncoder {
 public:
  // bit_width is 0..32; every value put must fit in it.
  explicit RleEncoder(int bit_width);

  // Runs of 8 or more equal values become RLE runs; the rest is bit-packed in groups of 8, up to
  // 63 groups a run so the run header is one byte (as parquet-mr writes).
  void Put(uint64_t value);
  // Appends the runs for every value put so far (the last group padded with zeros) and starts
  // afresh.
  void Flush(std::string* out);

 private:
  void WriteRepeatRun();
  void WriteBufferedGroup();
  void EndLiteralRun();

  int bit_width_;
  std::string buffer_;
  uint64_t buffered_[8] = {};
  int num_buffered_ = 0;
  uint64_t previous_ = 0;
  int64_t repeat_count_ = 0;
  int literal_groups_ = 0;
  int64_t literal_header_at_ = -1;  // offset in buffer_ of the open bit-packed run's header
};

// Splits a section that starts with its byte length as a 4-byte little-endian integer (levels
// in data page v1, RLE booleans) off the front of *data, advancing *data past it.
Result<std::string_view> ReadLengthPrefixed(std::string_view* data);
// Appends `section` after its 4-byte little-endian length.
void AppendLengthPrefixed(std::string_view section, std::string* out);

}  // namespace runnel::format::parquet
