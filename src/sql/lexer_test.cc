#include "sql/lexer.h"

#include <gtest/gtest.h>

namespace runnel::sql {
namespace {

std::vector<Token> Lex(std::string_view text) {
  auto tokens = Lexer(text).Tokenize();
  EXPECT_TRUE(tokens.ok()) << tokens.status().ToString();
  return tokens.ok() ? *tokens : std::vector<Token>{};
}

std::string LexError(std::string_view text) {
  auto tokens = Lexer(text).Tokenize();
  return tokens.ok() ? "(no error)" : tokens.status().message();
}

TEST(LexerTest, WordsOperatorsAndPositions) {
  auto tokens = Lex("SELECT a,\n  b <=> c FROM t");
  ASSERT_EQ(tokens.size(), 9u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kIdentifier);
  EXPECT_TRUE(tokens[0].IsKeyword("select"));
  EXPECT_EQ(tokens[2].kind, TokenKind::kComma);
  EXPECT_EQ(tokens[3].text, "b");
  EXPECT_EQ(tokens[3].position.line, 2u);
  EXPECT_EQ(tokens[3].position.column, 3u);
  EXPECT_EQ(tokens[3].position.offset, 12u);
  EXPECT_EQ(tokens[4].kind, TokenKind::kNullSafeEq);
  EXPECT_EQ(tokens[8].kind, TokenKind::kEnd);
}

TEST(LexerTest, AllOperators) {
  std::vector<TokenKind> expected = {
      TokenKind::kEq,      TokenKind::kEq,         TokenKind::kNotEq,    TokenKind::kNotEq,
      TokenKind::kLt,      TokenKind::kLtEq,       TokenKind::kGt,       TokenKind::kGtEq,
      TokenKind::kNullSafeEq, TokenKind::kPlus,    TokenKind::kMinus,    TokenKind::kStar,
      TokenKind::kSlash,   TokenKind::kPercent,    TokenKind::kConcat,   TokenKind::kAmpersand,
      TokenKind::kPipe,    TokenKind::kCaret,      TokenKind::kTilde,    TokenKind::kDoubleColon,
      TokenKind::kDot,     TokenKind::kComma,      TokenKind::kLParen,   TokenKind::kRParen,
      TokenKind::kLBracket, TokenKind::kRBracket,  TokenKind::kSemicolon, TokenKind::kEnd};
  auto tokens = Lex("= == <> != < <= > >= <=> + - * / % || & | ^ ~ :: . , ( ) [ ] ;");
  ASSERT_EQ(tokens.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) EXPECT_EQ(tokens[i].kind, expected[i]) << i;
}

TEST(LexerTest, StringsAndEscapes) {
  auto tokens = Lex(R"('it''s' "dq" 'a\'b\\c\n\t' '\u00e9' 'x\%y')");
  ASSERT_EQ(tokens.size(), 6u);
  EXPECT_EQ(tokens[0].kind, TokenKind::kString);
  EXPECT_EQ(tokens[0].text, "it's");
  EXPECT_EQ(tokens[1].text, "dq");
  EXPECT_EQ(tokens[2].text, "a'b\\c\n\t");
  EXPECT_EQ(tokens[3].text, "\xC3\xA9");
  EXPECT_EQ(tokens[4].text, "x\\%y");  // kept for LIKE, as Spark does
}

TEST(LexerTest, QuotedIdentifiersAndBinary) {
  auto tokens = Lex("`my col` `a``b` X'0aFF' x'A'");
  EXPECT_EQ(tokens[0].kind, TokenKind::kQuotedIdentifier);
  EXPECT_EQ(tokens[0].text, "my col");
  EXPECT_EQ(tokens[1].text, "a`b");
  EXPECT_EQ(tokens[2].kind, TokenKind::kBinaryString);
  EXPECT_EQ(tokens[2].text, std::string("\x0a\xff"));
  EXPECT_EQ(tokens[3].text, std::string("\x0a"));
}

TEST(LexerTest, Numbers) {
  auto tokens = Lex("123 123L 1.5 1.5D 1e3 1.5BD (.5 1E-3 12abc");
  for (int i : {0, 1, 2, 3, 4, 5, 7, 8}) EXPECT_EQ(tokens[i].kind, TokenKind::kNumber) << i;
  EXPECT_EQ(tokens[5].text, "1.5BD");
  EXPECT_EQ(tokens[7].text, ".5");
  EXPECT_EQ(tokens[9].kind, TokenKind::kIdentifier);  // Spark allows names starting with a digit
  // After a name, ".5" is a dot and a number: t.5 is never a decimal.
  auto dotted = Lex("t.col");
  EXPECT_EQ(dotted[1].kind, TokenKind::kDot);
}

TEST(LexerTest, Comments) {
  auto tokens = Lex("SELECT -- a comment\n 1 /* block /* nested */ still */ + 2");
  ASSERT_EQ(tokens.size(), 5u);
  EXPECT_EQ(tokens[1].text, "1");
  EXPECT_EQ(tokens[2].kind, TokenKind::kPlus);
}

TEST(LexerTest, Errors) {
  EXPECT_EQ(LexError("SELECT 'abc"),
            "Syntax error at line 1, column 8: unterminated string; close it with '.\n"
            "SELECT 'abc\n"
            "       ^");
  EXPECT_EQ(LexError("SELECT /* x"),
            "Syntax error at line 1, column 8: unterminated /* comment; close it with */.\n"
            "SELECT /* x\n"
            "       ^");
  EXPECT_EQ(LexError("SELECT `abc"),
            "Syntax error at line 1, column 8: unterminated quoted identifier; close it with `.\n"
            "SELECT `abc\n"
            "       ^");
  EXPECT_EQ(LexError("SELECT 1 #"),
            "Syntax error at line 1, column 10: unexpected character '#'.\nSELECT 1 #\n         ^");
  EXPECT_NE(LexError("SELECT X'0G'").find("invalid binary literal X'0G'"), std::string::npos);
  EXPECT_NE(LexError("SELECT 1.5x").find("invalid number '1.5x'"), std::string::npos);
  EXPECT_NE(LexError("SELECT '\\u12'").find("invalid \\u escape"), std::string::npos);
}

TEST(LexerTest, ColumnsCountCharactersNotBytes) {
  auto tokens = Lex("'é' x");
  EXPECT_EQ(tokens[1].position.column, 5u);
  EXPECT_EQ(tokens[1].position.offset, 5u);
}

}  // namespace
}  // namespace runnel::sql
