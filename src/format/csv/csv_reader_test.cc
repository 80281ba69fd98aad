#include "format/csv/csv_reader.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "type/ddl.h"

namespace runnel::format {
namespace {

type::SchemaPtr Schema(std::string_view ddl) {
  return std::make_shared<type::Schema>(type::ParseSchema(ddl).ValueOrDie());
}

// Every row of every batch, each cell as Spark's show() prints it.
Result<std::vector<std::vector<std::string>>> ReadRows(CsvReader& reader) {
  std::vector<std::vector<std::string>> rows;
  while (true) {
    RUNNEL_ASSIGN_OR_RAISE(auto batch, reader.Next());
    if (!batch) break;
    EXPECT_TRUE(batch->schema()->Equals(*reader.schema()));
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      std::vector<std::string> row;
      for (const auto& v : batch->GetRow(r)) row.push_back(v.ToString());
      rows.push_back(std::move(row));
    }
  }
  return rows;
}

std::vector<std::vector<std::string>> Read(std::string data, std::string_view ddl,
                                           const Options& options = {}) {
  auto reader = CsvReader::MakeFromBuffer(std::move(data), "data/a.csv",
                                          ddl.empty() ? nullptr : Schema(ddl), options);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  if (!reader.ok()) return {};
  auto rows = ReadRows(**reader);
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  return rows.ok() ? *rows : std::vector<std::vector<std::string>>{};
}

using Rows = std::vector<std::vector<std::string>>;

TEST(CsvReaderTest, ParsesEveryScalarType) {
  Rows rows = Read(
      "1,9000000000,1.5,12.345,true,2024-01-31,2024-01-31T10:00:00Z,hi\n"
      "-2,-1,NaN,-0.5,FALSE,2024-02-29,2024-01-31 10:00:00.5,\n"
      ",,-Infinity,,,,,\"\"\n",
      "i INT, b BIGINT, d DOUBLE, m DECIMAL(10,2), f BOOLEAN, dt DATE, ts TIMESTAMP, s STRING");
  EXPECT_EQ(rows, (Rows{
                      {"1", "9000000000", "1.5", "12.35", "true", "2024-01-31",
                       "2024-01-31 10:00:00", "hi"},
                      {"-2", "-1", "NaN", "-0.50", "false", "2024-02-29",
                       "2024-01-31 10:00:00.5", "NULL"},
                      {"NULL", "NULL", "-Infinity", "NULL", "NULL", "NULL", "NULL", "NULL"},
                  }));
}

TEST(CsvReaderTest, QuotedFieldsHoldSeparatorsQuotesAndEscapes) {
  Rows rows = Read("\"a,b\",\"say \"\"hi\"\"\",\"x \\\"y\\\" z\"\nplain,\"\",q\"in\n",
                   "a STRING, b STRING, c STRING");
  EXPECT_EQ(rows, (Rows{{"a,b", "say \"hi\"", "x \"y\" z"}, {"plain", "NULL", "q\"in"}}));
}

TEST(CsvReaderTest, MultiLineQuotedFieldsNeedTheOption) {
  std::string data = "1,\"line one\nline two\"\n2,x\n";
  Options multi{{"multiLine", "true"}, {"mode", "FAILFAST"}};
  EXPECT_EQ(Read(data, "id INT, s STRING", multi),
            (Rows{{"1", "line one\nline two"}, {"2", "x"}}));
  // Without multiLine the quote runs to the line end: a malformed record, as in Spark.
  Rows rows = Read(data, "id INT, s STRING, _corrupt_record STRING");
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0], (std::vector<std::string>{"1", "line one", "1,\"line one"}));
  EXPECT_EQ(rows[2], (std::vector<std::string>{"2", "x", "NULL"}));
}

TEST(CsvReaderTest, LineNumbersCountLinesInsideQuotedFields) {
  auto reader = CsvReader::MakeFromBuffer("a,b\n1,\"x\ny\"\n2\n", "data/a.csv",
                                          Schema("a INT, b STRING"),
                                          {{"multiLine", "true"}, {"mode", "failfast"},
                                           {"header", "true"}});
  ASSERT_TRUE(reader.ok());
  auto rows = ReadRows(**reader);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().message(),
            "Malformed CSV record at data/a.csv:4: expected 2 fields, found 1. Use mode "
            "PERMISSIVE or DROPMALFORMED to keep going.");
}

TEST(CsvReaderTest, HeaderIsSkippedAndNamesColumnsWhenInferring) {
  Options options{{"header", "true"}};
  auto reader = CsvReader::MakeFromBuffer("name,age\nann,30\nbob,\n", "a.csv", nullptr, options);
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->schema()->ToString(), "name STRING, age STRING");
  EXPECT_EQ(*ReadRows(**reader), (Rows{{"ann", "30"}, {"bob", "NULL"}}));
  // Without a header the names are _c0, _c1, ... and the first line is data.
  auto plain = CsvReader::MakeFromBuffer("name,age\nann,30\n", "a.csv", nullptr, {});
  ASSERT_TRUE(plain.ok());
  EXPECT_EQ((*plain)->schema()->ToString(), "_c0 STRING, _c1 STRING");
  EXPECT_EQ(ReadRows(**plain)->size(), 2u);
}

TEST(CsvReaderTest, PermissiveKeepsWhatParsesAndTheRawLine) {
  std::string data = "1,a,2.5\nx,b,3.5\n3,c\n4,d,5,6\n";
  Rows rows = Read(data, "id INT, s STRING, d DOUBLE, _corrupt_record STRING");
  EXPECT_EQ(rows, (Rows{{"1", "a", "2.5", "NULL"},
                        {"NULL", "b", "3.5", "x,b,3.5"},
                        {"3", "c", "NULL", "3,c"},
                        {"4", "d", "5.0", "4,d,5,6"}}));
  // Without the corrupt-record column the bad values are just NULL.
  EXPECT_EQ(Read(data, "id INT, s STRING, d DOUBLE")[1],
            (std::vector<std::string>{"NULL", "b", "3.5"}));
  // The column may be renamed and sit anywhere in the schema.
  Rows renamed = Read("x,1\n", "bad STRING, a INT, b INT", {{"columnNameOfCorruptRecord", "bad"}});
  EXPECT_EQ(renamed, (Rows{{"x,1", "NULL", "1"}}));
}

TEST(CsvReaderTest, DropMalformedSkipsBadRecords) {
  Rows rows = Read("1,a\nx,b\n3\n4,d\n", "id INT, s STRING", {{"mode", "DROPMALFORMED"}});
  EXPECT_EQ(rows, (Rows{{"1", "a"}, {"4", "d"}}));
}

TEST(CsvReaderTest, FailFastNamesFileLineAndProblem) {
  auto reader = CsvReader::MakeFromBuffer("1,a,1\n2,b,2\n3,c\n", "data/a.csv",
                                          Schema("a INT, b STRING, c INT"),
                                          {{"mode", "FailFast"}});
  ASSERT_TRUE(reader.ok());
  auto rows = ReadRows(**reader);
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), StatusCode::kCorruption);
  EXPECT_EQ(rows.status().message(),
            "Malformed CSV record at data/a.csv:3: expected 3 fields, found 2. Use mode "
            "PERMISSIVE or DROPMALFORMED to keep going.");
  auto bad_value = CsvReader::MakeFromBuffer("1\n12x\n", "b.csv", Schema("a INT"),
                                             {{"mode", "FAILFAST"}});
  ASSERT_TRUE(bad_value.ok());
  EXPECT_EQ(ReadRows(**bad_value).status().message(),
            "Malformed CSV record at b.csv:2: cannot parse '12x' as INT for column 'a'. Use mode "
            "PERMISSIVE or DROPMALFORMED to keep going.");
}

TEST(CsvReaderTest, RejectsOutOfRangeAndJunk) {
  Rows rows = Read("2147483648,1.5x, 1,tru\n", "a INT, b DOUBLE, c INT, d BOOLEAN");
  EXPECT_EQ(rows, (Rows{{"NULL", "NULL", "NULL", "NULL"}}));
}

TEST(CsvReaderTest, EmptyInputsAndLineEnds) {
  EXPECT_TRUE(Read("", "a INT").empty());
  EXPECT_TRUE(Read("\n\n", "a INT").empty());
  EXPECT_EQ(Read("1,x\r\n2,y\r\n", "a INT, b STRING"), (Rows{{"1", "x"}, {"2", "y"}}));
  EXPECT_EQ(Read("1,x\r2,y", "a INT, b STRING"), (Rows{{"1", "x"}, {"2", "y"}}));
  EXPECT_EQ(Read("1,x\n\n2,y", "a INT, b STRING"), (Rows{{"1", "x"}, {"2", "y"}}));
  EXPECT_EQ(Read("1,x;2,y;", "a INT, b STRING", {{"lineSep", ";"}}),
            (Rows{{"1", "x"}, {"2", "y"}}));
}

TEST(CsvReaderTest, Utf8PassesThrough) {
  EXPECT_EQ(Read("zürich,東京\n\"ß,€\",🙂\n", "a STRING, b STRING"),
            (Rows{{"zürich", "東京"}, {"ß,€", "🙂"}}));
}

TEST(CsvReaderTest, SeparatorCommentNullValueAndWhiteSpaceOptions) {
  Options options{{"sep", "\\t"}, {"comment", "#"}, {"nullValue", "NA"}};
  EXPECT_EQ(Read("# note\n1\tNA\n2\t\n", "a INT, b STRING", options),
            (Rows{{"1", "NULL"}, {"2", ""}}));
  EXPECT_EQ(Read("a| b |c\n", "x STRING, y STRING, z STRING", {{"delimiter", "|"}}),
            (Rows{{"a", " b ", "c"}}));
  Options trim{{"ignoreLeadingWhiteSpace", "true"}, {"ignoreTrailingWhiteSpace", "true"}};
  EXPECT_EQ(Read(" 1 , \"b\" \n", "a INT, b STRING", trim), (Rows{{"1", "b"}}));
  EXPECT_EQ(Read("1,|a,b|\n", "a INT, b STRING", {{"quote", "|"}}), (Rows{{"1", "a,b"}}));
}

TEST(CsvReaderTest, CustomTimestampAndDateFormats) {
  Options options{{"timestampFormat", "dd/MM/yyyy HH:mm"}, {"dateFormat", "dd/MM/yyyy"}};
  EXPECT_EQ(Read("31/01/2024 10:30,29/02/2024\n", "ts TIMESTAMP, d DATE", options),
            (Rows{{"2024-01-31 10:30:00", "2024-02-29"}}));
}

TEST(CsvReaderTest, BatchesHoldAtMostBatchSizeRows) {
  std::string data;
  for (int i = 0; i < 10; ++i) data += std::to_string(i) + "\n";
  auto reader = CsvReader::MakeFromBuffer(data, "a.csv", Schema("a BIGINT"), {{"batchSize", "4"}});
  ASSERT_TRUE(reader.ok());
  std::vector<int64_t> sizes;
  while (auto batch = (*reader)->Next().ValueOrDie()) sizes.push_back(batch->num_rows());
  EXPECT_EQ(sizes, (std::vector<int64_t>{4, 4, 2}));
}

TEST(CsvReaderTest, BadOptionsAreNamed) {
  auto reader = CsvReader::MakeFromBuffer("", "a.csv", Schema("a INT"), {{"header", "yes please"}});
  ASSERT_FALSE(reader.ok());
  EXPECT_EQ(reader.status().message(), "Option 'header' must be true or false, got 'yes please'");
  auto mode = CsvReader::MakeFromBuffer("", "a.csv", Schema("a INT"), {{"mode", "lenient"}});
  EXPECT_EQ(mode.status().code(), StatusCode::kInvalidArgument);
  auto corrupt = CsvReader::MakeFromBuffer("", "a.csv", Schema("a INT, _corrupt_record INT"), {});
  EXPECT_EQ(corrupt.status().code(), StatusCode::kInvalidArgument);
}

TEST(CsvSchemaInferenceTest, WidensAcrossRowsAndFiles) {
  Options options{{"header", "true"}, {"inferSchema", "true"}};
  auto schema = InferCsvSchemaFromBuffers(
      {"i,l,d,b,dt,ts,s,n,mix,big\n"
       "1,1,1,true,2024-01-01,2024-01-01 10:00:00,x,,1,1\n",
       "i,l,d,b,dt,ts,s,n,mix,big\n"
       "2,9000000000,1.5,FALSE,2024-01-02,2024-01-01T10:00:00Z,2,,true,12345678901234567890\n"},
      options);
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  EXPECT_EQ(schema->ToString(),
            "i INT, l BIGINT, d DOUBLE, b BOOLEAN, dt DATE, ts TIMESTAMP, s STRING, n STRING, "
            "mix STRING, big DECIMAL(20,0)");
}

TEST(CsvSchemaInferenceTest, DateAndTimestampWidenToTimestamp) {
  auto schema = InferCsvSchemaFromBuffers({"2024-01-01\n2024-01-01 10:00:00\n"},
                                          {{"inferSchema", "true"}});
  EXPECT_EQ(schema->ToString(), "_c0 TIMESTAMP");
}

TEST(CsvSchemaInferenceTest, HeaderNamesAreMadeUnique) {
  auto schema = InferCsvSchemaFromBuffers({"a,,A,b\n"}, {{"header", "true"}});
  EXPECT_EQ(schema->ToString(), "a0 STRING, _c1 STRING, A2 STRING, b STRING");
}

TEST(CsvSchemaInferenceTest, ReadsFilesThroughTheFileSystem) {
  auto dir = std::filesystem::temp_directory_path() / ("runnel_csv_test_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  auto fs = io::FileSystem::Local();
  std::string a = (dir / "a.csv").string(), b = (dir / "b.csv").string();
  ASSERT_TRUE(fs->WriteFile(a, "x\n1\n", false).ok());
  ASSERT_TRUE(fs->WriteFile(b, "x\n2.5\n", false).ok());
  auto schema = InferCsvSchema(fs, {a, b}, {{"header", "true"}, {"inferSchema", "true"}});
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  EXPECT_EQ(schema->ToString(), "x DOUBLE");
  auto reader = CsvReader::Make(fs, b, std::make_shared<type::Schema>(*schema), {{"header", "true"}});
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ(*ReadRows(**reader), (Rows{{"2.5"}}));
  auto missing = CsvReader::Make(fs, (dir / "nope.csv").string(), Schema("x INT"), {});
  EXPECT_FALSE(missing.ok());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace runnel::format
