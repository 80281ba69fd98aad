// The exact text of a value that both sides of the Parquet interop test write (canonical.mjs
// is the DuckDB side's twin; README.md states the format): equal texts mean equal values.
//   NULL; true/false; integers in decimal; doubles as JavaScript's shortest round-trip
//   String(v) with "-0", "NaN", "Infinity"; DECIMAL as its exact digits at its scale;
//   strings quoted, with \\, \" and \u00XX escapes for control bytes; binary as x'hex';
//   DATE as YYYY-MM-DD; TIMESTAMP as YYYY-MM-DD HH:MM:SS.ffffff (UTC); [a,b]; {name:v,...};
//   maps as {k=>v,...} in stored order.
#pragma once

#include <string>
#include <vector>

#include "runnel/data_type.h"
#include "runnel/row.h"
#include "runnel/schema.h"
#include "runnel/value.h"

namespace runnel::interop {

std::string CanonicalDouble(double v);
std::string CanonicalDecimal(type::int128_t unscaled, int scale);
std::string CanonicalDate(int64_t days);
std::string CanonicalTimestamp(int64_t micros);
std::string CanonicalValue(const type::Value& v);
std::string CanonicalType(const type::DataType& t);

// "#schema\tname:TYPE\t..." then one line per row (cells separated by tabs), rows sorted by
// their first column, which must be a non-NULL integer.
std::string CanonicalTable(const type::Schema& schema, std::vector<Row> rows);

}  // namespace runnel::interop
