// Text to typed scalar values, shared by the readers: CSV cells, JSON strings into DATE or
// TIMESTAMP. Parsing goes into a Cell first and is appended afterwards, so a reader can decide
// to drop a whole record before anything reaches the column builders.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "base/status.h"
#include "format/options.h"
#include "type/data_type.h"
#include "type/datetime_pattern.h"
#include "type/decimal.h"
#include "vector/column_builder.h"

namespace runnel::format {

// One parsed scalar. `valid` false means NULL.
struct Cell {
  bool valid = false;
  int64_t i64 = 0;         // BOOLEAN (0/1), INT, BIGINT, DATE, TIMESTAMP
  double f64 = 0;          // DOUBLE
  type::int128_t i128 = 0;  // DECIMAL
  std::string_view text;   // STRING, BINARY (points into the reader's buffer)
};

// Strict integer: optional sign, digits, nothing else. nullopt on junk or overflow.
std::optional<int64_t> ParseInteger(std::string_view text);
// std::from_chars plus an optional '+', and Spark's NaN, Infinity, -Infinity, Inf, +Inf, -Inf.
std::optional<double> ParseDouble(std::string_view text);
// "true" / "false", any case.
std::optional<bool> ParseBoolean(std::string_view text);

// Appends a cell to a builder of a scalar type.
void AppendCell(const Cell& cell, const type::DataType& type, vector::ColumnBuilder* out);

class CellParser {
 public:
  // Reads options timestampFormat and dateFormat (Spark's pattern letters); without them the
  // ISO forms of type::ParseTimestamp and type::ParseDate are accepted.
  static Result<CellParser> Make(const Options& options);

  // Parses text as a non-NULL value of a scalar `type`; false when it is not one.
  bool Parse(std::string_view text, const type::DataType& type, Cell* cell) const;
  std::optional<int64_t> ParseTimestamp(std::string_view text) const;
  std::optional<int32_t> ParseDate(std::string_view text) const;
  bool has_timestamp_format() const { return timestamp_format_.has_value(); }
  bool has_date_format() const { return date_format_.has_value(); }

 private:
  std::optional<type::DatetimePattern> timestamp_format_;
  std::optional<type::DatetimePattern> date_format_;
};

}  // namespace runnel::format
