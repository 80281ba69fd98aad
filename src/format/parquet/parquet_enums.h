// The enums of parquet.thrift (apache/parquet-format), with the same numbers. They are Thrift
// i32s on the wire; a file from a newer writer may hold a value not listed here, which is kept
// as is (every enum has int32_t underneath) so that the reader can name it in an error.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <string>

namespace runnel::format::parquet {

// Physical types.
enum class Type : int32_t {
  kBoolean = 0,
  kInt32 = 1,
  kInt64 = 2,
  kInt96 = 3,  // deprecated: legacy timestamps
  kFloat = 4,
  kDouble = 5,
  kByteArray = 6,
  kFixedLenByteArray = 7,
};

// Superseded by LogicalType, but writers still set both for older readers.
enum class ConvertedType : int32_t {
  kUtf8 = 0,
  kMap = 1,
  kMapKeyValue = 2,
  kList = 3,
  kEnum = 4,
  kDecimal = 5,
  kDate = 6,
  kTimeMillis = 7,
  kTimeMicros = 8,
  kTimestampMillis = 9,
  kTimestampMicros = 10,
  kUint8 = 11,
  kUint16 = 12,
  kUint32 = 13,
  kUint64 = 14,
  kInt8 = 15,
  kInt16 = 16,
  kInt32 = 17,
  kInt64 = 18,
  kJson = 19,
  kBson = 20,
  kInterval = 21,
};

enum class FieldRepetitionType : int32_t {
  kRequired = 0,
  kOptional = 1,
  kRepeated = 2,
};

enum class Encoding : int32_t {
  kPlain = 0,
  // 1 was GROUP_VAR_INT, never used.
  kPlainDictionary = 2,
  kRle = 3,
  kBitPacked = 4,
  kDeltaBinaryPacked = 5,
  kDeltaLengthByteArray = 6,
  kDeltaByteArray = 7,
  kRleDictionary = 8,
  kByteStreamSplit = 9,
};

enum class CompressionCodec : int32_t {
  kUncompressed = 0,
  kSnappy = 1,
  kGzip = 2,
  kLzo = 3,
  kBrotli = 4,
  kLz4 = 5,  // deprecated: Hadoop's framing
  kZstd = 6,
  kLz4Raw = 7,
};

enum class PageType : int32_t {
  kDataPage = 0,
  kIndexPage = 1,
  kDictionaryPage = 2,
  kDataPageV2 = 3,
};

// The names as parquet.thrift spells them ("RLE_DICTIONARY"), or "UNKNOWN(12)" for a value
// this version does not know.
std::string ToString(Type value);
std::string ToString(ConvertedType value);
std::string ToString(FieldRepetitionType value);
std::string ToString(Encoding value);
std::string ToString(CompressionCodec value);
std::string ToString(PageType value);

// The same names, for logging and test failure messages.
std::ostream& operator<<(std::ostream& os, Type value);
std::ostream& operator<<(std::ostream& os, ConvertedType value);
std::ostream& operator<<(std::ostream& os, FieldRepetitionType value);
std::ostream& operator<<(std::ostream& os, Encoding value);
std::ostream& operator<<(std::ostream& os, CompressionCodec value);
std::ostream& operator<<(std::ostream& os, PageType value);

}  // namespace runnel::format::parquet
