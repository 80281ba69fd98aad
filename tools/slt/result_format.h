// How results are written in a golden file: one row per line, cells separated by a tab, each
// cell as Spark's show() prints it (Value::ToString), NULL as NULL, the empty string as
// (empty), and tabs, newlines and carriage returns inside a cell as \t, \n, \r.
#pragma once

#include <string>
#include <vector>

#include "runnel/row.h"
#include "runnel/schema.h"
#include "slt/record.h"

namespace runnel::slt {

std::string FormatCell(const type::Value& value);
std::string FormatRow(const Row& row);

// The lines a query block should hold for `rows`: rows in order (nosort), rows sorted as text
// (rowsort), or every cell on its own line, sorted as text (valuesort).
std::vector<std::string> FormatResultLines(const std::vector<Row>& rows, SortMode sort_mode);

// The expected lines put in the same order FormatResultLines uses, so the two compare line by
// line; valuesort also splits rows written with tabs into one line per cell.
std::vector<ExpectedLine> NormalizeExpected(const std::vector<ExpectedLine>& expected,
                                            SortMode sort_mode);

// I for INT and BIGINT, R for DOUBLE and DECIMAL, T for everything else.
char TypeLetter(const type::DataType& type);
std::string TypeLetters(const type::Schema& schema);

}  // namespace runnel::slt
