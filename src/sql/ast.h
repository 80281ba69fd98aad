// The whole SQL AST: expressions, queries and relations, statements.
#pragma once

#include "sql/ast_expr.h"
#include "sql/ast_query.h"
#include "sql/ast_statement.h"
