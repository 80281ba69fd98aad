// Spark SQL's reserved words: the ones that cannot be bare names or implicit aliases.
#pragma once

#include <string_view>

namespace runnel::sql {

// Spark's strict non-reserved words plus the clause keywords that would otherwise be read as
// implicit aliases (SELECT a FROM t WHERE ...); case-insensitive. Every other word, including
// most keywords (DATE, WINDOW, STREAM, USER), may be a bare name.
bool IsReservedWord(std::string_view word);

}  // namespace runnel::sql
