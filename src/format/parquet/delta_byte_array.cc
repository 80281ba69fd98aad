#include "format/parquet/delta_byte_array.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <limits>

namespace runnel::format::parquet {
namespace {

constexpr int64_t kMaxByteArrayLength = std::numeric_limits<int32_t>::max();
// One batch of DELTA_BYTE_ARRAY values is rebuilt in one buffer; past this a few bytes of
// prefix lengths could demand gigabytes, so such batches must be asked for in smaller pieces.
constexpr int64_t kMaxBatchBytes = std::numeric_limits<int32_t>::max();

// Decodes a whole DELTA_BINARY_PACKED int32 stream of non-negative numbers (`what` names them
// in errors); *consumed receives the stream's byte length.
Status DecodeLengths(std::string_view data, int64_t max_values, const char* what,
                     std::vector<int32_t>* out, size_t* consumed) {
  auto decoder = DeltaBinaryPackedDecoder<int32_t>::Make(data);
  if (!decoder.ok()) return decoder.status().WithContext(fmt::format("reading {}", what));
  const int64_t count = decoder->total_values();
  if (count > max_values) {
    return Status::Corruption(fmt::format(
        "Encoded {} say there are {} values, but the page has only {}", what, count, max_values));
  }
  out->resize(static_cast<size_t>(count));
  auto got = decoder->GetBatch(out->data(), static_cast<int>(count));
  if (!got.ok()) return got.status().WithContext(fmt::format("reading {}", what));
  for (int64_t i = 0; i < count; ++i) {
    if ((*out)[i] < 0) {
      return Status::Corruption(
          fmt::format("Encoded {} hold a negative number at value {}: {}", what, i, (*out)[i]));
    }
  }
  *consumed = decoder->bytes_consumed();
  return Status::OK();
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// DeltaLengthByteArrayDecoder

Result<DeltaLengthByteArrayDecoder> DeltaLengthByteArrayDecoder::Make(std::string_view data,
                                                                      int64_t max_values) {
  DeltaLengthByteArrayDecoder decoder;
  size_t lengths_size = 0;
  RUNNEL_RETURN_NOT_OK(DecodeLengths(data, max_values, "DELTA_LENGTH_BYTE_ARRAY lengths",
                                     &decoder.lengths_, &lengths_size));
  decoder.bytes_ = data.substr(lengths_size);
  int64_t total = 0;
  for (int32_t length : decoder.lengths_) total += length;
  if (total > static_cast<int64_t>(decoder.bytes_.size())) {
    return Status::Corruption(fmt::format(
        "DELTA_LENGTH_BYTE_ARRAY data is truncated: the lengths add up to {} bytes, {} are left",
        total, decoder.bytes_.size()));
  }
  return decoder;
}

int DeltaLengthByteArrayDecoder::GetBatch(std::string_view* out, int n) {
  n = static_cast<int>(std::min<int64_t>(n, values_left()));
  const int32_t* lengths = lengths_.data() + next_value_;
  for (int i = 0; i < n; ++i) {
    out[i] = bytes_.substr(next_byte_, static_cast<size_t>(lengths[i]));
    next_byte_ += static_cast<size_t>(lengths[i]);
  }
  next_value_ += n;
  return std::max(n, 0);
}

// ---------------------------------------------------------------------------------------------
// DeltaByteArrayDecoder

Result<DeltaByteArrayDecoder> DeltaByteArrayDecoder::Make(std::string_view data,
                                                          int64_t max_values) {
  DeltaByteArrayDecoder decoder;
  size_t prefixes_size = 0;
  RUNNEL_RETURN_NOT_OK(DecodeLengths(data, max_values, "DELTA_BYTE_ARRAY prefix lengths",
                                     &decoder.prefix_lengths_, &prefixes_size));
  RUNNEL_ASSIGN_OR_RAISE(decoder.suffixes_,
                         DeltaLengthByteArrayDecoder::Make(data.substr(prefixes_size), max_values));
  if (decoder.suffixes_.num_values() != decoder.num_values()) {
    return Status::Corruption(
        fmt::format("DELTA_BYTE_ARRAY has {} prefix lengths but {} suffixes; they must match",
                    decoder.num_values(), decoder.suffixes_.num_values()));
  }
  return decoder;
}

Result<int> DeltaByteArrayDecoder::GetBatch(std::string_view* out, int n) {
  n = suffixes_.GetBatch(out, n);  // out holds the suffixes until they are replaced below
  const int32_t* prefixes = prefix_lengths_.data() + next_value_;
  // Size the batch first so the buffer never moves while values are copied into it.
  int64_t total = 0;
  int64_t previous_length = static_cast<int64_t>(previous_.size());
  for (int i = 0; i < n; ++i) {
    if (prefixes[i] > previous_length) {
      return Status::Corruption(fmt::format(
          "DELTA_BYTE_ARRAY value {} shares a prefix of {} bytes with a previous value of {} bytes",
          next_value_ + i, prefixes[i], previous_length));
    }
    previous_length = prefixes[i] + static_cast<int64_t>(out[i].size());
    total += previous_length;
  }
  if (total > kMaxBatchBytes) {
    return Status::NotSupported(fmt::format(
        "DELTA_BYTE_ARRAY batch of {} values decodes to {} bytes, over the limit of {}: decode "
        "fewer values at a time",
        n, total, kMaxBatchBytes));
  }
  values_.resize(static_cast<size_t>(total));
  char* dest = values_.data();
  const char* previous = previous_.data();
  for (int i = 0; i < n; ++i) {
    const size_t prefix = static_cast<size_t>(prefixes[i]);
    std::memcpy(dest, previous, prefix);
    std::memcpy(dest + prefix, out[i].data(), out[i].size());
    out[i] = std::string_view(dest, prefix + out[i].size());
    previous = dest;
    dest += out[i].size();
  }
  if (n > 0) previous_.assign(out[n - 1]);
  next_value_ += n;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Encoders

Status DeltaLengthByteArrayEncoder::Put(std::string_view value) {
  if (static_cast<int64_t>(value.size()) > kMaxByteArrayLength) {
    return Status::InvalidArgument(fmt::format(
        "Byte array of {} bytes is too long for Parquet, which stores at most {} bytes a value",
        value.size(), kMaxByteArrayLength));
  }
  lengths_.Put(static_cast<int32_t>(value.size()));
  bytes_.append(value);
  return Status::OK();
}

void DeltaLengthByteArrayEncoder::Flush(std::string* out) {
  lengths_.Flush(out);
  out->append(bytes_);
  bytes_.clear();
}

Status DeltaByteArrayEncoder::Put(std::string_view value) {
  const size_t limit = std::min(value.size(), previous_.size());
  const size_t prefix = static_cast<size_t>(
      std::mismatch(value.begin(), value.begin() + limit, previous_.begin()).first - value.begin());
  RUNNEL_RETURN_NOT_OK(suffixes_.Put(value.substr(prefix)));
  prefix_lengths_.Put(static_cast<int32_t>(prefix));
  previous_.assign(value);
  return Status::OK();
}

void DeltaByteArrayEncoder::Flush(std::string* out) {
  prefix_lengths_.Flush(out);
  suffixes_.Flush(out);
  previous_.clear();
}

}  // namespace runnel::format::parquet
