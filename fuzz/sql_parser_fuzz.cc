// Fuzzes the SQL lexer and parser: any bytes must parse or fail with a Status, never crash, and
// a parsed script must print. The first byte picks script, expression or completeness mode.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sql/parser.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace runnel;
  if (size == 0) return 0;
  std::string_view text(reinterpret_cast<const char*>(data + 1), size - 1);
  switch (data[0] % 3) {
    case 0: {
      auto statements = sql::ParseStatements(text);
      if (statements.ok()) {
        for (const sql::Statement& s : *statements) (void)s.ToString();
      }
      break;
    }
    case 1: {
      auto expr = sql::ParseExpression(text);
      if (expr.ok()) (void)(*expr)->ToString();
      break;
    }
    default: (void)sql::IsCompleteStatement(text);
  }
  return 0;
}
