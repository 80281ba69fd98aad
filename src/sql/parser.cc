#include "sql/parser.h"

#include "sql/descent_parser.h"
#include "sql/lexer.h"
#include "sql/syntax_error.h"

namespace runnel::sql {

ScriptParse ParseScript(std::string_view text) {
  ScriptParse result;
  Lexer lexer(text);
  Result<std::vector<Token>> tokens = lexer.Tokenize();
  if (!tokens.ok()) {
    result.statements = tokens.status();
    result.error_position = lexer.error_position();
    return result;
  }
  DescentParser parser(text, std::move(*tokens));
  result.statements = parser.ParseScript();
  if (!result.statements.ok()) result.error_position = parser.error_position();
  return result;
}

Result<std::vector<Statement>> ParseStatements(std::string_view text) {
  return std::move(ParseScript(text).statements);
}

Result<Statement> ParseStatement(std::string_view text) {
  RUNNEL_ASSIGN_OR_RAISE(std::vector<Statement> statements, ParseStatements(text));
  if (statements.empty()) {
    return MakeSyntaxError(text, PositionAt(text, text.size()), "expected a statement, found end of input");
  }
  if (statements.size() > 1) {
    return MakeSyntaxError(text, statements[1].position,
                           "expected one statement, found a second one; run them one at a time");
  }
  return std::move(statements[0]);
}

Result<ExprPtr> ParseExpression(std::string_view text) {
  Lexer lexer(text);
  RUNNEL_ASSIGN_OR_RAISE(std::vector<Token> tokens, lexer.Tokenize());
  DescentParser parser(text, std::move(tokens));
  return parser.ParseStandaloneExpression();
}

bool IsCompleteStatement(std::string_view buffer) {
  bool complete = false;
  for (size_t i = 0; i < buffer.size(); ++i) {
    char c = buffer[i];
    if (c == '-' && i + 1 < buffer.size() && buffer[i + 1] == '-') {
      while (i < buffer.size() && buffer[i] != '\n') ++i;
    } else if (c == '/' && i + 1 < buffer.size() && buffer[i + 1] == '*') {
      int depth = 0;
      for (; i < buffer.size(); ++i) {
        if (buffer[i] == '/' && i + 1 < buffer.size() && buffer[i + 1] == '*') {
          ++depth;
          ++i;
        } else if (buffer[i] == '*' && i + 1 < buffer.size() && buffer[i + 1] == '/') {
          ++i;
          if (--depth == 0) break;
        }
      }
      if (depth > 0) return false;  // inside an unterminated comment
    } else if (c == '\'' || c == '"' || c == '`') {
      size_t j = i + 1;
      for (; j < buffer.size() && buffer[j] != c; ++j) {
        if (buffer[j] == '\\' && c != '`') ++j;
      }
      if (j >= buffer.size()) return false;  // inside an unterminated quote
      i = j;
      complete = false;
    } else if (c == ';') {
      complete = true;
    } else if (!std::isspace(static_cast<unsigned char>(c))) {
      complete = false;
    }
  }
  return complete;
}

}  // namespace runnel::sql
