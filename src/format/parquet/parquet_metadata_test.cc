#include "format/parquet/parquet_metadata.h"

#include <gtest/gtest.h>

#include <functional>
#include <string>

#include "format/parquet/thrift_compact.h"

namespace runnel::format::parquet {
namespace {

using Kind = LogicalType::Kind;

std::string Bytes(std::initializer_list<uint8_t> bytes) {
  return std::string(bytes.begin(), bytes.end());
}

void ExpectCorrupt(const Status& status, const std::string& message) {
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kCorruption) << status.ToString();
  EXPECT_NE(status.message().find(message), std::string::npos) << status.ToString();
}

Statistics FullStatistics() {
  return Statistics{.max = "max",
                    .min = std::string("\0\1", 2),
                    .null_count = 3,
                    .distinct_count = 4,
                    .max_value = "zz",
                    .min_value = "",
                    .is_max_value_exact = true,
                    .is_min_value_exact = false,
                    .nan_count = 0};
}

SchemaElement Leaf(std::string name, Type type, std::optional<LogicalType> logical_type = {}) {
  return SchemaElement{.type = type,
                       .repetition_type = FieldRepetitionType::kOptional,
                       .name = std::move(name),
                       .logical_type = logical_type};
}

ColumnMetaData FullColumnMetaData() {
  return ColumnMetaData{
      .type = Type::kByteArray,
      .encodings = {Encoding::kPlain, Encoding::kRle, Encoding::kRleDictionary},
      .path_in_schema = {"a", "list", "element"},
      .codec = CompressionCodec::kZstd,
      .num_values = 1'000'000'000'000LL,
      .total_uncompressed_size = 5000,
      .total_compressed_size = 3000,
      .key_value_metadata = {{.key = "k", .value = "v"}, {.key = "only key"}},
      .data_page_offset = 400,
      .index_page_offset = 300,
      .dictionary_page_offset = 4,
      .statistics = FullStatistics(),
      .encoding_stats =
          {{.page_type = PageType::kDictionaryPage, .encoding = Encoding::kPlain, .count = 1},
           {.page_type = PageType::kDataPage, .encoding = Encoding::kRleDictionary, .count = 7}},
      .bloom_filter_offset = 9000,
      .bloom_filter_length = 128};
}

FileMetaData FullFileMetaData() {
  FileMetaData m;
  m.version = 2;
  m.schema = {
      SchemaElement{.name = "root", .num_children = 3},
      SchemaElement{.type = Type::kInt32,
                    .type_length = 32,
                    .repetition_type = FieldRepetitionType::kRequired,
                    .name = "id",
                    .converted_type = ConvertedType::kInt32,
                    .field_id = 7,
                    .logical_type = LogicalType::Integer(32, true)},
      SchemaElement{.type = Type::kFixedLenByteArray,
                    .type_length = 16,
                    .repetition_type = FieldRepetitionType::kOptional,
                    .name = "price",
                    .converted_type = ConvertedType::kDecimal,
                    .scale = 2,
                    .precision = 38,
                    .logical_type = LogicalType::Decimal(2, 38)},
      SchemaElement{.repetition_type = FieldRepetitionType::kOptional,
                    .name = "a",
                    .num_children = 1,
                    .converted_type = ConvertedType::kList,
                    .logical_type = LogicalType::Of(Kind::kList)},
      SchemaElement{
          .repetition_type = FieldRepetitionType::kRepeated, .name = "list", .num_children = 1},
      Leaf("element", Type::kByteArray, LogicalType::Of(Kind::kString)),
  };
  m.num_rows = 12345678901LL;
  ColumnChunk chunk{.file_path = "other.parquet",
                    .file_offset = 77,
                    .meta_data = FullColumnMetaData(),
                    .offset_index_offset = 10000,
                    .offset_index_length = 50,
                    .column_index_offset = 10050,
                    .column_index_length = 60};
  m.row_groups = {
      RowGroup{.columns = {chunk, ColumnChunk{.meta_data = FullColumnMetaData()}},
               .total_byte_size = 6000,
               .num_rows = 100,
               .sorting_columns = {{.column_idx = 1, .descending = true, .nulls_first = false},
                                   {.column_idx = 0, .descending = false, .nulls_first = true}},
               .file_offset = 4,
               .total_compressed_size = 3500,
               .ordinal = 0},
      RowGroup{.columns = {}, .total_byte_size = 0, .num_rows = 0, .ordinal = 1},
  };
  m.key_value_metadata = {{.key = "ARROW:schema", .value = std::string(300, 'x')},
                          {.key = "empty", .value = ""}};
  m.created_by = "runnel version 0.1.0";
  m.column_orders = {ColumnOrder{.kind = ColumnOrder::Kind::kTypeDefinedOrder},
                     ColumnOrder{.kind = ColumnOrder::Kind::kIeee754TotalOrder},
                     ColumnOrder{.kind = ColumnOrder::Kind::kInt96TimestampOrder}};
  return m;
}

std::vector<PageHeader> AllPageHeaders() {
  return {
      PageHeader{
          .type = PageType::kDataPage,
          .uncompressed_page_size = 1 << 20,
          .compressed_page_size = 1000,
          .crc = -123456789,
          .data_page_header = DataPageHeader{.num_values = 100,
                                             .encoding = Encoding::kRleDictionary,
                                             .definition_level_encoding = Encoding::kRle,
                                             .repetition_level_encoding = Encoding::kBitPacked,
                                             .statistics = FullStatistics()}},
      PageHeader{.type = PageType::kDictionaryPage,
                 .uncompressed_page_size = 10,
                 .compressed_page_size = 8,
                 .dictionary_page_header =
                     DictionaryPageHeader{
                         .num_values = 3, .encoding = Encoding::kPlain, .is_sorted = true}},
      PageHeader{
          .type = PageType::kDataPageV2,
          .uncompressed_page_size = 500,
          .compressed_page_size = 400,
          .data_page_header_v2 = DataPageHeaderV2{.num_values = 50,
                                                  .num_nulls = 5,
                                                  .num_rows = 40,
                                                  .encoding = Encoding::kDeltaBinaryPacked,
                                                  .definition_levels_byte_length = 12,
                                                  .repetition_levels_byte_length = 3,
                                                  .is_compressed = false,
                                                  .statistics = Statistics{.null_count = 5}}},
  };
}

// ---- Round trips ----

TEST(ParquetMetadataTest, FileMetaDataRoundTrips) {
  FileMetaData m = FullFileMetaData();
  std::string bytes = SerializeFileMetaData(m);
  auto parsed = ParseFileMetaData(bytes);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, m);
  EXPECT_EQ(SerializeFileMetaData(*parsed), bytes);
}

TEST(ParquetMetadataTest, EveryLogicalTypeRoundTrips) {
  std::vector<LogicalType> types = {
      LogicalType::Of(Kind::kString),
      LogicalType::Of(Kind::kMap),
      LogicalType::Of(Kind::kList),
      LogicalType::Of(Kind::kEnum),
      LogicalType::Decimal(0, 1),
      LogicalType::Decimal(18, 38),
      LogicalType::Of(Kind::kDate),
      LogicalType::Time(true, TimeUnit::kMillis),
      LogicalType::Time(false, TimeUnit::kMicros),
      LogicalType::Time(false, TimeUnit::kNanos),
      LogicalType::Timestamp(true, TimeUnit::kMillis),
      LogicalType::Timestamp(false, TimeUnit::kMicros),
      LogicalType::Timestamp(true, TimeUnit::kNanos),
      LogicalType::Integer(8, false),
      LogicalType::Integer(16, true),
      LogicalType::Integer(64, false),
      LogicalType::Of(Kind::kNull),
      LogicalType::Of(Kind::kJson),
      LogicalType::Of(Kind::kBson),
      LogicalType::Of(Kind::kUuid),
      LogicalType::Of(Kind::kFloat16),
      LogicalType{.kind = Kind::kUnrecognized, .unrecognized_field_id = 16},
  };
  FileMetaData m;
  m.schema.push_back(SchemaElement{.name = "root"});
  for (const auto& type : types) m.schema.push_back(Leaf("c", Type::kInt64, type));
  auto parsed = ParseFileMetaData(SerializeFileMetaData(m));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, m);
}

TEST(ParquetMetadataTest, MinimalFileMetaDataRoundTrips) {
  FileMetaData m;
  m.schema = {SchemaElement{.name = ""}};
  auto parsed = ParseFileMetaData(SerializeFileMetaData(m));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, m);
}

TEST(ParquetMetadataTest, PageHeadersRoundTrip) {
  for (const PageHeader& header : AllPageHeaders()) {
    std::string bytes;
    SerializePageHeader(header, &bytes);
    size_t header_length = bytes.size();
    bytes += "page bytes follow the header";
    size_t used = 0;
    auto parsed = ParsePageHeader(bytes, &used);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_EQ(*parsed, header);
    EXPECT_EQ(used, header_length);
  }
}

TEST(ParquetMetadataTest, SerializePageHeaderAppends) {
  std::string bytes = "prefix";
  SerializePageHeader(AllPageHeaders()[1], &bytes);
  EXPECT_EQ(bytes.substr(0, 6), "prefix");
  size_t used = 0;
  EXPECT_TRUE(ParsePageHeader(std::string_view(bytes).substr(6), &used).ok());
  EXPECT_EQ(used, bytes.size() - 6);
}

TEST(ParquetMetadataTest, DataPageV2IsCompressedDefaultsToTrue) {
  // A DataPageHeaderV2 without field 7.
  std::string bytes;
  CompactWriter w(&bytes);
  w.WriteStructBegin();
  w.WriteFieldBegin(ThriftType::kI32, 1);
  w.WriteI32(static_cast<int32_t>(PageType::kDataPageV2));
  w.WriteFieldBegin(ThriftType::kI32, 2);
  w.WriteI32(10);
  w.WriteFieldBegin(ThriftType::kI32, 3);
  w.WriteI32(10);
  w.WriteFieldBegin(ThriftType::kStruct, 8);
  w.WriteStructBegin();
  for (int16_t id = 1; id <= 6; ++id) {
    w.WriteFieldBegin(ThriftType::kI32, id);
    w.WriteI32(0);
  }
  w.WriteFieldStop();
  w.WriteStructEnd();
  w.WriteFieldStop();
  w.WriteStructEnd();
  size_t used = 0;
  auto parsed = ParsePageHeader(bytes, &used);
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_TRUE(parsed->data_page_header_v2.has_value());
  EXPECT_TRUE(parsed->data_page_header_v2->is_compressed);
}

// ---- Known bytes ----

TEST(ParquetMetadataTest, SmallFooterBytes) {
  FileMetaData m;
  m.schema = {SchemaElement{.name = "s"}};
  EXPECT_EQ(SerializeFileMetaData(m), Bytes({
                                          0x15,
                                          0x02,  // 1: version = 1
                                          0x19,
                                          0x1C,  // 2: list of 1 struct
                                          0x48,
                                          0x01,
                                          's',
                                          0x00,  //    4: name = "s"
                                          0x16,
                                          0x00,  // 3: num_rows = 0
                                          0x19,
                                          0x0C,  // 4: empty list of struct
                                          0x00,
                                      }));
}

TEST(ParquetMetadataTest, SmallPageHeaderBytes) {
  std::string bytes;
  SerializePageHeader(PageHeader{.type = PageType::kDictionaryPage,
                                 .uncompressed_page_size = 10,
                                 .compressed_page_size = 8,
                                 .dictionary_page_header = DictionaryPageHeader{.num_values = 3}},
                      &bytes);
  EXPECT_EQ(bytes, Bytes({
                       0x15,
                       0x04,  // 1: type = DICTIONARY_PAGE (2)
                       0x15,
                       0x14,  // 2: uncompressed_page_size = 10
                       0x15,
                       0x10,  // 3: compressed_page_size = 8
                       0x4C,  // 7: dictionary_page_header
                       0x15,
                       0x06,  //    1: num_values = 3
                       0x15,
                       0x00,  //    2: encoding = PLAIN
                       0x00,
                       0x00,
                   }));
}

TEST(ParquetMetadataTest, LogicalTypeBytes) {
  FileMetaData m;
  m.schema = {Leaf("t", Type::kInt64, LogicalType::Timestamp(true, TimeUnit::kMicros))};
  std::string bytes = SerializeFileMetaData(m);
  // logicalType (10) -> TIMESTAMP (8) -> {isAdjustedToUTC (1) = true, unit (2) -> MICROS (2)}.
  std::string expected = Bytes({0x6C, 0x8C, 0x11, 0x1C, 0x2C, 0x00, 0x00, 0x00, 0x00});
  EXPECT_NE(bytes.find(expected), std::string::npos);
}

// ---- Hand-written footers: what other writers may put in ----

// A footer with one row group of one column, written field by field so that tests can leave
// fields out and add ones this code does not know.
struct FooterParts {
  bool with_codec = true;
  std::function<void(CompactWriter&)> file_extra = [](CompactWriter&) {};
  std::function<void(CompactWriter&)> chunk_extra = [](CompactWriter&) {};
  std::function<void(CompactWriter&)> column_extra = [](CompactWriter&) {};
  std::function<void(CompactWriter&)> logical_type_extra = [](CompactWriter&) {};
};

std::string HandWrittenFooter(const FooterParts& parts) {
  std::string out;
  CompactWriter w(&out);
  w.WriteStructBegin();
  w.WriteFieldBegin(ThriftType::kI32, 1);
  w.WriteI32(1);
  w.WriteFieldBegin(ThriftType::kList, 2);
  w.WriteListBegin(ThriftType::kStruct, 2);
  {  // root
    w.WriteStructBegin();
    w.WriteFieldBegin(ThriftType::kBinary, 4);
    w.WriteString("schema");
    w.WriteFieldBegin(ThriftType::kI32, 5);
    w.WriteI32(1);
    w.WriteFieldStop();
    w.WriteStructEnd();
  }
  {  // the leaf, with a logical type
    w.WriteStructBegin();
    w.WriteFieldBegin(ThriftType::kI32, 1);
    w.WriteI32(static_cast<int32_t>(Type::kInt32));
    w.WriteFieldBegin(ThriftType::kBinary, 4);
    w.WriteString("x");
    w.WriteFieldBegin(ThriftType::kStruct, 10);
    w.WriteStructBegin();
    w.WriteFieldBegin(ThriftType::kStruct, 6);  // DATE
    w.WriteStructBegin();
    w.WriteFieldStop();
    w.WriteStructEnd();
    parts.logical_type_extra(w);
    w.WriteFieldStop();
    w.WriteStructEnd();
    w.WriteFieldStop();
    w.WriteStructEnd();
  }
  w.WriteFieldBegin(ThriftType::kI64, 3);
  w.WriteI64(5);
  w.WriteFieldBegin(ThriftType::kList, 4);
  w.WriteListBegin(ThriftType::kStruct, 1);
  w.WriteStructBegin();  // RowGroup
  w.WriteFieldBegin(ThriftType::kList, 1);
  w.WriteListBegin(ThriftType::kStruct, 1);
  w.WriteStructBegin();  // ColumnChunk
  w.WriteFieldBegin(ThriftType::kI64, 2);
  w.WriteI64(0);
  w.WriteFieldBegin(ThriftType::kStruct, 3);
  w.WriteStructBegin();  // ColumnMetaData
  w.WriteFieldBegin(ThriftType::kI32, 1);
  w.WriteI32(static_cast<int32_t>(Type::kInt32));
  w.WriteFieldBegin(ThriftType::kList, 2);
  w.WriteListBegin(ThriftType::kI32, 1);
  w.WriteI32(static_cast<int32_t>(Encoding::kPlain));
  w.WriteFieldBegin(ThriftType::kList, 3);
  w.WriteListBegin(ThriftType::kBinary, 1);
  w.WriteString("x");
  if (parts.with_codec) {
    w.WriteFieldBegin(ThriftType::kI32, 4);
    w.WriteI32(static_cast<int32_t>(CompressionCodec::kSnappy));
  }
  for (int16_t id = 5; id <= 7; ++id) {
    w.WriteFieldBegin(ThriftType::kI64, id);
    w.WriteI64(5);
  }
  w.WriteFieldBegin(ThriftType::kI64, 9);
  w.WriteI64(4);
  parts.column_extra(w);
  w.WriteFieldStop();
  w.WriteStructEnd();
  parts.chunk_extra(w);
  w.WriteFieldStop();
  w.WriteStructEnd();
  w.WriteFieldBegin(ThriftType::kI64, 2);
  w.WriteI64(5);
  w.WriteFieldBegin(ThriftType::kI64, 3);
  w.WriteI64(5);
  w.WriteFieldStop();
  w.WriteStructEnd();
  parts.file_extra(w);
  w.WriteFieldStop();
  w.WriteStructEnd();
  return out;
}

FileMetaData HandWrittenFooterValue() {
  FileMetaData m;
  m.version = 1;
  m.schema = {SchemaElement{.name = "schema", .num_children = 1},
              SchemaElement{
                  .type = Type::kInt32, .name = "x", .logical_type = LogicalType::Of(Kind::kDate)}};
  m.num_rows = 5;
  m.row_groups = {RowGroup{
      .columns = {ColumnChunk{.meta_data = ColumnMetaData{.type = Type::kInt32,
                                                          .encodings = {Encoding::kPlain},
                                                          .path_in_schema = {"x"},
                                                          .codec = CompressionCodec::kSnappy,
                                                          .num_values = 5,
                                                          .total_uncompressed_size = 5,
                                                          .total_compressed_size = 5,
                                                          .data_page_offset = 4}}},
      .total_byte_size = 5,
      .num_rows = 5}};
  return m;
}

TEST(ParquetMetadataTest, HandWrittenFooterParses) {
  auto parsed = ParseFileMetaData(HandWrittenFooter({}));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, HandWrittenFooterValue());
}

TEST(ParquetMetadataTest, MissingRequiredFieldNamesStructAndField) {
  auto parsed = ParseFileMetaData(HandWrittenFooter({.with_codec = false}));
  ASSERT_FALSE(parsed.ok());
  EXPECT_EQ(parsed.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(parsed.status().message(),
            "Parquet footer: ColumnMetaData is missing required field 'codec'");

  // A page header without its sizes.
  std::string bytes;
  CompactWriter w(&bytes);
  w.WriteStructBegin();
  w.WriteFieldBegin(ThriftType::kI32, 1);
  w.WriteI32(0);
  w.WriteFieldStop();
  w.WriteStructEnd();
  size_t used = 0;
  auto header = ParsePageHeader(bytes, &used);
  ASSERT_FALSE(header.ok());
  EXPECT_EQ(header.status().message(),
            "Parquet page header: PageHeader is missing required field 'uncompressed_page_size'");

  // A footer that is only a stop byte.
  ExpectCorrupt(ParseFileMetaData(Bytes({0x00})).status(),
                "FileMetaData is missing required field 'version'");
}

TEST(ParquetMetadataTest, FieldOfTheWrongType) {
  std::string bytes;
  CompactWriter w(&bytes);
  w.WriteStructBegin();
  w.WriteFieldBegin(ThriftType::kBinary, 1);
  w.WriteString("1");
  w.WriteFieldStop();
  w.WriteStructEnd();
  auto parsed = ParseFileMetaData(bytes);
  ExpectCorrupt(
      parsed.status(),
      "Parquet footer: FileMetaData field 'version' (id 1) has type binary, expected i32");

  // A list whose elements are not the declared type.
  bytes.clear();
  w.WriteStructBegin();
  w.WriteFieldBegin(ThriftType::kList, 2);
  w.WriteListBegin(ThriftType::kI32, 1);
  w.WriteI32(0);
  w.WriteFieldStop();
  w.WriteStructEnd();
  ExpectCorrupt(ParseFileMetaData(bytes).status(), "a list holds i32 elements where struct");
}

TEST(ParquetMetadataTest, SkipsFieldsOfNewerWriters) {
  FooterParts parts;
  // FileMetaData 8: encryption_algorithm (a union of structs), 9: binary, 200: a list of maps.
  parts.file_extra = [](CompactWriter& w) {
    w.WriteFieldBegin(ThriftType::kStruct, 8);
    w.WriteStructBegin();
    w.WriteFieldBegin(ThriftType::kStruct, 1);
    w.WriteStructBegin();
    w.WriteFieldBegin(ThriftType::kBinary, 1);
    w.WriteString("aad");
    w.WriteBoolField(3, true);
    w.WriteFieldStop();
    w.WriteStructEnd();
    w.WriteFieldStop();
    w.WriteStructEnd();
    w.WriteFieldBegin(ThriftType::kBinary, 9);
    w.WriteString("key");
    w.WriteFieldBegin(ThriftType::kList, 200);
    w.WriteListBegin(ThriftType::kMap, 2);
    w.WriteMapBegin(ThriftType::kBinary, ThriftType::kSet, 1);
    w.WriteString("k");
    w.WriteSetBegin(ThriftType::kDouble, 2);
    w.WriteDouble(1);
    w.WriteDouble(2);
    w.WriteMapBegin(ThriftType::kI32, ThriftType::kI32, 0);
  };
  // ColumnChunk 8: crypto_metadata, 9: encrypted_column_metadata.
  parts.chunk_extra = [](CompactWriter& w) {
    w.WriteFieldBegin(ThriftType::kStruct, 8);
    w.WriteStructBegin();
    w.WriteFieldBegin(ThriftType::kStruct, 1);
    w.WriteStructBegin();
    w.WriteFieldStop();
    w.WriteStructEnd();
    w.WriteFieldStop();
    w.WriteStructEnd();
    w.WriteFieldBegin(ThriftType::kBinary, 9);
    w.WriteString(std::string(40, '\xAB'));
  };
  // ColumnMetaData 16: size_statistics, 17: geospatial_statistics.
  parts.column_extra = [](CompactWriter& w) {
    w.WriteFieldBegin(ThriftType::kStruct, 16);
    w.WriteStructBegin();
    w.WriteFieldBegin(ThriftType::kI64, 1);
    w.WriteI64(99);
    w.WriteFieldBegin(ThriftType::kList, 3);
    w.WriteListBegin(ThriftType::kI64, 2);
    w.WriteI64(1);
    w.WriteI64(4);
    w.WriteFieldStop();
    w.WriteStructEnd();
    w.WriteFieldBegin(ThriftType::kStruct, 17);
    w.WriteStructBegin();
    w.WriteFieldBegin(ThriftType::kStruct, 1);
    w.WriteStructBegin();
    for (int16_t id = 1; id <= 4; ++id) {
      w.WriteFieldBegin(ThriftType::kDouble, id);
      w.WriteDouble(id);
    }
    w.WriteFieldStop();
    w.WriteStructEnd();
    w.WriteFieldBegin(ThriftType::kList, 2);
    w.WriteListBegin(ThriftType::kI32, 1);
    w.WriteI32(1);
    w.WriteFieldStop();
    w.WriteStructEnd();
  };
  // A non-struct field in the LogicalType union is not a member: skipped.
  parts.logical_type_extra = [](CompactWriter& w) {
    w.WriteFieldBegin(ThriftType::kI32, 40);
    w.WriteI32(3);
  };
  auto parsed = ParseFileMetaData(HandWrittenFooter(parts));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, HandWrittenFooterValue());
}

TEST(ParquetMetadataTest, UnknownUnionMembersAreKept) {
  // LogicalType 16 (VARIANT, with a field) after DATE: the last member wins.
  FooterParts parts;
  parts.logical_type_extra = [](CompactWriter& w) {
    w.WriteFieldBegin(ThriftType::kStruct, 16);
    w.WriteStructBegin();
    w.WriteFieldBegin(ThriftType::kI8, 1);
    w.WriteI8(1);
    w.WriteFieldStop();
    w.WriteStructEnd();
  };
  auto parsed = ParseFileMetaData(HandWrittenFooter(parts));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const LogicalType& type = *parsed->schema[1].logical_type;
  EXPECT_EQ(type.kind, Kind::kUnrecognized);
  EXPECT_EQ(type.unrecognized_field_id, 16);
}

TEST(ParquetMetadataTest, UnknownEnumValuesAreKept) {
  FileMetaData m = HandWrittenFooterValue();
  auto& column = *m.row_groups[0].columns[0].meta_data;
  column.encodings = {static_cast<Encoding>(42)};
  column.codec = static_cast<CompressionCodec>(-1);
  auto parsed = ParseFileMetaData(SerializeFileMetaData(m));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  EXPECT_EQ(*parsed, m);
  EXPECT_EQ(ToString(parsed->row_groups[0].columns[0].meta_data->encodings[0]), "UNKNOWN(42)");
  EXPECT_EQ(ToString(Encoding::kRleDictionary), "RLE_DICTIONARY");
  EXPECT_EQ(ToString(static_cast<Encoding>(1)), "UNKNOWN(1)");
  EXPECT_EQ(ToString(CompressionCodec::kLz4Raw), "LZ4_RAW");
  EXPECT_EQ(ToString(Type::kFixedLenByteArray), "FIXED_LEN_BYTE_ARRAY");
  EXPECT_EQ(ToString(ConvertedType::kInterval), "INTERVAL");
  EXPECT_EQ(ToString(PageType::kDataPageV2), "DATA_PAGE_V2");
  EXPECT_EQ(ToString(FieldRepetitionType::kRepeated), "REPEATED");
}

TEST(ParquetMetadataTest, EmptyUnionsAreCorrupt) {
  FileMetaData m;
  m.schema = {Leaf("x", Type::kInt32, LogicalType::Of(Kind::kDate))};
  std::string bytes = SerializeFileMetaData(m);
  // Replace DATE's field header and empty struct (0x6C 0x00) with nothing.
  std::string date = Bytes({0x6C, 0x00});
  size_t at = bytes.find(date);
  ASSERT_NE(at, std::string::npos);
  bytes.erase(at, date.size());
  ExpectCorrupt(ParseFileMetaData(bytes).status(), "LogicalType has no member set");

  m.schema = {SchemaElement{.name = "root"}};
  m.column_orders = {ColumnOrder{}};
  bytes = SerializeFileMetaData(m);
  std::string order = Bytes({0x1C, 0x00});  // TYPE_ORDER, an empty struct
  at = bytes.rfind(order);
  ASSERT_NE(at, std::string::npos);
  bytes.erase(at, order.size());
  ExpectCorrupt(ParseFileMetaData(bytes).status(), "ColumnOrder has no member set");
}

// ---- Malformed input ----

TEST(ParquetMetadataTest, EveryTruncationIsAnError) {
  std::string bytes = SerializeFileMetaData(FullFileMetaData());
  for (size_t length = 0; length < bytes.size(); ++length) {
    auto parsed = ParseFileMetaData(std::string_view(bytes).substr(0, length));
    ASSERT_FALSE(parsed.ok()) << "prefix of " << length << " bytes";
    EXPECT_EQ(parsed.status().code(), StatusCode::kCorruption);
  }
  for (const PageHeader& header : AllPageHeaders()) {
    std::string page;
    SerializePageHeader(header, &page);
    for (size_t length = 0; length < page.size(); ++length) {
      size_t used = 0;
      ASSERT_FALSE(ParsePageHeader(std::string_view(page).substr(0, length), &used).ok())
          << "prefix of " << length << " bytes";
    }
  }
}

TEST(ParquetMetadataTest, EveryByteChangeParsesOrFails) {
  // No expectation on the outcome: only that it is one (the test runs under ASan in CI).
  std::string bytes = SerializeFileMetaData(FullFileMetaData());
  for (size_t i = 0; i < bytes.size(); ++i) {
    for (uint8_t value : {0x00, 0x01, 0x0F, 0x19, 0x7F, 0x80, 0xF9, 0xFC, 0xFF}) {
      std::string changed = bytes;
      changed[i] = static_cast<char>(value);
      (void)ParseFileMetaData(changed);
    }
  }
}

TEST(ParquetMetadataTest, HugeListSize) {
  // schema: a list claiming 2^31 - 1 structs.
  std::string bytes = Bytes({0x15, 0x02, 0x19, 0xFC, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x00});
  ExpectCorrupt(ParseFileMetaData(bytes).status(), "collection of 2147483647 elements");
  // encodings: 1000 i32s in a few bytes.
  FooterParts parts;
  std::string footer = HandWrittenFooter(parts);
  std::string one_encoding = Bytes({0x19, 0x15, 0x00});  // field 2, list of 1 i32, PLAIN
  size_t at = footer.find(one_encoding);
  ASSERT_NE(at, std::string::npos);
  footer.replace(at, one_encoding.size(), Bytes({0x19, 0xF5, 0xE8, 0x07, 0x00}));
  ExpectCorrupt(ParseFileMetaData(footer).status(), "collection of 1000 elements");
}

TEST(ParquetMetadataTest, DeepNestingInAnUnknownField) {
  FooterParts parts;
  parts.file_extra = [](CompactWriter& w) {
    w.WriteFieldBegin(ThriftType::kStruct, 100);
    for (int i = 0; i < 200; ++i) {
      w.WriteStructBegin();
      w.WriteFieldBegin(ThriftType::kStruct, 1);
    }
    w.WriteStructBegin();
    for (int i = 0; i <= 200; ++i) {
      w.WriteFieldStop();
      w.WriteStructEnd();
    }
  };
  ExpectCorrupt(ParseFileMetaData(HandWrittenFooter(parts)).status(), "nesting deeper than 64");
}

TEST(ParquetMetadataTest, BadFieldAndElementTypes) {
  ExpectCorrupt(ParseFileMetaData(Bytes({0x1E})).status(), "unknown field type 14");
  // Type 13 (uuid) is a valid type, but not version's.
  ExpectCorrupt(ParseFileMetaData(Bytes({0x1D})).status(),
                "FileMetaData field 'version' (id 1) has type uuid, expected i32");
  ExpectCorrupt(ParseFileMetaData(Bytes({0x29, 0x1F})).status(), "unknown element type 15");
}

}  // namespace
}  // namespace runnel::format::parquet
