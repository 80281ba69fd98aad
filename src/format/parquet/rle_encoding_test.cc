#include "format/parquet/rle_encoding.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace runnel::format::parquet {
namespace {

std::string Encode(const std::vector<uint32_t>& values, int bit_width) {
  RleEncoder encoder(bit_width);
  for (uint32_t v : values) encoder.Put(v);
  std::string out;
  encoder.Flush(&out);
  return out;
}

// Decodes in batches of varying sizes so every path (partial groups, run edges) is crossed.
std::vector<uint32_t> DecodeAll(std::string_view data, int bit_width, size_t max_count,
                                std::mt19937_64* random) {
  RleDecoder decoder(data, bit_width);
  std::vector<uint32_t> out(max_count + 64);
  size_t done = 0;
  while (done < max_count) {
    int batch = static_cast<int>(std::min<size_t>(1 + (*random)() % 40, max_count - done));
    int got = decoder.GetBatch(out.data() + done, batch);
    done += got;
    if (got < batch) break;
  }
  EXPECT_TRUE(decoder.status().ok()) << decoder.status().ToString();
  out.resize(done);
  return out;
}

TEST(ParquetRleTest, KnownBytes) {
  // Ten 5s at width 3 are one RLE run (header 10 << 1, then the value in one byte); 0..7 are one
  // bit-packed group (header 1 << 1 | 1, then the bytes of the spec's packing example).
  std::vector<uint32_t> values(10, 5);
  for (uint32_t v = 0; v < 8; ++v) values.push_back(v);
  const std::string expected("\x14\x05\x03\x88\xC6\xFA", 6);
  EXPECT_EQ(Encode(values, 3), expected);
  std::vector<uint32_t> decoded(values.size());
  RleDecoder decoder(expected, 3);
  ASSERT_TRUE(decoder.Decode(decoded.data(), static_cast<int>(decoded.size())).ok());
  EXPECT_EQ(decoded, values);
  // The data is spent: one more value is an error, reported with the count.
  uint32_t extra;
  Status status = decoder.Decode(&extra, 1);
  EXPECT_EQ(status.code(), StatusCode::kCorruption);
  EXPECT_NE(status.message().find("ends after 0 values"), std::string::npos);
}

TEST(ParquetRleTest, EncoderPicksRunsLikeParquetMr) {
  // Eight equal values make an RLE run; seven stay bit-packed (padded to a group of 8).
  EXPECT_EQ(Encode(std::vector<uint32_t>(8, 1), 1), std::string("\x10\x01", 2));
  EXPECT_EQ(Encode(std::vector<uint32_t>(7, 1), 1), std::string("\x03\x7F", 2));
  // Values differing at every position: one bit-packed run of 2 groups.
  std::vector<uint32_t> alternating;
  for (int i = 0; i < 16; ++i) alternating.push_back(i % 2);
  EXPECT_EQ(Encode(alternating, 1), std::string("\x05\xAA\xAA", 3));
  // Width 0: everything is 0, one RLE run with no value bytes.
  EXPECT_EQ(Encode(std::vector<uint32_t>(100, 0), 0), std::string("\xC8\x01", 2));
  EXPECT_EQ(Encode({}, 5), "");
}

TEST(ParquetRleTest, LongLiteralRunsSplitAt63Groups) {
  std::vector<uint32_t> values;
  for (int i = 0; i < 64 * 8; ++i) values.push_back(i % 2);
  const std::string encoded = Encode(values, 1);
  // 63 groups in the first run, 1 in the second: 1 + 63 + 1 + 1 bytes.
  ASSERT_EQ(encoded.size(), 66u);
  EXPECT_EQ(static_cast<uint8_t>(encoded[0]), (63 << 1) | 1);
  EXPECT_EQ(static_cast<uint8_t>(encoded[64]), (1 << 1) | 1);
  std::mt19937_64 random(3);
  EXPECT_EQ(DecodeAll(encoded, 1, values.size(), &random), values);
}

TEST(ParquetRleTest, RoundTripAtEveryBitWidth) {
  std::mt19937_64 random(4);
  for (int width = 0; width <= 32; ++width) {
    const uint64_t mask = width == 0 ? 0 : (~uint64_t{0} >> (64 - width));
    for (int trial = 0; trial < 4; ++trial) {
      // Alternate stretches of repeats and of random values, of random lengths.
      std::vector<uint32_t> values;
      const size_t count = random() % 3000;
      while (values.size() < count) {
        const size_t stretch = 1 + random() % 30;
        const bool repeat = random() % 2;
        const uint32_t value = static_cast<uint32_t>(random() & mask);
        for (size_t i = 0; i < stretch; ++i) {
          values.push_back(repeat ? value : static_cast<uint32_t>(random() & mask));
        }
      }
      const std::string encoded = Encode(values, width);
      std::vector<uint32_t> decoded = DecodeAll(encoded, width, values.size(), &random);
      ASSERT_EQ(decoded, values) << "width " << width;
    }
  }
}

TEST(ParquetRleTest, DecodesIntoInt16) {
  std::vector<uint32_t> values;
  for (int i = 0; i < 1000; ++i) values.push_back(i < 500 ? 7 : (i * 7919) % 32768);
  const std::string encoded = Encode(values, 15);
  std::vector<int16_t> decoded(values.size());
  RleDecoder decoder(encoded, 15);
  ASSERT_TRUE(decoder.Decode(decoded.data(), static_cast<int>(decoded.size())).ok());
  for (size_t i = 0; i < values.size(); ++i) ASSERT_EQ(decoded[i], static_cast<int16_t>(values[i]));
}

TEST(ParquetRleTest, EveryPrefixGivesAnErrorOrACorrectShorterResult) {
  std::mt19937_64 random(5);
  for (int width : {1, 3, 8, 13, 32}) {
    const uint64_t mask = ~uint64_t{0} >> (64 - width);
    std::vector<uint32_t> values;
    for (int i = 0; i < 400; ++i) {
      values.push_back(i % 100 < 50 ? 1 : static_cast<uint32_t>(random() & mask));
    }
    const std::string encoded = Encode(values, width);
    for (size_t length = 0; length < encoded.size(); ++length) {
      // A heap copy of exactly `length` bytes, so a read past the end is caught under ASan.
      std::string prefix = encoded.substr(0, length);
      RleDecoder decoder(prefix, width);
      std::vector<uint32_t> decoded(values.size());
      const int got = decoder.GetBatch(decoded.data(), static_cast<int>(values.size()));
      // All values may still come out when only the padding of the last group was cut.
      ASSERT_LE(got, static_cast<int>(values.size()));
      decoded.resize(got);
      ASSERT_TRUE(std::equal(decoded.begin(), decoded.end(), values.begin()))
          << "width " << width << ", prefix " << length;
    }
  }
}

TEST(ParquetRleTest, CorruptRunsAreReported) {
  uint32_t out[16];
  // A run header whose varint never ends.
  RleDecoder unterminated(std::string_view("\x80\x80", 2), 3);
  EXPECT_EQ(unterminated.GetBatch(out, 16), 0);
  EXPECT_EQ(unterminated.status().code(), StatusCode::kCorruption);
  // An RLE value with bits above the bit width.
  RleDecoder too_wide(std::string_view("\x10\x09", 2), 3);
  EXPECT_EQ(too_wide.GetBatch(out, 16), 0);
  EXPECT_EQ(too_wide.status().code(), StatusCode::kCorruption);
  // An RLE run whose value bytes are missing.
  RleDecoder no_value(std::string_view("\x10\x01", 2), 9);
  EXPECT_EQ(no_value.GetBatch(out, 16), 0);
  EXPECT_EQ(no_value.status().code(), StatusCode::kCorruption);
  // A run longer than the spec allows.
  RleDecoder too_long(std::string_view("\x80\x80\x80\x80\x10\x01", 6), 1);
  EXPECT_EQ(too_long.GetBatch(out, 16), 0);
  EXPECT_EQ(too_long.status().code(), StatusCode::kCorruption);
  RleDecoder bad_width("", 33);
  EXPECT_EQ(bad_width.GetBatch(out, 1), 0);
  EXPECT_EQ(bad_width.status().code(), StatusCode::kCorruption);
}

TEST(ParquetRleTest, TruncatedBitPackedRunYieldsTheCompleteValues) {
  // A run of 2 groups at width 4 with only 5 of its 8 bytes: the 10 whole values come out.
  const std::string data("\x05\x10\x32\x54\x76\x98", 6);
  RleDecoder decoder(data, 4);
  uint32_t out[16];
  ASSERT_EQ(decoder.GetBatch(out, 16), 10);
  for (uint32_t i = 0; i < 10; ++i) EXPECT_EQ(out[i], i);
  EXPECT_TRUE(decoder.status().ok());
}

TEST(ParquetRleTest, DictionaryIndexDecoder) {
  std::string page("\x03", 1);
  page += Encode({0, 1, 2, 3, 4, 5, 6, 7}, 3);
  auto decoder = MakeDictionaryIndexDecoder(page);
  ASSERT_TRUE(decoder.ok());
  uint32_t out[8];
  ASSERT_TRUE(decoder->Decode(out, 8).ok());
  EXPECT_EQ(out[7], 7u);
  EXPECT_EQ(MakeDictionaryIndexDecoder("").status().code(), StatusCode::kCorruption);
  EXPECT_EQ(MakeDictionaryIndexDecoder("\x21").status().code(), StatusCode::kCorruption);
}

TEST(ParquetRleTest, LengthPrefixedSections) {
  std::string data;
  AppendLengthPrefixed("abc", &data);
  data += "rest";
  std::string_view view = data;
  auto section = ReadLengthPrefixed(&view);
  ASSERT_TRUE(section.ok());
  EXPECT_EQ(*section, "abc");
  EXPECT_EQ(view, "rest");

  std::string_view short_length("\x03\x00", 2);
  EXPECT_EQ(ReadLengthPrefixed(&short_length).status().code(), StatusCode::kCorruption);
  std::string_view too_long(
      "\x09\x00\x00\x00"
      "abc",
      7);
  auto error = ReadLengthPrefixed(&too_long);
  EXPECT_EQ(error.status().code(), StatusCode::kCorruption);
  EXPECT_NE(error.status().message().find("9 bytes, but only 3"), std::string::npos);
}

}  // namespace
}  // namespace runnel::format::parquet
