// Statement dispatch and the statements other than CREATE (see parse_create.cc).
#include "base/spelling.h"
#include "sql/descent_parser.h"

namespace runnel::sql {
namespace {

std::string_view TrimText(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

const std::vector<std::string>& StatementKeywords() {
  static const std::vector<std::string> kKeywords = {
      "SELECT", "WITH",  "VALUES", "EXPLAIN", "CREATE", "INSERT",  "DROP",
      "SHOW",   "DESCRIBE", "DESC", "SET",    "RESET",  "USE",     "REFRESH"};
  return kKeywords;
}

}  // namespace

Result<Statement> DescentParser::ParseStatement() {
  Statement statement;
  const Token& first = Peek();
  statement.position = first.position;
  RUNNEL_ASSIGN_OR_RAISE(statement.node, ParseStatementNode());
  const Token& last = Previous();
  size_t end = last.position.offset + last.length;
  statement.text = std::string(source_.substr(first.position.offset, end - first.position.offset));
  return statement;
}

Result<StatementNode> DescentParser::ParseStatementNode() {
  if (StartsQuery()) {
    RUNNEL_ASSIGN_OR_RAISE(QueryPtr query, ParseQuery());
    return StatementNode(QueryStatement{std::move(query)});
  }
  if (CheckKeyword("EXPLAIN")) return ParseExplain();
  if (CheckKeyword("CREATE")) return ParseCreate();
  if (CheckKeyword("INSERT")) return ParseInsert();
  if (CheckKeyword("DROP")) return ParseDrop();
  if (CheckKeyword("SHOW")) return ParseShow();
  if (CheckKeyword("DESCRIBE") || CheckKeyword("DESC")) return ParseDescribe();
  if (CheckKeyword("SET")) return ParseSet();
  if (CheckKeyword("RESET")) return ParseReset();
  if (CheckKeyword("REFRESH")) return ParseRefresh();
  if (MatchKeyword("USE")) {
    if (CheckAnyKeyword({"DATABASE", "SCHEMA", "NAMESPACE"}) && CheckIdentifier(1)) Advance();
    RUNNEL_ASSIGN_OR_RAISE(std::vector<std::string> name, ParseQualifiedName("a database name"));
    return StatementNode(UseStatement{std::move(name)});
  }
  std::string problem = "expected a statement (SELECT, CREATE, INSERT, DROP, SHOW, DESCRIBE, "
                        "EXPLAIN, SET, ...), found " + DescribeToken(Peek(), source_);
  if (Check(TokenKind::kIdentifier)) {
    std::vector<std::string> close = base::ClosestMatches(Peek().text, StatementKeywords(), 1);
    if (!close.empty()) problem += " (did you mean " + close[0] + "?)";
  }
  return ErrorAt(ErrorPositionOf(Peek()), problem);
}

Result<StatementNode> DescentParser::ParseExplain() {
  Advance();
  ExplainStatement explain;
  if (MatchKeyword("EXTENDED")) explain.mode = ExplainMode::kExtended;
  else if (MatchKeyword("FORMATTED")) explain.mode = ExplainMode::kFormatted;
  else if (CheckAnyKeyword({"CODEGEN", "COST", "LOGICAL"}) && !Check(TokenKind::kLParen, 1)) {
    return ErrorAt(Peek().position, "EXPLAIN " + Peek().text + " is not supported; use EXPLAIN [EXTENDED|FORMATTED]",
                   StatusCode::kNotSupported);
  }
  RUNNEL_ASSIGN_OR_RAISE(Statement inner, ParseStatement());
  explain.statement = std::make_shared<Statement>(std::move(inner));
  return StatementNode(std::move(explain));
}

// INSERT INTO [TABLE] t [(cols)] [BY NAME] query; INSERT OVERWRITE [TABLE] t query
Result<StatementNode> DescentParser::ParseInsert() {
  Advance();
  InsertStatement insert;
  if (MatchKeyword("OVERWRITE")) insert.overwrite = true;
  else RUNNEL_RETURN_NOT_OK(ExpectKeyword("INTO"));
  if (CheckKeyword("TABLE") && CheckIdentifier(1)) Advance();
  RUNNEL_ASSIGN_OR_RAISE(insert.table, ParseQualifiedName("a table name"));
  if (Check(TokenKind::kLParen) && !StartsQuery(1)) {
    RUNNEL_ASSIGN_OR_RAISE(insert.columns, ParseIdentifierList("a column name"));
  }
  if (CheckKeyword("BY") && CheckKeyword("NAME", 1)) {
    Advance();
    Advance();
    insert.by_name = true;
  }
  if (!StartsQuery()) return Expected("a query (SELECT, VALUES, WITH) after the INSERT target");
  RUNNEL_ASSIGN_OR_RAISE(insert.query, ParseQuery());
  return StatementNode(std::move(insert));
}

Result<StatementNode> DescentParser::ParseDrop() {
  Advance();
  DropStatement drop;
  if (MatchKeyword("TABLE")) drop.object = ObjectKind::kTable;
  else if (MatchKeyword("VIEW")) drop.object = ObjectKind::kView;
  else if (CheckKeyword("MATERIALIZED") && CheckKeyword("VIEW", 1)) {
    Advance();
    Advance();
    drop.object = ObjectKind::kMaterializedView;
  } else if (CheckKeyword("STREAMING") && CheckKeyword("TABLE", 1)) {
    Advance();
    Advance();
    drop.object = ObjectKind::kStreamingTable;
  } else if (MatchKeyword("FLOW")) {
    drop.object = ObjectKind::kFlow;
  } else if (MatchKeyword("SINK")) {
    drop.object = ObjectKind::kSink;
  } else {
    return Expected("TABLE, VIEW, MATERIALIZED VIEW, STREAMING TABLE, FLOW or SINK after DROP");
  }
  if (CheckKeyword("IF") && CheckKeyword("EXISTS", 1)) {
    Advance();
    Advance();
    drop.if_exists = true;
  }
  RUNNEL_ASSIGN_OR_RAISE(drop.name, ParseQualifiedName("a name"));
  return StatementNode(std::move(drop));
}

Result<StatementNode> DescentParser::ParseShow() {
  Advance();
  if (MatchKeyword("TABLES")) {
    ShowTablesStatement show;
    if (MatchKeyword("IN") || MatchKeyword("FROM")) {
      RUNNEL_ASSIGN_OR_RAISE(show.database, ParseQualifiedName("a database name"));
    }
    MatchKeyword("LIKE");
    if (Check(TokenKind::kString)) show.pattern = Advance().text;
    return StatementNode(std::move(show));
  }
  if (MatchKeyword("FUNCTIONS")) {
    ShowFunctionsStatement show;
    MatchKeyword("LIKE");
    if (Check(TokenKind::kString)) show.pattern = Advance().text;
    return StatementNode(std::move(show));
  }
  return Expected("TABLES or FUNCTIONS after SHOW");
}

// DESCRIBE [TABLE] [EXTENDED|FORMATTED] t; DESCRIBE FUNCTION [EXTENDED] f
Result<StatementNode> DescentParser::ParseDescribe() {
  Advance();
  if (CheckKeyword("FUNCTION") && (CheckIdentifier(1) || Check(TokenKind::kString, 1))) {
    Advance();
    DescribeFunctionStatement describe;
    describe.extended = MatchKeyword("EXTENDED");
    if (Check(TokenKind::kString)) {
      describe.name = {Advance().text};
    } else {
      RUNNEL_ASSIGN_OR_RAISE(describe.name, ParseQualifiedName("a function name"));
    }
    return StatementNode(std::move(describe));
  }
  DescribeTableStatement describe;
  if (CheckKeyword("TABLE") && CheckIdentifier(1)) Advance();
  if ((CheckKeyword("EXTENDED") || CheckKeyword("FORMATTED")) && CheckIdentifier(1)) {
    Advance();
    describe.extended = true;
  }
  RUNNEL_ASSIGN_OR_RAISE(describe.name, ParseQualifiedName("a table name"));
  return StatementNode(std::move(describe));
}

std::string_view DescentParser::RestOfStatementText(size_t* end_token) const {
  size_t i = pos_;
  while (tokens_[i].kind != TokenKind::kSemicolon && tokens_[i].kind != TokenKind::kEnd) ++i;
  *end_token = i;
  if (i == pos_) return {};
  const Token& last = tokens_[i - 1];
  size_t start = tokens_[pos_].position.offset;
  return source_.substr(start, last.position.offset + last.length - start);
}

// SET; SET key; SET key = value. Spark takes the key and value as raw text (SET a.b-c = x y).
Result<StatementNode> DescentParser::ParseSet() {
  Advance();
  SetStatement set;
  size_t end = 0;
  RestOfStatementText(&end);
  if (end == pos_) return StatementNode(set);
  size_t equals = pos_;
  while (equals < end && tokens_[equals].kind != TokenKind::kEq) ++equals;
  auto text_of = [&](size_t from, size_t to) -> std::string {
    if (from >= to) return "";
    if (to - from == 1 && (tokens_[from].kind == TokenKind::kString ||
                           tokens_[from].kind == TokenKind::kQuotedIdentifier)) {
      return tokens_[from].text;
    }
    size_t start = tokens_[from].position.offset;
    const Token& last = tokens_[to - 1];
    return std::string(TrimText(source_.substr(start, last.position.offset + last.length - start)));
  };
  std::string key = text_of(pos_, equals);
  if (key.empty()) return ErrorAt(Peek().position, "expected a configuration key before '='");
  set.key = std::move(key);
  if (equals < end) set.value = text_of(equals + 1, end);
  pos_ = end;
  return StatementNode(std::move(set));
}

Result<StatementNode> DescentParser::ParseReset() {
  Advance();
  ResetStatement reset;
  size_t end = 0;
  std::string_view key = RestOfStatementText(&end);
  if (!key.empty()) reset.key = std::string(key);
  pos_ = end;
  return StatementNode(std::move(reset));
}

// REFRESH STREAMING TABLE t | MATERIALIZED VIEW v | FLOW f | TABLE t
Result<StatementNode> DescentParser::ParseRefresh() {
  Advance();
  RefreshStatement refresh;
  if (CheckKeyword("STREAMING") && CheckKeyword("TABLE", 1)) {
    Advance();
    Advance();
    refresh.object = ObjectKind::kStreamingTable;
  } else if (CheckKeyword("MATERIALIZED") && CheckKeyword("VIEW", 1)) {
    Advance();
    Advance();
    refresh.object = ObjectKind::kMaterializedView;
  } else if (MatchKeyword("FLOW")) {
    refresh.object = ObjectKind::kFlow;
  } else if (MatchKeyword("TABLE")) {
    refresh.object = ObjectKind::kTable;
  } else {
    return Expected("STREAMING TABLE, MATERIALIZED VIEW, FLOW or TABLE after REFRESH");
  }
  RUNNEL_ASSIGN_OR_RAISE(refresh.name, ParseQualifiedName("a name"));
  return StatementNode(std::move(refresh));
}

}  // namespace runnel::sql
