// The structs' factories and their serialization; parsing is in parquet_metadata_parse.cc.
// Field ids are parquet.thrift's.
#include "format/parquet/parquet_metadata.h"

#include "format/parquet/thrift_struct.h"

namespace runnel::format::parquet {

LogicalType LogicalType::Decimal(int32_t scale, int32_t precision) {
  return LogicalType{.kind = Kind::kDecimal, .scale = scale, .precision = precision};
}

LogicalType LogicalType::Time(bool is_adjusted_to_utc, TimeUnit unit) {
  return LogicalType{.kind = Kind::kTime, .is_adjusted_to_utc = is_adjusted_to_utc, .unit = unit};
}

LogicalType LogicalType::Timestamp(bool is_adjusted_to_utc, TimeUnit unit) {
  return LogicalType{
      .kind = Kind::kTimestamp, .is_adjusted_to_utc = is_adjusted_to_utc, .unit = unit};
}

LogicalType LogicalType::Integer(int8_t bit_width, bool is_signed) {
  return LogicalType{.kind = Kind::kInteger, .bit_width = bit_width, .is_signed = is_signed};
}

// The struct writers, found by WriteThriftValue through argument-dependent lookup: so they
// live in this namespace, not an anonymous one, and are static to stay private to this file.
static void WriteThriftStruct(CompactWriter& w, const LogicalType& v);
static void WriteThriftStruct(CompactWriter& w, const Statistics& v);
static void WriteThriftStruct(CompactWriter& w, const SchemaElement& v);
static void WriteThriftStruct(CompactWriter& w, const DataPageHeader& v);
static void WriteThriftStruct(CompactWriter& w, const DictionaryPageHeader& v);
static void WriteThriftStruct(CompactWriter& w, const DataPageHeaderV2& v);
static void WriteThriftStruct(CompactWriter& w, const PageHeader& v);
static void WriteThriftStruct(CompactWriter& w, const KeyValue& v);
static void WriteThriftStruct(CompactWriter& w, const SortingColumn& v);
static void WriteThriftStruct(CompactWriter& w, const PageEncodingStats& v);
static void WriteThriftStruct(CompactWriter& w, const ColumnMetaData& v);
static void WriteThriftStruct(CompactWriter& w, const ColumnChunk& v);
static void WriteThriftStruct(CompactWriter& w, const RowGroup& v);
static void WriteThriftStruct(CompactWriter& w, const ColumnOrder& v);
static void WriteThriftStruct(CompactWriter& w, const FileMetaData& v);

namespace {

// An optional list: absent when empty.
template <typename T>
void WriteNonEmpty(CompactWriter& w, int16_t id, const std::vector<T>& value) {
  if (!value.empty()) WriteThriftField(w, id, value);
}

void WriteTimeUnitField(CompactWriter& w, int16_t id, TimeUnit unit) {
  w.WriteFieldBegin(ThriftType::kStruct, id);
  // The TimeUnit union: MILLIS = 1, MICROS = 2, NANOS = 3, each an empty struct.
  WriteThriftFields(w, [&] { WriteEmptyThriftStructField(w, static_cast<int16_t>(unit) + 1); });
}

}  // namespace

void WriteThriftStruct(CompactWriter& w, const LogicalType& v) {
  using Kind = LogicalType::Kind;
  WriteThriftFields(w, [&] {
    int16_t id =
        v.kind == Kind::kUnrecognized ? v.unrecognized_field_id : static_cast<int16_t>(v.kind);
    w.WriteFieldBegin(ThriftType::kStruct, id);
    WriteThriftFields(w, [&] {
      switch (v.kind) {
        case Kind::kDecimal:  // DecimalType
          WriteThriftField(w, 1, v.scale);
          WriteThriftField(w, 2, v.precision);
          break;
        case Kind::kTime:       // TimeType
        case Kind::kTimestamp:  // TimestampType
          WriteThriftField(w, 1, v.is_adjusted_to_utc);
          WriteTimeUnitField(w, 2, v.unit);
          break;
        case Kind::kInteger:  // IntType
          WriteThriftField(w, 1, v.bit_width);
          WriteThriftField(w, 2, v.is_signed);
          break;
        default:  // the other members are empty structs
          break;
      }
    });
  });
}

void WriteThriftStruct(CompactWriter& w, const Statistics& v) {
  WriteThriftFields(w, [&] {
    WriteThriftField(w, 1, v.max);
    WriteThriftField(w, 2, v.min);
    WriteThriftField(w, 3, v.null_count);
    WriteThriftField(w, 4, v.distinct_count);
    WriteThriftField(w, 5, v.max_value);
    WriteThriftField(w, 6, v.min_value);
    WriteThriftField(w, 7, v.is_max_value_exact);
    WriteThriftField(w, 8, v.is_min_value_exact);
    WriteThriftField(w, 9, v.nan_count);
  });
}

void WriteThriftStruct(CompactWriter& w, const SchemaElement& v) {
  WriteThriftFields(w, [&] {
    WriteThriftField(w, 1, v.type);
    WriteThriftField(w, 2, v.type_length);
    WriteThriftField(w, 3, v.repetition_type);
    WriteThriftField(w, 4, v.name);
    WriteThriftField(w, 5, v.num_children);
    WriteThriftField(w, 6, v.converted_type);
    WriteThriftField(w, 7, v.scale);
    WriteThriftField(w, 8, v.precision);
    WriteThriftField(w, 9, v.field_id);
    WriteThriftField(w, 10, v.logical_type);
  });
}

void WriteThriftStruct(CompactWriter& w, const DataPageHeader& v) {
  WriteThriftFields(w, [&] {
    WriteThriftField(w, 1, v.num_values);
    WriteThriftField(w, 2, v.encoding);
    WriteThriftField(w, 3, v.definition_level_encoding);
    WriteThriftField(w, 4, v.repetition_level_encoding);
    WriteThriftField(w, 5, v.statistics);
  });
}

void WriteThriftStruct(CompactWriter& w, const DictionaryPageHeader& v) {
  WriteThriftFields(w, [&] {
    WriteThriftField(w, 1, v.num_values);
    WriteThriftField(w, 2, v.encoding);
    WriteThriftField(w, 3, v.is_sorted);
  });
}

void WriteThriftStruct(CompactWriter& w, const DataPageHeaderV2& v) {
  WriteThriftFields(w, [&] {
    WriteThriftField(w, 1, v.num_values);
    WriteThriftField(w, 2, v.num_nulls);
    WriteThriftField(w, 3, v.num_rows);
    WriteThriftField(w, 4, v.encoding);
    WriteThriftField(w, 5, v.definition_levels_byte_length);
    WriteThriftField(w, 6, v.repetition_levels_byte_length);
    WriteThriftField(w, 7, v.is_compressed);
    WriteThriftField(w, 8, v.statistics);
  });
}

void WriteThriftStruct(CompactWriter& w, const PageHeader& v) {
  WriteThriftFields(w, [&] {
    WriteThriftField(w, 1, v.type);
    WriteThriftField(w, 2, v.uncompressed_page_size);
    WriteThriftField(w, 3, v.compressed_page_size);
    WriteThriftField(w, 4, v.crc);
    WriteThriftField(w, 5, v.data_page_header);
    WriteThriftField(w, 7, v.dictionary_page_header);
    WriteThriftField(w, 8, v.data_page_header_v2);
  });
}

void WriteThriftStruct(CompactWriter& w, const KeyValue& v) {
  WriteThriftFields(w, [&] {
    WriteThriftField(w, 1, v.key);
    WriteThriftField(w, 2, v.value);
  });
}

void WriteThriftStruct(CompactWriter& w, const SortingColumn& v) {
  WriteThriftFields(w, [&] {
    WriteThriftField(w, 1, v.column_idx);
    WriteThriftField(w, 2, v.descending);
    WriteThriftField(w, 3, v.nulls_first);
  });
}

void WriteThriftStruct(CompactWriter& w, const PageEncodingStats& v) {
  WriteThriftFields(w, [&] {
    WriteThriftField(w, 1, v.page_type);
    WriteThriftField(w, 2, v.encoding);
    WriteThriftField(w, 3, v.count);
  });
}

void WriteThriftStruct(CompactWriter& w, const ColumnMetaData& v) {
  WriteThriftFields(w, [&] {
    WriteThriftField(w, 1, v.type);
    WriteThriftField(w, 2, v.encodings);
    WriteThriftField(w, 3, v.path_in_schema);
    WriteThriftField(w, 4, v.codec);
    WriteThriftField(w, 5, v.num_values);
    WriteThriftField(w, 6, v.total_uncompressed_size);
    WriteThriftField(w, 7, v.total_compressed_size);
    WriteNonEmpty(w, 8, v.key_value_metadata);
    WriteThriftField(w, 9, v.data_page_offset);
    WriteThriftField(w, 10, v.index_page_offset);
    WriteThriftField(w, 11, v.dictionary_page_offset);
    WriteThriftField(w, 12, v.statistics);
    WriteNonEmpty(w, 13, v.encoding_stats);
    WriteThriftField(w, 14, v.bloom_filter_offset);
    WriteThriftField(w, 15, v.bloom_filter_length);
  });
}

void WriteThriftStruct(CompactWriter& w, const ColumnChunk& v) {
  WriteThriftFields(w, [&] {
    WriteThriftField(w, 1, v.file_path);
    WriteThriftField(w, 2, v.file_offset);
    WriteThriftField(w, 3, v.meta_data);
    WriteThriftField(w, 4, v.offset_index_offset);
    WriteThriftField(w, 5, v.offset_index_length);
    WriteThriftField(w, 6, v.column_index_offset);
    WriteThriftField(w, 7, v.column_index_length);
  });
}

void WriteThriftStruct(CompactWriter& w, const RowGroup& v) {
  WriteThriftFields(w, [&] {
    WriteThriftField(w, 1, v.columns);
    WriteThriftField(w, 2, v.total_byte_size);
    WriteThriftField(w, 3, v.num_rows);
    WriteNonEmpty(w, 4, v.sorting_columns);
    WriteThriftField(w, 5, v.file_offset);
    WriteThriftField(w, 6, v.total_compressed_size);
    WriteThriftField(w, 7, v.ordinal);
  });
}

void WriteThriftStruct(CompactWriter& w, const ColumnOrder& v) {
  WriteThriftFields(w, [&] {
    // Every member known so far is an empty struct.
    WriteEmptyThriftStructField(w, v.kind == ColumnOrder::Kind::kUnrecognized
                                       ? v.unrecognized_field_id
                                       : static_cast<int16_t>(v.kind));
  });
}

void WriteThriftStruct(CompactWriter& w, const FileMetaData& v) {
  WriteThriftFields(w, [&] {
    WriteThriftField(w, 1, v.version);
    WriteThriftField(w, 2, v.schema);
    WriteThriftField(w, 3, v.num_rows);
    WriteThriftField(w, 4, v.row_groups);
    WriteNonEmpty(w, 5, v.key_value_metadata);
    WriteThriftField(w, 6, v.created_by);
    WriteNonEmpty(w, 7, v.column_orders);
  });
}

std::string SerializeFileMetaData(const FileMetaData& metadata) {
  std::string out;
  CompactWriter writer(&out);
  WriteThriftStruct(writer, metadata);
  return out;
}

void SerializePageHeader(const PageHeader& header, std::string* out) {
  CompactWriter writer(out);
  WriteThriftStruct(writer, header);
}

}  // namespace runnel::format::parquet
