// CREATE statements: views (over a query or a source), tables, and the pipeline objects
// (streaming tables, materialized views, sinks, flows).
#include "sql/descent_parser.h"

namespace runnel::sql {

Result<StatementNode> DescentParser::ParseCreate() {
  Advance();
  bool or_replace = false, or_refresh = false, temporary = false;
  if (CheckKeyword("OR") && CheckKeyword("REPLACE", 1)) {
    Advance();
    Advance();
    or_replace = true;
  } else if (CheckKeyword("OR") && CheckKeyword("REFRESH", 1)) {
    Advance();
    Advance();
    or_refresh = true;
  }
  SourcePosition temporary_at = Peek().position;
  if (MatchKeyword("GLOBAL")) {
    if (!CheckKeyword("TEMPORARY") && !CheckKeyword("TEMP")) return Expected("TEMPORARY after GLOBAL");
  }
  if (MatchKeyword("TEMPORARY") || MatchKeyword("TEMP")) temporary = true;
  bool pipeline = CheckKeyword("STREAMING") || CheckKeyword("MATERIALIZED");
  if (or_refresh && !pipeline) {
    return Expected("STREAMING TABLE or MATERIALIZED VIEW after CREATE OR REFRESH");
  }
  if (temporary && !CheckKeyword("VIEW")) {
    return ErrorAt(temporary_at, "only views can be TEMPORARY; write CREATE TEMPORARY VIEW",
                   StatusCode::kNotSupported);
  }
  if (MatchKeyword("VIEW")) return ParseCreateView(or_replace, temporary);
  if (MatchKeyword("TABLE")) return ParseCreateTable(or_replace);
  if (CheckKeyword("STREAMING") && CheckKeyword("TABLE", 1)) {
    Advance();
    Advance();
    return ParseCreatePipelineTable(or_refresh || or_replace, /*materialized=*/false);
  }
  if (CheckKeyword("MATERIALIZED") && CheckKeyword("VIEW", 1)) {
    Advance();
    Advance();
    return ParseCreatePipelineTable(or_refresh || or_replace, /*materialized=*/true);
  }
  if (!or_replace && MatchKeyword("SINK")) return ParseCreateSink();
  if (!or_replace && MatchKeyword("FLOW")) return ParseCreateFlow();
  return Expected("VIEW, TABLE, STREAMING TABLE, MATERIALIZED VIEW, SINK or FLOW after CREATE");
}

Result<StatementNode> DescentParser::ParseCreateView(bool or_replace, bool temporary) {
  bool if_not_exists = false;
  if (CheckKeyword("IF") && CheckKeyword("NOT", 1) && CheckKeyword("EXISTS", 2)) {
    pos_ += 3;
    if_not_exists = true;
  }
  RUNNEL_ASSIGN_OR_RAISE(std::vector<std::string> name, ParseQualifiedName("a view name"));
  std::vector<std::string> column_names;
  std::vector<ColumnDefinition> column_definitions;
  if (Check(TokenKind::kLParen)) {
    // (a, b) names the query's columns; (a INT, b STRING) gives a source's schema.
    bool names_only = CheckIdentifier(1) && (Check(TokenKind::kComma, 2) || Check(TokenKind::kRParen, 2));
    if (names_only) {
      RUNNEL_ASSIGN_OR_RAISE(column_names, ParseIdentifierList("a column name"));
    } else {
      RUNNEL_ASSIGN_OR_RAISE(column_definitions, ParseColumnDefinitions());
    }
  }
  if (MatchKeyword("USING")) {
    CreateSourceViewStatement view;
    view.or_replace = or_replace;
    view.temporary = temporary;
    view.if_not_exists = if_not_exists;
    view.name = std::move(name);
    view.columns = std::move(column_definitions);
    RUNNEL_ASSIGN_OR_RAISE(view.format, ParseIdentifier("a source format such as json or parquet"));
    if (MatchKeyword("OPTIONS")) {
      RUNNEL_ASSIGN_OR_RAISE(view.options, ParseOptionList());
    }
    return StatementNode(std::move(view));
  }
  if (!column_definitions.empty()) {
    return ErrorAt(column_definitions.front().position,
                   "a view over a query takes column names only; drop the types, or add USING "
                   "format for a view over a source");
  }
  CreateViewStatement view;
  view.or_replace = or_replace;
  view.temporary = temporary;
  view.if_not_exists = if_not_exists;
  view.name = std::move(name);
  view.columns = std::move(column_names);
  RUNNEL_RETURN_NOT_OK(ExpectKeyword("AS"));
  if (!StartsQuery()) return Expected("a query after AS");
  RUNNEL_ASSIGN_OR_RAISE(view.query, ParseQuery());
  return StatementNode(std::move(view));
}

Result<StatementNode> DescentParser::ParseCreateTable(bool or_replace) {
  CreateTableStatement table;
  table.or_replace = or_replace;
  if (CheckKeyword("IF") && CheckKeyword("NOT", 1) && CheckKeyword("EXISTS", 2)) {
    pos_ += 3;
    table.if_not_exists = true;
  }
  RUNNEL_ASSIGN_OR_RAISE(table.name, ParseQualifiedName("a table name"));
  if (Check(TokenKind::kLParen) && !StartsQuery(1)) {
    RUNNEL_ASSIGN_OR_RAISE(table.columns, ParseColumnDefinitions());
  }
  // Spark accepts the clauses in any order.
  for (;;) {
    if (MatchKeyword("USING")) {
      RUNNEL_ASSIGN_OR_RAISE(table.format, ParseIdentifier("a format such as parquet"));
    } else if (CheckKeyword("PARTITIONED") && CheckKeyword("BY", 1)) {
      pos_ += 2;
      RUNNEL_ASSIGN_OR_RAISE(table.partition_by, ParseIdentifierList("a partition column"));
    } else if (MatchKeyword("LOCATION")) {
      RUNNEL_ASSIGN_OR_RAISE(table.location, ParseStringLiteral("a quoted path after LOCATION"));
    } else if (MatchKeyword("OPTIONS")) {
      RUNNEL_ASSIGN_OR_RAISE(table.options, ParseOptionList());
    } else if (MatchKeyword("COMMENT")) {
      RUNNEL_ASSIGN_OR_RAISE(table.comment, ParseStringLiteral("a comment string"));
    } else if (MatchKeyword("TBLPROPERTIES")) {
      RUNNEL_ASSIGN_OR_RAISE(table.properties, ParseOptionList());
    } else {
      break;
    }
  }
  bool as = MatchKeyword("AS");
  if (as || StartsQuery()) {
    if (!StartsQuery()) return Expected("a query after AS");
    RUNNEL_ASSIGN_OR_RAISE(table.query, ParseQuery());
  }
  return StatementNode(std::move(table));
}

Result<StatementNode> DescentParser::ParseCreatePipelineTable(bool or_refresh, bool materialized) {
  CreateStreamingTableStatement table;
  table.or_refresh = or_refresh;
  if (CheckKeyword("IF") && CheckKeyword("NOT", 1) && CheckKeyword("EXISTS", 2)) {
    pos_ += 3;
    table.if_not_exists = true;
  }
  RUNNEL_ASSIGN_OR_RAISE(table.name, ParseQualifiedName(materialized ? "a view name" : "a table name"));
  if (Check(TokenKind::kLParen) && !StartsQuery(1)) {
    RUNNEL_ASSIGN_OR_RAISE(table.columns, ParseColumnDefinitions());
  }
  for (;;) {
    if (CheckKeyword("PARTITIONED") && CheckKeyword("BY", 1)) {
      pos_ += 2;
      RUNNEL_ASSIGN_OR_RAISE(table.partition_by, ParseIdentifierList("a partition column"));
    } else if (MatchKeyword("COMMENT")) {
      RUNNEL_ASSIGN_OR_RAISE(table.comment, ParseStringLiteral("a comment string"));
    } else if (MatchKeyword("TBLPROPERTIES")) {
      RUNNEL_ASSIGN_OR_RAISE(table.properties, ParseOptionList());
    } else {
      break;
    }
  }
  if (MatchKeyword("AS")) {
    if (!StartsQuery()) return Expected("a query after AS");
    RUNNEL_ASSIGN_OR_RAISE(table.query, ParseQuery());
  } else if (materialized) {
    return Expected("AS and the query of the materialized view");
  }
  if (!materialized) return StatementNode(std::move(table));
  CreateMaterializedViewStatement view;
  view.or_refresh = table.or_refresh;
  view.if_not_exists = table.if_not_exists;
  view.name = std::move(table.name);
  view.columns = std::move(table.columns);
  view.partition_by = std::move(table.partition_by);
  view.comment = std::move(table.comment);
  view.properties = std::move(table.properties);
  view.query = std::move(table.query);
  return StatementNode(std::move(view));
}

Result<StatementNode> DescentParser::ParseCreateSink() {
  CreateSinkStatement sink;
  RUNNEL_ASSIGN_OR_RAISE(sink.name, ParseQualifiedName("a sink name"));
  RUNNEL_RETURN_NOT_OK(ExpectKeyword("USING"));
  RUNNEL_ASSIGN_OR_RAISE(sink.format, ParseIdentifier("a sink format such as console or kafka"));
  if (MatchKeyword("OPTIONS")) {
    RUNNEL_ASSIGN_OR_RAISE(sink.options, ParseOptionList());
  }
  return StatementNode(std::move(sink));
}

// CREATE FLOW f [OUTPUT MODE APPEND|UPDATE|COMPLETE] AS INSERT INTO [TABLE] target [BY NAME] query
Result<StatementNode> DescentParser::ParseCreateFlow() {
  CreateFlowStatement flow;
  RUNNEL_ASSIGN_OR_RAISE(flow.name, ParseQualifiedName("a flow name"));
  if (MatchKeyword("OUTPUT")) {
    RUNNEL_RETURN_NOT_OK(ExpectKeyword("MODE"));
    if (MatchKeyword("APPEND")) flow.output_mode = OutputMode::kAppend;
    else if (MatchKeyword("UPDATE")) flow.output_mode = OutputMode::kUpdate;
    else if (MatchKeyword("COMPLETE")) flow.output_mode = OutputMode::kComplete;
    else return Expected("APPEND, UPDATE or COMPLETE after OUTPUT MODE");
  }
  RUNNEL_RETURN_NOT_OK(ExpectKeyword("AS"));
  RUNNEL_RETURN_NOT_OK(ExpectKeyword("INSERT"));
  RUNNEL_RETURN_NOT_OK(ExpectKeyword("INTO"));
  if (CheckKeyword("TABLE") && CheckIdentifier(1)) Advance();
  RUNNEL_ASSIGN_OR_RAISE(flow.target, ParseQualifiedName("the flow's target table or sink"));
  if (CheckKeyword("BY") && CheckKeyword("NAME", 1)) {
    pos_ += 2;
    flow.by_name = true;
  }
  if (!StartsQuery()) return Expected("the flow's query (SELECT ...)");
  RUNNEL_ASSIGN_OR_RAISE(flow.query, ParseQuery());
  return StatementNode(std::move(flow));
}

}  // namespace runnel::sql
