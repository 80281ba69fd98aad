// The text side of CAST: values printed as Spark's CAST(x AS STRING) prints them, and strings
// parsed the way Spark's non-ANSI CAST parses them (trimmed; NULL when the text is not valid).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "type/data_type.h"
#include "type/decimal.h"
#include "vector/column.h"

namespace runnel::function {

// Appends row i of `column` (which must be valid) as CAST(.. AS STRING) prints it: doubles as
// Java does, ARRAY as "[1, 2]", STRUCT as "{1, x}", MAP as "{a -> 1}", nested NULLs as "null".
void AppendCellText(const vector::Column& column, int64_t i, std::string* out);
vector::ColumnPtr CastToString(const vector::Column& input, const type::DataTypePtr& to);
// STRING to any atomic type; rows that do not parse become NULL.
vector::ColumnPtr CastFromString(const vector::Column& input, const type::DataTypePtr& to);

// The parsers, exposed for tests and for other kernels that convert text.
std::string_view TrimForCast(std::string_view text);
// Digits with an optional sign and an optional fraction, which is dropped ("1.9" -> 1);
// nullopt when out of [min, max] or not a number.
std::optional<int64_t> ParseIntegral(std::string_view text, int64_t min, int64_t max);
// Java's Double.parseDouble plus Spark's special literals ("inf", "-infinity", "nan").
std::optional<double> ParseDoubleText(std::string_view text);
std::optional<bool> ParseBooleanText(std::string_view text);
// "1 02:03:04.5", "-0 00:00:01", or the full "INTERVAL '1 02:03:04' DAY TO SECOND".
std::optional<int64_t> ParseIntervalText(std::string_view text);

}  // namespace runnel::function
