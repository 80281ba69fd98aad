#include "format/parquet/level_encoding.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace runnel::format::parquet {
namespace {

std::vector<int16_t> RandomLevels(int16_t max_level, size_t count, std::mt19937_64* random) {
  std::vector<int16_t> levels;
  while (levels.size() < count) {
    // Runs of the max (non-null values) with scattered lower levels, as real pages have.
    const int16_t level =
        static_cast<int16_t>((*random)() % 3 == 0 ? (*random)() % (max_level + 1) : max_level);
    const size_t run = 1 + (*random)() % 20;
    for (size_t i = 0; i < run && levels.size() < count; ++i) levels.push_back(level);
  }
  return levels;
}

TEST(ParquetLevelTest, BitWidths) {
  EXPECT_EQ(LevelBitWidth(0), 0);
  EXPECT_EQ(LevelBitWidth(1), 1);
  EXPECT_EQ(LevelBitWidth(2), 2);
  EXPECT_EQ(LevelBitWidth(3), 2);
  EXPECT_EQ(LevelBitWidth(4), 3);
  EXPECT_EQ(LevelBitWidth(32767), 15);
}

TEST(ParquetLevelTest, V1RoundTripLeavesTheValuesInThePage) {
  std::mt19937_64 random(11);
  for (int16_t max_level : {1, 2, 3, 7, 100, 32767}) {
    const std::vector<int16_t> levels = RandomLevels(max_level, 1000, &random);
    std::string page;
    AppendLevelsV1(levels.data(), static_cast<int64_t>(levels.size()), max_level, &page);
    page += "VALUES";
    std::string_view rest = page;
    auto decoder = LevelDecoder::MakeV1(LevelEncoding::kRle, max_level,
                                        static_cast<int64_t>(levels.size()), &rest);
    ASSERT_TRUE(decoder.ok()) << decoder.status().ToString();
    EXPECT_EQ(rest, "VALUES");
    std::vector<int16_t> decoded(levels.size());
    ASSERT_TRUE(decoder->Decode(decoded.data(), 600).ok());
    ASSERT_TRUE(decoder->Decode(decoded.data() + 600, 400).ok());
    EXPECT_EQ(decoded, levels) << "max level " << max_level;
    // The padding of the last bit-packed group may decode as a few extra levels; far more
    // than that is an error.
    std::vector<int16_t> extra(100);
    EXPECT_EQ(decoder->Decode(extra.data(), 100).code(), StatusCode::kCorruption);
  }
}

TEST(ParquetLevelTest, V2RoundTrip) {
  std::mt19937_64 random(12);
  const std::vector<int16_t> levels = RandomLevels(3, 5000, &random);
  std::string section;
  AppendLevelsV2(levels.data(), static_cast<int64_t>(levels.size()), 3, &section);
  auto decoder = LevelDecoder::MakeV2(3, section);
  ASSERT_TRUE(decoder.ok());
  std::vector<int16_t> decoded(levels.size());
  ASSERT_TRUE(decoder->Decode(decoded.data(), static_cast<int>(decoded.size())).ok());
  EXPECT_EQ(decoded, levels);
}

TEST(ParquetLevelTest, MaxLevelZeroStoresNothing) {
  std::vector<int16_t> levels(10, 0);
  std::string page;
  AppendLevelsV1(levels.data(), 10, 0, &page);
  AppendLevelsV2(levels.data(), 10, 0, &page);
  EXPECT_EQ(page, "");
  page = "VALUES";
  std::string_view rest = page;
  auto decoder = LevelDecoder::MakeV1(LevelEncoding::kRle, 0, 10, &rest);
  ASSERT_TRUE(decoder.ok());
  EXPECT_EQ(rest, "VALUES");
  std::vector<int16_t> decoded(10, 9);
  ASSERT_TRUE(decoder->Decode(decoded.data(), 10).ok());
  EXPECT_EQ(decoded, levels);
}

TEST(ParquetLevelTest, DeprecatedBitPackedSpecExample) {
  // Encodings.md: 0..7 at bit width 3, MSB first: 00000101 00111001 01110111.
  const std::vector<int16_t> levels = {0, 1, 2, 3, 4, 5, 6, 7};
  std::string packed;
  AppendLevelsBitPacked(levels.data(), 8, 7, &packed);
  EXPECT_EQ(packed, std::string("\x05\x39\x77", 3));
  std::string page = packed + "VALUES";
  std::string_view rest = page;
  auto decoder = LevelDecoder::MakeV1(LevelEncoding::kBitPacked, 7, 8, &rest);
  ASSERT_TRUE(decoder.ok());
  EXPECT_EQ(rest, "VALUES");
  std::vector<int16_t> decoded(8);
  ASSERT_TRUE(decoder->Decode(decoded.data(), 3).ok());
  ASSERT_TRUE(decoder->Decode(decoded.data() + 3, 5).ok());
  EXPECT_EQ(decoded, levels);
  int16_t extra;
  EXPECT_EQ(decoder->Decode(&extra, 1).code(), StatusCode::kCorruption);
}

TEST(ParquetLevelTest, DeprecatedBitPackedRoundTrip) {
  std::mt19937_64 random(13);
  for (int16_t max_level : {1, 3, 5, 200, 32767}) {
    const std::vector<int16_t> levels = RandomLevels(max_level, 777, &random);
    std::string page;
    AppendLevelsBitPacked(levels.data(), static_cast<int64_t>(levels.size()), max_level, &page);
    // The spec's size: 30 values of 2 bits are 8 bytes; here ceil(777 * width / 8).
    EXPECT_EQ(page.size(), (777u * LevelBitWidth(max_level) + 7) / 8);
    std::string_view rest = page;
    auto decoder = LevelDecoder::MakeV1(LevelEncoding::kBitPacked, max_level, 777, &rest);
    ASSERT_TRUE(decoder.ok());
    EXPECT_TRUE(rest.empty());
    std::vector<int16_t> decoded(levels.size());
    ASSERT_TRUE(decoder->Decode(decoded.data(), static_cast<int>(decoded.size())).ok());
    EXPECT_EQ(decoded, levels) << "max level " << max_level;
  }
}

TEST(ParquetLevelTest, LevelsAboveTheMaxAreCorrupt) {
  // Width 2 allows 3, but the column's max level is 2.
  const std::vector<int16_t> levels = {0, 1, 2, 3};
  std::string section;
  AppendLevelsV2(levels.data(), 4, 3, &section);
  auto decoder = LevelDecoder::MakeV2(2, section);
  ASSERT_TRUE(decoder.ok());
  int16_t decoded[4];
  Status status = decoder->Decode(decoded, 4);
  EXPECT_EQ(status.code(), StatusCode::kCorruption);
  EXPECT_NE(status.message().find("Level 3 at position 3"), std::string::npos);
}

TEST(ParquetLevelTest, TruncatedPagesAreCorrupt) {
  std::string_view too_short("\x10\x00\x00\x00\x01", 5);
  auto rle = LevelDecoder::MakeV1(LevelEncoding::kRle, 1, 10, &too_short);
  EXPECT_EQ(rle.status().code(), StatusCode::kCorruption);
  std::string_view two_bytes("\x01\x02", 2);
  auto packed = LevelDecoder::MakeV1(LevelEncoding::kBitPacked, 3, 10, &two_bytes);
  EXPECT_EQ(packed.status().code(), StatusCode::kCorruption);
  std::string_view empty;
  EXPECT_EQ(LevelDecoder::MakeV1(LevelEncoding::kRle, -1, 1, &empty).status().code(),
            StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace runnel::format::parquet
