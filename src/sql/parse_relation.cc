// FROM relations: tables, STREAM(t), files (parquet.`dir`), subqueries, VALUES, table functions,
// joins, and the pipeline clause WATERMARK col DELAY OF INTERVAL ...
#include "base/spelling.h"
#include "sql/descent_parser.h"

namespace runnel::sql {
namespace {

// The data sources whose name before a back-quoted path reads a file (Spark's run-SQL-on-files).
bool IsFileFormat(std::string_view word) {
  for (std::string_view format : {"csv", "json", "parquet", "text", "orc", "avro", "binaryfile"}) {
    if (base::EqualsIgnoreCase(word, format)) return true;
  }
  return false;
}

}  // namespace

bool DescentParser::CheckJoin() const {
  return CheckAnyKeyword({"JOIN", "INNER", "CROSS", "LEFT", "RIGHT", "FULL", "SEMI", "ANTI", "NATURAL"});
}

Result<RelationPtr> DescentParser::ParseJoinedRelation() {
  DepthGuard guard(this);
  RUNNEL_RETURN_NOT_OK(guard.Enter());
  RUNNEL_ASSIGN_OR_RAISE(RelationPtr left, ParseRelationPrimary());
  while (CheckJoin()) {
    SourcePosition at = Peek().position;
    if (CheckKeyword("NATURAL")) {
      return ErrorAt(at, "NATURAL joins are not supported; write JOIN ... USING (columns)",
                     StatusCode::kNotSupported);
    }
    JoinType type = JoinType::kInner;
    if (MatchKeyword("CROSS")) {
      type = JoinType::kCross;
    } else if (MatchKeyword("INNER")) {
    } else if (MatchKeyword("LEFT")) {
      if (MatchKeyword("SEMI")) type = JoinType::kLeftSemi;
      else if (MatchKeyword("ANTI")) type = JoinType::kLeftAnti;
      else {
        MatchKeyword("OUTER");
        type = JoinType::kLeft;
      }
    } else if (MatchKeyword("RIGHT")) {
      MatchKeyword("OUTER");
      type = JoinType::kRight;
    } else if (MatchKeyword("FULL")) {
      MatchKeyword("OUTER");
      type = JoinType::kFull;
    } else if (MatchKeyword("SEMI")) {
      type = JoinType::kLeftSemi;
    } else if (MatchKeyword("ANTI")) {
      type = JoinType::kLeftAnti;
    }
    RUNNEL_RETURN_NOT_OK(ExpectKeyword("JOIN"));
    RUNNEL_RETURN_NOT_OK(guard.Extend());
    RUNNEL_ASSIGN_OR_RAISE(RelationPtr right, ParseRelationPrimary());
    ExprPtr on;
    std::vector<std::string> using_columns;
    if (MatchKeyword("ON")) {
      RUNNEL_ASSIGN_OR_RAISE(on, ParseExpr());
    } else if (MatchKeyword("USING")) {
      RUNNEL_ASSIGN_OR_RAISE(using_columns, ParseIdentifierList("a column name"));
    }
    left = std::make_shared<JoinRelation>(at, type, std::move(left), std::move(right), std::move(on),
                                          std::move(using_columns));
  }
  return left;
}

Result<RelationPtr> DescentParser::ParseRelationPrimary() {
  RelationPtr relation;
  SourcePosition at = Peek().position;
  if (Check(TokenKind::kLParen)) {
    RUNNEL_ASSIGN_OR_RAISE(relation, ParseParenthesizedRelation());
  } else if (MatchKeyword("VALUES")) {
    RUNNEL_ASSIGN_OR_RAISE(auto rows, ParseValuesRows());
    RUNNEL_ASSIGN_OR_RAISE(TableAlias alias, ParseTableAlias());
    relation = std::make_shared<ValuesRelation>(at, std::move(rows), std::move(alias));
  } else {
    RUNNEL_ASSIGN_OR_RAISE(relation, ParseNamedRelation());
  }
  if (CheckKeyword("WATERMARK")) return ParseWatermark(std::move(relation));
  return relation;
}

Result<RelationPtr> DescentParser::ParseParenthesizedRelation() {
  SourcePosition at = Advance().position;  // (
  if (StartsQuery()) {
    RUNNEL_ASSIGN_OR_RAISE(QueryPtr query, ParseQuery());
    RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kRParen, "')' after the subquery"));
    RUNNEL_ASSIGN_OR_RAISE(TableAlias alias, ParseTableAlias());
    return RelationPtr(std::make_shared<SubqueryRelation>(at, std::move(query), std::move(alias)));
  }
  // (a JOIN b ON ...): parentheses around a join only group.
  RUNNEL_ASSIGN_OR_RAISE(RelationPtr inner, ParseJoinedRelation());
  RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kRParen, "')'"));
  return inner;
}

Result<RelationPtr> DescentParser::ParseNamedRelation() {
  SourcePosition at = Peek().position;
  bool streaming = false;
  std::vector<std::string> name;
  if (CheckKeyword("STREAM") && Check(TokenKind::kLParen, 1)) {
    Advance();
    Advance();
    streaming = true;
    RUNNEL_ASSIGN_OR_RAISE(name, ParseQualifiedName("a table or view name"));
    RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kRParen, "')' after the STREAM name"));
  } else if (CheckKeyword("STREAM") && CheckIdentifier(1)) {
    Advance();
    streaming = true;
    RUNNEL_ASSIGN_OR_RAISE(name, ParseQualifiedName("a table or view name"));
  } else {
    const Token& first = Peek();
    RUNNEL_ASSIGN_OR_RAISE(name, ParseQualifiedName("a table name"));
    if (Check(TokenKind::kLParen)) {  // a table-valued function: range(10)
      Advance();
      std::vector<ExprPtr> args;
      if (!Check(TokenKind::kRParen)) {
        RUNNEL_ASSIGN_OR_RAISE(args, ParseExprList());
      }
      RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kRParen, "',' or ')' after the arguments"));
      RUNNEL_ASSIGN_OR_RAISE(TableAlias alias, ParseTableAlias());
      return RelationPtr(std::make_shared<TableFunctionRelation>(at, std::move(name), std::move(args), std::move(alias)));
    }
    if (name.size() == 2 && first.kind == TokenKind::kIdentifier && IsFileFormat(name[0]) &&
        Previous().kind == TokenKind::kQuotedIdentifier) {
      RUNNEL_ASSIGN_OR_RAISE(TableAlias alias, ParseTableAlias());
      return RelationPtr(std::make_shared<FileRelation>(at, name[0], name[1], std::move(alias)));
    }
  }
  RUNNEL_ASSIGN_OR_RAISE(TableAlias alias, ParseTableAlias());
  return RelationPtr(std::make_shared<TableRelation>(at, std::move(name), streaming, std::move(alias)));
}

// relation WATERMARK expr [AS name] DELAY OF interval [[AS] alias]
Result<RelationPtr> DescentParser::ParseWatermark(RelationPtr input) {
  SourcePosition at = Advance().position;
  RUNNEL_ASSIGN_OR_RAISE(ExprPtr event_time, ParseExpr());
  std::string event_time_alias;
  if (MatchKeyword("AS")) {
    RUNNEL_ASSIGN_OR_RAISE(event_time_alias, ParseIdentifier("a name for the event time"));
  }
  if (!CheckKeyword("DELAY")) return Expected("DELAY OF after the watermark column");
  Advance();
  RUNNEL_RETURN_NOT_OK(ExpectKeyword("OF"));
  RUNNEL_ASSIGN_OR_RAISE(ExprPtr delay, ParseExpr());
  RUNNEL_ASSIGN_OR_RAISE(TableAlias alias, ParseTableAlias());
  return RelationPtr(std::make_shared<WatermarkRelation>(at, std::move(input), std::move(event_time),
                                                         std::move(event_time_alias), std::move(delay),
                                                         std::move(alias)));
}

Result<TableAlias> DescentParser::ParseTableAlias() {
  TableAlias alias;
  if (MatchKeyword("AS")) {
    RUNNEL_ASSIGN_OR_RAISE(alias.name, ParseIdentifier("an alias after AS"));
  } else if (CheckIdentifier()) {
    alias.name = Advance().text;
  } else {
    return alias;
  }
  if (Check(TokenKind::kLParen)) {
    RUNNEL_ASSIGN_OR_RAISE(alias.columns, ParseIdentifierList("a column alias"));
  }
  return alias;
}

// LATERAL VIEW [OUTER] explode(x) t [AS] a, b
Result<LateralView> DescentParser::ParseLateralView() {
  LateralView view;
  view.position = Advance().position;
  Advance();  // VIEW
  view.outer = MatchKeyword("OUTER");
  SourcePosition at = Peek().position;
  RUNNEL_ASSIGN_OR_RAISE(std::vector<std::string> name, ParseQualifiedName("a generator function such as explode"));
  if (!Check(TokenKind::kLParen)) return Expected("'(' after the generator function");
  RUNNEL_ASSIGN_OR_RAISE(view.generator, ParseFunctionArguments(at, std::move(name)));
  RUNNEL_ASSIGN_OR_RAISE(view.table_alias, ParseIdentifier("a table alias for the LATERAL VIEW"));
  bool as = MatchKeyword("AS");
  if (as || CheckIdentifier()) {
    do {
      RUNNEL_ASSIGN_OR_RAISE(std::string column, ParseIdentifier("a column alias"));
      view.column_aliases.push_back(std::move(column));
    } while (Match(TokenKind::kComma) && CheckIdentifier());
  }
  return view;
}

}  // namespace runnel::sql
