// Where a token or AST node starts in the SQL text.
#pragma once

#include <cstdint>

namespace runnel::sql {

struct SourcePosition {
  uint32_t offset = 0;  // bytes from the start of the text given to the parser
  uint32_t line = 1;    // 1-based
  uint32_t column = 1;  // 1-based, in characters (UTF-8 code points) from the line start
};

}  // namespace runnel::sql
