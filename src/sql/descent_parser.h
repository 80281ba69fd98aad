// The recursive-descent parser over a token list. Its member functions are spread over
// parse_expression.cc, parse_type.cc, parse_query.cc, parse_relation.cc, parse_statement.cc and
// parse_create.cc, one grammar area each; the cursor, errors and the depth bound live in
// descent_parser.cc. Users call the functions of parser.h instead.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "sql/ast.h"
#include "sql/token.h"

namespace runnel::sql {

class DescentParser {
 public:
  // Bounds that keep hostile input from exhausting the stack. kMaxDepth bounds the height of
  // the tree (parentheses, subqueries, types, and chains such as a + b + c, which later passes
  // walk recursively); kMaxRecursion bounds the parser's own recursion, which costs far more
  // stack per level (about 16 KiB per parenthesis under AddressSanitizer).
  static constexpr int kMaxDepth = 1000;
  static constexpr int kMaxRecursion = 250;

  DescentParser(std::string_view source, std::vector<Token> tokens)
      : source_(source), tokens_(std::move(tokens)) {}

  Result<std::vector<Statement>> ParseScript();
  Result<ExprPtr> ParseStandaloneExpression();
  // After a failure: where the error is.
  SourcePosition error_position() const { return error_position_; }

 private:
  // Counts levels of nesting while alive. Enter() is a recursive descent, one more level of
  // both tree and stack; Extend() one more operator in a chain parsed by a loop, a level of
  // tree only. Each fails past its bound.
  class DepthGuard {
   public:
    explicit DepthGuard(DescentParser* parser) : parser_(parser) {}
    ~DepthGuard() {
      parser_->depth_ -= levels_;
      parser_->recursion_ -= recursion_levels_;
    }
    Status Enter();
    Status Extend();
    DepthGuard(const DepthGuard&) = delete;
    DepthGuard& operator=(const DepthGuard&) = delete;

   private:
    Status TooDeep();

    DescentParser* parser_;
    int levels_ = 0;
    int recursion_levels_ = 0;
  };

  // ---- Cursor and errors (descent_parser.cc) ----
  const Token& Peek(size_t ahead = 0) const;
  const Token& Previous() const { return tokens_[pos_ > 0 ? pos_ - 1 : 0]; }
  const Token& Advance();
  bool Check(TokenKind kind, size_t ahead = 0) const { return Peek(ahead).kind == kind; }
  bool CheckKeyword(std::string_view keyword, size_t ahead = 0) const {
    return Peek(ahead).IsKeyword(keyword);
  }
  bool CheckAnyKeyword(std::initializer_list<std::string_view> keywords, size_t ahead = 0) const;
  bool Match(TokenKind kind);
  bool MatchKeyword(std::string_view keyword);
  Status Expect(TokenKind kind, std::string_view shown);
  Status ExpectKeyword(std::string_view keyword);
  // "expected <what>, found <current token>" at the current token.
  Status Expected(std::string_view what);
  Status ErrorAt(SourcePosition position, std::string_view problem,
                 StatusCode code = StatusCode::kSyntax);
  SourcePosition ErrorPositionOf(const Token& token) const;
  // Spark keywords that cannot be bare names or implicit aliases without back quotes.
  static bool IsReserved(const Token& token);
  bool CheckIdentifier(size_t ahead = 0) const;
  Result<std::string> ParseIdentifier(std::string_view what);
  Result<std::vector<std::string>> ParseQualifiedName(std::string_view what);
  Result<std::vector<std::string>> ParseIdentifierList(std::string_view what);  // (a, b)
  Result<std::string> ParseStringLiteral(std::string_view what);
  // True when the tokens from `ahead` on open a query: SELECT, WITH, VALUES, TABLE, or
  // parentheses around one.
  bool StartsQuery(size_t ahead = 0) const;

  // ---- Expressions (parse_expression.cc) ----
  Result<ExprPtr> ParseExpr();
  Result<ExprPtr> ParseAnd();
  Result<ExprPtr> ParseNot();
  Result<ExprPtr> ParsePredicate();
  Result<ExprPtr> ParsePredicateSuffix(ExprPtr left, bool* matched);
  Result<ExprPtr> ParseBinaryLevel(int level);
  Result<ExprPtr> ParseUnary();
  Result<ExprPtr> ParsePostfix();
  Result<ExprPtr> ParsePrimary();
  Result<ExprPtr> ParseParenthesized();
  Result<ExprPtr> ParseNameOrCall();
  Result<ExprPtr> ParseFunctionArguments(SourcePosition position, std::vector<std::string> name);
  Result<ExprPtr> ParseCase();
  Result<ExprPtr> ParseCast(bool try_cast);
  Result<ExprPtr> ParseExtract();
  Result<ExprPtr> ParseTypedLiteral();
  Result<ExprPtr> ParseInterval();
  Result<ExprPtr> ParseNumber();
  Result<std::vector<ExprPtr>> ParseExprList();  // a, b, c (at least one)

  // ---- Types and definitions (parse_type.cc) ----
  Result<type::DataTypePtr> ParseType();
  Result<type::DataTypePtr> ParseStructType();
  Result<type::DataTypePtr> ParseIntervalType();
  Result<std::vector<ColumnDefinition>> ParseColumnDefinitions();
  Result<OptionList> ParseOptionList();

  // ---- Queries (parse_query.cc) ----
  Result<QueryPtr> ParseQuery();
  Result<std::vector<CommonTableExpr>> ParseWith();
  Result<QueryTermPtr> ParseSetOperation();
  Result<QueryTermPtr> ParseIntersect();
  Result<QueryTermPtr> ParseQueryPrimary();
  Result<QueryTermPtr> ParseSelect();
  Result<SelectItem> ParseSelectItem();
  Result<std::vector<std::vector<ExprPtr>>> ParseValuesRows();
  Result<std::vector<SortItem>> ParseOrderBy();

  // ---- Relations (parse_relation.cc) ----
  Result<RelationPtr> ParseJoinedRelation();
  Result<RelationPtr> ParseRelationPrimary();
  Result<RelationPtr> ParseParenthesizedRelation();
  Result<RelationPtr> ParseNamedRelation();
  Result<RelationPtr> ParseWatermark(RelationPtr input);
  Result<TableAlias> ParseTableAlias();
  Result<LateralView> ParseLateralView();
  bool CheckJoin() const;

  // ---- Statements (parse_statement.cc, parse_create.cc) ----
  Result<Statement> ParseStatement();
  Result<StatementNode> ParseStatementNode();
  Result<StatementNode> ParseExplain();
  Result<StatementNode> ParseInsert();
  Result<StatementNode> ParseDrop();
  Result<StatementNode> ParseShow();
  Result<StatementNode> ParseDescribe();
  Result<StatementNode> ParseSet();
  Result<StatementNode> ParseReset();
  Result<StatementNode> ParseRefresh();
  Result<StatementNode> ParseCreate();
  Result<StatementNode> ParseCreateView(bool or_replace, bool temporary);
  Result<StatementNode> ParseCreateTable(bool or_replace);
  Result<StatementNode> ParseCreatePipelineTable(bool or_refresh, bool materialized);
  Result<StatementNode> ParseCreateSink();
  Result<StatementNode> ParseCreateFlow();
  // The raw text of the tokens from the current one to the end of the statement.
  std::string_view RestOfStatementText(size_t* end_token) const;

  std::string_view source_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  int depth_ = 0;
  int recursion_ = 0;
  SourcePosition error_position_;
};

}  // namespace runnel::sql
