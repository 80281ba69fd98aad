#include "slt/parser.h"

#include <gtest/gtest.h>

namespace runnel::slt {
namespace {

Result<TestFile> Parse(std::string_view text) {
  return ParseTestFile("t.test", text, RecordKindRegistry::Default());
}

template <typename T>
const T& As(const TestFile& file, size_t i) {
  const T* record = dynamic_cast<const T*>(file.records.at(i).get());
  EXPECT_NE(record, nullptr) << "record " << i << " is " << file.records.at(i)->kind();
  return *record;
}

TEST(ParserTest, ParsesEveryRecordKindWithLineNumbers) {
  auto file = Parse(
      "# comment\n"
      "statement ok\n"
      "CREATE TEMPORARY VIEW t AS\n"
      "SELECT 1 AS a\n"
      "\n"
      "  # indented comment\n"
      "statement error Column 'b'  not found\n"
      "SELECT b FROM t\n"
      "\n"
      "query IT rowsort\n"
      "SELECT a, 'x'\n"
      "FROM t\n"
      "----\n"
      "1\tx\n"
      "# not a comment inside a block\n"
      "\n"
      "\n"
      "halt\n");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  ASSERT_EQ(file->records.size(), 4u);

  const auto& create = As<StatementRecord>(*file, 0);
  EXPECT_EQ(create.line_number(), 2);
  EXPECT_EQ(create.kind(), "statement ok");
  EXPECT_FALSE(create.expect_error());
  EXPECT_EQ(create.sql(), "CREATE TEMPORARY VIEW t AS\nSELECT 1 AS a");

  const auto& error = As<StatementRecord>(*file, 1);
  EXPECT_EQ(error.line_number(), 7);
  EXPECT_EQ(error.kind(), "statement error");
  EXPECT_EQ(error.error_pattern(), "Column 'b'  not found");
  EXPECT_EQ(error.sql(), "SELECT b FROM t");

  const auto& query = As<QueryRecord>(*file, 2);
  EXPECT_EQ(query.line_number(), 10);
  EXPECT_EQ(query.type_letters(), "IT");
  EXPECT_EQ(query.sort_mode(), SortMode::kRowSort);
  EXPECT_EQ(query.sql(), "SELECT a, 'x'\nFROM t");
  ASSERT_EQ(query.expected().size(), 2u);
  EXPECT_EQ(query.expected()[0].text, "1\tx");
  EXPECT_EQ(query.expected()[0].line_number, 14);
  EXPECT_EQ(query.expected()[1].text, "# not a comment inside a block");
  EXPECT_EQ(query.layout().separator_index, 12);
  EXPECT_EQ(query.layout().results_begin, 13);
  EXPECT_EQ(query.layout().results_end, 15);

  EXPECT_EQ(As<HaltRecord>(*file, 3).line_number(), 18);
}

TEST(ParserTest, QueryDefaultsToNoSortAndMayLackItsBlock) {
  auto file = Parse("query I\nSELECT 1\n");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  const auto& query = As<QueryRecord>(*file, 0);
  EXPECT_EQ(query.sort_mode(), SortMode::kNoSort);
  EXPECT_TRUE(query.expected().empty());
  EXPECT_EQ(query.layout().separator_index, -1);
  EXPECT_EQ(query.layout().sql_end_index, 2);

  auto valuesort = Parse("query II valuesort\nSELECT 1, 2\n----\n");
  ASSERT_TRUE(valuesort.ok());
  EXPECT_EQ(As<QueryRecord>(*valuesort, 0).sort_mode(), SortMode::kValueSort);
  EXPECT_TRUE(As<QueryRecord>(*valuesort, 0).expected().empty());
}

TEST(ParserTest, KeepsRawLinesAndStripsCrlf) {
  auto file = Parse("statement ok\r\nSELECT 1\r\n\r\nquery I\r\nSELECT 1\r\n----\r\n1");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->raw_lines.size(), 7u);
  EXPECT_EQ(file->raw_lines[0], "statement ok\r\n");
  EXPECT_EQ(file->raw_lines[6], "1");
  EXPECT_EQ(As<StatementRecord>(*file, 0).sql(), "SELECT 1");
  EXPECT_EQ(As<QueryRecord>(*file, 1).expected()[0].text, "1");
}

TEST(ParserTest, ReportsErrorsWithFileAndLine) {
  auto expect_error = [](std::string_view text, const std::string& message) {
    auto file = Parse(text);
    ASSERT_FALSE(file.ok()) << text;
    EXPECT_EQ(file.status().code(), StatusCode::kSyntax);
    EXPECT_EQ(file.status().message(), message);
  };
  expect_error("statement ok\nSELECT 1\n\nqurey I\nSELECT 1\n",
               "t.test:4: Unknown record kind 'qurey'. Expected one of: halt, query, statement, "
               "stream, write-file (or a '#' comment)");
  expect_error("statement maybe\nSELECT 1\n",
               "t.test:1: 'statement' must be followed by 'ok' or 'error <pattern>', got "
               "'statement maybe'");
  expect_error("statement ok\n",
               "t.test:1: 'statement ok' has no SQL: write the statement on the next line");
  expect_error(
      "statement ok\nSELECT 1\n----\n1\n",
      "t.test:1: a statement record has no '----' results block; use 'query' to check rows");
  expect_error("query\nSELECT 1\n",
               "t.test:1: 'query' needs type letters, one per column (I, R or T): 'query IT'");
  expect_error("query IX\nSELECT 1\n",
               "t.test:1: Unknown column type letter 'X' in 'IX'. Use I (integer), R (real) or T "
               "(anything else)");
  expect_error("query I sorted\nSELECT 1\n",
               "t.test:1: Unknown sort mode 'sorted'. Use nosort, rowsort or valuesort");
  expect_error("query I\n----\n1\n",
               "t.test:1: 'query I' has no SQL: write the query on the next line");
  expect_error("halt\nSELECT 1\n", "t.test:1: 'halt' stands alone: put a blank line after it");
}

TEST(ParserTest, EmptyAndCommentOnlyFilesHaveNoRecords) {
  EXPECT_TRUE(Parse("")->records.empty());
  EXPECT_TRUE(Parse("# only\n\n# comments\n")->records.empty());
}

}  // namespace
}  // namespace runnel::slt
