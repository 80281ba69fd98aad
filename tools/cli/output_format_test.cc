// Output formats on DataFrames built with the C++ API.
#include "cli/output_format.h"

#include <gtest/gtest.h>

#include "runnel/runnel.h"
#include "session/query_execution.h"

namespace runnel::cli {
namespace {

struct Collected {
  type::Schema schema;
  std::vector<vector::Batch> batches;
};

Collected Collect(const DataFrame& df) {
  QueryExecution qe(*df.session_state(), df.plan());
  auto analyzed = qe.Analyzed();
  EXPECT_TRUE(analyzed.ok()) << analyzed.status().ToString();
  auto batches = qe.Collect();
  EXPECT_TRUE(batches.ok()) << batches.status().ToString();
  return {*(*analyzed)->schema, batches.ok() ? *batches : std::vector<vector::Batch>{}};
}

std::string Render(const DataFrame& df, OutputFormat format) {
  Collected c = Collect(df);
  auto text = RenderResult(c.schema, c.batches, format);
  EXPECT_TRUE(text.ok()) << text.status().ToString();
  return text.ok() ? *text : "";
}

class OutputFormatTest : public ::testing::Test {
 protected:
  std::shared_ptr<Session> session_ = Session::Make();
  DataFrame People() const {
    return session_->createDataFrame({Row({type::Value::Int(1), type::Value::String("alice, \"al\"")}),
                                      Row({type::Value::Int(2), type::Value::NullOf(type::String())}),
                                      Row({type::Value::Int(3), type::Value::String("")})},
                                     "id INT, name STRING");
  }
};

TEST_F(OutputFormatTest, ParsesNames) {
  EXPECT_EQ(*ParseOutputFormat("table"), OutputFormat::kTable);
  EXPECT_EQ(*ParseOutputFormat("CSV"), OutputFormat::kCsv);
  EXPECT_EQ(*ParseOutputFormat("jsonl"), OutputFormat::kJsonl);
  auto bad = ParseOutputFormat("xml");
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "Unknown output format 'xml': use table, csv or jsonl");
  EXPECT_EQ(OutputFormatName(OutputFormat::kJsonl), "jsonl");
}

TEST_F(OutputFormatTest, TableShowsEveryRowAndTruncatesLongValues) {
  DataFrame df = session_->range(0, 25).selectExpr({"id", "repeat('x', 30) AS long_text"});
  std::string table = Render(df, OutputFormat::kTable);
  EXPECT_EQ(table.find("only showing"), std::string::npos);
  EXPECT_NE(table.find("| 24|xxxxxxxxxxxxxxxxx...|\n"), std::string::npos) << table;
  EXPECT_EQ(table.substr(0, 54),
            "+---+--------------------+\n"
            "| id|           long_text|\n");
}

TEST_F(OutputFormatTest, TableOfPeople) {
  EXPECT_EQ(Render(People(), OutputFormat::kTable),
            "+---+-----------+\n"
            "| id|       name|\n"
            "+---+-----------+\n"
            "|  1|alice, \"al\"|\n"
            "|  2|       NULL|\n"
            "|  3|           |\n"
            "+---+-----------+\n");
}

TEST_F(OutputFormatTest, TableWithoutRowsKeepsHeader) {
  EXPECT_EQ(Render(People().filter("id > 10"), OutputFormat::kTable),
            "+---+----+\n"
            "| id|name|\n"
            "+---+----+\n"
            "+---+----+\n");
}

TEST_F(OutputFormatTest, NothingWithoutColumns) {
  type::Schema empty;
  EXPECT_EQ(*RenderResult(empty, {}, OutputFormat::kTable), "");
  EXPECT_EQ(*RenderResult(empty, {}, OutputFormat::kCsv), "");
  EXPECT_EQ(*RenderResult(empty, {}, OutputFormat::kJsonl), "");
}

TEST_F(OutputFormatTest, CsvQuotesAndLeavesNullEmpty) {
  EXPECT_EQ(Render(People(), OutputFormat::kCsv),
            "id,name\n"
            "1,\"alice, \"\"al\"\"\"\n"
            "2,\n"
            "3,\"\"\n");
}

TEST_F(OutputFormatTest, JsonlKeepsNullsInColumnOrder) {
  EXPECT_EQ(Render(People(), OutputFormat::kJsonl),
            "{\"id\":1,\"name\":\"alice, \\\"al\\\"\"}\n"
            "{\"id\":2,\"name\":null}\n"
            "{\"id\":3,\"name\":\"\"}\n");
}

TEST_F(OutputFormatTest, CsvAndJsonlPrintNothingWithoutRows) {
  EXPECT_EQ(Render(People().filter("id > 10"), OutputFormat::kCsv), "");
  EXPECT_EQ(Render(People().filter("id > 10"), OutputFormat::kJsonl), "");
}

TEST(CsvField, QuotesOnlyWhenNeeded) {
  std::string out;
  AppendCsvField("plain", &out);
  out += '|';
  AppendCsvField("line\nbreak", &out);
  out += '|';
  AppendCsvField("cr\r", &out);
  EXPECT_EQ(out, "plain|\"line\nbreak\"|\"cr\r\"");
}

}  // namespace
}  // namespace runnel::cli
