// Expressions, lowest precedence first, as in Spark:
//   OR < AND < NOT < comparison, IS, IN, LIKE, BETWEEN < | < ^ < & < + - || < * / % DIV
//   < unary - + ~ < postfix [i], .field, ::type < primary
#include <string>

#include "sql/descent_parser.h"
#include "sql/interval_literal.h"
#include "sql/number_literal.h"
#include "type/datetime.h"

namespace runnel::sql {
namespace {

struct BinaryToken {
  TokenKind kind;
  const char* keyword;  // for DIV
  BinaryOp op;
};

// ParseBinaryLevel(0) is '|', the loosest of the value operators.
const std::vector<std::vector<BinaryToken>>& BinaryLevels() {
  static const std::vector<std::vector<BinaryToken>> kLevels = {
      {{TokenKind::kPipe, nullptr, BinaryOp::kBitwiseOr}},
      {{TokenKind::kCaret, nullptr, BinaryOp::kBitwiseXor}},
      {{TokenKind::kAmpersand, nullptr, BinaryOp::kBitwiseAnd}},
      {{TokenKind::kPlus, nullptr, BinaryOp::kAdd},
       {TokenKind::kMinus, nullptr, BinaryOp::kSubtract},
       {TokenKind::kConcat, nullptr, BinaryOp::kConcat}},
      {{TokenKind::kStar, nullptr, BinaryOp::kMultiply},
       {TokenKind::kSlash, nullptr, BinaryOp::kDivide},
       {TokenKind::kPercent, nullptr, BinaryOp::kModulo},
       {TokenKind::kIdentifier, "DIV", BinaryOp::kIntegralDivide}},
  };
  return kLevels;
}

std::optional<BinaryOp> ComparisonOp(TokenKind kind) {
  switch (kind) {
    case TokenKind::kEq: return BinaryOp::kEq;
    case TokenKind::kNullSafeEq: return BinaryOp::kNullSafeEq;
    case TokenKind::kNotEq: return BinaryOp::kNotEq;
    case TokenKind::kLt: return BinaryOp::kLt;
    case TokenKind::kLtEq: return BinaryOp::kLtEq;
    case TokenKind::kGt: return BinaryOp::kGt;
    case TokenKind::kGtEq: return BinaryOp::kGtEq;
    default: return std::nullopt;
  }
}

}  // namespace

Result<ExprPtr> DescentParser::ParseExpr() {
  DepthGuard guard(this);
  RUNNEL_RETURN_NOT_OK(guard.Enter());
  RUNNEL_ASSIGN_OR_RAISE(ExprPtr left, ParseAnd());
  while (CheckKeyword("OR")) {
    SourcePosition at = Advance().position;
    RUNNEL_RETURN_NOT_OK(guard.Extend());
    RUNNEL_ASSIGN_OR_RAISE(ExprPtr right, ParseAnd());
    left = std::make_shared<BinaryExpr>(at, BinaryOp::kOr, std::move(left), std::move(right));
  }
  return left;
}

Result<ExprPtr> DescentParser::ParseAnd() {
  DepthGuard guard(this);
  RUNNEL_ASSIGN_OR_RAISE(ExprPtr left, ParseNot());
  while (CheckKeyword("AND")) {
    SourcePosition at = Advance().position;
    RUNNEL_RETURN_NOT_OK(guard.Extend());
    RUNNEL_ASSIGN_OR_RAISE(ExprPtr right, ParseNot());
    left = std::make_shared<BinaryExpr>(at, BinaryOp::kAnd, std::move(left), std::move(right));
  }
  return left;
}

Result<ExprPtr> DescentParser::ParseNot() {
  if (!CheckKeyword("NOT") && !Check(TokenKind::kBang)) return ParsePredicate();
  SourcePosition at = Advance().position;
  DepthGuard guard(this);
  RUNNEL_RETURN_NOT_OK(guard.Enter());
  RUNNEL_ASSIGN_OR_RAISE(ExprPtr operand, ParseNot());
  return ExprPtr(std::make_shared<UnaryExpr>(at, UnaryOp::kNot, std::move(operand)));
}

Result<ExprPtr> DescentParser::ParsePredicate() {
  DepthGuard guard(this);
  RUNNEL_ASSIGN_OR_RAISE(ExprPtr left, ParseBinaryLevel(0));
  for (;;) {
    if (std::optional<BinaryOp> op = ComparisonOp(Peek().kind)) {
      SourcePosition at = Advance().position;
      RUNNEL_RETURN_NOT_OK(guard.Extend());
      RUNNEL_ASSIGN_OR_RAISE(ExprPtr right, ParseBinaryLevel(0));
      left = std::make_shared<BinaryExpr>(at, *op, std::move(left), std::move(right));
      continue;
    }
    bool matched = false;
    RUNNEL_ASSIGN_OR_RAISE(left, ParsePredicateSuffix(std::move(left), &matched));
    if (!matched) return left;
    RUNNEL_RETURN_NOT_OK(guard.Extend());
  }
}

// IS [NOT] ..., [NOT] IN, [NOT] BETWEEN, [NOT] LIKE|ILIKE|RLIKE|REGEXP after `left`.
Result<ExprPtr> DescentParser::ParsePredicateSuffix(ExprPtr left, bool* matched) {
  *matched = true;
  SourcePosition at = Peek().position;
  if (MatchKeyword("IS")) {
    bool negated = MatchKeyword("NOT");
    if (MatchKeyword("NULL") || MatchKeyword("UNKNOWN")) {
      return ExprPtr(std::make_shared<IsExpr>(at, std::move(left), IsWhat::kNull, negated));
    }
    if (MatchKeyword("TRUE")) return ExprPtr(std::make_shared<IsExpr>(at, std::move(left), IsWhat::kTrue, negated));
    if (MatchKeyword("FALSE")) return ExprPtr(std::make_shared<IsExpr>(at, std::move(left), IsWhat::kFalse, negated));
    if (MatchKeyword("DISTINCT")) {
      RUNNEL_RETURN_NOT_OK(ExpectKeyword("FROM"));
      RUNNEL_ASSIGN_OR_RAISE(ExprPtr right, ParseBinaryLevel(0));
      ExprPtr same = std::make_shared<BinaryExpr>(at, BinaryOp::kNullSafeEq, std::move(left), std::move(right));
      return negated ? same : ExprPtr(std::make_shared<UnaryExpr>(at, UnaryOp::kNot, std::move(same)));
    }
    return Expected("NULL, TRUE, FALSE or DISTINCT FROM after IS");
  }
  bool negated = false;
  if (CheckKeyword("NOT") && CheckAnyKeyword({"IN", "BETWEEN", "LIKE", "ILIKE", "RLIKE", "REGEXP"}, 1)) {
    Advance();
    negated = true;
  }
  if (MatchKeyword("IN")) {
    RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kLParen, "'(' after IN"));
    if (CheckAnyKeyword({"SELECT", "WITH", "VALUES"})) {
      RUNNEL_ASSIGN_OR_RAISE(QueryPtr query, ParseQuery());
      RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kRParen, "')' after the IN subquery"));
      return ExprPtr(std::make_shared<InSubqueryExpr>(at, std::move(left), std::move(query), negated));
    }
    RUNNEL_ASSIGN_OR_RAISE(std::vector<ExprPtr> list, ParseExprList());
    RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kRParen, "',' or ')' in the IN list"));
    return ExprPtr(std::make_shared<InListExpr>(at, std::move(left), std::move(list), negated));
  }
  if (MatchKeyword("BETWEEN")) {
    RUNNEL_ASSIGN_OR_RAISE(ExprPtr low, ParseBinaryLevel(0));
    RUNNEL_RETURN_NOT_OK(ExpectKeyword("AND"));
    RUNNEL_ASSIGN_OR_RAISE(ExprPtr high, ParseBinaryLevel(0));
    return ExprPtr(std::make_shared<BetweenExpr>(at, std::move(left), std::move(low), std::move(high), negated));
  }
  std::optional<LikeOp> like;
  if (MatchKeyword("LIKE")) like = LikeOp::kLike;
  else if (MatchKeyword("ILIKE")) like = LikeOp::kILike;
  else if (MatchKeyword("RLIKE") || MatchKeyword("REGEXP")) like = LikeOp::kRLike;
  if (!like) {
    *matched = false;
    return left;
  }
  RUNNEL_ASSIGN_OR_RAISE(ExprPtr pattern, ParseBinaryLevel(0));
  std::optional<char> escape;
  if (*like != LikeOp::kRLike && CheckKeyword("ESCAPE")) {
    Advance();
    if (!Check(TokenKind::kString) || Peek().text.size() != 1) {
      return Expected("a one-character string after ESCAPE");
    }
    escape = Advance().text[0];
  }
  return ExprPtr(std::make_shared<LikeExpr>(at, *like, std::move(left), std::move(pattern), escape, negated));
}

Result<ExprPtr> DescentParser::ParseBinaryLevel(int level) {
  const auto& levels = BinaryLevels();
  if (level >= static_cast<int>(levels.size())) return ParseUnary();
  DepthGuard guard(this);
  RUNNEL_ASSIGN_OR_RAISE(ExprPtr left, ParseBinaryLevel(level + 1));
  for (;;) {
    const BinaryToken* found = nullptr;
    for (const BinaryToken& candidate : levels[level]) {
      if (candidate.keyword ? CheckKeyword(candidate.keyword) : Check(candidate.kind)) found = &candidate;
    }
    if (!found) return left;
    SourcePosition at = Advance().position;
    RUNNEL_RETURN_NOT_OK(guard.Extend());
    RUNNEL_ASSIGN_OR_RAISE(ExprPtr right, ParseBinaryLevel(level + 1));
    left = std::make_shared<BinaryExpr>(at, found->op, std::move(left), std::move(right));
  }
}

Result<ExprPtr> DescentParser::ParseUnary() {
  std::optional<UnaryOp> op;
  if (Check(TokenKind::kMinus)) op = UnaryOp::kNegate;
  else if (Check(TokenKind::kPlus)) op = UnaryOp::kPlus;
  else if (Check(TokenKind::kTilde)) op = UnaryOp::kBitwiseNot;
  if (!op) return ParsePostfix();
  SourcePosition at = Advance().position;
  DepthGuard guard(this);
  RUNNEL_RETURN_NOT_OK(guard.Enter());
  RUNNEL_ASSIGN_OR_RAISE(ExprPtr operand, ParseUnary());
  return ExprPtr(std::make_shared<UnaryExpr>(at, *op, std::move(operand)));
}

Result<ExprPtr> DescentParser::ParsePostfix() {
  DepthGuard guard(this);
  RUNNEL_ASSIGN_OR_RAISE(ExprPtr expr, ParsePrimary());
  for (;;) {
    SourcePosition at = Peek().position;
    if (Match(TokenKind::kLBracket)) {
      RUNNEL_RETURN_NOT_OK(guard.Extend());
      RUNNEL_ASSIGN_OR_RAISE(ExprPtr index, ParseExpr());
      RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kRBracket, "']'"));
      expr = std::make_shared<SubscriptExpr>(at, std::move(expr), std::move(index));
    } else if (Check(TokenKind::kDot) &&
               (Check(TokenKind::kIdentifier, 1) || Check(TokenKind::kQuotedIdentifier, 1))) {
      Advance();
      RUNNEL_RETURN_NOT_OK(guard.Extend());
      expr = std::make_shared<FieldAccessExpr>(at, std::move(expr), Advance().text);
    } else if (Match(TokenKind::kDoubleColon)) {
      RUNNEL_RETURN_NOT_OK(guard.Extend());
      RUNNEL_ASSIGN_OR_RAISE(type::DataTypePtr type, ParseType());
      expr = std::make_shared<CastExpr>(at, std::move(expr), std::move(type), false);
    } else {
      return expr;
    }
  }
}

Result<std::vector<ExprPtr>> DescentParser::ParseExprList() {
  std::vector<ExprPtr> exprs;
  do {
    RUNNEL_ASSIGN_OR_RAISE(ExprPtr expr, ParseExpr());
    exprs.push_back(std::move(expr));
  } while (Match(TokenKind::kComma));
  return exprs;
}

Result<ExprPtr> DescentParser::ParsePrimary() {
  const Token& token = Peek();
  switch (token.kind) {
    case TokenKind::kNumber: return ParseNumber();
    case TokenKind::kString: {
      SourcePosition at = token.position;
      RUNNEL_ASSIGN_OR_RAISE(std::string value, ParseStringLiteral("a string"));
      return ExprPtr(std::make_shared<Literal>(at, type::Value::String(std::move(value))));
    }
    case TokenKind::kBinaryString:
      Advance();
      return ExprPtr(std::make_shared<Literal>(token.position, type::Value::Binary(token.text)));
    case TokenKind::kStar:
      Advance();
      return ExprPtr(std::make_shared<Star>(token.position, std::vector<std::string>{}));
    case TokenKind::kLParen: return ParseParenthesized();
    case TokenKind::kQuotedIdentifier: return ParseNameOrCall();
    case TokenKind::kIdentifier: break;
    default: {
      if (pos_ == 0) return Expected("an expression");
      return Expected("an expression after " + DescribeToken(Previous(), source_));
    }
  }
  bool call = Check(TokenKind::kLParen, 1);
  if (token.IsKeyword("NULL")) {
    Advance();
    return ExprPtr(std::make_shared<Literal>(token.position, type::Value()));
  }
  if (token.IsKeyword("TRUE") || token.IsKeyword("FALSE")) {
    Advance();
    return ExprPtr(std::make_shared<Literal>(token.position, type::Value::Boolean(token.IsKeyword("TRUE"))));
  }
  if (token.IsKeyword("CASE")) return ParseCase();
  if (call && (token.IsKeyword("CAST") || token.IsKeyword("TRY_CAST"))) return ParseCast(token.IsKeyword("TRY_CAST"));
  if (call && token.IsKeyword("EXTRACT") && Check(TokenKind::kIdentifier, 2) && CheckKeyword("FROM", 3)) {
    return ParseExtract();
  }
  if (call && token.IsKeyword("EXISTS")) {
    Advance();
    Advance();
    RUNNEL_ASSIGN_OR_RAISE(QueryPtr query, ParseQuery());
    RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kRParen, "')' after the EXISTS subquery"));
    return ExprPtr(std::make_shared<ExistsExpr>(token.position, std::move(query)));
  }
  if (Check(TokenKind::kString, 1) &&
      (token.IsKeyword("DATE") || token.IsKeyword("TIMESTAMP") || token.IsKeyword("TIMESTAMP_NTZ") ||
       token.IsKeyword("TIMESTAMP_LTZ"))) {
    return ParseTypedLiteral();
  }
  if (token.IsKeyword("INTERVAL") && (Check(TokenKind::kString, 1) || Check(TokenKind::kNumber, 1) ||
                                      Check(TokenKind::kMinus, 1) || Check(TokenKind::kPlus, 1))) {
    return ParseInterval();
  }
  return ParseNameOrCall();
}

Result<ExprPtr> DescentParser::ParseNumber() {
  const Token& token = Advance();
  Result<type::Value> value = ParseNumberLiteral(token.text);
  if (!value.ok()) return ErrorAt(token.position, value.status().message());
  return ExprPtr(std::make_shared<Literal>(token.position, std::move(*value)));
}

Result<ExprPtr> DescentParser::ParseParenthesized() {
  SourcePosition at = Advance().position;
  if (CheckAnyKeyword({"SELECT", "WITH", "VALUES"})) {
    RUNNEL_ASSIGN_OR_RAISE(QueryPtr query, ParseQuery());
    RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kRParen, "')' after the subquery"));
    return ExprPtr(std::make_shared<ScalarSubqueryExpr>(at, std::move(query)));
  }
  RUNNEL_ASSIGN_OR_RAISE(ExprPtr first, ParseExpr());
  if (Match(TokenKind::kRParen)) return first;
  if (!Match(TokenKind::kComma)) return Expected("')'");
  // (a, b): Spark's row constructor, a struct.
  RUNNEL_ASSIGN_OR_RAISE(std::vector<ExprPtr> rest, ParseExprList());
  RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kRParen, "',' or ')'"));
  rest.insert(rest.begin(), std::move(first));
  return ExprPtr(std::make_shared<FunctionCall>(at, std::vector<std::string>{"struct"}, std::move(rest), false, false));
}

Result<ExprPtr> DescentParser::ParseNameOrCall() {
  const Token& first = Peek();
  SourcePosition at = first.position;
  bool call = Check(TokenKind::kLParen, 1);
  // LEFT and RIGHT are join keywords but also string functions; LIKE, ILIKE, RLIKE and REGEXP
  // are operators but also functions (Spark: like('Spark', '_park')).
  bool reserved_call = call && (first.IsKeyword("LEFT") || first.IsKeyword("RIGHT") ||
                                first.IsKeyword("LIKE") || first.IsKeyword("ILIKE") ||
                                first.IsKeyword("RLIKE") || first.IsKeyword("REGEXP"));
  if (IsReserved(first) && !reserved_call) {
    if (pos_ == 0) return Expected("an expression");
    return Expected("an expression after " + DescribeToken(Previous(), source_));
  }
  std::vector<std::string> parts{Advance().text};
  while (Check(TokenKind::kDot)) {
    if (Check(TokenKind::kStar, 1)) {
      Advance();
      Advance();
      return ExprPtr(std::make_shared<Star>(at, std::move(parts)));
    }
    if (!Check(TokenKind::kIdentifier, 1) && !Check(TokenKind::kQuotedIdentifier, 1)) break;
    Advance();
    parts.push_back(Advance().text);
  }
  if (Check(TokenKind::kLParen)) return ParseFunctionArguments(at, std::move(parts));
  return ExprPtr(std::make_shared<ColumnRef>(at, std::move(parts)));
}

Result<ExprPtr> DescentParser::ParseFunctionArguments(SourcePosition at, std::vector<std::string> name) {
  Advance();  // (
  bool distinct = false, star = false;
  std::vector<ExprPtr> args;
  if (Check(TokenKind::kStar) && Check(TokenKind::kRParen, 1)) {
    Advance();
    star = true;
  } else {
    if (MatchKeyword("DISTINCT")) distinct = true;
    else MatchKeyword("ALL");
    if (!Check(TokenKind::kRParen)) {
      RUNNEL_ASSIGN_OR_RAISE(args, ParseExprList());
    }
  }
  RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kRParen, "',' or ')' after the function arguments"));
  if (CheckKeyword("OVER") || (CheckKeyword("FILTER") && Check(TokenKind::kLParen, 1))) {
    return ErrorAt(Peek().position,
                   "window functions (OVER) and aggregate FILTER clauses are not supported yet",
                   StatusCode::kNotSupported);
  }
  return ExprPtr(std::make_shared<FunctionCall>(at, std::move(name), std::move(args), distinct, star));
}

Result<ExprPtr> DescentParser::ParseCase() {
  SourcePosition at = Advance().position;
  ExprPtr operand;
  if (!CheckKeyword("WHEN")) {
    RUNNEL_ASSIGN_OR_RAISE(operand, ParseExpr());
  }
  std::vector<WhenClause> whens;
  while (MatchKeyword("WHEN")) {
    WhenClause when;
    RUNNEL_ASSIGN_OR_RAISE(when.condition, ParseExpr());
    RUNNEL_RETURN_NOT_OK(ExpectKeyword("THEN"));
    RUNNEL_ASSIGN_OR_RAISE(when.result, ParseExpr());
    whens.push_back(std::move(when));
  }
  if (whens.empty()) return Expected("WHEN");
  ExprPtr else_result;
  if (MatchKeyword("ELSE")) {
    RUNNEL_ASSIGN_OR_RAISE(else_result, ParseExpr());
  }
  if (!MatchKeyword("END")) return Expected("WHEN, ELSE or END");
  return ExprPtr(std::make_shared<CaseExpr>(at, std::move(operand), std::move(whens), std::move(else_result)));
}

Result<ExprPtr> DescentParser::ParseCast(bool try_cast) {
  SourcePosition at = Advance().position;
  Advance();  // (
  RUNNEL_ASSIGN_OR_RAISE(ExprPtr operand, ParseExpr());
  RUNNEL_RETURN_NOT_OK(ExpectKeyword("AS"));
  RUNNEL_ASSIGN_OR_RAISE(type::DataTypePtr type, ParseType());
  RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kRParen, "')' after the CAST type"));
  return ExprPtr(std::make_shared<CastExpr>(at, std::move(operand), std::move(type), try_cast));
}

// EXTRACT(field FROM source) is Spark's extract('field', source).
Result<ExprPtr> DescentParser::ParseExtract() {
  SourcePosition at = Advance().position;
  Advance();  // (
  const Token& field = Advance();
  Advance();  // FROM
  RUNNEL_ASSIGN_OR_RAISE(ExprPtr source, ParseExpr());
  RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kRParen, "')' after EXTRACT"));
  ExprPtr name = std::make_shared<Literal>(field.position, type::Value::String(field.text));
  return ExprPtr(std::make_shared<FunctionCall>(at, std::vector<std::string>{"extract"},
                                                std::vector<ExprPtr>{name, source}, false, false));
}

Result<ExprPtr> DescentParser::ParseTypedLiteral() {
  const Token& keyword = Advance();
  const Token& text = Peek();
  RUNNEL_ASSIGN_OR_RAISE(std::string value, ParseStringLiteral("a string"));
  if (keyword.IsKeyword("DATE")) {
    std::optional<int32_t> days = type::ParseDate(value);
    if (!days) return ErrorAt(text.position, "invalid DATE literal '" + value + "'; write DATE 'yyyy-mm-dd'");
    return ExprPtr(std::make_shared<Literal>(keyword.position, type::Value::Date(*days)));
  }
  std::optional<int64_t> micros = type::ParseTimestamp(value);
  if (!micros) {
    return ErrorAt(text.position, "invalid TIMESTAMP literal '" + value +
                                      "'; write TIMESTAMP 'yyyy-mm-dd hh:mm:ss[.ffffff]'");
  }
  return ExprPtr(std::make_shared<Literal>(keyword.position, type::Value::Timestamp(*micros)));
}

}  // namespace runnel::sql
