// Queries: [WITH ...] body [ORDER BY] [LIMIT] [OFFSET], where INTERSECT binds tighter than UNION
// and EXCEPT, and the body's operands are SELECT, VALUES or a parenthesized query.
#include "sql/descent_parser.h"

namespace runnel::sql {

Result<QueryPtr> DescentParser::ParseQuery() {
  DepthGuard guard(this);
  RUNNEL_RETURN_NOT_OK(guard.Enter());
  auto query = std::make_shared<Query>();
  query->position = Peek().position;
  if (CheckKeyword("WITH")) {
    RUNNEL_ASSIGN_OR_RAISE(query->ctes, ParseWith());
  }
  RUNNEL_ASSIGN_OR_RAISE(query->body, ParseSetOperation());
  if (CheckKeyword("ORDER") && CheckKeyword("BY", 1)) {
    Advance();
    Advance();
    RUNNEL_ASSIGN_OR_RAISE(query->order_by, ParseOrderBy());
  }
  if (MatchKeyword("LIMIT")) {
    if (!MatchKeyword("ALL")) {
      RUNNEL_ASSIGN_OR_RAISE(query->limit, ParseExpr());
    }
  }
  if (MatchKeyword("OFFSET")) {
    RUNNEL_ASSIGN_OR_RAISE(query->offset, ParseExpr());
  }
  return QueryPtr(std::move(query));
}

Result<std::vector<CommonTableExpr>> DescentParser::ParseWith() {
  Advance();  // WITH
  if (CheckKeyword("RECURSIVE")) {
    return ErrorAt(Peek().position, "recursive common table expressions are not supported",
                   StatusCode::kNotSupported);
  }
  std::vector<CommonTableExpr> ctes;
  do {
    CommonTableExpr cte;
    cte.position = Peek().position;
    RUNNEL_ASSIGN_OR_RAISE(cte.name, ParseIdentifier("a name for the common table expression"));
    if (Check(TokenKind::kLParen) && !StartsQuery(1)) {
      RUNNEL_ASSIGN_OR_RAISE(cte.columns, ParseIdentifierList("a column name"));
    }
    MatchKeyword("AS");
    RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kLParen, "'(' before the query of " + cte.name));
    RUNNEL_ASSIGN_OR_RAISE(cte.query, ParseQuery());
    RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kRParen, "')' after the query of " + cte.name));
    ctes.push_back(std::move(cte));
  } while (Match(TokenKind::kComma));
  return ctes;
}

Result<QueryTermPtr> DescentParser::ParseSetOperation() {
  DepthGuard guard(this);
  RUNNEL_ASSIGN_OR_RAISE(QueryTermPtr left, ParseIntersect());
  while (CheckAnyKeyword({"UNION", "EXCEPT", "MINUS"})) {
    const Token& keyword = Advance();
    SetOp op = keyword.IsKeyword("UNION") ? SetOp::kUnion : SetOp::kExcept;
    bool all = MatchKeyword("ALL");
    if (!all) MatchKeyword("DISTINCT");
    RUNNEL_RETURN_NOT_OK(guard.Extend());
    RUNNEL_ASSIGN_OR_RAISE(QueryTermPtr right, ParseIntersect());
    left = std::make_shared<SetOperationTerm>(keyword.position, op, all, std::move(left), std::move(right));
  }
  return left;
}

Result<QueryTermPtr> DescentParser::ParseIntersect() {
  DepthGuard guard(this);
  RUNNEL_ASSIGN_OR_RAISE(QueryTermPtr left, ParseQueryPrimary());
  while (CheckKeyword("INTERSECT")) {
    SourcePosition at = Advance().position;
    bool all = MatchKeyword("ALL");
    if (!all) MatchKeyword("DISTINCT");
    RUNNEL_RETURN_NOT_OK(guard.Extend());
    RUNNEL_ASSIGN_OR_RAISE(QueryTermPtr right, ParseQueryPrimary());
    left = std::make_shared<SetOperationTerm>(at, SetOp::kIntersect, all, std::move(left), std::move(right));
  }
  return left;
}

Result<QueryTermPtr> DescentParser::ParseQueryPrimary() {
  SourcePosition at = Peek().position;
  if (CheckKeyword("SELECT")) return ParseSelect();
  if (MatchKeyword("VALUES")) {
    RUNNEL_ASSIGN_OR_RAISE(auto rows, ParseValuesRows());
    return QueryTermPtr(std::make_shared<ValuesTerm>(at, std::move(rows)));
  }
  if (Match(TokenKind::kLParen)) {
    RUNNEL_ASSIGN_OR_RAISE(QueryPtr query, ParseQuery());
    RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kRParen, "')' after the query"));
    // Plain parentheses only group; keep a node when the inner query has its own clauses.
    if (query->ctes.empty() && query->order_by.empty() && !query->limit && !query->offset) {
      return query->body;
    }
    return QueryTermPtr(std::make_shared<NestedTerm>(at, std::move(query)));
  }
  if (CheckKeyword("FROM")) {
    return ErrorAt(Peek().position, "a query starting with FROM is not supported; write SELECT ... FROM",
                   StatusCode::kNotSupported);
  }
  return Expected("SELECT, VALUES, WITH or '('");
}

Result<QueryTermPtr> DescentParser::ParseSelect() {
  auto select = std::make_shared<SelectTerm>(Advance().position);
  if (MatchKeyword("DISTINCT")) select->distinct = true;
  else MatchKeyword("ALL");
  do {
    RUNNEL_ASSIGN_OR_RAISE(SelectItem item, ParseSelectItem());
    select->items.push_back(std::move(item));
  } while (Match(TokenKind::kComma));
  if (MatchKeyword("FROM")) {
    do {
      RUNNEL_ASSIGN_OR_RAISE(RelationPtr relation, ParseJoinedRelation());
      select->from.push_back(std::move(relation));
    } while (Match(TokenKind::kComma));
    while (CheckKeyword("LATERAL") && CheckKeyword("VIEW", 1)) {
      RUNNEL_ASSIGN_OR_RAISE(LateralView view, ParseLateralView());
      select->lateral_views.push_back(std::move(view));
    }
  }
  if (MatchKeyword("WHERE")) {
    RUNNEL_ASSIGN_OR_RAISE(select->where, ParseExpr());
  }
  if (CheckKeyword("GROUP") && CheckKeyword("BY", 1)) {
    Advance();
    Advance();
    if (MatchKeyword("ALL")) {
      select->group_by_all = true;
    } else {
      if (CheckAnyKeyword({"ROLLUP", "CUBE", "GROUPING"}) && Check(TokenKind::kLParen, 1)) {
        return ErrorAt(Peek().position, "ROLLUP, CUBE and GROUPING SETS are not supported yet",
                       StatusCode::kNotSupported);
      }
      RUNNEL_ASSIGN_OR_RAISE(select->group_by, ParseExprList());
    }
  }
  if (MatchKeyword("HAVING")) {
    RUNNEL_ASSIGN_OR_RAISE(select->having, ParseExpr());
  }
  return QueryTermPtr(std::move(select));
}

Result<SelectItem> DescentParser::ParseSelectItem() {
  SelectItem item;
  RUNNEL_ASSIGN_OR_RAISE(item.expr, ParseExpr());
  if (MatchKeyword("AS")) {
    if (Check(TokenKind::kLParen)) {
      RUNNEL_ASSIGN_OR_RAISE(item.aliases, ParseIdentifierList("a column alias"));
    } else if (Check(TokenKind::kIdentifier) || Check(TokenKind::kQuotedIdentifier)) {
      item.alias = Advance().text;  // after AS, even reserved words are names (Spark allows it)
    } else if (Check(TokenKind::kString)) {
      item.alias = Advance().text;
    } else {
      return Expected("a column alias after AS");
    }
  } else if (CheckIdentifier()) {
    item.alias = Advance().text;
  }
  return item;
}

Result<std::vector<std::vector<ExprPtr>>> DescentParser::ParseValuesRows() {
  std::vector<std::vector<ExprPtr>> rows;
  do {
    // VALUES (1, 2), (3, 4) lists rows; VALUES 1, 2 lists one-column rows.
    if (Check(TokenKind::kLParen) && !StartsQuery(1)) {
      Advance();
      RUNNEL_ASSIGN_OR_RAISE(std::vector<ExprPtr> row, ParseExprList());
      RUNNEL_RETURN_NOT_OK(Expect(TokenKind::kRParen, "',' or ')' after the row"));
      rows.push_back(std::move(row));
    } else {
      RUNNEL_ASSIGN_OR_RAISE(ExprPtr value, ParseExpr());
      rows.push_back({std::move(value)});
    }
  } while (Match(TokenKind::kComma));
  return rows;
}

Result<std::vector<SortItem>> DescentParser::ParseOrderBy() {
  std::vector<SortItem> items;
  do {
    SortItem item;
    RUNNEL_ASSIGN_OR_RAISE(item.expr, ParseExpr());
    if (MatchKeyword("DESC")) item.ascending = false;
    else MatchKeyword("ASC");
    item.nulls_first = item.ascending;
    if (MatchKeyword("NULLS")) {
      if (MatchKeyword("FIRST")) item.nulls_first = true;
      else if (MatchKeyword("LAST")) item.nulls_first = false;
      else return Expected("FIRST or LAST after NULLS");
    }
    items.push_back(std::move(item));
  } while (Match(TokenKind::kComma));
  return items;
}

}  // namespace runnel::sql
