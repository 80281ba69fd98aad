// Fuzzes the Parquet value and level decoders and page decompression on arbitrary bytes. The
// first byte picks the decoder, the second its parameter (bit width, max level, value width,
// codec); the rest is the encoded data. Work is bounded per input so huge claimed counts cannot
// time out. One mode also checks that DELTA_BINARY_PACKED round-trips arbitrary values.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "format/parquet/byte_stream_split.h"
#include "format/parquet/compression.h"
#include "format/parquet/delta_byte_array.h"
#include "format/parquet/delta_encoding.h"
#include "format/parquet/level_encoding.h"
#include "format/parquet/rle_encoding.h"

namespace {

using namespace runnel::format::parquet;

constexpr int kMaxValues = 1 << 16;
constexpr int kBatch = 77;  // odd, so batches cross group and miniblock edges

void FuzzRle(std::string_view data, uint8_t param) {
  RleDecoder decoder(data, param % 34);  // 33 is invalid on purpose
  uint32_t out[kBatch];
  for (int total = 0; total < kMaxValues; total += kBatch) {
    if (decoder.GetBatch(out, kBatch) < kBatch) break;
  }
  auto indices = MakeDictionaryIndexDecoder(data);
  if (indices.ok()) (void)indices->GetBatch(out, kBatch);
}

void FuzzLevels(std::string_view data, uint8_t param) {
  const int16_t max_level = static_cast<int16_t>(param >> 2);
  std::string_view page = data;
  auto decoder = (param & 1) ? LevelDecoder::MakeV2(max_level, data)
                             : LevelDecoder::MakeV1(
                                   param & 2 ? LevelEncoding::kBitPacked : LevelEncoding::kRle,
                                   max_level, 1000, &page);
  if (!decoder.ok()) return;
  int16_t out[kBatch];
  for (int total = 0; total < 1000; total += kBatch) {
    if (!decoder->Decode(out, kBatch).ok()) break;
  }
}

template <typename T>
void FuzzDeltaBinaryPacked(std::string_view data) {
  auto decoder = DeltaBinaryPackedDecoder<T>::Make(data);
  if (!decoder.ok()) return;
  T out[kBatch];
  for (int total = 0; total < kMaxValues; total += kBatch) {
    auto got = decoder->GetBatch(out, kBatch);
    if (!got.ok() || *got == 0) break;
  }
  if (decoder->values_left() == 0 && decoder->bytes_consumed() > data.size()) std::abort();
}

template <typename Decoder>
void FuzzByteArrays(std::string_view data) {
  auto decoder = Decoder::Make(data, 4096);
  if (!decoder.ok()) return;
  std::string_view out[kBatch];
  size_t bytes = 0;
  while (decoder->values_left() > 0) {
    int got;
    if constexpr (std::is_same_v<Decoder, DeltaLengthByteArrayDecoder>) {
      got = decoder->GetBatch(out, kBatch);  // cannot fail once made
    } else {
      auto result = decoder->GetBatch(out, kBatch);
      if (!result.ok()) break;
      got = *result;
    }
    if (got == 0) break;
    // Touch the last byte of every view so ASan checks it points at live memory.
    for (int i = 0; i < got; ++i) bytes += out[i].empty() ? 0 : out[i].back();
  }
  (void)bytes;
}

void FuzzByteStreamSplit(std::string_view data, uint8_t param) {
  auto decoder = ByteStreamSplitDecoder::Make(data, 1 + param % 16);
  if (!decoder.ok()) return;
  std::vector<uint8_t> out(static_cast<size_t>(kBatch) * 16);
  while (decoder->GetBatch(out.data(), kBatch) > 0) {
  }
}

void FuzzDecompress(std::string_view data, uint8_t param) {
  if (data.size() < 2) return;
  // The claimed size: up to 64 KiB, sometimes exactly right for small inputs.
  const int64_t size = (static_cast<uint8_t>(data[0]) << 8) | static_cast<uint8_t>(data[1]);
  data.remove_prefix(2);
  std::vector<char> out(static_cast<size_t>(size));
  (void)Decompress(static_cast<Codec>(param % 9), data, size, out.data());
}

// Arbitrary values must come back unchanged.
void FuzzDeltaRoundTrip(std::string_view data) {
  std::vector<int64_t> values(data.size() / 8);
  std::memcpy(values.data(), data.data(), values.size() * 8);
  DeltaBinaryPackedEncoder<int64_t> encoder;
  encoder.Put(values.data(), static_cast<int64_t>(values.size()));
  std::string encoded;
  encoder.Flush(&encoded);
  auto decoder = DeltaBinaryPackedDecoder<int64_t>::Make(encoded);
  if (!decoder.ok()) std::abort();
  std::vector<int64_t> decoded(values.size() + 1);
  auto got = decoder->GetBatch(decoded.data(), static_cast<int>(decoded.size()));
  if (!got.ok() || *got != static_cast<int>(values.size())) std::abort();
  if (!std::equal(values.begin(), values.end(), decoded.begin())) std::abort();
  if (decoder->bytes_consumed() != encoded.size()) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* bytes, size_t size) {
  if (size < 2) return 0;
  const uint8_t mode = bytes[0];
  const uint8_t param = bytes[1];
  // A heap copy of exactly the payload, so any read past it is caught by ASan.
  const std::string payload(reinterpret_cast<const char*>(bytes + 2), size - 2);
  const std::string_view data = payload;
  switch (mode % 10) {
    case 0:
      FuzzRle(data, param);
      break;
    case 1:
      FuzzLevels(data, param);
      break;
    case 2:
      FuzzDeltaBinaryPacked<int32_t>(data);
      break;
    case 3:
      FuzzDeltaBinaryPacked<int64_t>(data);
      break;
    case 4:
      FuzzByteArrays<DeltaLengthByteArrayDecoder>(data);
      break;
    case 5:
      FuzzByteArrays<DeltaByteArrayDecoder>(data);
      break;
    case 6:
      FuzzByteStreamSplit(data, param);
      break;
    case 7:
    case 8:
      FuzzDecompress(data, param);
      break;
    case 9:
      FuzzDeltaRoundTrip(data);
      break;
  }
  return 0;
}
