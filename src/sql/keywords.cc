#include "sql/keywords.h"

#include "base/spelling.h"

namespace runnel::sql {

bool IsReservedWord(std::string_view word) {
  static constexpr std::string_view kReserved[] = {
      "ALL",     "AND",   "ANTI",    "AS",     "BETWEEN", "BY",        "CASE",   "CAST",
      "CROSS",   "DISTINCT", "DIV",  "ELSE",   "END",     "EXCEPT",    "EXISTS", "FALSE",
      "FROM",    "FULL",  "GROUP",   "HAVING", "ILIKE",   "IN",        "INNER",  "INTERSECT",
      "IS",      "JOIN",  "LATERAL", "LEFT",   "LIKE",    "LIMIT",     "MINUS",  "NATURAL",
      "NOT",     "NULL",  "OFFSET",  "ON",     "OR",      "ORDER",     "OUTER",  "REGEXP",
      "RIGHT",   "RLIKE", "SELECT",  "SEMI",   "THEN",    "TRUE",      "UNION",  "USING",
      "VALUES",  "WATERMARK", "WHEN", "WHERE", "WITH"};
  for (std::string_view reserved : kReserved) {
    if (base::EqualsIgnoreCase(word, reserved)) return true;
  }
  return false;
}

}  // namespace runnel::sql
