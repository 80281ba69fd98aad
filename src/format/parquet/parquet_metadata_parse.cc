// Parsing of the Parquet footer and page headers; serialization is in parquet_metadata.cc.
// Field ids are parquet.thrift's. A field with a known id but another wire type than declared
// is corruption (generated Thrift code would skip it silently, then at best report a missing
// field); unknown ids are skipped.
#include "format/parquet/parquet_metadata.h"
#include "format/parquet/thrift_struct.h"

namespace runnel::format::parquet {

// The struct readers, found by ReadThriftValue through argument-dependent lookup: so they
// live in this namespace, not an anonymous one, and are static to stay private to this file.
static Status ReadThriftStruct(CompactReader& r, LogicalType* out);
static Status ReadThriftStruct(CompactReader& r, Statistics* out);
static Status ReadThriftStruct(CompactReader& r, SchemaElement* out);
static Status ReadThriftStruct(CompactReader& r, DataPageHeader* out);
static Status ReadThriftStruct(CompactReader& r, DictionaryPageHeader* out);
static Status ReadThriftStruct(CompactReader& r, DataPageHeaderV2* out);
static Status ReadThriftStruct(CompactReader& r, PageHeader* out);
static Status ReadThriftStruct(CompactReader& r, KeyValue* out);
static Status ReadThriftStruct(CompactReader& r, SortingColumn* out);
static Status ReadThriftStruct(CompactReader& r, PageEncodingStats* out);
static Status ReadThriftStruct(CompactReader& r, ColumnMetaData* out);
static Status ReadThriftStruct(CompactReader& r, ColumnChunk* out);
static Status ReadThriftStruct(CompactReader& r, RowGroup* out);
static Status ReadThriftStruct(CompactReader& r, ColumnOrder* out);
static Status ReadThriftStruct(CompactReader& r, FileMetaData* out);

namespace {

// TimeUnit is a union of empty structs: MILLIS = 1, MICROS = 2, NANOS = 3.
Status ReadTimeUnit(ThriftField& field, TimeUnit* out) {
  bool set = false;
  RUNNEL_RETURN_NOT_OK(field.ReadNested("unit", "TimeUnit", {}, [&](ThriftField& f) -> Status {
    if (f.id() < 1 || f.id() > 3) return Status::OK();
    *out = static_cast<TimeUnit>(f.id() - 1);
    set = true;
    return f.ReadEmptyStruct("unit");
  }));
  if (!set) return Status::Corruption("TimeUnit has no known member");
  return Status::OK();
}

}  // namespace

Status ReadThriftStruct(CompactReader& r, LogicalType* out) {
  using Kind = LogicalType::Kind;
  bool set = false;
  RUNNEL_RETURN_NOT_OK(ReadThriftFields(r, "LogicalType", {}, [&](ThriftField& f) -> Status {
    if (f.type() != ThriftType::kStruct) return Status::OK();  // not a union member: skip
    *out = LogicalType{};
    set = true;
    switch (f.id()) {
      case 5:
        out->kind = Kind::kDecimal;
        return f.ReadNested("DECIMAL", "DecimalType", {{1, "scale"}, {2, "precision"}},
                            [&](ThriftField& g) -> Status {
                              if (g.id() == 1) return g.Read("scale", &out->scale);
                              if (g.id() == 2) return g.Read("precision", &out->precision);
                              return Status::OK();
                            });
      case 7:
      case 8:
        out->kind = f.id() == 7 ? Kind::kTime : Kind::kTimestamp;
        return f.ReadNested(f.id() == 7 ? "TIME" : "TIMESTAMP",
                            f.id() == 7 ? "TimeType" : "TimestampType",
                            {{1, "isAdjustedToUTC"}, {2, "unit"}}, [&](ThriftField& g) -> Status {
                              if (g.id() == 1)
                                return g.Read("isAdjustedToUTC", &out->is_adjusted_to_utc);
                              if (g.id() == 2) return ReadTimeUnit(g, &out->unit);
                              return Status::OK();
                            });
      case 10:
        out->kind = Kind::kInteger;
        return f.ReadNested("INTEGER", "IntType", {{1, "bitWidth"}, {2, "isSigned"}},
                            [&](ThriftField& g) -> Status {
                              if (g.id() == 1) return g.Read("bitWidth", &out->bit_width);
                              if (g.id() == 2) return g.Read("isSigned", &out->is_signed);
                              return Status::OK();
                            });
      case 1:
      case 2:
      case 3:
      case 4:
      case 6:
      case 11:
      case 12:
      case 13:
      case 14:
      case 15:
        out->kind = static_cast<Kind>(f.id());
        return f.ReadEmptyStruct("member");
      default:
        out->unrecognized_field_id = f.id();  // left to be skipped
        return Status::OK();
    }
  }));
  if (!set) return Status::Corruption("LogicalType has no member set");
  return Status::OK();
}

Status ReadThriftStruct(CompactReader& r, Statistics* out) {
  return ReadThriftFields(r, "Statistics", {}, [&](ThriftField& f) -> Status {
    switch (f.id()) {
      case 1:
        return f.Read("max", &out->max);
      case 2:
        return f.Read("min", &out->min);
      case 3:
        return f.Read("null_count", &out->null_count);
      case 4:
        return f.Read("distinct_count", &out->distinct_count);
      case 5:
        return f.Read("max_value", &out->max_value);
      case 6:
        return f.Read("min_value", &out->min_value);
      case 7:
        return f.Read("is_max_value_exact", &out->is_max_value_exact);
      case 8:
        return f.Read("is_min_value_exact", &out->is_min_value_exact);
      case 9:
        return f.Read("nan_count", &out->nan_count);
      default:
        return Status::OK();
    }
  });
}

Status ReadThriftStruct(CompactReader& r, SchemaElement* out) {
  return ReadThriftFields(r, "SchemaElement", {{4, "name"}}, [&](ThriftField& f) -> Status {
    switch (f.id()) {
      case 1:
        return f.Read("type", &out->type);
      case 2:
        return f.Read("type_length", &out->type_length);
      case 3:
        return f.Read("repetition_type", &out->repetition_type);
      case 4:
        return f.Read("name", &out->name);
      case 5:
        return f.Read("num_children", &out->num_children);
      case 6:
        return f.Read("converted_type", &out->converted_type);
      case 7:
        return f.Read("scale", &out->scale);
      case 8:
        return f.Read("precision", &out->precision);
      case 9:
        return f.Read("field_id", &out->field_id);
      case 10:
        return f.Read("logicalType", &out->logical_type);
      default:
        return Status::OK();
    }
  });
}

Status ReadThriftStruct(CompactReader& r, DataPageHeader* out) {
  return ReadThriftFields(
      r, "DataPageHeader",
      {{1, "num_values"},
       {2, "encoding"},
       {3, "definition_level_encoding"},
       {4, "repetition_level_encoding"}},
      [&](ThriftField& f) -> Status {
        switch (f.id()) {
          case 1:
            return f.Read("num_values", &out->num_values);
          case 2:
            return f.Read("encoding", &out->encoding);
          case 3:
            return f.Read("definition_level_encoding", &out->definition_level_encoding);
          case 4:
            return f.Read("repetition_level_encoding", &out->repetition_level_encoding);
          case 5:
            return f.Read("statistics", &out->statistics);
          default:
            return Status::OK();
        }
      });
}

Status ReadThriftStruct(CompactReader& r, DictionaryPageHeader* out) {
  return ReadThriftFields(r, "DictionaryPageHeader", {{1, "num_values"}, {2, "encoding"}},
                          [&](ThriftField& f) -> Status {
                            switch (f.id()) {
                              case 1:
                                return f.Read("num_values", &out->num_values);
                              case 2:
                                return f.Read("encoding", &out->encoding);
                              case 3:
                                return f.Read("is_sorted", &out->is_sorted);
                              default:
                                return Status::OK();
                            }
                          });
}

Status ReadThriftStruct(CompactReader& r, DataPageHeaderV2* out) {
  return ReadThriftFields(
      r, "DataPageHeaderV2",
      {{1, "num_values"},
       {2, "num_nulls"},
       {3, "num_rows"},
       {4, "encoding"},
       {5, "definition_levels_byte_length"},
       {6, "repetition_levels_byte_length"}},
      [&](ThriftField& f) -> Status {
        switch (f.id()) {
          case 1:
            return f.Read("num_values", &out->num_values);
          case 2:
            return f.Read("num_nulls", &out->num_nulls);
          case 3:
            return f.Read("num_rows", &out->num_rows);
          case 4:
            return f.Read("encoding", &out->encoding);
          case 5:
            return f.Read("definition_levels_byte_length", &out->definition_levels_byte_length);
          case 6:
            return f.Read("repetition_levels_byte_length", &out->repetition_levels_byte_length);
          case 7:
            return f.Read("is_compressed", &out->is_compressed);
          case 8:
            return f.Read("statistics", &out->statistics);
          default:
            return Status::OK();
        }
      });
}

Status ReadThriftStruct(CompactReader& r, PageHeader* out) {
  return ReadThriftFields(
      r, "PageHeader", {{1, "type"}, {2, "uncompressed_page_size"}, {3, "compressed_page_size"}},
      [&](ThriftField& f) -> Status {
        switch (f.id()) {
          case 1:
            return f.Read("type", &out->type);
          case 2:
            return f.Read("uncompressed_page_size", &out->uncompressed_page_size);
          case 3:
            return f.Read("compressed_page_size", &out->compressed_page_size);
          case 4:
            return f.Read("crc", &out->crc);
          case 5:
            return f.Read("data_page_header", &out->data_page_header);
          case 7:
            return f.Read("dictionary_page_header", &out->dictionary_page_header);
          case 8:
            return f.Read("data_page_header_v2", &out->data_page_header_v2);
          default:
            return Status::OK();  // 6: index_page_header, never used
        }
      });
}

Status ReadThriftStruct(CompactReader& r, KeyValue* out) {
  return ReadThriftFields(r, "KeyValue", {{1, "key"}}, [&](ThriftField& f) -> Status {
    switch (f.id()) {
      case 1:
        return f.Read("key", &out->key);
      case 2:
        return f.Read("value", &out->value);
      default:
        return Status::OK();
    }
  });
}

Status ReadThriftStruct(CompactReader& r, SortingColumn* out) {
  return ReadThriftFields(r, "SortingColumn",
                          {{1, "column_idx"}, {2, "descending"}, {3, "nulls_first"}},
                          [&](ThriftField& f) -> Status {
                            switch (f.id()) {
                              case 1:
                                return f.Read("column_idx", &out->column_idx);
                              case 2:
                                return f.Read("descending", &out->descending);
                              case 3:
                                return f.Read("nulls_first", &out->nulls_first);
                              default:
                                return Status::OK();
                            }
                          });
}

Status ReadThriftStruct(CompactReader& r, PageEncodingStats* out) {
  return ReadThriftFields(r, "PageEncodingStats", {{1, "page_type"}, {2, "encoding"}, {3, "count"}},
                          [&](ThriftField& f) -> Status {
                            switch (f.id()) {
                              case 1:
                                return f.Read("page_type", &out->page_type);
                              case 2:
                                return f.Read("encoding", &out->encoding);
                              case 3:
                                return f.Read("count", &out->count);
                              default:
                                return Status::OK();
                            }
                          });
}

Status ReadThriftStruct(CompactReader& r, ColumnMetaData* out) {
  return ReadThriftFields(
      r, "ColumnMetaData",
      {{1, "type"},
       {2, "encodings"},
       {3, "path_in_schema"},
       {4, "codec"},
       {5, "num_values"},
       {6, "total_uncompressed_size"},
       {7, "total_compressed_size"},
       {9, "data_page_offset"}},
      [&](ThriftField& f) -> Status {
        switch (f.id()) {
          case 1:
            return f.Read("type", &out->type);
          case 2:
            return f.Read("encodings", &out->encodings);
          case 3:
            return f.Read("path_in_schema", &out->path_in_schema);
          case 4:
            return f.Read("codec", &out->codec);
          case 5:
            return f.Read("num_values", &out->num_values);
          case 6:
            return f.Read("total_uncompressed_size", &out->total_uncompressed_size);
          case 7:
            return f.Read("total_compressed_size", &out->total_compressed_size);
          case 8:
            return f.Read("key_value_metadata", &out->key_value_metadata);
          case 9:
            return f.Read("data_page_offset", &out->data_page_offset);
          case 10:
            return f.Read("index_page_offset", &out->index_page_offset);
          case 11:
            return f.Read("dictionary_page_offset", &out->dictionary_page_offset);
          case 12:
            return f.Read("statistics", &out->statistics);
          case 13:
            return f.Read("encoding_stats", &out->encoding_stats);
          case 14:
            return f.Read("bloom_filter_offset", &out->bloom_filter_offset);
          case 15:
            return f.Read("bloom_filter_length", &out->bloom_filter_length);
          default:
            return Status::OK();  // 16 size_statistics, 17 geospatial_statistics, ...
        }
      });
}

Status ReadThriftStruct(CompactReader& r, ColumnChunk* out) {
  return ReadThriftFields(r, "ColumnChunk", {{2, "file_offset"}}, [&](ThriftField& f) -> Status {
    switch (f.id()) {
      case 1:
        return f.Read("file_path", &out->file_path);
      case 2:
        return f.Read("file_offset", &out->file_offset);
      case 3:
        return f.Read("meta_data", &out->meta_data);
      case 4:
        return f.Read("offset_index_offset", &out->offset_index_offset);
      case 5:
        return f.Read("offset_index_length", &out->offset_index_length);
      case 6:
        return f.Read("column_index_offset", &out->column_index_offset);
      case 7:
        return f.Read("column_index_length", &out->column_index_length);
      default:
        return Status::OK();  // 8, 9: encryption
    }
  });
}

Status ReadThriftStruct(CompactReader& r, RowGroup* out) {
  return ReadThriftFields(r, "RowGroup", {{1, "columns"}, {2, "total_byte_size"}, {3, "num_rows"}},
                          [&](ThriftField& f) -> Status {
                            switch (f.id()) {
                              case 1:
                                return f.Read("columns", &out->columns);
                              case 2:
                                return f.Read("total_byte_size", &out->total_byte_size);
                              case 3:
                                return f.Read("num_rows", &out->num_rows);
                              case 4:
                                return f.Read("sorting_columns", &out->sorting_columns);
                              case 5:
                                return f.Read("file_offset", &out->file_offset);
                              case 6:
                                return f.Read("total_compressed_size", &out->total_compressed_size);
                              case 7:
                                return f.Read("ordinal", &out->ordinal);
                              default:
                                return Status::OK();
                            }
                          });
}

Status ReadThriftStruct(CompactReader& r, ColumnOrder* out) {
  bool set = false;
  RUNNEL_RETURN_NOT_OK(ReadThriftFields(r, "ColumnOrder", {}, [&](ThriftField& f) -> Status {
    if (f.type() != ThriftType::kStruct) return Status::OK();  // not a union member: skip
    set = true;
    *out = ColumnOrder{};
    if (f.id() >= 1 && f.id() <= 3) {
      out->kind = static_cast<ColumnOrder::Kind>(f.id());
      return f.ReadEmptyStruct("member");
    }
    out->kind = ColumnOrder::Kind::kUnrecognized;
    out->unrecognized_field_id = f.id();  // left to be skipped
    return Status::OK();
  }));
  if (!set) return Status::Corruption("ColumnOrder has no member set");
  return Status::OK();
}

Status ReadThriftStruct(CompactReader& r, FileMetaData* out) {
  return ReadThriftFields(r, "FileMetaData",
                          {{1, "version"}, {2, "schema"}, {3, "num_rows"}, {4, "row_groups"}},
                          [&](ThriftField& f) -> Status {
                            switch (f.id()) {
                              case 1:
                                return f.Read("version", &out->version);
                              case 2:
                                return f.Read("schema", &out->schema);
                              case 3:
                                return f.Read("num_rows", &out->num_rows);
                              case 4:
                                return f.Read("row_groups", &out->row_groups);
                              case 5:
                                return f.Read("key_value_metadata", &out->key_value_metadata);
                              case 6:
                                return f.Read("created_by", &out->created_by);
                              case 7:
                                return f.Read("column_orders", &out->column_orders);
                              default:
                                return Status::OK();  // 8, 9: encryption with a plaintext footer
                            }
                          });
}

Result<FileMetaData> ParseFileMetaData(std::string_view bytes) {
  CompactReader reader(bytes);
  FileMetaData metadata;
  Status status = ReadThriftStruct(reader, &metadata);
  if (!status.ok()) return status.WithContext("Parquet footer");
  return metadata;
}

Result<PageHeader> ParsePageHeader(std::string_view bytes, size_t* header_length) {
  CompactReader reader(bytes);
  PageHeader header;
  Status status = ReadThriftStruct(reader, &header);
  if (!status.ok()) return status.WithContext("Parquet page header");
  *header_length = reader.position();
  return header;
}

}  // namespace runnel::format::parquet
