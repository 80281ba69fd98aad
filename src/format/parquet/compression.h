// Page compression codecs of Parquet (the CompressionCodec enum of parquet.thrift).
//
// LZ4 (5) is the Hadoop framing old parquet-mr and pyarrow wrote: blocks of
// [4-byte big-endian uncompressed size][4-byte big-endian compressed size][LZ4 block]; when the
// framing does not fit the data it is read as one raw LZ4 block, as Arrow does, since some
// writers put raw blocks under this codec. LZ4_RAW (7) is a single raw LZ4 block. GZIP is zlib
// data in a gzip wrapper (readers also accept a zlib wrapper). LZO is not supported.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>

#include "base/status.h"
#include "format/parquet/parquet_enums.h"

namespace runnel::format::parquet {

// The footer's enum names the codec; one type serves both.
using Codec = CompressionCodec;

// Asks for the codec's own default level (zstd 3, gzip 6, brotli 8).
inline constexpr int kDefaultCompressionLevel = std::numeric_limits<int>::min();

// Spark's `compression` option names, case-insensitively: none, uncompressed, snappy, gzip,
// lz4, lz4_raw, zstd, brotli. "lzo" is NotSupported; anything else is InvalidArgument.
Result<Codec> ParseCodecName(std::string_view name);
// The name in parquet.thrift ("SNAPPY"), or "UNKNOWN" for a number outside the enum.
const char* CodecName(Codec codec);

// Appends `input` compressed with `codec`. `level` is checked against the codec's range
// (gzip 0..9, zstd its full range, brotli 0..11) and ignored by codecs without levels.
Status Compress(Codec codec, std::string_view input, std::string* out,
                int level = kDefaultCompressionLevel);

// Decompresses `input` into exactly `uncompressed_size` bytes at `out`. Corruption when the data
// is malformed or does not decompress to exactly that size; never writes past out +
// uncompressed_size. NotSupported for LZO and numbers outside the enum.
Status Decompress(Codec codec, std::string_view input, int64_t uncompressed_size, char* out);

}  // namespace runnel::format::parquet
