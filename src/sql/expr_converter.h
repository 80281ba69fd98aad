// SQL expressions (the parser's AST) to engine expressions (expr::Expr, unresolved): the one
// translation that SQL queries, DataFrame's expr() and selectExpr() all go through. Operators
// become the registry's function names ("+" is add), SQL forms with no function of their own
// are rewritten (BETWEEN, IS TRUE, simple CASE, NOT IN).
#pragma once

#include <string_view>

#include "base/status.h"
#include "expr/expr.h"
#include "sql/ast.h"

namespace runnel::sql {

Result<expr::ExprPtr> ConvertExpr(const Expr& e);
// A select-list item: its expression, aliased when the item has an alias.
Result<expr::ExprPtr> ConvertSelectItem(const SelectItem& item);

// DataFrame API helpers. expr("a + 1"): one expression; selectExpr("a + 1 AS b"): a select-list
// item, alias allowed. Errors are the parser's, with the caret.
Result<expr::ExprPtr> ParseColumnExpression(std::string_view text);
Result<expr::ExprPtr> ParseSelectItem(std::string_view text);

}  // namespace runnel::sql
