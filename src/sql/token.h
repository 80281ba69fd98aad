// Tokens of Spark SQL. Keywords are not a token kind: Spark's keywords are mostly non-reserved,
// so the lexer yields identifiers and the parser decides from context which ones are keywords.
#pragma once

#include <string>
#include <string_view>

#include "sql/position.h"

namespace runnel::sql {

enum class TokenKind {
  kEnd,               // after the last token
  kIdentifier,        // word (may be a keyword); `text` is the word as written
  kQuotedIdentifier,  // `name`; `text` is the unescaped name
  kString,            // '...' or "..."; `text` is the unescaped value
  kBinaryString,      // X'0A'; `text` holds the decoded bytes
  kNumber,            // 123, 123L, 1.5, 1e3, 1.5BD, ...; `text` is the literal as written
  // Operators and punctuation; `text` is the symbol.
  kEq,                // = or ==
  kNullSafeEq,        // <=>
  kNotEq,             // <> or !=
  kLt,
  kLtEq,
  kGt,
  kGtEq,
  kPlus,
  kMinus,
  kStar,
  kSlash,
  kPercent,
  kConcat,            // ||
  kAmpersand,
  kPipe,
  kCaret,
  kTilde,
  kBang,              // ! (Spark's NOT)
  kDoubleColon,       // ::
  kColon,
  kDot,
  kComma,
  kLParen,
  kRParen,
  kLBracket,
  kRBracket,
  kSemicolon,
};

struct Token {
  TokenKind kind = TokenKind::kEnd;
  std::string text;
  SourcePosition position;
  uint32_t length = 0;  // bytes of source text the token spans

  bool IsWord() const { return kind == TokenKind::kIdentifier; }
  // An unquoted word equal to `keyword`, ignoring case.
  bool IsKeyword(std::string_view keyword) const;
};

// How a token is shown in an error message: 'FROM', ',', "end of input".
std::string DescribeToken(const Token& token, std::string_view source);

}  // namespace runnel::sql
