// Splits Spark SQL text into tokens. Comments (-- line, /* nested block */) and white space are
// dropped; string literals and quoted identifiers are unescaped here.
#pragma once

#include <string_view>
#include <vector>

#include "base/status.h"
#include "sql/token.h"

namespace runnel::sql {

class Lexer {
 public:
  explicit Lexer(std::string_view source) : source_(source) {}

  // Every token, then one kEnd token. Errors are kSyntax with a caret under the position.
  Result<std::vector<Token>> Tokenize();
  // After a failed Tokenize(): where the error is.
  SourcePosition error_position() const { return error_position_; }

 private:
  Status Next(std::vector<Token>& out);
  Status SkipComment(bool* skipped);
  Status LexQuoted(Token& token);
  Status LexBinary(Token& token);
  Status LexNumberOrWord(Token& token);
  void LexWord(Token& token);
  Status LexOperator(Token& token);
  Status Unescape(std::string_view body, char quote, std::string* out);

  bool AtEnd() const { return pos_ >= source_.size(); }
  char Peek(size_t ahead = 0) const {
    return pos_ + ahead < source_.size() ? source_[pos_ + ahead] : '\0';
  }
  void Advance(size_t count = 1);
  SourcePosition Here() const { return {static_cast<uint32_t>(pos_), line_, column_}; }
  Status Error(SourcePosition at, std::string_view problem);

  std::string_view source_;
  size_t pos_ = 0;
  uint32_t line_ = 1;
  uint32_t column_ = 1;
  bool previous_is_value_ = false;  // decides whether ".5" is a number or a field access
  SourcePosition error_position_;
};

}  // namespace runnel::sql
