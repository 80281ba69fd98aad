// A line diff of expected against actual query results, for failure messages.
#pragma once

#include <string>
#include <vector>

#include "slt/record.h"

namespace runnel::slt {

// One line per expected or actual line: "  same", "- only expected", "+ only actual", each
// indented by `indent`. Lines are matched by a longest common subsequence; past kMaxCells
// (expected x actual) it falls back to listing every expected line, then every actual line.
std::string DiffLines(const std::vector<ExpectedLine>& expected,
                      const std::vector<std::string>& actual, const std::string& indent);

// The first position where the two differ, or -1 when they are equal.
int FirstDifference(const std::vector<ExpectedLine>& expected,
                    const std::vector<std::string>& actual);

// A statement's SQL indented by four spaces on every line, for failure messages.
std::string IndentSql(const std::string& sql);

}  // namespace runnel::slt
