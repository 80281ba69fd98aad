#include "sql/descent_parser.h"

#include <algorithm>

#include "base/spelling.h"
#include "sql/keywords.h"
#include "sql/syntax_error.h"

namespace runnel::sql {

Status DescentParser::DepthGuard::Enter() {
  ++recursion_levels_;
  if (++parser_->recursion_ > kMaxRecursion) return TooDeep();
  return Extend();
}

Status DescentParser::DepthGuard::Extend() {
  ++levels_;
  if (++parser_->depth_ > kMaxDepth) return TooDeep();
  return Status::OK();
}

Status DescentParser::DepthGuard::TooDeep() {
  return parser_->ErrorAt(parser_->ErrorPositionOf(parser_->Peek()),
                          "the statement is nested too deeply (more than " +
                              std::to_string(kMaxRecursion) + " levels of parentheses, " +
                              "subqueries or types, or " + std::to_string(kMaxDepth) +
                              " levels with operators); simplify it");
}

const Token& DescentParser::Peek(size_t ahead) const {
  size_t i = std::min(pos_ + ahead, tokens_.size() - 1);
  return tokens_[i];
}

const Token& DescentParser::Advance() {
  const Token& token = tokens_[pos_];
  if (pos_ + 1 < tokens_.size()) ++pos_;
  return token;
}

bool DescentParser::CheckAnyKeyword(std::initializer_list<std::string_view> keywords,
                                    size_t ahead) const {
  for (std::string_view keyword : keywords) {
    if (CheckKeyword(keyword, ahead)) return true;
  }
  return false;
}

bool DescentParser::Match(TokenKind kind) {
  if (!Check(kind)) return false;
  Advance();
  return true;
}

bool DescentParser::MatchKeyword(std::string_view keyword) {
  if (!CheckKeyword(keyword)) return false;
  Advance();
  return true;
}

Status DescentParser::Expect(TokenKind kind, std::string_view shown) {
  if (Match(kind)) return Status::OK();
  return Expected(shown);
}

Status DescentParser::ExpectKeyword(std::string_view keyword) {
  if (MatchKeyword(keyword)) return Status::OK();
  return Expected(keyword);
}

SourcePosition DescentParser::ErrorPositionOf(const Token& token) const {
  // End of input points just past the last token rather than at trailing blank lines.
  if (token.kind == TokenKind::kEnd && &token != &tokens_.front()) {
    const Token& last = tokens_[tokens_.size() - 2];
    return PositionAt(source_, last.position.offset + last.length);
  }
  return token.position;
}

Status DescentParser::Expected(std::string_view what) {
  const Token& token = Peek();
  std::string problem = "expected " + std::string(what) + ", found " + DescribeToken(token, source_);
  if (IsReserved(token) && (what.find("name") != std::string_view::npos ||
                            what.find("alias") != std::string_view::npos)) {
    problem += " (a reserved word: write `" + token.text + "` to use it as a name)";
  }
  return ErrorAt(ErrorPositionOf(token), problem);
}

Status DescentParser::ErrorAt(SourcePosition position, std::string_view problem, StatusCode code) {
  error_position_ = position;
  return MakeSyntaxError(source_, position, problem, code);
}

bool DescentParser::IsReserved(const Token& token) {
  return token.kind == TokenKind::kIdentifier && IsReservedWord(token.text);
}

bool DescentParser::CheckIdentifier(size_t ahead) const {
  const Token& token = Peek(ahead);
  return token.kind == TokenKind::kQuotedIdentifier ||
         (token.kind == TokenKind::kIdentifier && !IsReserved(token));
}

Result<std::string> DescentParser::ParseIdentifier(std::string_view what) {
  if (!CheckIdentifier()) return Expected(what);
  return Advance().text;
}

Result<std::vector<std::string>> DescentParser::ParseQualifiedName(std::string_view what) {
  std::vector<std::string> parts;
  RUNNEL_ASSIGN_OR_RAISE(std::string first, ParseIdentifier(what));
  parts.push_back(std::move(first));
  while (Check(TokenKind::kDot) &&
         (Check(TokenKind::kIdentifier, 1) || Check(TokenKind::kQuotedIdentifier, 1))) {
    Advance();
    parts.push_back(Advance().text);  // after a dot, reserved words are names too
  }
  return parts;
}

Result<std::vector<std::string>> DescentParser::ParseIdentifierList(std::string_view what) {
  RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kLParen, "'('"));
  std::vector<std::string> names;
  do {
    RUNNEL_ASSIGN_OR_RAISE(std::string name, ParseIdentifier(what));
    names.push_back(std::move(name));
  } while (Match(TokenKind::kComma));
  RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kRParen, "',' or ')'"));
  return names;
}

Result<std::string> DescentParser::ParseStringLiteral(std::string_view what) {
  if (!Check(TokenKind::kString)) return Expected(what);
  std::string value = Advance().text;
  while (Check(TokenKind::kString)) value += Advance().text;  // 'a' 'b' is 'ab', as in Spark
  return value;
}

bool DescentParser::StartsQuery(size_t ahead) const {
  while (Check(TokenKind::kLParen, ahead)) ++ahead;
  return CheckAnyKeyword({"SELECT", "WITH", "VALUES"}, ahead);
}

Result<std::vector<Statement>> DescentParser::ParseScript() {
  std::vector<Statement> statements;
  for (;;) {
    while (Match(TokenKind::kSemicolon)) {
    }
    if (Check(TokenKind::kEnd)) return statements;
    RUNNEL_ASSIGN_OR_RAISE(Statement statement, ParseStatement());
    statements.push_back(std::move(statement));
    if (!Check(TokenKind::kSemicolon) && !Check(TokenKind::kEnd)) {
      return Expected("';' or the end of the statement");
    }
  }
}

Result<ExprPtr> DescentParser::ParseStandaloneExpression() {
  RUNNEL_ASSIGN_OR_RAISE(ExprPtr expr, ParseExpr());
  if (!Check(TokenKind::kEnd)) return Expected("the end of the expression");
  return expr;
}

}  // namespace runnel::sql
