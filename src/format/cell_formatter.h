// Typed scalar values to text for the writers, in Spark's output forms: doubles as Java prints
// them (1.0E10), timestamps as yyyy-MM-dd'T'HH:mm:ss.SSSXXX (2024-01-01T10:00:00.000Z), dates
// as yyyy-MM-dd, or the timestampFormat / dateFormat options.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/status.h"
#include "format/options.h"
#include "type/datetime_pattern.h"
#include "vector/column.h"

namespace runnel::format {

// Appends "2024-01-01T10:00:00.000Z" (milliseconds, UTC).
void AppendIsoTimestamp(int64_t micros, std::string* out);

class CellFormatter {
 public:
  static Result<CellFormatter> Make(const Options& options);

  // Appends the text of row `row` of a scalar column; the row must not be NULL.
  void Append(const vector::Column& column, int64_t row, std::string* out) const;

 private:
  std::optional<type::DatetimePattern> timestamp_format_;
  std::optional<type::DatetimePattern> date_format_;
};

}  // namespace runnel::format
