#include "format/parquet/parquet_enums.h"

#include <fmt/format.h>

#include <array>
#include <ostream>
#include <string_view>

namespace runnel::format::parquet {
namespace {

// Names indexed by enum value; an empty name is a hole in the numbering.
template <typename Enum, size_t N>
std::string NameOf(Enum value, const std::array<std::string_view, N>& names) {
  auto index = static_cast<int32_t>(value);
  if (index >= 0 && static_cast<size_t>(index) < N && !names[index].empty()) {
    return std::string(names[index]);
  }
  return fmt::format("UNKNOWN({})", index);
}

}  // namespace

std::string ToString(Type value) {
  static constexpr std::array<std::string_view, 8> kNames = {
      "BOOLEAN", "INT32",  "INT64",      "INT96",
      "FLOAT",   "DOUBLE", "BYTE_ARRAY", "FIXED_LEN_BYTE_ARRAY"};
  return NameOf(value, kNames);
}

std::string ToString(ConvertedType value) {
  static constexpr std::array<std::string_view, 22> kNames = {"UTF8",
                                                              "MAP",
                                                              "MAP_KEY_VALUE",
                                                              "LIST",
                                                              "ENUM",
                                                              "DECIMAL",
                                                              "DATE",
                                                              "TIME_MILLIS",
                                                              "TIME_MICROS",
                                                              "TIMESTAMP_MILLIS",
                                                              "TIMESTAMP_MICROS",
                                                              "UINT_8",
                                                              "UINT_16",
                                                              "UINT_32",
                                                              "UINT_64",
                                                              "INT_8",
                                                              "INT_16",
                                                              "INT_32",
                                                              "INT_64",
                                                              "JSON",
                                                              "BSON",
                                                              "INTERVAL"};
  return NameOf(value, kNames);
}

std::string ToString(FieldRepetitionType value) {
  static constexpr std::array<std::string_view, 3> kNames = {"REQUIRED", "OPTIONAL", "REPEATED"};
  return NameOf(value, kNames);
}

std::string ToString(Encoding value) {
  static constexpr std::array<std::string_view, 10> kNames = {"PLAIN",
                                                              "",
                                                              "PLAIN_DICTIONARY",
                                                              "RLE",
                                                              "BIT_PACKED",
                                                              "DELTA_BINARY_PACKED",
                                                              "DELTA_LENGTH_BYTE_ARRAY",
                                                              "DELTA_BYTE_ARRAY",
                                                              "RLE_DICTIONARY",
                                                              "BYTE_STREAM_SPLIT"};
  return NameOf(value, kNames);
}

std::string ToString(CompressionCodec value) {
  static constexpr std::array<std::string_view, 8> kNames = {
      "UNCOMPRESSED", "SNAPPY", "GZIP", "LZO", "BROTLI", "LZ4", "ZSTD", "LZ4_RAW"};
  return NameOf(value, kNames);
}

std::string ToString(PageType value) {
  static constexpr std::array<std::string_view, 4> kNames = {"DATA_PAGE", "INDEX_PAGE",
                                                             "DICTIONARY_PAGE", "DATA_PAGE_V2"};
  return NameOf(value, kNames);
}

std::ostream& operator<<(std::ostream& os, Type value) { return os << ToString(value); }
std::ostream& operator<<(std::ostream& os, ConvertedType value) { return os << ToString(value); }
std::ostream& operator<<(std::ostream& os, FieldRepetitionType value) {
  return os << ToString(value);
}
std::ostream& operator<<(std::ostream& os, Encoding value) { return os << ToString(value); }
std::ostream& operator<<(std::ostream& os, CompressionCodec value) { return os << ToString(value); }
std::ostream& operator<<(std::ostream& os, PageType value) { return os << ToString(value); }

}  // namespace runnel::format::parquet
