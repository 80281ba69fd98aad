#include "format/parquet/compression.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace runnel::format::parquet {
namespace {

constexpr Codec kSupported[] = {Codec::kUncompressed, Codec::kSnappy, Codec::kGzip,  Codec::kBrotli,
                                Codec::kLz4,          Codec::kZstd,   Codec::kLz4Raw};

std::string Compressible(size_t size) {
  std::string text;
  for (size_t i = 0; text.size() < size; ++i) text += "row " + std::to_string(i % 1000) + ", ";
  text.resize(size);
  return text;
}

std::string Incompressible(size_t size, uint64_t seed) {
  std::mt19937_64 random(seed);
  std::string bytes(size, '\0');
  for (char& c : bytes) c = static_cast<char>(random());
  return bytes;
}

// Decompresses into a buffer with a guard zone after the `size` bytes, failing the test if the
// codec wrote into it.
Status DecompressGuarded(Codec codec, std::string_view input, int64_t size, std::string* out) {
  constexpr char kGuard = '\x5A';
  std::string buffer(static_cast<size_t>(size) + 64, kGuard);
  Status status = Decompress(codec, input, size, buffer.data());
  for (size_t i = static_cast<size_t>(size); i < buffer.size(); ++i) {
    if (buffer[i] != kGuard) {
      ADD_FAILURE() << CodecName(codec) << " wrote past the output at " << i;
      break;
    }
  }
  buffer.resize(static_cast<size_t>(size));
  *out = std::move(buffer);
  return status;
}

TEST(ParquetCompressionTest, ParsesSparkNames) {
  EXPECT_EQ(*ParseCodecName("none"), Codec::kUncompressed);
  EXPECT_EQ(*ParseCodecName("uncompressed"), Codec::kUncompressed);
  EXPECT_EQ(*ParseCodecName("Snappy"), Codec::kSnappy);
  EXPECT_EQ(*ParseCodecName("GZIP"), Codec::kGzip);
  EXPECT_EQ(*ParseCodecName("zstd"), Codec::kZstd);
  EXPECT_EQ(*ParseCodecName("lz4"), Codec::kLz4);
  EXPECT_EQ(*ParseCodecName("LZ4_RAW"), Codec::kLz4Raw);
  EXPECT_EQ(*ParseCodecName("brotli"), Codec::kBrotli);
  EXPECT_EQ(ParseCodecName("lzo").status().code(), StatusCode::kNotSupported);
  auto unknown = ParseCodecName("zip");
  EXPECT_EQ(unknown.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(unknown.status().message().find("'zip'. Available: none"), std::string::npos);
}

TEST(ParquetCompressionTest, NamesAndNumbersFollowParquetThrift) {
  EXPECT_STREQ(CodecName(Codec::kLz4Raw), "LZ4_RAW");
  EXPECT_STREQ(CodecName(Codec::kSnappy), "SNAPPY");
  EXPECT_STREQ(CodecName(static_cast<Codec>(99)), "UNKNOWN");
  EXPECT_EQ(static_cast<int32_t>(Codec::kZstd), 6);
  EXPECT_EQ(static_cast<int32_t>(Codec::kLz4Raw), 7);
}

TEST(ParquetCompressionTest, EveryCodecRoundTrips) {
  for (Codec codec : kSupported) {
    for (const std::string& input :
         {std::string(), std::string("x"), Compressible(300000), Incompressible(70000, 51)}) {
      std::string compressed;
      ASSERT_TRUE(Compress(codec, input, &compressed).ok()) << CodecName(codec);
      if (input.size() == 300000 && codec != Codec::kUncompressed) {
        EXPECT_LT(compressed.size(), input.size() / 4) << CodecName(codec);
      }
      std::string output;
      Status status =
          DecompressGuarded(codec, compressed, static_cast<int64_t>(input.size()), &output);
      ASSERT_TRUE(status.ok()) << CodecName(codec) << ": " << status.ToString();
      ASSERT_EQ(output, input) << CodecName(codec);
    }
  }
}

TEST(ParquetCompressionTest, CompressAppends) {
  std::string out = "prefix";
  ASSERT_TRUE(Compress(Codec::kZstd, "hello hello hello", &out).ok());
  EXPECT_EQ(out.substr(0, 6), "prefix");
  std::string output;
  ASSERT_TRUE(DecompressGuarded(Codec::kZstd, std::string_view(out).substr(6), 17, &output).ok());
  EXPECT_EQ(output, "hello hello hello");
}

TEST(ParquetCompressionTest, Levels) {
  const std::string input = Compressible(100000);
  for (auto [codec, level] :
       {std::pair{Codec::kGzip, 1}, std::pair{Codec::kGzip, 9}, std::pair{Codec::kZstd, -5},
        std::pair{Codec::kZstd, 19}, std::pair{Codec::kBrotli, 0}, std::pair{Codec::kBrotli, 11}}) {
    std::string compressed;
    ASSERT_TRUE(Compress(codec, input, &compressed, level).ok()) << CodecName(codec) << level;
    std::string output;
    ASSERT_TRUE(DecompressGuarded(codec, compressed, 100000, &output).ok());
    EXPECT_EQ(output, input);
  }
  std::string ignored;
  EXPECT_EQ(Compress(Codec::kGzip, input, &ignored, 10).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Compress(Codec::kBrotli, input, &ignored, 12).code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(Compress(Codec::kZstd, input, &ignored, 1000).code(), StatusCode::kInvalidArgument);
}

TEST(ParquetCompressionTest, WrongSizesAreCorruption) {
  const std::string input = Compressible(5000);
  for (Codec codec : kSupported) {
    std::string compressed;
    ASSERT_TRUE(Compress(codec, input, &compressed).ok());
    for (int64_t size : {int64_t{0}, int64_t{1}, int64_t{4999}, int64_t{5001}, int64_t{20000}}) {
      std::string output;
      Status status = DecompressGuarded(codec, compressed, size, &output);
      EXPECT_EQ(status.code(), StatusCode::kCorruption) << CodecName(codec) << " size " << size;
      EXPECT_NE(status.message().find(CodecName(codec)), std::string::npos) << status.message();
    }
    std::string output;
    EXPECT_EQ(Decompress(codec, compressed, -1, output.data()).code(), StatusCode::kCorruption);
  }
}

TEST(ParquetCompressionTest, TruncatedAndDamagedInputIsCorruption) {
  const std::string input = Compressible(20000) + Incompressible(2000, 52);
  for (Codec codec : kSupported) {
    std::string compressed;
    ASSERT_TRUE(Compress(codec, input, &compressed).ok());
    // Every prefix (striding through long outputs) must fail cleanly.
    const size_t stride = std::max<size_t>(1, compressed.size() / 300);
    for (size_t length = 0; length < compressed.size(); length += stride) {
      std::string prefix = compressed.substr(0, length);
      std::string output;
      Status status = DecompressGuarded(codec, prefix, static_cast<int64_t>(input.size()), &output);
      ASSERT_EQ(status.code(), StatusCode::kCorruption)
          << CodecName(codec) << " prefix " << length << " of " << compressed.size();
    }
    // Flipped bytes must never crash or overrun; most are detected.
    std::mt19937_64 random(53);
    for (int trial = 0; trial < 200; ++trial) {
      std::string damaged = compressed;
      damaged[random() % damaged.size()] ^= static_cast<char>(1 + random() % 255);
      std::string output;
      (void)DecompressGuarded(codec, damaged, static_cast<int64_t>(input.size()), &output);
    }
  }
}

std::string BigEndian32(uint32_t value) {
  return {static_cast<char>(value >> 24), static_cast<char>(value >> 16),
          static_cast<char>(value >> 8), static_cast<char>(value)};
}

// The zlib wrapper of the same deflate data: a 2-byte header, the deflate stream and the
// Adler-32 of the uncompressed bytes (RFC 1950), made from our gzip output (RFC 1952: 10-byte
// header, deflate stream, CRC-32 and size) so the test needs no zlib of its own.
std::string GzipToZlib(const std::string& gzip, std::string_view data) {
  uint32_t a = 1, b = 0;
  for (unsigned char c : data) {
    a = (a + c) % 65521;
    b = (b + a) % 65521;
  }
  return "\x78\x9C" + gzip.substr(10, gzip.size() - 18) + BigEndian32((b << 16) | a);
}

TEST(ParquetCompressionTest, GzipAcceptsZlibWrapperAndConcatenatedMembers) {
  const std::string input = Compressible(10000);
  std::string gzip;
  ASSERT_TRUE(Compress(Codec::kGzip, input, &gzip).ok());
  // The gzip magic is what Compress writes, with no file name or other optional fields.
  ASSERT_EQ(gzip.substr(0, 4), std::string("\x1F\x8B\x08\x00", 4));
  std::string output;
  Status status = DecompressGuarded(Codec::kGzip, GzipToZlib(gzip, input), 10000, &output);
  ASSERT_TRUE(status.ok()) << status.ToString();
  EXPECT_EQ(output, input);

  std::string members;
  ASSERT_TRUE(Compress(Codec::kGzip, input.substr(0, 4000), &members).ok());
  ASSERT_TRUE(Compress(Codec::kGzip, input.substr(4000), &members).ok());
  ASSERT_TRUE(DecompressGuarded(Codec::kGzip, members, 10000, &output).ok());
  EXPECT_EQ(output, input);
}

std::string RawLz4(std::string_view input) {
  std::string out;
  EXPECT_TRUE(Compress(Codec::kLz4Raw, input, &out).ok());
  return out;
}

TEST(ParquetCompressionTest, Lz4HadoopFraming) {
  const std::string input = Compressible(600000);
  std::string framed;
  ASSERT_TRUE(Compress(Codec::kLz4, input, &framed).ok());
  // Hadoop-sized blocks: the first block says it holds 256 KiB minus Hadoop's overhead.
  EXPECT_EQ(framed.substr(0, 4), BigEndian32(261100));
  // A raw LZ4 block under codec LZ4 is read too, as older writers produced it.
  std::string output;
  ASSERT_TRUE(DecompressGuarded(Codec::kLz4, RawLz4(input), 600000, &output).ok());
  EXPECT_EQ(output, input);
  // One Hadoop block made of two compressed chunks, as Hadoop's own stream writes large input.
  const std::string a = RawLz4(input.substr(0, 1000)), b = RawLz4(input.substr(1000, 500));
  const std::string chunked =
      BigEndian32(1500) + BigEndian32(a.size()) + a + BigEndian32(b.size()) + b;
  ASSERT_TRUE(DecompressGuarded(Codec::kLz4, chunked, 1500, &output).ok());
  EXPECT_EQ(output, input.substr(0, 1500));
  // Arrow frames an empty page as a zero-size block that still holds one chunk.
  const std::string empty_block = RawLz4("");
  const std::string arrow_empty = BigEndian32(0) + BigEndian32(empty_block.size()) + empty_block;
  EXPECT_TRUE(Decompress(Codec::kLz4, arrow_empty, 0, nullptr).ok());
  // LZ4_RAW does not accept the framing.
  EXPECT_EQ(DecompressGuarded(Codec::kLz4Raw, chunked, 1500, &output).code(),
            StatusCode::kCorruption);
}

TEST(ParquetCompressionTest, UnsupportedCodecs) {
  std::string out;
  Status compress = Compress(Codec::kLzo, "abc", &out);
  EXPECT_EQ(compress.code(), StatusCode::kNotSupported);
  EXPECT_NE(compress.message().find("LZO"), std::string::npos);
  char buffer[3];
  EXPECT_EQ(Decompress(Codec::kLzo, "abc", 3, buffer).code(), StatusCode::kNotSupported);
  EXPECT_EQ(Decompress(static_cast<Codec>(42), "abc", 3, buffer).code(), StatusCode::kNotSupported);
}

TEST(ParquetCompressionTest, EmptyPagesMayHaveNoBytes) {
  for (Codec codec : kSupported) {
    EXPECT_TRUE(Decompress(codec, "", 0, nullptr).ok()) << CodecName(codec);
  }
}

}  // namespace
}  // namespace runnel::format::parquet
