// Parquet's file footer (FileMetaData) and page headers (PageHeader) as plain C++ structs, and
// their Thrift compact encoding. The structs mirror parquet.thrift (apache/parquet-format):
// same field names in snake_case, same field ids in the codec, std::optional for optional
// fields. Optional lists are plain vectors, written only when non-empty (an absent list and an
// empty one mean the same in Parquet).
//
// Parsing is structural: it checks that the bytes are well-formed Thrift, that required fields
// are present and that each field has its declared type; what the values mean (is the schema
// a tree, do offsets fit the file) is for the reader to check. Fields this code does not know
// (size_statistics, geospatial statistics, encryption, newer additions) are skipped, so files
// from newer writers parse.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "format/parquet/parquet_enums.h"

namespace runnel::format::parquet {

enum class TimeUnit : uint8_t { kMillis, kMicros, kNanos };

// The LogicalType union: one kind and, for the kinds that have them, its parameters.
struct LogicalType {
  // The values are the union's field ids.
  enum class Kind : int16_t {
    kUnrecognized = 0,  // a member newer than this code (VARIANT, GEOMETRY, ...)
    kString = 1,
    kMap = 2,
    kList = 3,
    kEnum = 4,
    kDecimal = 5,
    kDate = 6,
    kTime = 7,
    kTimestamp = 8,
    kInteger = 10,
    kNull = 11,  // UNKNOWN in parquet.thrift: a column that holds only nulls
    kJson = 12,
    kBson = 13,
    kUuid = 14,
    kFloat16 = 15,
  };

  Kind kind = Kind::kUnrecognized;
  // kDecimal
  int32_t scale = 0;
  int32_t precision = 0;
  // kTime, kTimestamp
  bool is_adjusted_to_utc = false;
  TimeUnit unit = TimeUnit::kMillis;
  // kInteger: 8, 16, 32 or 64
  int8_t bit_width = 0;
  bool is_signed = false;
  // kUnrecognized: the member's field id. Serializing writes it back as an empty struct.
  int16_t unrecognized_field_id = 0;

  static LogicalType Of(Kind kind) { return LogicalType{.kind = kind}; }
  static LogicalType Decimal(int32_t scale, int32_t precision);
  static LogicalType Time(bool is_adjusted_to_utc, TimeUnit unit);
  static LogicalType Timestamp(bool is_adjusted_to_utc, TimeUnit unit);
  static LogicalType Integer(int8_t bit_width, bool is_signed);

  bool operator==(const LogicalType&) const = default;
};

struct Statistics {
  // Deprecated: signed-comparison min/max; newer writers use min_value/max_value.
  std::optional<std::string> max{};
  std::optional<std::string> min{};
  std::optional<int64_t> null_count{};
  std::optional<int64_t> distinct_count{};
  // PLAIN-encoded (no length prefix for byte arrays), ordered by the column's ColumnOrder.
  std::optional<std::string> max_value{};
  std::optional<std::string> min_value{};
  std::optional<bool> is_max_value_exact{};
  std::optional<bool> is_min_value_exact{};
  std::optional<int64_t> nan_count{};

  bool operator==(const Statistics&) const = default;
};

// One node of the schema tree, flattened depth-first; the first element is the root.
struct SchemaElement {
  std::optional<Type> type{};  // unset for groups
  std::optional<int32_t> type_length{};
  std::optional<FieldRepetitionType> repetition_type{};  // unset for the root
  std::string name{};
  std::optional<int32_t> num_children{};  // set for groups
  std::optional<ConvertedType> converted_type{};
  std::optional<int32_t> scale{};
  std::optional<int32_t> precision{};
  std::optional<int32_t> field_id{};
  std::optional<LogicalType> logical_type{};

  bool operator==(const SchemaElement&) const = default;
};

struct DataPageHeader {
  int32_t num_values = 0;  // including nulls
  Encoding encoding = Encoding::kPlain;
  Encoding definition_level_encoding = Encoding::kRle;
  Encoding repetition_level_encoding = Encoding::kRle;
  std::optional<Statistics> statistics{};

  bool operator==(const DataPageHeader&) const = default;
};

struct DictionaryPageHeader {
  int32_t num_values = 0;
  Encoding encoding = Encoding::kPlain;
  std::optional<bool> is_sorted{};

  bool operator==(const DictionaryPageHeader&) const = default;
};

struct DataPageHeaderV2 {
  int32_t num_values = 0;  // including nulls
  int32_t num_nulls = 0;
  int32_t num_rows = 0;
  Encoding encoding = Encoding::kPlain;
  // The levels (RLE, no length prefix) come first and are never compressed.
  int32_t definition_levels_byte_length = 0;
  int32_t repetition_levels_byte_length = 0;
  // Optional in Thrift with default true; always written.
  bool is_compressed = true;
  std::optional<Statistics> statistics{};

  bool operator==(const DataPageHeaderV2&) const = default;
};

struct PageHeader {
  PageType type = PageType::kDataPage;
  int32_t uncompressed_page_size = 0;  // excluding this header
  int32_t compressed_page_size = 0;    // excluding this header
  std::optional<int32_t> crc{};
  // The one that `type` names is set. index_page_header is never read or written.
  std::optional<DataPageHeader> data_page_header{};
  std::optional<DictionaryPageHeader> dictionary_page_header{};
  std::optional<DataPageHeaderV2> data_page_header_v2{};

  bool operator==(const PageHeader&) const = default;
};

struct KeyValue {
  std::string key{};
  std::optional<std::string> value{};

  bool operator==(const KeyValue&) const = default;
};

struct SortingColumn {
  int32_t column_idx = 0;
  bool descending = false;
  bool nulls_first = false;

  bool operator==(const SortingColumn&) const = default;
};

struct PageEncodingStats {
  PageType page_type = PageType::kDataPage;
  Encoding encoding = Encoding::kPlain;
  int32_t count = 0;

  bool operator==(const PageEncodingStats&) const = default;
};

struct ColumnMetaData {
  Type type = Type::kBoolean;
  std::vector<Encoding> encodings{};
  std::vector<std::string> path_in_schema{};
  CompressionCodec codec = CompressionCodec::kUncompressed;
  int64_t num_values = 0;
  int64_t total_uncompressed_size = 0;  // all pages, headers included
  int64_t total_compressed_size = 0;    // all pages, headers included
  std::vector<KeyValue> key_value_metadata{};
  int64_t data_page_offset = 0;
  std::optional<int64_t> index_page_offset{};
  std::optional<int64_t> dictionary_page_offset{};
  std::optional<Statistics> statistics{};
  std::vector<PageEncodingStats> encoding_stats{};
  std::optional<int64_t> bloom_filter_offset{};
  std::optional<int32_t> bloom_filter_length{};

  bool operator==(const ColumnMetaData&) const = default;
};

struct ColumnChunk {
  std::optional<std::string> file_path{};  // unset: this file
  int64_t file_offset = 0;                 // deprecated; writers put 0
  // Optional in Thrift but written by every writer; the reader requires it.
  std::optional<ColumnMetaData> meta_data{};
  std::optional<int64_t> offset_index_offset{};
  std::optional<int32_t> offset_index_length{};
  std::optional<int64_t> column_index_offset{};
  std::optional<int32_t> column_index_length{};

  bool operator==(const ColumnChunk&) const = default;
};

struct RowGroup {
  std::vector<ColumnChunk> columns{};  // in the order of the schema's leaves
  int64_t total_byte_size = 0;         // uncompressed
  int64_t num_rows = 0;
  std::vector<SortingColumn> sorting_columns{};
  std::optional<int64_t> file_offset{};
  std::optional<int64_t> total_compressed_size{};
  std::optional<int16_t> ordinal{};

  bool operator==(const RowGroup&) const = default;
};

// The ColumnOrder union: how min_value/max_value are ordered.
struct ColumnOrder {
  // The values are the union's field ids.
  enum class Kind : int16_t {
    kUnrecognized = 0,
    kTypeDefinedOrder = 1,
    kIeee754TotalOrder = 2,
    kInt96TimestampOrder = 3,
  };
  Kind kind = Kind::kTypeDefinedOrder;
  int16_t unrecognized_field_id = 0;  // kUnrecognized: the member's field id

  bool operator==(const ColumnOrder&) const = default;
};

struct FileMetaData {
  int32_t version = 1;  // writers should write 1; readers accept 1 and 2
  std::vector<SchemaElement> schema{};
  int64_t num_rows = 0;
  std::vector<RowGroup> row_groups{};
  std::vector<KeyValue> key_value_metadata{};
  std::optional<std::string> created_by{};
  std::vector<ColumnOrder> column_orders{};  // one per leaf column, when set

  bool operator==(const FileMetaData&) const = default;
};

std::string SerializeFileMetaData(const FileMetaData& metadata);
// `bytes` is the whole footer. Errors are Corruption, starting "Parquet footer: ".
Result<FileMetaData> ParseFileMetaData(std::string_view bytes);

// Appends the header's encoding to *out.
void SerializePageHeader(const PageHeader& header, std::string* out);
// Parses the header at the start of `bytes` (the page follows it); *header_length is set to
// the bytes it took. Errors are Corruption, starting "Parquet page header: ".
Result<PageHeader> ParsePageHeader(std::string_view bytes, size_t* header_length);

}  // namespace runnel::format::parquet
