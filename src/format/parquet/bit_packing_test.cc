#include "format/parquet/bit_packing.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace runnel::format::parquet {
namespace {

TEST(ParquetBitPackingTest, SpecExampleWidthThree) {
  // Encodings.md: 0..7 at bit width 3 pack LSB first into 10001000 11000110 11111010.
  std::vector<uint32_t> values = {0, 1, 2, 3, 4, 5, 6, 7};
  std::string packed;
  PackBits(values.data(), 8, 3, &packed);
  EXPECT_EQ(packed, std::string("\x88\xC6\xFA", 3));
  std::vector<uint32_t> unpacked(8);
  UnpackBits32(reinterpret_cast<const uint8_t*>(packed.data()), 3, 3, 1, unpacked.data());
  EXPECT_EQ(unpacked, values);
}

TEST(ParquetBitPackingTest, BitWidthOf) {
  EXPECT_EQ(BitWidthOf(0), 0);
  EXPECT_EQ(BitWidthOf(1), 1);
  EXPECT_EQ(BitWidthOf(7), 3);
  EXPECT_EQ(BitWidthOf(8), 4);
  EXPECT_EQ(BitWidthOf(~uint64_t{0}), 64);
}

TEST(ParquetBitPackingTest, RoundTrip32AtEveryWidth) {
  std::mt19937_64 random(1);
  for (int width = 0; width <= 32; ++width) {
    const uint64_t mask = width == 0 ? 0 : (~uint64_t{0} >> (64 - width));
    for (int groups : {1, 2, 3, 5, 17, 64}) {
      std::vector<uint32_t> values(groups * 8);
      for (auto& v : values) v = static_cast<uint32_t>(random() & mask);
      std::string packed;
      PackBits(values.data(), values.size(), width, &packed);
      ASSERT_EQ(packed.size(), static_cast<size_t>(groups * width));
      // An exactly sized copy: the unpacker must not need bytes past the packed data.
      std::vector<uint8_t> exact(packed.begin(), packed.end());
      std::vector<uint32_t> unpacked(values.size(), 12345);
      UnpackBits32(exact.data(), exact.size(), width, groups, unpacked.data());
      ASSERT_EQ(unpacked, values) << "width " << width << ", groups " << groups;
      // With readable bytes after the data (the rest of a page) the groups are read in place;
      // the bytes after must not leak into the values.
      std::vector<uint8_t> padded(exact);
      padded.resize(exact.size() + 16, 0xFF);
      std::fill(unpacked.begin(), unpacked.end(), 12345);
      UnpackBits32(padded.data(), padded.size(), width, groups, unpacked.data());
      ASSERT_EQ(unpacked, values) << "width " << width << ", groups " << groups << ", in place";
    }
  }
}

TEST(ParquetBitPackingTest, RoundTrip64AtEveryWidth) {
  std::mt19937_64 random(2);
  for (int width = 0; width <= 64; ++width) {
    const uint64_t mask = width == 0 ? 0 : (~uint64_t{0} >> (64 - width));
    for (int groups : {1, 2, 3, 9, 40}) {
      std::vector<uint64_t> values(groups * 8);
      for (auto& v : values) v = random() & mask;
      std::string packed;
      PackBits(values.data(), values.size(), width, &packed);
      ASSERT_EQ(packed.size(), static_cast<size_t>(groups * width));
      std::vector<uint8_t> exact(packed.begin(), packed.end());
      std::vector<uint64_t> unpacked(values.size(), 12345);
      UnpackBits64(exact.data(), exact.size(), width, groups, unpacked.data());
      ASSERT_EQ(unpacked, values) << "width " << width << ", groups " << groups;
      std::vector<uint8_t> padded(exact);
      padded.resize(exact.size() + 24, 0xFF);
      std::fill(unpacked.begin(), unpacked.end(), 12345);
      UnpackBits64(padded.data(), padded.size(), width, groups, unpacked.data());
      ASSERT_EQ(unpacked, values) << "width " << width << ", groups " << groups << ", in place";
    }
  }
}

TEST(ParquetBitPackingTest, PackingKeepsOnlyTheLowBits) {
  std::vector<uint64_t> values(8, ~uint64_t{0});
  std::string packed;
  PackBits(values.data(), 8, 2, &packed);
  EXPECT_EQ(packed, std::string("\xFF\xFF", 2));
}

}  // namespace
}  // namespace runnel::format::parquet
