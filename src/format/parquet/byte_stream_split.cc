#include "format/parquet/byte_stream_split.h"

#include <fmt/format.h>

#include <algorithm>

namespace runnel::format::parquet {
namespace {

// With the width known at compile time the inner loop unrolls into K strided loads per value.
template <int kWidth>
void Gather(const uint8_t* streams, int64_t stride, int64_t first, int n, uint8_t* out) {
  for (int i = 0; i < n; ++i) {
    for (int k = 0; k < kWidth; ++k) out[i * kWidth + k] = streams[k * stride + first + i];
  }
}

void GatherAnyWidth(const uint8_t* streams, int width, int64_t stride, int64_t first, int n,
                    uint8_t* out) {
  // Stream by stream keeps each read sequential for wide FIXED_LEN_BYTE_ARRAY values.
  for (int k = 0; k < width; ++k) {
    const uint8_t* stream = streams + k * stride + first;
    for (int i = 0; i < n; ++i) out[static_cast<int64_t>(i) * width + k] = stream[i];
  }
}

template <int kWidth>
void Scatter(const uint8_t* values, int64_t n, uint8_t* streams) {
  for (int64_t i = 0; i < n; ++i) {
    for (int k = 0; k < kWidth; ++k) streams[k * n + i] = values[i * kWidth + k];
  }
}

}  // namespace

Result<ByteStreamSplitDecoder> ByteStreamSplitDecoder::Make(std::string_view data, int width) {
  if (width <= 0) {
    return Status::InvalidArgument(
        fmt::format("BYTE_STREAM_SPLIT value width must be positive, got {}", width));
  }
  if (data.size() % static_cast<size_t>(width) != 0) {
    return Status::Corruption(
        fmt::format("BYTE_STREAM_SPLIT data of {} bytes is not a whole number of {}-byte values",
                    data.size(), width));
  }
  ByteStreamSplitDecoder decoder;
  decoder.data_ = data;
  decoder.width_ = width;
  decoder.num_values_ = static_cast<int64_t>(data.size() / static_cast<size_t>(width));
  return decoder;
}

int ByteStreamSplitDecoder::GetBatch(uint8_t* out, int n) {
  n = static_cast<int>(std::clamp<int64_t>(n, 0, values_left()));
  const auto* streams = reinterpret_cast<const uint8_t*>(data_.data());
  switch (width_) {
    case 4:
      Gather<4>(streams, num_values_, next_value_, n, out);
      break;
    case 8:
      Gather<8>(streams, num_values_, next_value_, n, out);
      break;
    default:
      GatherAnyWidth(streams, width_, num_values_, next_value_, n, out);
  }
  next_value_ += n;
  return n;
}

void AppendByteStreamSplit(const uint8_t* values, int64_t num_values, int width, std::string* out) {
  const size_t start = out->size();
  out->resize(start + static_cast<size_t>(num_values * width));
  auto* streams = reinterpret_cast<uint8_t*>(out->data() + start);
  switch (width) {
    case 4:
      Scatter<4>(values, num_values, streams);
      break;
    case 8:
      Scatter<8>(values, num_values, streams);
      break;
    default:
      for (int k = 0; k < width; ++k) {
        for (int64_t i = 0; i < num_values; ++i)
          streams[k * num_values + i] = values[i * width + k];
      }
  }
}

}  // namespace runnel::format::parquet
