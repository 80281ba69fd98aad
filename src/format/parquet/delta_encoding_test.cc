#include "format/parquet/delta_encoding.h"

#include <gtest/gtest.h>

#include <limits>
#include <random>
#include <string>
#include <vector>

#include "format/parquet/bit_packing.h"
#include "format/parquet/uleb128.h"

namespace runnel::format::parquet {
namespace {

template <typename T>
std::string Encode(const std::vector<T>& values) {
  DeltaBinaryPackedEncoder<T> encoder;
  encoder.Put(values.data(), static_cast<int64_t>(values.size()));
  std::string out;
  encoder.Flush(&out);
  return out;
}

// Decodes everything in batches of varying sizes; the status of the first failure, if any.
template <typename T>
Result<std::vector<T>> DecodeAll(std::string_view data, std::mt19937_64* random,
                                 size_t* consumed = nullptr) {
  RUNNEL_ASSIGN_OR_RAISE(auto decoder, DeltaBinaryPackedDecoder<T>::Make(data));
  std::vector<T> out(static_cast<size_t>(decoder.total_values()));
  size_t done = 0;
  while (done < out.size()) {
    const int batch = static_cast<int>(1 + (*random)() % 100);
    RUNNEL_ASSIGN_OR_RAISE(int got, decoder.GetBatch(out.data() + done, batch));
    if (got == 0) break;
    done += static_cast<size_t>(got);
  }
  EXPECT_EQ(done, out.size());
  EXPECT_EQ(decoder.values_left(), 0);
  if (consumed != nullptr) *consumed = decoder.bytes_consumed();
  return out;
}

TEST(ParquetDeltaBinaryPackedTest, SpecExampleOne) {
  // 1..5 with block size 8, one miniblock: header 8, 1, 5, zigzag(1); block zigzag(1), width 0.
  const std::string data("\x08\x01\x05\x02\x02\x00", 6);
  std::mt19937_64 random(21);
  size_t consumed = 0;
  auto values = DecodeAll<int32_t>(data, &random, &consumed);
  ASSERT_TRUE(values.ok()) << values.status().ToString();
  EXPECT_EQ(*values, (std::vector<int32_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(consumed, data.size());
}

TEST(ParquetDeltaBinaryPackedTest, SpecExampleTwo) {
  // 7,5,3,1,2,3,4,5: min delta -2 (zigzag 3), width 2, offsets 0,0,0,3,3,3,3 (+ 1 padding).
  const std::string data("\x08\x01\x08\x0E\x03\x02\xC0\x3F", 8);
  std::mt19937_64 random(22);
  size_t consumed = 0;
  auto values = DecodeAll<int64_t>(data, &random, &consumed);
  ASSERT_TRUE(values.ok()) << values.status().ToString();
  EXPECT_EQ(*values, (std::vector<int64_t>{7, 5, 3, 1, 2, 3, 4, 5}));
  EXPECT_EQ(consumed, data.size());
}

TEST(ParquetDeltaBinaryPackedTest, EncoderWritesBlocksOf128In4Miniblocks) {
  // Header 128 (varint 80 01), 4 miniblocks, 5 values, first zigzag(1); one block with min
  // delta zigzag(1) and four zero widths, no miniblock data.
  EXPECT_EQ(Encode<int32_t>({1, 2, 3, 4, 5}),
            std::string("\x80\x01\x04\x05\x02\x02\x00\x00\x00\x00", 10));
  EXPECT_EQ(Encode<int64_t>({}), std::string("\x80\x01\x04\x00\x00", 5));
  EXPECT_EQ(Encode<int64_t>({-1}), std::string("\x80\x01\x04\x01\x01", 5));
}

template <typename T>
void CheckRoundTrip(const std::vector<T>& values, std::mt19937_64* random) {
  const std::string encoded = Encode(values);
  size_t consumed = 0;
  auto decoded = DecodeAll<T>(encoded, random, &consumed);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  ASSERT_EQ(*decoded, values);
  EXPECT_EQ(consumed, encoded.size());
}

template <typename T>
void RoundTripDistributions(uint64_t seed) {
  std::mt19937_64 random(seed);
  using Limits = std::numeric_limits<T>;
  for (size_t count : {0, 1, 2, 31, 32, 33, 127, 128, 129, 200, 1000, 4099}) {
    std::vector<T> uniform, small_steps, constant, extremes;
    T running = 0;
    for (size_t i = 0; i < count; ++i) {
      uniform.push_back(static_cast<T>(random()));
      running = static_cast<T>(running + static_cast<T>(random() % 64) - 20);
      small_steps.push_back(running);
      constant.push_back(42);
      // Alternating extremes: every delta overflows and must wrap.
      extremes.push_back(i % 2 ? Limits::max() : Limits::min());
    }
    CheckRoundTrip(uniform, &random);
    CheckRoundTrip(small_steps, &random);
    CheckRoundTrip(constant, &random);
    CheckRoundTrip(extremes, &random);
  }
}

TEST(ParquetDeltaBinaryPackedTest, RoundTripInt32) { RoundTripDistributions<int32_t>(23); }
TEST(ParquetDeltaBinaryPackedTest, RoundTripInt64) { RoundTripDistributions<int64_t>(24); }

template <typename T>
void RoundTripEveryBitWidth() {
  std::mt19937_64 random(25);
  constexpr int kBits = 8 * sizeof(T);
  for (int width = 0; width <= kBits; ++width) {
    // Deltas of 0 and 2^width - 1 in every miniblock make the offsets exactly `width` bits.
    const uint64_t big = width == 0 ? 0 : (~uint64_t{0} >> (64 - width));
    std::vector<T> values = {static_cast<T>(random())};
    for (int i = 1; i < 300; ++i) {
      const uint64_t delta = i % 7 == 0 ? big : (i % 5 == 0 ? 0 : random() & big);
      values.push_back(static_cast<T>(static_cast<uint64_t>(values.back()) + delta));
    }
    const std::string encoded = Encode(values);
    if (width < kBits) {
      // Below the type's width the first miniblock's min delta is 0 and it holds both 0 and
      // 2^width - 1, so its bit width must be exactly `width`.
      size_t pos = 0;
      uint64_t field;
      for (int i = 0; i < 5; ++i) ASSERT_TRUE(ReadUleb128(encoded, &pos, &field));
      ASSERT_EQ(field, 0u);
      ASSERT_EQ(static_cast<int>(encoded[pos]), width);
    }
    size_t consumed = 0;
    auto decoded = DecodeAll<T>(encoded, &random, &consumed);
    ASSERT_TRUE(decoded.ok()) << "width " << width << ": " << decoded.status().ToString();
    ASSERT_EQ(*decoded, values) << "width " << width;
    EXPECT_EQ(consumed, encoded.size());
  }
}

TEST(ParquetDeltaBinaryPackedTest, EveryBitWidthInt32) { RoundTripEveryBitWidth<int32_t>(); }
TEST(ParquetDeltaBinaryPackedTest, EveryBitWidthInt64) { RoundTripEveryBitWidth<int64_t>(); }

TEST(ParquetDeltaBinaryPackedTest, UnusedMiniblockWidthsMayBeGarbage) {
  std::string encoded = Encode<int32_t>({10, 20, 30});
  // Header (80 01, 04, 03, zigzag 10), min delta zigzag(10), then 4 widths of which only the
  // first is used; every offset is 0, so no miniblock bytes.
  ASSERT_EQ(encoded, std::string("\x80\x01\x04\x03\x14\x14\x00\x00\x00\x00", 10));
  encoded[7] = encoded[8] = encoded[9] = static_cast<char>(0xFF);
  std::mt19937_64 random(26);
  auto decoded = DecodeAll<int32_t>(encoded, &random);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, (std::vector<int32_t>{10, 20, 30}));
}

TEST(ParquetDeltaBinaryPackedTest, AcceptsOtherBlockLayouts) {
  // Block of 256 values in 2 miniblocks of 128; 130 values -> 129 deltas of 1 (width 0) except
  // one; written by hand: header 256 (80 02), 2, 130, zigzag(0); block min 1, widths 1 and 1,
  // 16 + 16 bytes of offsets.
  std::string data("\x80\x02\x02\x82\x01\x00\x02\x01\x01", 9);
  std::string miniblock(16, '\0');
  miniblock[0] = 0x01;  // the first delta is 2 (offset 1)
  data += miniblock + std::string(16, '\0');
  std::mt19937_64 random(27);
  size_t consumed = 0;
  auto decoded = DecodeAll<int64_t>(data, &random, &consumed);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  ASSERT_EQ(decoded->size(), 130u);
  EXPECT_EQ((*decoded)[1], 2);
  EXPECT_EQ((*decoded)[129], 130);
  EXPECT_EQ(consumed, data.size());
}

TEST(ParquetDeltaBinaryPackedTest, InvalidHeadersAreCorrupt) {
  for (std::string_view header : {std::string_view("\x00\x01\x01\x00", 4),  // block size 0
                                  std::string_view("\x08\x00\x01\x00", 4),  // no miniblocks
                                  std::string_view("\x08\x03\x01\x00", 4),  // 8 % 3 != 0
                                  std::string_view("\x0C\x01\x01\x00", 4),  // 12 per miniblock
                                  std::string_view("\x08\x01\x80\x80\x80\x80\x10\x00", 8),
                                  std::string_view("\x80\x01\x04", 3)}) {  // truncated
    auto decoder = DeltaBinaryPackedDecoder<int32_t>::Make(header);
    EXPECT_EQ(decoder.status().code(), StatusCode::kCorruption) << testing::PrintToString(header);
  }
}

TEST(ParquetDeltaBinaryPackedTest, Int32WithDeltasComputedIn64BitsDecodes) {
  // DuckDB 1.5 encodes INT32 with 64-bit deltas: 863490391, -816295192, 1613070492,
  // -1166045478, 1856530847 (arrow#20374's example) has deltas -1679785583, 2429365684,
  // -2779115970, 3022576325; min delta -2779115970; offsets 1099330387, 5208481654, 0,
  // 5801692295, which need 33 bits. Header: block 8, 1 miniblock, 5 values, zigzag(first).
  const std::vector<int32_t> values = {863490391, -816295192, 1613070492, -1166045478, 1856530847};
  std::string data("\x08\x01\x05", 3);
  AppendUleb128(ZigZagEncode64(values[0]), &data);
  AppendUleb128(ZigZagEncode64(-2779115970LL), &data);
  data.push_back(33);
  const uint64_t offsets[8] = {1099330387, 5208481654, 0, 5801692295, 0, 0, 0, 0};
  PackBits(offsets, 8, 33, &data);
  std::mt19937_64 random(25);
  size_t consumed = 0;
  auto decoded = DecodeAll<int32_t>(data, &random, &consumed);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, values);
  EXPECT_EQ(consumed, data.size());
}

TEST(ParquetDeltaBinaryPackedTest, WidthWiderThan64BitsIsCorrupt) {
  std::string data("\x08\x01\x03\x00\x00\x41", 6);
  data += std::string(65, '\0');
  for (bool wide : {false, true}) {
    Status status;
    if (wide) {
      int64_t out[3];
      auto decoder = DeltaBinaryPackedDecoder<int64_t>::Make(data);
      ASSERT_TRUE(decoder.ok());
      status = decoder->GetBatch(out, 3).status();
    } else {
      int32_t out[3];
      auto decoder = DeltaBinaryPackedDecoder<int32_t>::Make(data);
      ASSERT_TRUE(decoder.ok());
      status = decoder->GetBatch(out, 3).status();
    }
    EXPECT_EQ(status.code(), StatusCode::kCorruption);
    EXPECT_NE(status.message().find("bit width 65"), std::string::npos) << status.ToString();
  }
}

TEST(ParquetDeltaBinaryPackedTest, EveryPrefixGivesAnErrorOrTheFullResult) {
  std::mt19937_64 random(28);
  std::vector<int64_t> values;
  for (int i = 0; i < 300; ++i) values.push_back(static_cast<int64_t>(random() % 100000) - 500);
  const std::string encoded = Encode(values);
  for (size_t length = 0; length < encoded.size(); ++length) {
    std::string prefix = encoded.substr(0, length);
    auto decoded = DecodeAll<int64_t>(prefix, &random);
    // The miniblocks are fully required, so a shorter stream can never decode completely.
    ASSERT_FALSE(decoded.ok()) << "prefix " << length;
    EXPECT_EQ(decoded.status().code(), StatusCode::kCorruption);
  }
}

}  // namespace
}  // namespace runnel::format::parquet
