// Syntax errors that point at the SQL text, as Spark and Postgres print them:
//
//   Syntax error at line 1, column 14: expected an expression after ',', found 'FROM'.
//   SELECT a, b, FROM t
//                ^
#pragma once

#include <string_view>

#include "base/status.h"
#include "sql/position.h"

namespace runnel::sql {

// The position an error refers to, for callers that highlight it (the shell, an editor).
struct SyntaxErrorPosition {
  SourcePosition position;
};

// `problem` is the sentence without the final period ("expected X, found Y"). The status code is
// kSyntax unless the text is valid SQL that Runnel does not support (kNotSupported).
Status MakeSyntaxError(std::string_view source, SourcePosition position, std::string_view problem,
                       StatusCode code = StatusCode::kSyntax);

// The position of the first character at `offset` of `source`.
SourcePosition PositionAt(std::string_view source, size_t offset);

}  // namespace runnel::sql
