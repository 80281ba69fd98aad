// The SQL parser's entry points: Spark SQL text to the AST of sql/ast.h. Errors are kSyntax (or
// kNotSupported for valid Spark SQL that Runnel does not handle), with a message that names the
// problem and shows the line with a caret under the position:
//
//   Syntax error at line 1, column 14: expected an expression after ',', found 'FROM'.
//   SELECT a, b, FROM t
//                ^
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "sql/ast.h"

namespace runnel::sql {

// A script of ';'-separated statements; the last ';' is optional and empty statements are
// skipped. Positions are relative to the start of `text`.
Result<std::vector<Statement>> ParseStatements(std::string_view text);

// Exactly one statement, with or without a trailing ';'.
Result<Statement> ParseStatement(std::string_view text);

// One expression, as DataFrame's expr() and selectExpr() take: "a + 1", "count(*) AS n" is not
// an expression (aliases belong to the select list).
Result<ExprPtr> ParseExpression(std::string_view text);

// The statements, or the error and where it is (for a shell or an editor to highlight).
struct ScriptParse {
  Result<std::vector<Statement>> statements = Status::Internal("not parsed");
  std::optional<SourcePosition> error_position;
};
ScriptParse ParseScript(std::string_view text);

// For the interactive shell: true when `buffer` ends a statement, i.e. its last character other
// than white space and comments is a ';' outside quotes and comments.
bool IsCompleteStatement(std::string_view buffer);

}  // namespace runnel::sql
