// The messages users see for common mistakes: the problem, the line, and a caret.
#include <gtest/gtest.h>

#include "sql/parser.h"

namespace runnel::sql {
namespace {

std::string Error(std::string_view text) {
  auto statements = ParseStatements(text);
  return statements.ok() ? "(no error)" : statements.status().message();
}

TEST(SyntaxErrorTest, MissingExpressionAfterComma) {
  EXPECT_EQ(Error("SELECT a, b, FROM t"),
            "Syntax error at line 1, column 14: expected an expression after ',', found 'FROM'.\n"
            "SELECT a, b, FROM t\n"
            "             ^");
  auto statements = ParseStatements("SELECT a, b, FROM t");
  EXPECT_EQ(statements.status().code(), StatusCode::kSyntax);
}

TEST(SyntaxErrorTest, EmptySelectList) {
  EXPECT_EQ(Error("SELECT FROM t"),
            "Syntax error at line 1, column 8: expected an expression after 'SELECT', found "
            "'FROM'.\nSELECT FROM t\n       ^");
}

TEST(SyntaxErrorTest, UnbalancedParentheses) {
  EXPECT_EQ(Error("SELECT (a + b FROM t"),
            "Syntax error at line 1, column 15: expected ')', found 'FROM'.\n"
            "SELECT (a + b FROM t\n"
            "              ^");
  EXPECT_EQ(Error("SELECT a) FROM t"),
            "Syntax error at line 1, column 9: expected ';' or the end of the statement, found "
            "')'.\nSELECT a) FROM t\n        ^");
  EXPECT_EQ(Error("SELECT count(a FROM t"),
            "Syntax error at line 1, column 16: expected ',' or ')' after the function arguments, "
            "found 'FROM'.\nSELECT count(a FROM t\n               ^");
}

TEST(SyntaxErrorTest, UnterminatedString) {
  EXPECT_EQ(Error("SELECT * FROM t\nWHERE name = 'bob"),
            "Syntax error at line 2, column 14: unterminated string; close it with '.\n"
            "WHERE name = 'bob\n"
            "             ^");
}

TEST(SyntaxErrorTest, MisspelledKeyword) {
  EXPECT_EQ(Error("SELEC a FROM t"),
            "Syntax error at line 1, column 1: expected a statement (SELECT, CREATE, INSERT, DROP, "
            "SHOW, DESCRIBE, EXPLAIN, SET, ...), found 'SELEC' (did you mean SELECT?).\n"
            "SELEC a FROM t\n"
            "^");
  EXPECT_EQ(Error("SELECT a FORM t"),
            "Syntax error at line 1, column 15: expected ';' or the end of the statement, found "
            "'t'.\nSELECT a FORM t\n              ^");
}

TEST(SyntaxErrorTest, TrailingGarbage) {
  EXPECT_EQ(Error("SELECT a FROM t WHERE a > 1 1"),
            "Syntax error at line 1, column 29: expected ';' or the end of the statement, found "
            "'1'.\nSELECT a FROM t WHERE a > 1 1\n                            ^");
}

TEST(SyntaxErrorTest, MissingPieces) {
  EXPECT_EQ(Error("SELECT * FROM"),
            "Syntax error at line 1, column 14: expected a table name, found end of input.\n"
            "SELECT * FROM\n"
            "             ^");
  EXPECT_EQ(Error("SELECT * FROM t WHERE"),
            "Syntax error at line 1, column 22: expected an expression after 'WHERE', found end "
            "of input.\nSELECT * FROM t WHERE\n                     ^");
  EXPECT_EQ(Error("SELECT * FROM a JOIN b ON"),
            "Syntax error at line 1, column 26: expected an expression after 'ON', found end of "
            "input.\nSELECT * FROM a JOIN b ON\n                         ^");
  EXPECT_EQ(Error("SELECT * FROM t GROUP a"),
            "Syntax error at line 1, column 17: expected ';' or the end of the statement, found "
            "'GROUP'.\nSELECT * FROM t GROUP a\n                ^");
  EXPECT_EQ(Error("CREATE TABLE"),
            "Syntax error at line 1, column 13: expected a table name, found end of input.\n"
            "CREATE TABLE\n"
            "            ^");
  EXPECT_EQ(Error("CREATE VIEW v SELECT 1"),
            "Syntax error at line 1, column 15: expected AS, found 'SELECT'.\n"
            "CREATE VIEW v SELECT 1\n"
            "              ^");
}

TEST(SyntaxErrorTest, ReservedWordAsName) {
  EXPECT_EQ(Error("SELECT * FROM select"),
            "Syntax error at line 1, column 15: expected a table name, found 'select' (a reserved "
            "word: write `select` to use it as a name).\nSELECT * FROM select\n              ^");
}

TEST(SyntaxErrorTest, PositionsInMultiLineScripts) {
  auto script = ParseScript("SELECT 1;\nSELECT 2;\n  SELECT * FROM t WHERE (a\n");
  ASSERT_FALSE(script.statements.ok());
  ASSERT_TRUE(script.error_position.has_value());
  EXPECT_EQ(script.error_position->line, 3u);
  EXPECT_EQ(script.error_position->column, 27u);
  EXPECT_EQ(script.statements.status().message(),
            "Syntax error at line 3, column 27: expected ')', found end of input.\n"
            "  SELECT * FROM t WHERE (a\n"
            "                          ^");
}

TEST(SyntaxErrorTest, CaretFollowsTabsAndUnicode) {
  EXPECT_EQ(Error("\tSELECT 'é', FROM t"),
            "Syntax error at line 1, column 14: expected an expression after ',', found 'FROM'.\n"
            "\tSELECT 'é', FROM t\n"
            "\t            ^");
}

TEST(SyntaxErrorTest, NotSupportedIsItsOwnCode) {
  auto statements = ParseStatements("SELECT INTERVAL 1 YEAR");
  ASSERT_FALSE(statements.ok());
  EXPECT_EQ(statements.status().code(), StatusCode::kNotSupported);
}

TEST(SyntaxErrorTest, DeepNestingFailsCleanly) {
  std::string deep;
  for (int i = 0; i < 3000; ++i) deep += "SELECT * FROM (";
  deep += "SELECT 1";
  for (int i = 0; i < 3000; ++i) deep += ")";
  EXPECT_NE(Error(deep).find("nested too deeply"), std::string::npos);
  std::string unions = "SELECT 1";
  for (int i = 0; i < 3000; ++i) unions += " UNION SELECT 1";
  EXPECT_NE(Error(unions).find("nested too deeply"), std::string::npos);
  std::string types = "SELECT CAST(x AS ";
  for (int i = 0; i < 3000; ++i) types += "ARRAY<";
  EXPECT_NE(Error(types).find("nested too deeply"), std::string::npos);
}

}  // namespace
}  // namespace runnel::sql
