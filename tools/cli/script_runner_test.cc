// The script runner end to end on Session::sql, with the output captured in temporary files.
#include "cli/script_runner.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

namespace runnel::cli {
namespace {

std::string ReadAll(std::FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string text;
  char buffer[4096];
  size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) text.append(buffer, n);
  return text;
}

class ScriptRunnerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    out_ = std::tmpfile();
    err_ = std::tmpfile();
    runner_.emplace(Session::Make(), out_, err_);
  }
  void TearDown() override {
    std::fclose(out_);
    std::fclose(err_);
  }
  std::FILE* out_ = nullptr;
  std::FILE* err_ = nullptr;
  std::optional<ScriptRunner> runner_;
};

TEST(StatementHeadline, FirstLineCut) {
  EXPECT_EQ(StatementHeadline("  SELECT 1"), "SELECT 1");
  EXPECT_EQ(StatementHeadline("\nSELECT a\nFROM t"), "SELECT a ...");
  EXPECT_EQ(StatementHeadline("SELECT 1\n  "), "SELECT 1");
  EXPECT_EQ(StatementHeadline(std::string(100, 'x')), std::string(80, 'x') + " ...");
}

TEST_F(ScriptRunnerTest, SyntaxErrorNamesTheStatementAndPosition) {
  Status st = runner_->RunScript("SELEC 1");
  EXPECT_EQ(st.code(), StatusCode::kSyntax);
  std::string err = ReadAll(err_);
  EXPECT_EQ(err.rfind("Error in statement 1: SELEC 1\nSyntax error at line 1, column 1", 0), 0u) << err;
  EXPECT_NE(err.find("SELEC 1\n^"), std::string::npos) << err;
  EXPECT_EQ(ReadAll(out_), "");
}

TEST_F(ScriptRunnerTest, StopsAtTheFailingStatementAndCountsFromOne) {
  // Every statement goes to the executor in order; the second fails, the third never runs.
  std::vector<std::string> ran;
  runner_->set_executor([&](const std::string& statement) -> Result<StatementOutput> {
    ran.push_back(statement);
    if (ran.size() == 2) return Status::Analysis("Table or view 'nope' not found.");
    return StatementOutput{"ok\n", ""};
  });
  Status st = runner_->RunScript("SELECT 1;\nSELECT *\nFROM nope;\nSELECT 3;");
  EXPECT_EQ(st.code(), StatusCode::kAnalysis);
  EXPECT_EQ(ran, (std::vector<std::string>{"SELECT 1", "SELECT *\nFROM nope"}));
  EXPECT_EQ(ReadAll(out_), "ok\n");
  EXPECT_EQ(ReadAll(err_), "Error in statement 2: SELECT * ...\nTable or view 'nope' not found.\n");
}

TEST_F(ScriptRunnerTest, RunsStatementsBeforeASyntaxError) {
  std::vector<std::string> ran;
  runner_->set_executor([&](const std::string& statement) -> Result<StatementOutput> {
    ran.push_back(statement);
    return StatementOutput{};
  });
  Status st = runner_->RunScript("SELECT ';' AS s; SELECT 2;\nSELECT FROM WHERE;\nSELECT 4;");
  EXPECT_EQ(st.code(), StatusCode::kSyntax);
  EXPECT_EQ(ran, (std::vector<std::string>{"SELECT ';' AS s", "SELECT 2"}));
  std::string err = ReadAll(err_);
  EXPECT_EQ(err.rfind("Error in statement 3: SELECT FROM WHERE; ...\nSyntax error at line 2", 0), 0u) << err;
}

TEST_F(ScriptRunnerTest, UnnumberedInTheShell) {
  Status st = runner_->RunScript("SELEC 1;", /*numbered=*/false);
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(ReadAll(err_).rfind("Error: Syntax error at line 1, column 1", 0), 0u);
}

TEST_F(ScriptRunnerTest, TimingLine) {
  runner_->set_timing(true);
  runner_->set_executor([](const std::string&) -> Result<StatementOutput> { return StatementOutput{"x\n", ""}; });
  ASSERT_TRUE(runner_->RunScript("SELECT 1").ok());
  std::string out = ReadAll(out_);
  EXPECT_EQ(out.rfind("x\nTime: ", 0), 0u) << out;
  EXPECT_EQ(out.substr(out.size() - 4), " ms\n");
}

TEST_F(ScriptRunnerTest, EmptyScriptRunsNothing) {
  EXPECT_TRUE(runner_->RunScript("  ;; -- nothing\n").ok());
  EXPECT_EQ(ReadAll(out_), "");
  EXPECT_EQ(ReadAll(err_), "");
}

}  // namespace
}  // namespace runnel::cli
