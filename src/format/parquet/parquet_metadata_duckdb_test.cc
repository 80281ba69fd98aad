// Footers and page headers of Parquet files written by DuckDB (test/data/parquet/README.md
// says how they were made): what another writer puts in them must parse.
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "format/parquet/parquet_metadata.h"

namespace runnel::format::parquet {
namespace {

std::string ReadTestFile(const std::string& name) {
  const char* root = std::getenv("RUNNEL_SOURCE_DIR");
  std::string path = std::string(root ? root : ".") + "/test/data/parquet/" + name;
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in.good()) << "cannot open " << path;
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

// The footer: its length is the 4 little-endian bytes before the trailing "PAR1".
std::string_view Footer(std::string_view file) {
  if (file.size() < 12) return {};
  const auto* end = reinterpret_cast<const uint8_t*>(file.data() + file.size() - 8);
  uint32_t length = end[0] | (end[1] << 8) | (end[2] << 16) | (uint32_t{end[3]} << 24);
  return file.substr(file.size() - 8 - length, length);
}

TEST(ParquetMetadataDuckDbTest, ParsesFooter) {
  std::string file = ReadTestFile("duckdb_small.parquet");
  ASSERT_EQ(file.substr(0, 4), "PAR1");
  auto parsed = ParseFileMetaData(Footer(file));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  const FileMetaData& m = *parsed;
  EXPECT_EQ(m.version, 1);
  EXPECT_EQ(m.num_rows, 10);
  ASSERT_TRUE(m.created_by.has_value());
  EXPECT_EQ(m.created_by->rfind("DuckDB", 0), 0u) << *m.created_by;
  ASSERT_EQ(m.schema.size(), 9u);
  EXPECT_EQ(m.schema[0].num_children, 8);
  std::vector<std::string> names;
  for (const auto& e : m.schema) names.push_back(e.name);
  EXPECT_EQ(names, (std::vector<std::string>{"duckdb_schema", "id", "big", "name", "ratio", "price",
                                             "day", "ts", "flag"}));
  EXPECT_EQ(m.schema[1].type, Type::kInt32);
  EXPECT_EQ(m.schema[3].converted_type, ConvertedType::kUtf8);
  EXPECT_EQ(m.schema[5].logical_type, LogicalType::Decimal(2, 10));
  EXPECT_EQ(m.schema[5].precision, 10);
  EXPECT_EQ(m.schema[7].logical_type, LogicalType::Timestamp(false, TimeUnit::kMicros));
  EXPECT_EQ(m.schema[8].type, Type::kBoolean);
  bool has_origin = false;
  for (const auto& kv : m.key_value_metadata) {
    has_origin |= kv.key == "origin" && kv.value == "runnel-test";
  }
  EXPECT_TRUE(has_origin);
  ASSERT_EQ(m.row_groups.size(), 1u);
  ASSERT_EQ(m.row_groups[0].columns.size(), 8u);
  EXPECT_EQ(m.row_groups[0].num_rows, 10);
  const ColumnMetaData& name = *m.row_groups[0].columns[2].meta_data;
  EXPECT_EQ(name.path_in_schema, std::vector<std::string>{"name"});
  EXPECT_EQ(name.codec, CompressionCodec::kSnappy);
  EXPECT_EQ(name.statistics->null_count, 4);
  EXPECT_EQ(name.statistics->min_value, "name0");
  EXPECT_EQ(name.statistics->max_value, "name3");
  EXPECT_EQ(m.column_orders.size(), 8u);

  // The first column's first page header, at its data_page_offset.
  const ColumnMetaData& id = *m.row_groups[0].columns[0].meta_data;
  size_t used = 0;
  auto page = ParsePageHeader(std::string_view(file).substr(id.data_page_offset), &used);
  ASSERT_TRUE(page.ok()) << page.status().ToString();
  EXPECT_EQ(page->type, PageType::kDataPage);
  ASSERT_TRUE(page->data_page_header.has_value());
  EXPECT_EQ(page->data_page_header->num_values, 10);
  EXPECT_EQ(static_cast<int64_t>(used) + page->compressed_page_size, id.total_compressed_size);

  // What we parse, we write back the same way.
  EXPECT_EQ(ParseFileMetaData(SerializeFileMetaData(m)).ValueOrDie(), m);
}

TEST(ParquetMetadataDuckDbTest, ParsesDictionaryPages) {
  std::string file = ReadTestFile("duckdb_dictionary.parquet");
  auto parsed = ParseFileMetaData(Footer(file));
  ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
  ASSERT_EQ(parsed->row_groups.size(), 3u);
  EXPECT_EQ(parsed->num_rows, 5000);
  for (const RowGroup& group : parsed->row_groups) {
    for (const ColumnChunk& chunk : group.columns) {
      const ColumnMetaData& column = *chunk.meta_data;
      EXPECT_EQ(column.codec, CompressionCodec::kZstd);
      EXPECT_TRUE(column.bloom_filter_offset.has_value());
      ASSERT_TRUE(column.dictionary_page_offset.has_value());
      // Walk the chunk's pages: a dictionary page, then data pages.
      int64_t offset = *column.dictionary_page_offset;
      int64_t end = offset + column.total_compressed_size;
      int64_t values = 0;
      bool first = true;
      while (offset < end) {
        size_t used = 0;
        auto page = ParsePageHeader(std::string_view(file).substr(offset), &used);
        ASSERT_TRUE(page.ok()) << page.status().ToString();
        if (first) {
          EXPECT_EQ(page->type, PageType::kDictionaryPage);
          ASSERT_TRUE(page->dictionary_page_header.has_value());
        } else {
          EXPECT_GE(offset, column.data_page_offset);
          EXPECT_EQ(page->type, PageType::kDataPage);
          ASSERT_TRUE(page->data_page_header.has_value());
          // DuckDB's v1 data pages name dictionary indices by the legacy PLAIN_DICTIONARY.
          EXPECT_EQ(page->data_page_header->encoding, Encoding::kPlainDictionary);
          values += page->data_page_header->num_values;
        }
        first = false;
        offset += static_cast<int64_t>(used) + page->compressed_page_size;
      }
      EXPECT_EQ(offset, end);
      EXPECT_EQ(values, group.num_rows);
    }
  }
}

}  // namespace
}  // namespace runnel::format::parquet
