// Bad Parquet files: cut short, wrong magic, a footer or page header that lies, values that
// don't match their levels. Each must fail with Corruption or NotSupported naming the file, and
// never crash. The files start as valid ones from ParquetWriter and are then broken on purpose.
#include <gtest/gtest.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "format/parquet/parquet_metadata.h"
#include "format/parquet/parquet_reader.h"
#include "format/parquet/parquet_writer.h"
#include "io/file_system.h"
#include "type/ddl.h"

namespace runnel::format::parquet {
namespace {

using type::Value;

constexpr char kName[] = "bad_test.parquet";

type::SchemaPtr TestSchema() {
  return std::make_shared<type::Schema>(
      type::ParseSchema(
          "k INT, name STRING, tags ARRAY<STRING>, point STRUCT<x: DOUBLE, y: BIGINT>")
          .ValueOrDie());
}

// Rows with NULLs at every level and few distinct values, so columns get dictionaries.
std::string ValidFile(Options options, int rows = 8) {
  type::SchemaPtr schema = TestSchema();
  const auto& tags_t = schema->field(2).type;
  const auto& point_t = schema->field(3).type;
  std::vector<std::vector<Value>> data;
  for (int r = 0; r < rows; ++r) {
    std::vector<Value> tags;
    for (int t = 0; t < r % 3; ++t) tags.push_back(Value::String("t" + std::to_string(t)));
    data.push_back(
        {Value::Int(r % 4),
         r % 3 == 2 ? Value::NullOf(type::String()) : Value::String("n" + std::to_string(r % 2)),
         r == 5 ? Value::NullOf(tags_t) : Value::Array(type::String(), tags),
         r == 3 ? Value::NullOf(point_t)
                : Value::Struct(point_t, {Value::Double(r / 2.0), Value::BigInt(r)})});
  }
  auto writer = ParquetWriter::Make(schema, options);
  EXPECT_TRUE(writer.ok()) << writer.status().ToString();
  EXPECT_TRUE((*writer)->Write(vector::Batch::FromRows(schema, data)).ok());
  auto bytes = (*writer)->Finish();
  EXPECT_TRUE(bytes.ok()) << bytes.status().ToString();
  return *bytes;
}

// Opens the file and reads every column of every row group (each on its own) and its
// statistics; the first error, or OK and the number of values read.
Status ReadAll(std::string bytes, int64_t* values_read = nullptr) {
  RUNNEL_ASSIGN_OR_RAISE(auto file, ParquetFile::FromBuffer(std::move(bytes), kName));
  int64_t values = 0;
  for (int g = 0; g < file->num_row_groups(); ++g) {
    for (int f = 0; f < file->schema()->num_fields(); ++f) {
      (void)file->Statistics(g, f);
      RUNNEL_ASSIGN_OR_RAISE(auto reader, ParquetReader::Make(file, {f}, {g}));
      while (true) {
        RUNNEL_ASSIGN_OR_RAISE(auto batch, reader->Next());
        if (!batch) break;
        values += batch->num_rows();
      }
    }
  }
  if (values_read) *values_read = values;
  return Status::OK();
}

// A clean error: Corruption or NotSupported, naming the file.
::testing::AssertionResult CleanError(const Status& st, const std::string& name = kName) {
  if (st.ok()) return ::testing::AssertionFailure() << "expected an error, got OK";
  if (st.code() != StatusCode::kCorruption && st.code() != StatusCode::kNotSupported) {
    return ::testing::AssertionFailure() << "not Corruption/NotSupported: " << st.ToString();
  }
  if (st.message().find(name) == std::string::npos) {
    return ::testing::AssertionFailure()
           << "the message does not name " << name << ": " << st.ToString();
  }
  return ::testing::AssertionSuccess();
}

uint32_t FooterLength(const std::string& file) {
  uint32_t length;
  std::memcpy(&length, file.data() + file.size() - 8, 4);
  return length;
}

void SetFooterLength(std::string* file, uint32_t length) {
  std::memcpy(file->data() + file->size() - 8, &length, 4);
}

// A file taken apart into its footer and the pages of each column chunk, to be changed and put
// back together with Join (which recomputes every offset and size the footer holds).
struct Page {
  PageHeader header;
  std::string body;
};
struct SplitFile {
  FileMetaData metadata;
  std::vector<std::vector<std::vector<Page>>> chunks;  // [row group][column][page]
};

SplitFile Split(const std::string& file) {
  SplitFile out;
  uint32_t footer_length = FooterLength(file);
  out.metadata = ParseFileMetaData(
                     std::string_view(file).substr(file.size() - 8 - footer_length, footer_length))
                     .ValueOrDie();
  for (const RowGroup& group : out.metadata.row_groups) {
    auto& columns = out.chunks.emplace_back();
    for (const ColumnChunk& chunk : group.columns) {
      const ColumnMetaData& meta = *chunk.meta_data;
      int64_t start = meta.dictionary_page_offset.value_or(meta.data_page_offset);
      std::string_view bytes = std::string_view(file).substr(start, meta.total_compressed_size);
      auto& pages = columns.emplace_back();
      while (!bytes.empty()) {
        size_t header_length = 0;
        PageHeader header = ParsePageHeader(bytes, &header_length).ValueOrDie();
        bytes.remove_prefix(header_length);
        pages.push_back({header, std::string(bytes.substr(0, header.compressed_page_size))});
        bytes.remove_prefix(header.compressed_page_size);
      }
    }
  }
  return out;
}

std::string Join(SplitFile split) {
  std::string out = "PAR1";
  for (size_t g = 0; g < split.chunks.size(); ++g) {
    for (size_t c = 0; c < split.chunks[g].size(); ++c) {
      ColumnMetaData& meta = *split.metadata.row_groups[g].columns[c].meta_data;
      int64_t start = static_cast<int64_t>(out.size());
      meta.dictionary_page_offset.reset();
      bool seen_data = false;
      for (const Page& page : split.chunks[g][c]) {
        if (page.header.type == PageType::kDictionaryPage) {
          meta.dictionary_page_offset = static_cast<int64_t>(out.size());
        } else if (!seen_data) {
          meta.data_page_offset = static_cast<int64_t>(out.size());
          seen_data = true;
        }
        SerializePageHeader(page.header, &out);
        out += page.body;
      }
      meta.total_compressed_size = meta.total_uncompressed_size =
          static_cast<int64_t>(out.size()) - start;
    }
  }
  std::string footer = SerializeFileMetaData(split.metadata);
  out += footer;
  out += std::string(4, '\0') + "PAR1";
  SetFooterLength(&out, static_cast<uint32_t>(footer.size()));
  return out;
}

// The pages of column `column` (0 = k, 1 = name, ...) in the first row group.
std::vector<Page>& Pages(SplitFile& split, int column) { return split.chunks[0][column]; }

Page& FirstDataPage(SplitFile& split, int column) {
  for (Page& p : Pages(split, column)) {
    if (p.header.type != PageType::kDictionaryPage) return p;
  }
  ADD_FAILURE() << "column " << column << " has no data page";
  return Pages(split, column).front();
}

// A v1 data page body for the optional INT column `k`: `entries` definition levels of 1 (all
// present) followed by `values`.
std::string PresentLevelsThen(int64_t entries, std::string_view values) {
  std::string body;
  std::string levels;  // one RLE run of `entries` 1s: its ULEB128 header, then the value
  for (uint64_t header = static_cast<uint64_t>(entries) << 1;; header >>= 7) {
    levels.push_back(static_cast<char>(header < 0x80 ? header : (header & 0x7F) | 0x80));
    if (header < 0x80) break;
  }
  levels.push_back(1);
  uint32_t length = static_cast<uint32_t>(levels.size());
  body.append(reinterpret_cast<const char*>(&length), 4);
  body += levels;
  body += values;
  return body;
}

void SetBody(Page* page, std::string body) {
  page->header.compressed_page_size = page->header.uncompressed_page_size =
      static_cast<int32_t>(body.size());
  page->body = std::move(body);
}

// --- Sanity: the files and the split/join used below are themselves readable. -------------

TEST(ParquetBadFilesTest, ValidFilesAndTheirRejoinedCopiesRead) {
  for (const char* codec : {"none", "snappy", "zstd", "gzip"}) {
    for (const char* version : {"PARQUET_1_0", "PARQUET_2_0"}) {
      std::string file = ValidFile({{"compression", codec}, {"parquet.writer.version", version}});
      int64_t values = 0;
      ASSERT_TRUE(ReadAll(file, &values).ok()) << ReadAll(file).ToString();
      EXPECT_EQ(values, 4 * 8);
      Status rejoined = ReadAll(Join(Split(file)), &values);
      ASSERT_TRUE(rejoined.ok()) << codec << " " << version << ": " << rejoined.ToString();
      EXPECT_EQ(values, 4 * 8);
    }
  }
}

// --- The file as a whole. -----------------------------------------------------------------

TEST(ParquetBadFilesTest, EveryPrefixFailsCleanly) {
  for (const char* version : {"PARQUET_1_0", "PARQUET_2_0"}) {
    std::string file = ValidFile({{"compression", "snappy"}, {"parquet.writer.version", version}});
    for (size_t length = 0; length < file.size(); ++length) {
      EXPECT_TRUE(CleanError(ReadAll(file.substr(0, length))))
          << "prefix of " << length << " bytes";
    }
    EXPECT_TRUE(ReadAll(file).ok());
  }
}

TEST(ParquetBadFilesTest, WrongLeadingMagic) {
  std::string file = ValidFile({});
  file[0] = 'X';
  Status st = ReadAll(file);
  EXPECT_TRUE(CleanError(st));
  EXPECT_NE(st.message().find("PAR1"), std::string::npos) << st.ToString();
}

TEST(ParquetBadFilesTest, WrongTrailingMagic) {
  std::string file = ValidFile({});
  file.back() = 'X';
  Status st = ReadAll(file);
  EXPECT_TRUE(CleanError(st));
  EXPECT_NE(st.message().find("PAR1"), std::string::npos) << st.ToString();
  // "PARE" is the magic of encrypted files, which are refused as such.
  file.replace(file.size() - 4, 4, "PARE");
  st = ReadAll(file);
  EXPECT_TRUE(CleanError(st));
  EXPECT_EQ(st.code(), StatusCode::kNotSupported);
}

TEST(ParquetBadFilesTest, FooterLengthBeyondTheFile) {
  std::string file = ValidFile({});
  for (uint32_t length : {static_cast<uint32_t>(file.size()),
                          static_cast<uint32_t>(file.size() - 11), 0x7FFFFFFFu, 0xFFFFFFFFu}) {
    std::string bad = file;
    SetFooterLength(&bad, length);
    Status st = ReadAll(bad);
    EXPECT_TRUE(CleanError(st)) << "footer length " << length;
    EXPECT_NE(st.message().find("footer"), std::string::npos) << st.ToString();
  }
}

TEST(ParquetBadFilesTest, FooterLengthTooShortOrZero) {
  std::string file = ValidFile({});
  uint32_t length = FooterLength(file);
  for (uint32_t wrong : {0u, 1u, length / 2, length - 1, length + 1}) {
    std::string bad = file;
    SetFooterLength(&bad, wrong);
    EXPECT_TRUE(CleanError(ReadAll(bad))) << "footer length " << wrong << " instead of " << length;
  }
}

TEST(ParquetBadFilesTest, EveryFooterByteFlipped) {
  for (const char* version : {"PARQUET_1_0", "PARQUET_2_0"}) {
    std::string file = ValidFile({{"compression", "snappy"}, {"parquet.writer.version", version}});
    const size_t footer_start = file.size() - 8 - FooterLength(file);
    for (size_t at = footer_start; at < file.size() - 4; ++at) {
      for (uint8_t mask : {0xFF, 0x01, 0x80}) {
        std::string bad = file;
        bad[at] = static_cast<char>(bad[at] ^ mask);
        Status st = ReadAll(bad);
        if (!st.ok()) {
          EXPECT_TRUE(CleanError(st)) << "byte " << at << " xor " << int{mask};
        }
      }
    }
  }
}

// --- Page headers that lie. ---------------------------------------------------------------

TEST(ParquetBadFilesTest, PageLargerThanItsChunk) {
  for (const char* codec : {"none", "snappy"}) {
    SplitFile split = Split(ValidFile({{"compression", codec}}));
    FirstDataPage(split, 0).header.compressed_page_size += 1000;
    Status st = ReadAll(Join(split));
    EXPECT_TRUE(CleanError(st)) << codec;
    EXPECT_NE(st.message().find("column 'k'"), std::string::npos) << st.ToString();
  }
}

TEST(ParquetBadFilesTest, NegativePageSizes) {
  for (bool compressed : {true, false}) {
    SplitFile split = Split(ValidFile({{"compression", "snappy"}}));
    int32_t& size = compressed ? FirstDataPage(split, 1).header.compressed_page_size
                               : FirstDataPage(split, 1).header.uncompressed_page_size;
    size = -5;
    EXPECT_TRUE(CleanError(ReadAll(Join(split)))) << (compressed ? "compressed" : "uncompressed");
  }
}

TEST(ParquetBadFilesTest, HugeUncompressedSize) {
  for (const char* version : {"PARQUET_1_0", "PARQUET_2_0"}) {
    for (int32_t size : {0x7FFFFFFF, 1 << 30, 5 << 20, 1}) {
      SplitFile split =
          Split(ValidFile({{"compression", "snappy"}, {"parquet.writer.version", version}}));
      FirstDataPage(split, 1).header.uncompressed_page_size = size;
      EXPECT_TRUE(CleanError(ReadAll(Join(split)))) << version << " uncompressed size " << size;
    }
  }
}

TEST(ParquetBadFilesTest, UncompressedPageWhoseSizesDisagree) {
  SplitFile split = Split(ValidFile({{"compression", "none"}}));
  FirstDataPage(split, 0).header.uncompressed_page_size += 1;
  EXPECT_TRUE(CleanError(ReadAll(Join(split))));
}

TEST(ParquetBadFilesTest, MorePageValuesThanTheChunk) {
  SplitFile split = Split(ValidFile({{"compression", "none"}}));
  FirstDataPage(split, 0).header.data_page_header->num_values = 1 << 30;
  EXPECT_TRUE(CleanError(ReadAll(Join(split))));
}

TEST(ParquetBadFilesTest, ChunkValueCountDisagreesWithItsPages) {
  for (int64_t num_values : {int64_t{0}, int64_t{7}, int64_t{9}, int64_t{-1}, int64_t{1} << 40}) {
    SplitFile split = Split(ValidFile({{"compression", "none"}}));
    split.metadata.row_groups[0].columns[0].meta_data->num_values = num_values;
    EXPECT_TRUE(CleanError(ReadAll(Join(split)))) << num_values;
  }
}

TEST(ParquetBadFilesTest, RowGroupRowCountDisagreesWithItsColumns) {
  for (int64_t num_rows : {int64_t{0}, int64_t{7}, int64_t{9}, int64_t{-1}, int64_t{1} << 40}) {
    SplitFile split = Split(ValidFile({{"compression", "none"}}));
    split.metadata.row_groups[0].num_rows = num_rows;
    EXPECT_TRUE(CleanError(ReadAll(Join(split)))) << num_rows;
  }
}

TEST(ParquetBadFilesTest, HugeValueCountInATinyChunk) {
  // Regression: a chunk whose header and page both claim 2^30 values (an RLE run of that many
  // levels takes 5 bytes) made the reader allocate gigabytes before finding the values missing.
  // A flat column has exactly one entry per row, so the row group's 8 rows give it away.
  SplitFile split =
      Split(ValidFile({{"compression", "none"}, {"parquet.enable.dictionary", "false"}}));
  Page& page = FirstDataPage(split, 0);
  SetBody(&page, PresentLevelsThen(1 << 30, ""));
  page.header.data_page_header->num_values = 1 << 30;
  split.metadata.row_groups[0].columns[0].meta_data->num_values = 1 << 30;
  Status st = ReadAll(Join(split));
  EXPECT_TRUE(CleanError(st));
  EXPECT_NE(st.message().find("holds 1073741824 values for 8 rows"), std::string::npos)
      << st.ToString();
  // A nested column has at least one entry per row.
  SplitFile nested = Split(ValidFile({{"compression", "none"}}));
  nested.metadata.row_groups[0].columns[2].meta_data->num_values = 3;  // tags.list.element
  st = ReadAll(Join(nested));
  EXPECT_TRUE(CleanError(st));
  EXPECT_NE(st.message().find("holds 3 values for 8 rows"), std::string::npos) << st.ToString();
}

TEST(ParquetBadFilesTest, ChunkRangeOutsideTheFile) {
  std::string joined = Join(Split(ValidFile({{"compression", "none"}})));
  for (int64_t offset : {int64_t{-10}, static_cast<int64_t>(joined.size()), int64_t{1} << 50}) {
    SplitFile bad = Split(joined);
    bad.metadata.row_groups[0].columns[0].meta_data->data_page_offset = offset;
    bad.metadata.row_groups[0].columns[0].meta_data->dictionary_page_offset.reset();
    std::string bytes = joined.substr(0, joined.size() - 8 - FooterLength(joined));
    std::string footer = SerializeFileMetaData(bad.metadata);
    bytes += footer;
    bytes += std::string(4, '\0') + "PAR1";
    SetFooterLength(&bytes, static_cast<uint32_t>(footer.size()));
    EXPECT_TRUE(CleanError(ReadAll(bytes))) << offset;
  }
}

TEST(ParquetBadFilesTest, PageHeaderThatDoesNotParseNamesTheFile) {
  // Regression: the page header's Thrift errors came out without the file's name.
  std::string file = ValidFile({{"compression", "none"}});
  SplitFile split = Split(file);
  const ColumnMetaData& meta = *split.metadata.row_groups[0].columns[1].meta_data;
  int64_t at = meta.dictionary_page_offset.value_or(meta.data_page_offset);
  file[at] = 0;  // a stop byte: a page header without its required fields
  Status st = ReadAll(file);
  EXPECT_TRUE(CleanError(st));
  EXPECT_NE(st.message().find("column 'name'"), std::string::npos) << st.ToString();
  EXPECT_NE(st.message().find("missing required field"), std::string::npos) << st.ToString();
}

TEST(ParquetBadFilesTest, UnknownPhysicalTypeNamesTheFile) {
  // Regression: a column type Runnel cannot read was reported without the file's name.
  SplitFile split = Split(ValidFile({}));
  ASSERT_EQ(split.metadata.schema[1].name, "k");
  split.metadata.schema[1].type = static_cast<Type>(-6);
  Status st = ReadAll(Join(split));
  EXPECT_TRUE(CleanError(st));
  EXPECT_NE(st.message().find("'k'"), std::string::npos) << st.ToString();
}

// --- Values that don't match their levels or dictionary. ----------------------------------

TEST(ParquetBadFilesTest, DictionaryIndexOutOfRange) {
  SplitFile split = Split(ValidFile({{"compression", "none"}}));
  ASSERT_EQ(Pages(split, 0).front().header.type, PageType::kDictionaryPage);
  Page& page = FirstDataPage(split, 0);
  ASSERT_EQ(page.header.data_page_header->num_values, 8);
  // Bit width 8, then one RLE run of 8 indices of 200: the dictionary has 4 entries.
  SetBody(&page, PresentLevelsThen(8, std::string{8, 8 << 1, static_cast<char>(200)}));
  Status st = ReadAll(Join(split));
  EXPECT_TRUE(CleanError(st));
  EXPECT_NE(st.message().find("dictionary index 200"), std::string::npos) << st.ToString();
}

TEST(ParquetBadFilesTest, EmptyDictionary) {
  // Regression (found by the fuzzer under UBSan): a dictionary page of no INT32 entries copied
  // zero bytes into an empty vector's null data, which memcpy doesn't allow.
  SplitFile split = Split(ValidFile({{"compression", "none"}}));
  Page& dict = Pages(split, 0).front();
  ASSERT_EQ(dict.header.type, PageType::kDictionaryPage);
  SetBody(&dict, "");
  dict.header.dictionary_page_header->num_values = 0;
  Status st = ReadAll(Join(split));
  EXPECT_TRUE(CleanError(st));
  EXPECT_NE(st.message().find("past its 0 entries"), std::string::npos) << st.ToString();
}

TEST(ParquetBadFilesTest, DictionaryIndicesFewerThanLevels) {
  SplitFile split = Split(ValidFile({{"compression", "none"}}));
  Page& page = FirstDataPage(split, 0);
  SetBody(&page, PresentLevelsThen(8, std::string{8, 3 << 1, 1}));  // 3 indices for 8 values
  EXPECT_TRUE(CleanError(ReadAll(Join(split))));
}

TEST(ParquetBadFilesTest, DictionaryEncodedPageWithoutDictionary) {
  SplitFile split = Split(ValidFile({{"compression", "none"}}));
  std::vector<Page>& pages = Pages(split, 0);
  ASSERT_EQ(pages.front().header.type, PageType::kDictionaryPage);
  pages.erase(pages.begin());
  Status st = ReadAll(Join(split));
  EXPECT_TRUE(CleanError(st));
  EXPECT_NE(st.message().find("without a dictionary"), std::string::npos) << st.ToString();
}

TEST(ParquetBadFilesTest, PlainValuesFewerThanLevels) {
  SplitFile split =
      Split(ValidFile({{"compression", "none"}, {"parquet.enable.dictionary", "false"}}));
  Page& page = FirstDataPage(split, 0);
  ASSERT_EQ(page.header.data_page_header->encoding, Encoding::kPlain);
  int32_t three[3] = {1, 2, 3};
  SetBody(&page, PresentLevelsThen(
                     8, std::string_view(reinterpret_cast<const char*>(three), sizeof(three))));
  Status st = ReadAll(Join(split));
  EXPECT_TRUE(CleanError(st));
  EXPECT_NE(st.message().find("column 'k'"), std::string::npos) << st.ToString();
}

TEST(ParquetBadFilesTest, LevelsFewerThanThePageSays) {
  SplitFile split =
      Split(ValidFile({{"compression", "none"}, {"parquet.enable.dictionary", "false"}}));
  Page& page = FirstDataPage(split, 0);
  int32_t eight[8] = {};
  SetBody(&page, PresentLevelsThen(
                     5, std::string_view(reinterpret_cast<const char*>(eight), sizeof(eight))));
  EXPECT_TRUE(CleanError(ReadAll(Join(split))));
}

TEST(ParquetBadFilesTest, StringLengthPastThePage) {
  SplitFile split =
      Split(ValidFile({{"compression", "none"}, {"parquet.enable.dictionary", "false"}}));
  Page& page = FirstDataPage(split, 1);  // name STRING: 4-byte lengths before each value
  std::string body = page.body;
  // The first value's length prefix follows the 4-byte levels length and the levels.
  uint32_t levels_length;
  std::memcpy(&levels_length, body.data(), 4);
  uint32_t huge = 0x7FFFFFF0;
  std::memcpy(body.data() + 4 + levels_length, &huge, 4);
  SetBody(&page, body);
  EXPECT_TRUE(CleanError(ReadAll(Join(split))));
}

TEST(ParquetBadFilesTest, CorruptCompressedPage) {
  for (const char* codec : {"snappy", "zstd", "gzip", "lz4_raw", "brotli"}) {
    SplitFile split = Split(ValidFile({{"compression", codec}}));
    Page& page = FirstDataPage(split, 1);
    for (size_t i = 0; i < page.body.size(); i += 2)
      page.body[i] = static_cast<char>(page.body[i] ^ 0x5A);
    EXPECT_TRUE(CleanError(ReadAll(Join(split)))) << codec;
  }
}

// Every byte of every page (headers and bodies) flipped in turn: no crash, and any error is
// clean. Success is fine (a flipped value is still a value).
TEST(ParquetBadFilesTest, EveryPageByteFlipped) {
  for (const char* version : {"PARQUET_1_0", "PARQUET_2_0"}) {
    std::string file = ValidFile({{"compression", "none"}, {"parquet.writer.version", version}});
    const size_t footer_start = file.size() - 8 - FooterLength(file);
    for (size_t at = 4; at < footer_start; ++at) {
      std::string bad = file;
      bad[at] = static_cast<char>(bad[at] ^ 0xFF);
      Status st = ReadAll(bad);
      if (!st.ok()) {
        EXPECT_TRUE(CleanError(st)) << version << " byte " << at;
      }
    }
  }
}

// --- A few bytes that expand to more than a row group can hold. ----------------------------

// Dictionary indices for `n` values that all point at entry 0: bit width 1, one RLE run.
std::string RunOfZeroIndices(int64_t n) {
  std::string out = PresentLevelsThen(n, "");
  std::string indices = {1};
  for (uint64_t header = static_cast<uint64_t>(n) << 1;; header >>= 7) {
    indices.push_back(static_cast<char>(header < 0x80 ? header : (header & 0x7F) | 0x80));
    if (header < 0x80) break;
  }
  indices.push_back(0);
  return out + indices;
}

TEST(ParquetBadFilesTest, DictionaryStringRepeatedPast2GiB) {
  // Regression: one 1 MiB dictionary entry repeated by 40000 indices (a few bytes of RLE) was
  // copied 40000 times (40 GiB) before the 2 GiB limit of a column's strings was checked.
  SplitFile split = Split(ValidFile({{"compression", "none"}}, 40000));
  Page& dict = Pages(split, 1).front();
  ASSERT_EQ(dict.header.type, PageType::kDictionaryPage);
  std::string entry(1 << 20, 'x');
  uint32_t length = static_cast<uint32_t>(entry.size());
  SetBody(&dict, std::string(reinterpret_cast<const char*>(&length), 4) + entry);
  dict.header.dictionary_page_header->num_values = 1;
  Page& page = FirstDataPage(split, 1);
  ASSERT_EQ(page.header.data_page_header->num_values, 40000);
  SetBody(&page, RunOfZeroIndices(40000));
  Status st = ReadAll(Join(split));
  EXPECT_TRUE(CleanError(st));
  EXPECT_EQ(st.code(), StatusCode::kNotSupported) << st.ToString();
  EXPECT_NE(st.message().find("exceed 2 GiB"), std::string::npos) << st.ToString();
}

TEST(ParquetBadFilesTest, FixedLengthDictionaryRepeatedPast2GiB) {
  // The same through a FIXED_LEN_BYTE_ARRAY column of 1 MiB values.
  SplitFile split = Split(ValidFile({{"compression", "none"}}, 40000));
  SchemaElement& name = split.metadata.schema[2];
  ASSERT_EQ(name.name, "name");
  name.type = Type::kFixedLenByteArray;
  name.type_length = 1 << 20;
  name.logical_type.reset();
  name.converted_type.reset();
  split.metadata.row_groups[0].columns[1].meta_data->type = Type::kFixedLenByteArray;
  Page& dict = Pages(split, 1).front();
  SetBody(&dict, std::string(1 << 20, 'x'));
  dict.header.dictionary_page_header->num_values = 1;
  SetBody(&FirstDataPage(split, 1), RunOfZeroIndices(40000));
  Status st = ReadAll(Join(split));
  EXPECT_TRUE(CleanError(st));
  EXPECT_NE(st.message().find("exceed 2 GiB"), std::string::npos) << st.ToString();
}

// --- Values a type can't hold. --------------------------------------------------------------

TEST(ParquetBadFilesTest, Float16NotTwoBytesWide) {
  // Regression: a FLOAT16 column declared 1 byte wide was read 2 bytes per value, past its data.
  SplitFile split = Split(ValidFile({{"compression", "none"}}));
  SchemaElement& k = split.metadata.schema[1];
  k.type = Type::kFixedLenByteArray;
  k.type_length = 1;
  k.logical_type = LogicalType::Of(LogicalType::Kind::kFloat16);
  k.converted_type.reset();
  Status st = ReadAll(Join(split));
  EXPECT_TRUE(CleanError(st));
  EXPECT_NE(st.message().find("FLOAT16"), std::string::npos) << st.ToString();
}

// A file of one TIMESTAMP column holding `micros`, PLAIN and uncompressed.
SplitFile TimestampFile(int64_t micros) {
  auto schema = std::make_shared<type::Schema>(type::ParseSchema("ts TIMESTAMP").ValueOrDie());
  auto writer =
      ParquetWriter::Make(schema, {{"compression", "none"}, {"parquet.enable.dictionary", "false"}})
          .ValueOrDie();
  EXPECT_TRUE(writer->Write(vector::Batch::FromRows(schema, {{Value::Timestamp(micros)}})).ok());
  return Split(writer->Finish().ValueOrDie());
}

TEST(ParquetBadFilesTest, TimestampMillisOutOfRange) {
  // Regression: millisecond timestamps were multiplied by 1000 without an overflow check
  // (undefined behaviour), in the values and in the statistics.
  SplitFile split = TimestampFile(INT64_MAX / 10);
  split.metadata.schema[1].logical_type = LogicalType::Timestamp(true, TimeUnit::kMillis);
  split.metadata.schema[1].converted_type = ConvertedType::kTimestampMillis;
  std::string file = Join(split);
  auto opened = ParquetFile::FromBuffer(file, kName);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  auto stats = (*opened)->Statistics(0, 0);
  ASSERT_TRUE(stats.has_value());
  EXPECT_FALSE(stats->min.has_value());  // out of range: unknown rather than wrapped
  Status st = ReadAll(file);
  EXPECT_TRUE(CleanError(st));
  EXPECT_NE(st.message().find("out of range"), std::string::npos) << st.ToString();
}

TEST(ParquetBadFilesTest, TimestampNanosFloorsEvenAtTheMinimum) {
  // Regression: negative nanoseconds were floored as -((-v + 999) / 1000), which overflows for
  // INT64_MIN; the statistics truncated instead of flooring like the values.
  SplitFile split = TimestampFile(0);
  split.metadata.schema[1].logical_type = LogicalType::Timestamp(true, TimeUnit::kNanos);
  split.metadata.schema[1].converted_type.reset();
  Page& page = FirstDataPage(split, 0);
  int64_t nanos = INT64_MIN;
  std::string body = page.body;
  std::memcpy(body.data() + body.size() - 8, &nanos, 8);
  SetBody(&page, body);
  auto& stats = *split.metadata.row_groups[0].columns[0].meta_data->statistics;
  int64_t minus_1500 = -1500;
  stats.min_value = stats.max_value = std::string(reinterpret_cast<const char*>(&minus_1500), 8);
  auto file = ParquetFile::FromBuffer(Join(split), kName).ValueOrDie();
  EXPECT_EQ(file->Statistics(0, 0)->min->bigint_value(), -2);
  auto reader = ParquetReader::Make(file, {0}, {0}).ValueOrDie();
  auto batch = reader->Next();
  ASSERT_TRUE(batch.ok() && batch->has_value()) << batch.status().ToString();
  EXPECT_EQ((*batch)->GetValue(0, 0).bigint_value(), INT64_MIN / 1000 - 1);
}

TEST(ParquetBadFilesTest, Int96TimestampOutOfRange) {
  // Regression: an INT96 day far from the epoch overflowed the conversion to microseconds.
  SplitFile split = TimestampFile(0);
  split.metadata.schema[1].type = Type::kInt96;
  split.metadata.schema[1].logical_type.reset();
  split.metadata.schema[1].converted_type.reset();
  split.metadata.row_groups[0].columns[0].meta_data->type = Type::kInt96;
  split.metadata.row_groups[0].columns[0].meta_data->statistics.reset();
  Page& page = FirstDataPage(split, 0);
  std::string body = page.body.substr(0, page.body.size() - 8);  // the levels
  int64_t nanos = 0;
  int32_t julian = INT32_MAX;
  body.append(reinterpret_cast<const char*>(&nanos), 8)
      .append(reinterpret_cast<const char*>(&julian), 4);
  SetBody(&page, body);
  Status st = ReadAll(Join(split));
  EXPECT_TRUE(CleanError(st));
  EXPECT_NE(st.message().find("out of range"), std::string::npos) << st.ToString();
}

// --- Through the file system. -------------------------------------------------------------

TEST(ParquetBadFilesTest, OpenNamesTheTruncatedFileOnDisk) {
  auto dir =
      std::filesystem::temp_directory_path() / ("runnel_parquet_bad_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto fs = io::FileSystem::Local();
  std::string file = ValidFile({});
  std::string path = (dir / "cut.parquet").string();
  for (size_t length : {size_t{0}, size_t{7}, file.size() / 2, file.size() - 1}) {
    ASSERT_TRUE(fs->WriteFile(path, std::string_view(file).substr(0, length), false).ok());
    auto opened = ParquetFile::Open(fs, path);
    ASSERT_FALSE(opened.ok()) << length;
    EXPECT_TRUE(CleanError(opened.status(), path)) << length;
  }
  // A footer that lies about its length, read through ReadRange rather than from memory.
  std::string bad = file;
  SetFooterLength(&bad, FooterLength(file) - 3);
  ASSERT_TRUE(fs->WriteFile(path, bad, false).ok());
  auto opened = ParquetFile::Open(fs, path);
  ASSERT_FALSE(opened.ok());
  EXPECT_TRUE(CleanError(opened.status(), path));
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace runnel::format::parquet
