#include "sql/lexer.h"

#include <cctype>
#include <string>

#include "base/spelling.h"
#include "sql/syntax_error.h"

namespace runnel::sql {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsWordStart(char c) {
  return std::isalpha(static_cast<unsigned char>(c)) || c == '_' ||
         static_cast<unsigned char>(c) >= 0x80;
}
bool IsWordChar(char c) { return IsWordStart(c) || IsDigit(c); }
int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

void AppendUtf8(uint32_t code_point, std::string* out) {
  if (code_point < 0x80) {
    *out += static_cast<char>(code_point);
  } else if (code_point < 0x800) {
    *out += static_cast<char>(0xC0 | (code_point >> 6));
    *out += static_cast<char>(0x80 | (code_point & 0x3F));
  } else {
    *out += static_cast<char>(0xE0 | (code_point >> 12));
    *out += static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
    *out += static_cast<char>(0x80 | (code_point & 0x3F));
  }
}

// Number suffixes Spark accepts: BIGINT L, SMALLINT S, TINYINT Y, DOUBLE D, FLOAT F, DECIMAL BD.
bool IsNumberSuffix(std::string_view suffix, bool fractional) {
  std::string s = base::ToLower(suffix);
  if (s.empty() || s == "d" || s == "f" || s == "bd") return true;
  return !fractional && (s == "l" || s == "s" || s == "y");
}

}  // namespace

void Lexer::Advance(size_t count) {
  for (size_t i = 0; i < count && pos_ < source_.size(); ++i) {
    char c = source_[pos_++];
    if (c == '\n') {
      ++line_;
      column_ = 1;
    } else if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) {
      ++column_;
    }
  }
}

Status Lexer::Error(SourcePosition at, std::string_view problem) {
  error_position_ = at;
  return MakeSyntaxError(source_, at, problem);
}

Result<std::vector<Token>> Lexer::Tokenize() {
  std::vector<Token> tokens;
  for (;;) {
    RUNNEL_RETURN_NOT_OK(Next(tokens));
    if (tokens.back().kind == TokenKind::kEnd) return tokens;
  }
}

Status Lexer::SkipComment(bool* skipped) {
  *skipped = false;
  if (Peek() == '-' && Peek(1) == '-') {
    while (!AtEnd() && Peek() != '\n') Advance();
    *skipped = true;
  } else if (Peek() == '/' && Peek(1) == '*') {
    SourcePosition start = Here();
    int depth = 0;
    do {
      if (AtEnd()) return Error(start, "unterminated /* comment; close it with */");
      if (Peek() == '/' && Peek(1) == '*') {
        ++depth;
        Advance(2);
      } else if (Peek() == '*' && Peek(1) == '/') {
        --depth;
        Advance(2);
      } else {
        Advance();
      }
    } while (depth > 0);
    *skipped = true;
  }
  return Status::OK();
}

Status Lexer::Next(std::vector<Token>& out) {
  for (;;) {
    while (!AtEnd() && std::isspace(static_cast<unsigned char>(Peek()))) Advance();
    bool skipped = false;
    RUNNEL_RETURN_NOT_OK(SkipComment(&skipped));
    if (!skipped) break;
  }
  Token token;
  token.position = Here();
  char c = Peek();
  if (AtEnd()) {
    token.kind = TokenKind::kEnd;
  } else if (c == '\'' || c == '"' || c == '`') {
    RUNNEL_RETURN_NOT_OK(LexQuoted(token));
  } else if ((c == 'x' || c == 'X') && Peek(1) == '\'') {
    RUNNEL_RETURN_NOT_OK(LexBinary(token));
  } else if (IsDigit(c) || (c == '.' && IsDigit(Peek(1)) && !previous_is_value_)) {
    RUNNEL_RETURN_NOT_OK(LexNumberOrWord(token));
  } else if (IsWordStart(c)) {
    LexWord(token);
  } else {
    RUNNEL_RETURN_NOT_OK(LexOperator(token));
  }
  token.length = static_cast<uint32_t>(pos_ - token.position.offset);
  previous_is_value_ = token.kind == TokenKind::kIdentifier ||
                       token.kind == TokenKind::kQuotedIdentifier ||
                       token.kind == TokenKind::kNumber || token.kind == TokenKind::kString ||
                       token.kind == TokenKind::kRParen || token.kind == TokenKind::kRBracket;
  out.push_back(std::move(token));
  return Status::OK();
}

void Lexer::LexWord(Token& token) {
  size_t start = pos_;
  while (!AtEnd() && IsWordChar(Peek())) Advance();
  token.kind = TokenKind::kIdentifier;
  token.text = std::string(source_.substr(start, pos_ - start));
}

Status Lexer::LexNumberOrWord(Token& token) {
  size_t start = pos_;
  bool fractional = false;
  while (IsDigit(Peek())) Advance();
  if (Peek() == '.' && !IsWordStart(Peek(1))) {
    fractional = true;
    Advance();
    while (IsDigit(Peek())) Advance();
  }
  bool exponent = false;
  if ((Peek() == 'e' || Peek() == 'E') &&
      (IsDigit(Peek(1)) || ((Peek(1) == '+' || Peek(1) == '-') && IsDigit(Peek(2))))) {
    exponent = true;
    Advance(2);
    while (IsDigit(Peek())) Advance();
  }
  size_t suffix_start = pos_;
  while (!AtEnd() && IsWordChar(Peek())) Advance();
  std::string_view suffix = source_.substr(suffix_start, pos_ - suffix_start);
  token.text = std::string(source_.substr(start, pos_ - start));
  if (IsNumberSuffix(suffix, fractional || exponent)) {
    token.kind = TokenKind::kNumber;
    return Status::OK();
  }
  if (!fractional && !exponent) {
    token.kind = TokenKind::kIdentifier;  // Spark's identifiers may start with a digit: 1a
    return Status::OK();
  }
  return Error(token.position, "invalid number '" + token.text +
                                   "'; numbers are written 1, 1L, 1.5, 1.5D, 1e3 or 1.5BD");
}

Status Lexer::LexQuoted(Token& token) {
  char quote = Peek();
  Advance();
  size_t body_start = pos_;
  for (;;) {
    if (AtEnd()) {
      const char* what = quote == '`' ? "unterminated quoted identifier" : "unterminated string";
      return Error(token.position, std::string(what) + "; close it with " + quote);
    }
    char c = Peek();
    if (c == '\\' && quote != '`') {
      Advance(2);
    } else if (c == quote) {
      if (Peek(1) != quote) break;
      Advance(2);  // a doubled quote stands for itself
    } else {
      Advance();
    }
  }
  std::string_view body = source_.substr(body_start, pos_ - body_start);
  Advance();  // the closing quote
  if (quote == '`') {
    token.kind = TokenKind::kQuotedIdentifier;
    for (size_t i = 0; i < body.size(); ++i) {
      token.text += body[i];
      if (body[i] == '`') ++i;
    }
    return Status::OK();
  }
  token.kind = TokenKind::kString;
  return Unescape(body, quote, &token.text);
}

// Spark's unescapeSQLString: \0 \b \n \r \t \Z \uXXXX; \% and \_ keep their backslash for LIKE;
// any other escaped character stands for itself.
Status Lexer::Unescape(std::string_view body, char quote, std::string* out) {
  for (size_t i = 0; i < body.size(); ++i) {
    char c = body[i];
    if (c == quote) {  // doubled quote
      *out += quote;
      ++i;
      continue;
    }
    if (c != '\\' || i + 1 >= body.size()) {
      *out += c;
      continue;
    }
    char e = body[++i];
    switch (e) {
      case '0': *out += '\0'; break;
      case 'b': *out += '\b'; break;
      case 'n': *out += '\n'; break;
      case 'r': *out += '\r'; break;
      case 't': *out += '\t'; break;
      case 'Z': *out += '\x1A'; break;
      case '%': *out += "\\%"; break;
      case '_': *out += "\\_"; break;
      case 'u': {
        uint32_t code_point = 0;
        bool valid = i + 4 < body.size();
        for (size_t k = 1; valid && k <= 4; ++k) {
          int h = HexValue(body[i + k]);
          valid = h >= 0;
          code_point = code_point * 16 + static_cast<uint32_t>(h);
        }
        if (!valid) {
          return Error(PositionAt(source_, static_cast<size_t>(body.data() - source_.data()) + i - 1),
                       "invalid \\u escape in a string; write \\u followed by 4 hex digits");
        }
        AppendUtf8(code_point, out);
        i += 4;
        break;
      }
      default: *out += e;
    }
  }
  return Status::OK();
}

Status Lexer::LexBinary(Token& token) {
  Advance(2);
  size_t body_start = pos_;
  while (!AtEnd() && Peek() != '\'') Advance();
  if (AtEnd()) return Error(token.position, "unterminated binary literal; close it with '");
  std::string_view hex = source_.substr(body_start, pos_ - body_start);
  Advance();
  std::string padded = hex.size() % 2 == 1 ? "0" + std::string(hex) : std::string(hex);
  token.kind = TokenKind::kBinaryString;
  for (size_t i = 0; i < padded.size(); i += 2) {
    int high = HexValue(padded[i]), low = HexValue(padded[i + 1]);
    if (high < 0 || low < 0) {
      return Error(token.position, "invalid binary literal X'" + std::string(hex) +
                                       "'; use hexadecimal digits 0-9 and A-F");
    }
    token.text += static_cast<char>(high * 16 + low);
  }
  return Status::OK();
}

Status Lexer::LexOperator(Token& token) {
  struct Symbol {
    const char* text;
    TokenKind kind;
  };
  // Longest first, so "<=>" wins over "<=" and "<".
  static constexpr Symbol kSymbols[] = {
      {"<=>", TokenKind::kNullSafeEq}, {"==", TokenKind::kEq},       {"<>", TokenKind::kNotEq},
      {"!=", TokenKind::kNotEq},       {"<=", TokenKind::kLtEq},     {">=", TokenKind::kGtEq},
      {"||", TokenKind::kConcat},      {"::", TokenKind::kDoubleColon}, {"=", TokenKind::kEq},
      {"<", TokenKind::kLt},           {">", TokenKind::kGt},        {"+", TokenKind::kPlus},
      {"-", TokenKind::kMinus},        {"*", TokenKind::kStar},      {"/", TokenKind::kSlash},
      {"%", TokenKind::kPercent},      {"&", TokenKind::kAmpersand}, {"|", TokenKind::kPipe},
      {"^", TokenKind::kCaret},        {"~", TokenKind::kTilde},     {"!", TokenKind::kBang},
      {":", TokenKind::kColon},        {".", TokenKind::kDot},       {",", TokenKind::kComma},
      {"(", TokenKind::kLParen},       {")", TokenKind::kRParen},    {"[", TokenKind::kLBracket},
      {"]", TokenKind::kRBracket},     {";", TokenKind::kSemicolon},
  };
  std::string_view rest = source_.substr(pos_);
  for (const Symbol& symbol : kSymbols) {
    std::string_view text = symbol.text;
    if (rest.substr(0, text.size()) == text) {
      token.kind = symbol.kind;
      token.text = std::string(text);
      Advance(text.size());
      return Status::OK();
    }
  }
  unsigned char c = static_cast<unsigned char>(Peek());
  std::string shown = std::isprint(c) ? std::string(1, static_cast<char>(c))
                                      : "\\x" + std::string(1, "0123456789ABCDEF"[c >> 4]) +
                                            "0123456789ABCDEF"[c & 15];
  return Error(token.position, "unexpected character '" + shown + "'");
}

}  // namespace runnel::sql
