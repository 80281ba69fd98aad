// The one text per value that the differential mode compares. Runnel prints values as Spark's
// show() does and the DuckDB helper (duckdb_runner.mjs) prints DuckDB's values the same way as
// far as it can; what still differs between the two is numbers: DECIMAL keeps its scale in
// DuckDB ("3.00" vs Spark's "3.0"), doubles print differently ("1.0E10" vs "10000000000") and
// may differ in the last bits. Both sides go through CanonicalCell before they are compared.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "slt/record.h"

namespace runnel::slt {

// Rewrites every number with a fraction or an exponent in `cell` to its value rounded to 12
// significant digits, written without a trailing ".0" ("3.00" -> "3", "1.0E10" ->
// "10000000000", "0.30000000000000004" -> "0.3", "-0.0" -> "0"). Integers without a fraction
// are kept as they are (a BIGINT beyond 2^53 must not lose digits). A number counts only when it
// stands alone: digits inside dates and times ("2024-01-02", "10:00:00.5") or words are kept.
std::string CanonicalCell(std::string_view cell);

// `lines` (rows of tab-separated cells) with every cell canonical, put in the order the sort
// mode compares them in: as given (nosort), lines sorted (rowsort), or one cell per line,
// sorted (valuesort).
std::vector<std::string> CanonicalLines(const std::vector<std::string>& lines, SortMode sort_mode);

}  // namespace runnel::slt
