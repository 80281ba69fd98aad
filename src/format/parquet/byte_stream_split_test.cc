#include "format/parquet/byte_stream_split.h"

#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

namespace runnel::format::parquet {
namespace {

TEST(ParquetByteStreamSplitTest, SpecExample) {
  const std::string values("\xAA\xBB\xCC\xDD\x00\x11\x22\x33\xA3\xB4\xC5\xD6", 12);
  const std::string split("\xAA\x00\xA3\xBB\x11\xB4\xCC\x22\xC5\xDD\x33\xD6", 12);
  std::string encoded;
  AppendByteStreamSplit(reinterpret_cast<const uint8_t*>(values.data()), 3, 4, &encoded);
  EXPECT_EQ(encoded, split);
  auto decoder = ByteStreamSplitDecoder::Make(split, 4);
  ASSERT_TRUE(decoder.ok());
  EXPECT_EQ(decoder->num_values(), 3);
  std::string decoded(12, '\0');
  EXPECT_EQ(decoder->GetBatch(reinterpret_cast<uint8_t*>(decoded.data()), 10), 3);
  EXPECT_EQ(decoded, values);
  EXPECT_EQ(decoder->GetBatch(reinterpret_cast<uint8_t*>(decoded.data()), 1), 0);
}

TEST(ParquetByteStreamSplitTest, DoublesRoundTripInBatches) {
  std::vector<double> values;
  for (int i = 0; i < 1001; ++i) values.push_back(i * 0.1 - 17.5);
  std::string encoded;
  AppendByteStreamSplit(reinterpret_cast<const uint8_t*>(values.data()),
                        static_cast<int64_t>(values.size()), 8, &encoded);
  auto decoder = ByteStreamSplitDecoder::Make(encoded, 8);
  ASSERT_TRUE(decoder.ok());
  std::vector<double> decoded(values.size());
  auto* out = reinterpret_cast<uint8_t*>(decoded.data());
  EXPECT_EQ(decoder->GetBatch(out, 500), 500);
  EXPECT_EQ(decoder->GetBatch(out + 500 * 8, 600), 501);
  EXPECT_EQ(decoded, values);
}

TEST(ParquetByteStreamSplitTest, EveryWidthRoundTrips) {
  std::mt19937_64 random(41);
  for (int width = 1; width <= 17; ++width) {
    for (int64_t count : {0, 1, 7, 100}) {
      std::string values(static_cast<size_t>(count * width), '\0');
      for (char& c : values) c = static_cast<char>(random());
      std::string encoded;
      AppendByteStreamSplit(reinterpret_cast<const uint8_t*>(values.data()), count, width,
                            &encoded);
      // Stream k holds byte k of each value.
      for (int64_t i = 0; i < count; ++i) {
        for (int k = 0; k < width; ++k) {
          ASSERT_EQ(encoded[k * count + i], values[i * width + k]);
        }
      }
      auto decoder = ByteStreamSplitDecoder::Make(encoded, width);
      ASSERT_TRUE(decoder.ok());
      std::string decoded(values.size(), '\0');
      auto* out = reinterpret_cast<uint8_t*>(decoded.data());
      int64_t done = 0;
      while (done < count) done += decoder->GetBatch(out + done * width, 3);
      EXPECT_EQ(decoded, values) << "width " << width << ", count " << count;
    }
  }
}

TEST(ParquetByteStreamSplitTest, SizeNotAMultipleOfTheWidthIsCorrupt) {
  auto decoder = ByteStreamSplitDecoder::Make("1234567", 4);
  EXPECT_EQ(decoder.status().code(), StatusCode::kCorruption);
  EXPECT_NE(decoder.status().message().find("7 bytes"), std::string::npos);
  EXPECT_EQ(ByteStreamSplitDecoder::Make("", 0).status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace runnel::format::parquet
