#include "format/parquet/delta_byte_array.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace runnel::format::parquet {
namespace {

template <typename Encoder>
std::string Encode(const std::vector<std::string>& values) {
  Encoder encoder;
  for (const auto& v : values) EXPECT_TRUE(encoder.Put(v).ok());
  std::string out;
  encoder.Flush(&out);
  return out;
}

std::vector<int32_t> DecodeInts(std::string_view data, size_t* consumed) {
  auto decoder = DeltaBinaryPackedDecoder<int32_t>::Make(data).ValueOrDie();
  std::vector<int32_t> out(decoder.total_values());
  EXPECT_TRUE(decoder.GetBatch(out.data(), static_cast<int>(out.size())).ok());
  *consumed = decoder.bytes_consumed();
  return out;
}

// Decodes in batches of varying sizes, copying each batch before the next one is asked for
// (DELTA_BYTE_ARRAY views only live until then).
template <typename Decoder>
Result<std::vector<std::string>> DecodeAll(std::string_view data, int64_t max_values,
                                           std::mt19937_64* random) {
  RUNNEL_ASSIGN_OR_RAISE(auto decoder, Decoder::Make(data, max_values));
  std::vector<std::string> out;
  std::vector<std::string_view> batch(64);
  while (decoder.values_left() > 0) {
    const int n = static_cast<int>(1 + (*random)() % 64);
    Result<int> got = decoder.GetBatch(batch.data(), n);
    RUNNEL_RETURN_NOT_OK(got);
    for (int i = 0; i < *got; ++i) out.emplace_back(batch[i]);
  }
  return out;
}

TEST(ParquetDeltaLengthByteArrayTest, SpecExample) {
  const std::vector<std::string> values = {"Hello", "World", "Foobar", "ABCDEF"};
  const std::string encoded = Encode<DeltaLengthByteArrayEncoder>(values);
  size_t consumed = 0;
  EXPECT_EQ(DecodeInts(encoded, &consumed), (std::vector<int32_t>{5, 5, 6, 6}));
  EXPECT_EQ(encoded.substr(consumed), "HelloWorldFoobarABCDEF");
  std::mt19937_64 random(31);
  auto decoded = DecodeAll<DeltaLengthByteArrayDecoder>(encoded, 4, &random);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, values);
}

TEST(ParquetDeltaByteArrayTest, SpecExample) {
  const std::vector<std::string> values = {"axis", "axle", "babble", "babyhood"};
  const std::string encoded = Encode<DeltaByteArrayEncoder>(values);
  size_t prefixes_size = 0, suffix_lengths_size = 0;
  EXPECT_EQ(DecodeInts(encoded, &prefixes_size), (std::vector<int32_t>{0, 2, 0, 3}));
  const std::string suffixes = encoded.substr(prefixes_size);
  EXPECT_EQ(DecodeInts(suffixes, &suffix_lengths_size), (std::vector<int32_t>{4, 2, 6, 5}));
  EXPECT_EQ(suffixes.substr(suffix_lengths_size), "axislebabbleyhood");
  std::mt19937_64 random(32);
  auto decoded = DecodeAll<DeltaByteArrayDecoder>(encoded, 4, &random);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, values);
}

std::vector<std::string> RandomStrings(size_t count, std::mt19937_64* random) {
  std::vector<std::string> values;
  for (size_t i = 0; i < count; ++i) {
    std::string value;
    const size_t length = (*random)() % 3 == 0 ? 0 : (*random)() % 40;
    for (size_t j = 0; j < length; ++j) value.push_back(static_cast<char>((*random)() % 4 * 60));
    values.push_back(value);
  }
  return values;
}

TEST(ParquetDeltaByteArrayTest, RoundTrips) {
  std::mt19937_64 random(33);
  for (size_t count : {0, 1, 2, 127, 128, 129, 1500}) {
    std::vector<std::string> values = RandomStrings(count, &random);
    // Unsorted, then sorted (long shared prefixes, as in sorted keys and URLs).
    for (int sorted = 0; sorted < 2; ++sorted) {
      if (sorted) std::sort(values.begin(), values.end());
      const int64_t n = static_cast<int64_t>(values.size());
      auto dlba = DecodeAll<DeltaLengthByteArrayDecoder>(
          Encode<DeltaLengthByteArrayEncoder>(values), n, &random);
      ASSERT_TRUE(dlba.ok()) << dlba.status().ToString();
      EXPECT_EQ(*dlba, values);
      auto dba =
          DecodeAll<DeltaByteArrayDecoder>(Encode<DeltaByteArrayEncoder>(values), n, &random);
      ASSERT_TRUE(dba.ok()) << dba.status().ToString();
      EXPECT_EQ(*dba, values);
    }
  }
}

TEST(ParquetDeltaByteArrayTest, EncodersStartAfreshAfterFlush) {
  DeltaByteArrayEncoder encoder;
  ASSERT_TRUE(encoder.Put("abc").ok());
  std::string first;
  encoder.Flush(&first);
  ASSERT_TRUE(encoder.Put("abd").ok());
  std::string second;
  encoder.Flush(&second);
  std::mt19937_64 random(34);
  auto decoded = DecodeAll<DeltaByteArrayDecoder>(second, 1, &random);
  ASSERT_TRUE(decoded.ok()) << decoded.status().ToString();
  EXPECT_EQ(*decoded, std::vector<std::string>{"abd"});
}

TEST(ParquetDeltaByteArrayTest, MoreValuesThanThePageHasIsCorrupt) {
  const std::string encoded = Encode<DeltaLengthByteArrayEncoder>({"a", "b", "c"});
  EXPECT_EQ(DeltaLengthByteArrayDecoder::Make(encoded, 2).status().code(), StatusCode::kCorruption);
  EXPECT_EQ(DeltaByteArrayDecoder::Make(Encode<DeltaByteArrayEncoder>({"a", "b", "c"}), 2)
                .status()
                .code(),
            StatusCode::kCorruption);
}

TEST(ParquetDeltaByteArrayTest, PrefixLongerThanThePreviousValueIsCorrupt) {
  // Prefix lengths 0, 5 (the first value has 2 bytes), suffixes "ab", "c".
  DeltaBinaryPackedEncoder<int32_t> prefixes;
  prefixes.Put(0);
  prefixes.Put(5);
  std::string data;
  prefixes.Flush(&data);
  data += Encode<DeltaLengthByteArrayEncoder>({"ab", "c"});
  auto decoder = DeltaByteArrayDecoder::Make(data, 2);
  ASSERT_TRUE(decoder.ok()) << decoder.status().ToString();
  std::string_view out[2];
  auto got = decoder->GetBatch(out, 2);
  EXPECT_EQ(got.status().code(), StatusCode::kCorruption);
  EXPECT_NE(got.status().message().find("prefix of 5 bytes"), std::string::npos);
}

TEST(ParquetDeltaByteArrayTest, NegativeLengthsAndMismatchedCountsAreCorrupt) {
  DeltaBinaryPackedEncoder<int32_t> lengths;
  lengths.Put(1);
  lengths.Put(-1);
  std::string negative;
  lengths.Flush(&negative);
  negative += "xx";
  EXPECT_EQ(DeltaLengthByteArrayDecoder::Make(negative, 10).status().code(),
            StatusCode::kCorruption);

  DeltaBinaryPackedEncoder<int32_t> prefixes;
  prefixes.Put(0);
  std::string mismatched;
  prefixes.Flush(&mismatched);
  mismatched += Encode<DeltaLengthByteArrayEncoder>({"a", "b"});
  auto decoder = DeltaByteArrayDecoder::Make(mismatched, 10);
  EXPECT_EQ(decoder.status().code(), StatusCode::kCorruption);
  EXPECT_NE(decoder.status().message().find("1 prefix lengths but 2 suffixes"), std::string::npos);
}

TEST(ParquetDeltaByteArrayTest, EveryPrefixGivesAnErrorOrACorrectShorterResult) {
  std::mt19937_64 random(35);
  std::vector<std::string> values = RandomStrings(150, &random);
  std::sort(values.begin(), values.end());
  const int64_t n = static_cast<int64_t>(values.size());
  for (int front_coded = 0; front_coded < 2; ++front_coded) {
    const std::string encoded = front_coded ? Encode<DeltaByteArrayEncoder>(values)
                                            : Encode<DeltaLengthByteArrayEncoder>(values);
    for (size_t length = 0; length < encoded.size(); ++length) {
      std::string prefix = encoded.substr(0, length);
      auto decoded = front_coded ? DecodeAll<DeltaByteArrayDecoder>(prefix, n, &random)
                                 : DecodeAll<DeltaLengthByteArrayDecoder>(prefix, n, &random);
      if (!decoded.ok()) {
        EXPECT_EQ(decoded.status().code(), StatusCode::kCorruption);
        continue;
      }
      // The byte section is last, and lengths are checked against it, so a cut stream can only
      // succeed if it lost nothing needed: that never happens here (values end the stream).
      ADD_FAILURE() << "prefix " << length << " of " << encoded.size() << " decoded "
                    << decoded->size() << " values";
    }
  }
}

}  // namespace
}  // namespace runnel::format::parquet
