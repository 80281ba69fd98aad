#include "slt/runner.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>

namespace runnel::slt {
namespace {

using type::Value;

// Canned answers by SQL text; anything else is a syntax error. Records what ran, in order.
class FakeEngine final : public SltEngine {
 public:
  void Answer(std::string sql, Result<StatementResult> result) {
    answers_.insert_or_assign(std::move(sql), std::move(result));
  }
  Result<StatementResult> Execute(std::string_view sql) override {
    executed_.emplace_back(sql);
    auto it = answers_.find(std::string(sql));
    if (it == answers_.end()) return Status::Syntax("Unexpected statement: " + std::string(sql));
    return it->second;
  }
  const std::vector<std::string>& executed() const { return executed_; }

 private:
  std::map<std::string, Result<StatementResult>> answers_;
  std::vector<std::string> executed_;
};

StatementResult Rows(type::Schema schema, std::vector<Row> rows) {
  return {std::move(schema), std::move(rows)};
}

type::Schema IntText() {
  return type::Schema({{"a", type::Int(), true}, {"b", type::String(), true}});
}

class RunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    engine_.Answer("CREATE VIEW t", StatementResult{});
    engine_.Answer("SELECT b FROM t", Status::Analysis("Column 'b' not found. Available: a"));
    engine_.Answer("SELECT a, b FROM t",
                   Rows(IntText(), {Row({Value::Int(2), Value::String("y")}),
                                    Row({Value::Int(1), Value::String("x\ty")}),
                                    Row({Value::NullOf(type::Int()), Value::String("")})}));
  }

  FileOutcome Run(std::string_view text, bool rewrite = false) {
    RunOptions options;
    options.rewrite = rewrite;
    return RunTestText("t.test", text, engine_, options, RecordKindRegistry::Default());
  }

  FakeEngine engine_;
};

TEST_F(RunnerTest, PassingFile) {
  auto outcome = Run(
      "statement ok\nCREATE VIEW t\n\n"
      "statement error Column 'b' not found\nSELECT b FROM t\n\n"
      "statement error ^Analysis error: Column '[a-z]' not found\\. Available\nSELECT b FROM t\n\n"
      "statement error\nSELECT b FROM t\n\n"
      "query IT\nSELECT a, b FROM t\n----\n2\ty\n1\tx\\ty\nNULL\t(empty)\n\n"
      "query IT rowsort\nSELECT a, b FROM t\n----\nNULL\t(empty)\n2\ty\n1\tx\\ty\n\n"
      "query IT valuesort\nSELECT a, b FROM t\n----\n1\t2\nNULL\n(empty)\tx\\ty\ny\n");
  EXPECT_TRUE(outcome.passed()) << testing::PrintToString(outcome.failures);
  EXPECT_EQ(outcome.records_run, 7);
  EXPECT_EQ(engine_.executed().size(), 7u);
}

TEST_F(RunnerTest, StatementFailures) {
  auto outcome =
      Run("statement ok\nSELECT b FROM t\n\n"
          "statement error Column 'b' not found\nCREATE VIEW t\n\n"
          "statement error Table 'b' not found\nSELECT b FROM t\n");
  ASSERT_EQ(outcome.failures.size(), 3u);
  EXPECT_EQ(outcome.failures[0],
            "t.test:1: statement failed: Analysis error: Column 'b' not found. Available: a\n"
            "    SELECT b FROM t");
  EXPECT_EQ(
      outcome.failures[1],
      "t.test:4: statement succeeded, but an error matching 'Column 'b' not found' was expected\n"
      "    CREATE VIEW t");
  EXPECT_EQ(outcome.failures[2],
            "t.test:7: statement failed with a different error\n"
            "  expected: Table 'b' not found\n"
            "  actual:   Analysis error: Column 'b' not found. Available: a\n"
            "    SELECT b FROM t");
}

TEST_F(RunnerTest, QueryMismatchShowsADiff) {
  auto outcome = Run("query IT\nSELECT a, b FROM t\n----\n2\ty\n1\tx\nNULL\t(empty)\n");
  ASSERT_EQ(outcome.failures.size(), 1u);
  EXPECT_EQ(outcome.failures[0],
            "t.test:1: query returned different rows (nosort): expected 3 line(s), got 3; first "
            "difference at t.test:5\n"
            "    SELECT a, b FROM t\n"
            "  - expected, + actual:\n"
            "      2\ty\n"
            "    - 1\tx\n"
            "    + 1\tx\\ty\n"
            "      NULL\t(empty)");
}

TEST_F(RunnerTest, QueryHintsAtSpaceSeparatedCells) {
  auto outcome = Run("query IT rowsort\nSELECT a, b FROM t\n----\n1 x\\ty\n2\ty\nNULL\t(empty)\n");
  ASSERT_EQ(outcome.failures.size(), 1u);
  const std::string& failure = outcome.failures[0];
  EXPECT_NE(failure.find("first difference at t.test:4"), std::string::npos) << failure;
  EXPECT_NE(
      failure.find("  note: t.test:4 has 1 tab-separated cell(s), the query returns 2 column(s); "
                   "separate cells with one tab"),
      std::string::npos)
      << failure;
}

TEST_F(RunnerTest, QueryColumnCountErrorAndMissingBlock) {
  auto outcome =
      Run("query I\nSELECT a, b FROM t\n----\n2\ty\n1\tx\\ty\nNULL\t(empty)\n\n"
          "query IT\nSELECT a, b FROM t\n\n"
          "query I\nSELECT b FROM t\n----\n1\n");
  ASSERT_EQ(outcome.failures.size(), 3u);
  EXPECT_EQ(outcome.failures[0].substr(0, outcome.failures[0].find('\n')),
            "t.test:1: query declares 1 column(s) (I) but returned 2 (a INT, b STRING)");
  EXPECT_EQ(
      outcome.failures[1].substr(0, outcome.failures[1].find('\n') + 1),
      "t.test:8: query has no '----' block of expected rows; run with --rewrite to fill it in\n");
  EXPECT_EQ(outcome.failures[2],
            "t.test:11: query failed: Analysis error: Column 'b' not found. Available: a\n"
            "    SELECT b FROM t");
}

TEST_F(RunnerTest, HaltStopsTheFile) {
  auto outcome = Run("statement ok\nCREATE VIEW t\n\nhalt\n\nstatement ok\nSELECT b FROM t\n");
  EXPECT_TRUE(outcome.passed());
  EXPECT_EQ(outcome.records_run, 2);
  EXPECT_EQ(engine_.executed(), (std::vector<std::string>{"CREATE VIEW t"}));
}

TEST_F(RunnerTest, ParseErrorFailsTheFile) {
  auto outcome = Run("statement ok\nCREATE VIEW t\n\nselect 1\n");
  ASSERT_EQ(outcome.failures.size(), 1u);
  EXPECT_EQ(outcome.failures[0].rfind("t.test:4: Unknown record kind 'select'", 0), 0u);
  EXPECT_TRUE(engine_.executed().empty());
}

TEST_F(RunnerTest, RewriteFillsAndFixesBlocksKeepingEverythingElse) {
  const std::string text =
      "# header comment   \n"
      "statement ok\nCREATE VIEW t\n\n\n"
      "query IT rowsort   \nSELECT a, b FROM t\n----\nwrong\n\n"
      "# between\n"
      "query IT\nSELECT a, b FROM t\n\n"
      "query  I   nosort\nSELECT a, b FROM t\n----\n\n"
      "query IT\nSELECT a, b FROM t\n----\n2\ty\n1\tx\\ty\nNULL\t(empty)\n";
  auto outcome = Run(text, /*rewrite=*/true);
  EXPECT_TRUE(outcome.passed()) << testing::PrintToString(outcome.failures);
  EXPECT_EQ(outcome.blocks_rewritten, 3);
  EXPECT_EQ(outcome.rewritten_text,
            "# header comment   \n"
            "statement ok\nCREATE VIEW t\n\n\n"
            "query IT rowsort   \nSELECT a, b FROM t\n----\n1\tx\\ty\n2\ty\nNULL\t(empty)\n\n"
            "# between\n"
            "query IT\nSELECT a, b FROM t\n----\n2\ty\n1\tx\\ty\nNULL\t(empty)\n\n"
            "query  IT   nosort\nSELECT a, b FROM t\n----\n2\ty\n1\tx\\ty\nNULL\t(empty)\n\n"
            "query IT\nSELECT a, b FROM t\n----\n2\ty\n1\tx\\ty\nNULL\t(empty)\n");
  // The rewritten file passes as it stands.
  EXPECT_TRUE(Run(outcome.rewritten_text).passed());
}

TEST_F(RunnerTest, RewriteLeavesErrorsAsFailures) {
  const std::string text = "query I\nSELECT b FROM t\n----\n1\n";
  auto outcome = Run(text, /*rewrite=*/true);
  EXPECT_EQ(outcome.failures.size(), 1u);
  EXPECT_EQ(outcome.blocks_rewritten, 0);
  EXPECT_EQ(outcome.rewritten_text, text);
}

TEST_F(RunnerTest, RewriteWritesTheFileAndCollectFindsTestFiles) {
  auto dir = std::filesystem::temp_directory_path() / ("slt_runner_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir / "sub");
  const std::string path = (dir / "sub" / "b.test").string();
  std::ofstream(path) << "query IT\nSELECT a, b FROM t";
  std::ofstream(dir / "a.test") << "# empty\n";
  std::ofstream(dir / "notes.md") << "not a test\n";

  auto files = CollectTestFiles({dir.string(), path});
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ(*files, (std::vector<std::string>{(dir / "a.test").string(), path}));
  EXPECT_EQ(CollectTestFiles({(dir / "missing").string()}).status().code(),
            StatusCode::kInvalidArgument);

  RunOptions options;
  options.rewrite = true;
  auto outcome = RunTestFile(path, engine_, options, RecordKindRegistry::Default());
  EXPECT_TRUE(outcome.passed()) << testing::PrintToString(outcome.failures);
  std::stringstream content;
  content << std::ifstream(path).rdbuf();
  EXPECT_EQ(content.str(), "query IT\nSELECT a, b FROM t\n----\n2\ty\n1\tx\\ty\nNULL\t(empty)");
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace runnel::slt
