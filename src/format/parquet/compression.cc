#include "format/parquet/compression.h"

#include <brotli/decode.h>
#include <brotli/encode.h>
#include <fmt/format.h>
#include <lz4.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>
#include <zstd_errors.h>

#include <algorithm>
#include <cctype>
#include <cstring>

namespace runnel::format::parquet {
namespace {

// Page sizes are int32 in the page header, which also keeps every size below the int and uInt
// limits of the LZ4 and zlib APIs.
constexpr int64_t kMaxPageSize = std::numeric_limits<int32_t>::max();
constexpr int kZstdDefaultLevel = 3;    // zstd's own default, and parquet-mr's
constexpr int kGzipDefaultLevel = 6;    // zlib's Z_DEFAULT_COMPRESSION
constexpr int kBrotliDefaultLevel = 8;  // Arrow's choice: most of the ratio at a usable speed
// Hadoop's Lz4Codec reads blocks through a 256 KiB buffer; it cuts its input so that even
// incompressible data fits, and we write blocks of the same size so it can read our files.
constexpr size_t kHadoopLz4BlockSize = 256 * 1024 - (256 * 1024 / 255 + 16);

Status CorruptPage(Codec codec, std::string_view detail) {
  return Status::Corruption(
      fmt::format("Corrupt {}-compressed page: {}", CodecName(codec), detail));
}

Status SizeMismatch(Codec codec, int64_t actual, int64_t expected) {
  return Status::Corruption(
      fmt::format("{}-compressed page decompresses to {} bytes, but its header says {}",
                  CodecName(codec), actual, expected));
}

Status DecompressSnappy(std::string_view input, int64_t size, char* out) {
  size_t length = 0;
  if (snappy_uncompressed_length(input.data(), input.size(), &length) != SNAPPY_OK) {
    return CorruptPage(Codec::kSnappy, "the length header is malformed");
  }
  if (static_cast<int64_t>(length) != size) {
    return SizeMismatch(Codec::kSnappy, static_cast<int64_t>(length), size);
  }
  if (snappy_uncompress(input.data(), input.size(), out, &length) != SNAPPY_OK) {
    return CorruptPage(Codec::kSnappy, "the data does not decode");
  }
  return Status::OK();
}

Status DecompressZstd(std::string_view input, int64_t size, char* out) {
  const size_t result = ZSTD_decompress(out, static_cast<size_t>(size), input.data(), input.size());
  if (ZSTD_isError(result)) {
    if (ZSTD_getErrorCode(result) == ZSTD_error_dstSize_tooSmall) {
      return Status::Corruption(fmt::format(
          "ZSTD-compressed page decompresses to more than the {} bytes its header says", size));
    }
    return CorruptPage(Codec::kZstd, ZSTD_getErrorName(result));
  }
  if (static_cast<int64_t>(result) != size) {
    return SizeMismatch(Codec::kZstd, static_cast<int64_t>(result), size);
  }
  return Status::OK();
}

uint32_t LoadBigEndian32(const char* p) {
  const auto* b = reinterpret_cast<const uint8_t*>(p);
  return (uint32_t{b[0]} << 24) | (uint32_t{b[1]} << 16) | (uint32_t{b[2]} << 8) | b[3];
}

void AppendBigEndian32(uint32_t value, std::string* out) {
  const char bytes[4] = {static_cast<char>(value >> 24), static_cast<char>(value >> 16),
                         static_cast<char>(value >> 8), static_cast<char>(value)};
  out->append(bytes, 4);
}

// Hadoop's framing: each block is its uncompressed size, then one or more chunks of
// [compressed size][LZ4 block] filling it. False when the data is not in that shape.
bool DecompressHadoopLz4(std::string_view input, int64_t size, char* out) {
  int64_t produced = 0;
  while (!input.empty()) {
    if (input.size() < 4) return false;
    const int64_t block_size = LoadBigEndian32(input.data());
    input.remove_prefix(4);
    if (block_size > size - produced) return false;
    int64_t block_done = 0;
    // At least one chunk: Arrow frames an empty page as a zero-size block with one chunk.
    do {
      if (input.size() < 4) return false;
      const int64_t chunk_size = LoadBigEndian32(input.data());
      input.remove_prefix(4);
      if (chunk_size > static_cast<int64_t>(input.size())) return false;
      const int got = LZ4_decompress_safe(input.data(), out + produced + block_done,
                                          static_cast<int>(chunk_size),
                                          static_cast<int>(block_size - block_done));
      if (got < 0) return false;
      block_done += got;
      input.remove_prefix(static_cast<size_t>(chunk_size));
    } while (block_done < block_size);
    produced += block_size;
  }
  return produced == size;
}

Status DecompressLz4Raw(Codec codec, std::string_view input, int64_t size, char* out) {
  const int got = LZ4_decompress_safe(input.data(), out, static_cast<int>(input.size()),
                                      static_cast<int>(size));
  if (got < 0) return CorruptPage(codec, "the LZ4 block does not decode");
  if (got != size) return SizeMismatch(codec, got, size);
  return Status::OK();
}

// zlib's stream needs inflateEnd on every path.
struct InflateStream {
  z_stream stream{};
  bool initialized = false;
  ~InflateStream() {
    if (initialized) inflateEnd(&stream);
  }
};

Status DecompressGzip(std::string_view input, int64_t size, char* out) {
  InflateStream z;
  // 15 window bits, +32: accept both the gzip and the zlib wrapper.
  if (inflateInit2(&z.stream, 15 + 32) != Z_OK) {
    return Status::Internal("zlib failed to initialize an inflate stream");
  }
  z.initialized = true;
  z.stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  z.stream.avail_in = static_cast<uInt>(input.size());
  z.stream.next_out = reinterpret_cast<Bytef*>(out);
  z.stream.avail_out = static_cast<uInt>(size);
  while (true) {
    const int result = inflate(&z.stream, Z_NO_FLUSH);
    if (result == Z_STREAM_END) {
      // Some writers concatenate gzip members; bytes after the data are ignored.
      if (z.stream.avail_in == 0 || z.stream.avail_out == 0) break;
      if (inflateReset(&z.stream) != Z_OK) return Status::Internal("zlib failed to reset");
      continue;
    }
    if (result == Z_BUF_ERROR && z.stream.avail_out == 0) {
      return Status::Corruption(fmt::format(
          "GZIP-compressed page decompresses to more than the {} bytes its header says", size));
    }
    if (result == Z_BUF_ERROR) return CorruptPage(Codec::kGzip, "the data ends early");
    if (result != Z_OK) {
      return CorruptPage(Codec::kGzip, z.stream.msg != nullptr ? z.stream.msg : "inflate failed");
    }
  }
  const int64_t produced = size - z.stream.avail_out;
  if (produced != size) return SizeMismatch(Codec::kGzip, produced, size);
  return Status::OK();
}

Status DecompressBrotli(std::string_view input, int64_t size, char* out) {
  size_t decoded = static_cast<size_t>(size);
  const BrotliDecoderResult result =
      BrotliDecoderDecompress(input.size(), reinterpret_cast<const uint8_t*>(input.data()),
                              &decoded, reinterpret_cast<uint8_t*>(out));
  if (result != BROTLI_DECODER_RESULT_SUCCESS) {
    return CorruptPage(Codec::kBrotli,
                       "the data does not decode, or decodes to more bytes than the header says");
  }
  if (static_cast<int64_t>(decoded) != size) {
    return SizeMismatch(Codec::kBrotli, static_cast<int64_t>(decoded), size);
  }
  return Status::OK();
}

// -----------------------------------------------------------------------------------------------
// Compression

Status CheckLevel(Codec codec, int level, int low, int high) {
  if (level >= low && level <= high) return Status::OK();
  return Status::InvalidArgument(
      fmt::format("{} compression level must be between {} and {}, got {}", CodecName(codec), low,
                  high, level));
}

Status CompressGzip(std::string_view input, int level, std::string* out) {
  z_stream stream{};
  // 15 window bits, +16: write the gzip wrapper, which is what GZIP means in Parquet.
  if (deflateInit2(&stream, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK) {
    return Status::Internal("zlib failed to initialize a deflate stream");
  }
  const size_t start = out->size();
  out->resize(start + deflateBound(&stream, static_cast<uLong>(input.size())));
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(input.data()));
  stream.avail_in = static_cast<uInt>(input.size());
  stream.next_out = reinterpret_cast<Bytef*>(out->data() + start);
  stream.avail_out = static_cast<uInt>(out->size() - start);
  const int result = deflate(&stream, Z_FINISH);
  out->resize(start + stream.total_out);
  deflateEnd(&stream);
  if (result != Z_STREAM_END) return Status::Internal("zlib deflate did not finish in its bound");
  return Status::OK();
}

Status CompressZstd(std::string_view input, int level, std::string* out) {
  const size_t start = out->size();
  out->resize(start + ZSTD_compressBound(input.size()));
  const size_t result =
      ZSTD_compress(out->data() + start, out->size() - start, input.data(), input.size(), level);
  if (ZSTD_isError(result)) {
    out->resize(start);
    return Status::Internal(fmt::format("zstd compression failed: {}", ZSTD_getErrorName(result)));
  }
  out->resize(start + result);
  return Status::OK();
}

void CompressLz4Block(std::string_view input, std::string* out) {
  const size_t start = out->size();
  const int bound = LZ4_compressBound(static_cast<int>(input.size()));
  out->resize(start + static_cast<size_t>(bound));
  const int written = LZ4_compress_default(input.data(), out->data() + start,
                                           static_cast<int>(input.size()), bound);
  out->resize(start + static_cast<size_t>(written));
}

void CompressHadoopLz4(std::string_view input, std::string* out) {
  // Like Hadoop, an empty input is no blocks at all.
  while (!input.empty()) {
    const std::string_view block = input.substr(0, kHadoopLz4BlockSize);
    input.remove_prefix(block.size());
    AppendBigEndian32(static_cast<uint32_t>(block.size()), out);
    const size_t size_at = out->size();
    AppendBigEndian32(0, out);
    CompressLz4Block(block, out);
    const uint32_t compressed = static_cast<uint32_t>(out->size() - size_at - 4);
    std::string size_bytes;
    AppendBigEndian32(compressed, &size_bytes);
    out->replace(size_at, 4, size_bytes);
  }
}

Status CompressBrotli(std::string_view input, int level, std::string* out) {
  const size_t start = out->size();
  size_t size = BrotliEncoderMaxCompressedSize(input.size());
  out->resize(start + size);
  if (!BrotliEncoderCompress(level, BROTLI_DEFAULT_WINDOW, BROTLI_MODE_GENERIC, input.size(),
                             reinterpret_cast<const uint8_t*>(input.data()), &size,
                             reinterpret_cast<uint8_t*>(out->data() + start))) {
    out->resize(start);
    return Status::Internal("Brotli compression failed");
  }
  out->resize(start + size);
  return Status::OK();
}

}  // namespace

Result<Codec> ParseCodecName(std::string_view name) {
  std::string lower(name);
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (lower == "none" || lower == "uncompressed") return Codec::kUncompressed;
  if (lower == "snappy") return Codec::kSnappy;
  if (lower == "gzip") return Codec::kGzip;
  if (lower == "lz4") return Codec::kLz4;
  if (lower == "lz4_raw") return Codec::kLz4Raw;
  if (lower == "zstd") return Codec::kZstd;
  if (lower == "brotli") return Codec::kBrotli;
  if (lower == "lzo") {
    return Status::NotSupported(
        "Parquet compression codec 'lzo' is not supported. Use snappy, zstd, gzip, lz4_raw or "
        "brotli");
  }
  return Status::InvalidArgument(fmt::format(
      "Unknown Parquet compression codec '{}'. Available: none, uncompressed, snappy, gzip, lz4, "
      "lz4_raw, zstd, brotli",
      name));
}

const char* CodecName(Codec codec) {
  switch (codec) {
    case Codec::kUncompressed:
      return "UNCOMPRESSED";
    case Codec::kSnappy:
      return "SNAPPY";
    case Codec::kGzip:
      return "GZIP";
    case Codec::kLzo:
      return "LZO";
    case Codec::kBrotli:
      return "BROTLI";
    case Codec::kLz4:
      return "LZ4";
    case Codec::kZstd:
      return "ZSTD";
    case Codec::kLz4Raw:
      return "LZ4_RAW";
  }
  return "UNKNOWN";
}

Status Compress(Codec codec, std::string_view input, std::string* out, int level) {
  if (static_cast<int64_t>(input.size()) > kMaxPageSize) {
    return Status::InvalidArgument(fmt::format(
        "Page of {} bytes is too large to compress: Parquet pages hold at most {} bytes",
        input.size(), kMaxPageSize));
  }
  const bool default_level = level == kDefaultCompressionLevel;
  switch (codec) {
    case Codec::kUncompressed:
      out->append(input);
      return Status::OK();
    case Codec::kSnappy: {
      const size_t start = out->size();
      size_t size = snappy_max_compressed_length(input.size());
      out->resize(start + size);
      if (snappy_compress(input.data(), input.size(), out->data() + start, &size) != SNAPPY_OK) {
        out->resize(start);
        return Status::Internal("Snappy compression failed");
      }
      out->resize(start + size);
      return Status::OK();
    }
    case Codec::kGzip:
      if (default_level) level = kGzipDefaultLevel;
      RUNNEL_RETURN_NOT_OK(CheckLevel(codec, level, 0, 9));
      return CompressGzip(input, level, out);
    case Codec::kZstd:
      if (default_level) level = kZstdDefaultLevel;
      RUNNEL_RETURN_NOT_OK(CheckLevel(codec, level, ZSTD_minCLevel(), ZSTD_maxCLevel()));
      return CompressZstd(input, level, out);
    case Codec::kBrotli:
      if (default_level) level = kBrotliDefaultLevel;
      RUNNEL_RETURN_NOT_OK(CheckLevel(codec, level, BROTLI_MIN_QUALITY, BROTLI_MAX_QUALITY));
      return CompressBrotli(input, level, out);
    case Codec::kLz4:
      CompressHadoopLz4(input, out);
      return Status::OK();
    case Codec::kLz4Raw:
      CompressLz4Block(input, out);
      return Status::OK();
    case Codec::kLzo:
      break;
  }
  return Status::NotSupported(fmt::format(
      "Parquet compression codec {} ({}) is not supported. Use snappy, zstd, gzip, lz4_raw or "
      "brotli",
      CodecName(codec), static_cast<int32_t>(codec)));
}

Status Decompress(Codec codec, std::string_view input, int64_t uncompressed_size, char* out) {
  if (uncompressed_size < 0 || uncompressed_size > kMaxPageSize) {
    return Status::Corruption(
        fmt::format("Page header gives an invalid uncompressed size: {}", uncompressed_size));
  }
  if (static_cast<int64_t>(input.size()) > kMaxPageSize) {
    return Status::Corruption(
        fmt::format("Compressed page of {} bytes is larger than a page can be", input.size()));
  }
  char empty_output;
  if (uncompressed_size == 0) out = &empty_output;  // the libraries want a real pointer
  switch (codec) {
    case Codec::kUncompressed:
      if (static_cast<int64_t>(input.size()) != uncompressed_size) {
        return SizeMismatch(codec, static_cast<int64_t>(input.size()), uncompressed_size);
      }
      std::memcpy(out, input.data(), input.size());
      return Status::OK();
    case Codec::kSnappy:
    case Codec::kGzip:
    case Codec::kBrotli:
    case Codec::kLz4:
    case Codec::kZstd:
    case Codec::kLz4Raw:
      // Some writers store an empty page as no bytes at all, whatever the codec.
      if (input.empty() && uncompressed_size == 0) return Status::OK();
      break;
    case Codec::kLzo:
      return Status::NotSupported(
          "Parquet page is LZO-compressed, which Runnel cannot read. Rewrite the file with "
          "snappy, zstd, gzip or lz4_raw");
    default:
      return Status::NotSupported(fmt::format("Parquet page uses unknown compression codec {}",
                                              static_cast<int32_t>(codec)));
  }
  switch (codec) {
    case Codec::kSnappy:
      return DecompressSnappy(input, uncompressed_size, out);
    case Codec::kGzip:
      return DecompressGzip(input, uncompressed_size, out);
    case Codec::kBrotli:
      return DecompressBrotli(input, uncompressed_size, out);
    case Codec::kZstd:
      return DecompressZstd(input, uncompressed_size, out);
    case Codec::kLz4Raw:
      return DecompressLz4Raw(codec, input, uncompressed_size, out);
    case Codec::kLz4: {
      if (DecompressHadoopLz4(input, uncompressed_size, out)) return Status::OK();
      if (DecompressLz4Raw(codec, input, uncompressed_size, out).ok()) return Status::OK();
      return CorruptPage(codec, fmt::format("the data is neither Hadoop-framed LZ4 blocks nor "
                                            "one raw LZ4 block of {} bytes",
                                            uncompressed_size));
    }
    default:
      return Status::Internal("unreachable codec");
  }
}

}  // namespace runnel::format::parquet
