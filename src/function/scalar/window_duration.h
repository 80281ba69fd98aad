// Durations of event-time windows (window, session_window): Spark's interval text
// ("10 minutes", "1 hour 30 minutes", "interval 500 milliseconds") or an INTERVAL value, as a
// fixed number of microseconds. Months and years have no fixed length, so windows reject them.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "function/scalar_function.h"
#include "type/value.h"
#include "vector/column.h"

namespace runnel::function {

// Parses "<number> <unit> [<number> <unit> ...]", optionally preceded by "interval". Units
// (singular or plural, any case): week, day, hour, minute, second, millisecond, microsecond;
// a number may be signed and, for seconds, fractional ("1.5 seconds"). nullopt when the text
// is not an interval; kNotSupported for months and years.
Result<std::optional<int64_t>> ParseDurationText(std::string_view text);

// A window argument that must be a constant STRING or INTERVAL: its microseconds. `what`
// names the argument in errors ("The window duration").
Result<int64_t> WindowDurationMicros(const type::Value& value, const char* what);

// The gap of a session_window() row, in microseconds: the row's STRING or INTERVAL value, or
// nullopt when the row takes no part in sessions (a NULL, unparsable, zero or negative gap:
// Spark filters such rows out). Defined in time_window.cc.
std::optional<int64_t> SessionGapMicros(const vector::Column& gap, int64_t row);
// A session_window STRUCT<start, end> column of `type` from each row's bounds (never NULL).
vector::ColumnPtr SessionColumn(const type::DataTypePtr& type, std::vector<int64_t> starts,
                                std::vector<int64_t> ends);

// The shape of window(ts, duration[, slide[, start]]), in microseconds.
struct TimeWindowSpec {
  int64_t duration = 0;
  int64_t slide = 0;  // == duration for a tumbling window
  int64_t start = 0;
};
// Reads and checks the constant arguments 2..4 of a window() call (Spark's rules: duration > 0,
// 0 < slide <= duration, |start| < slide). Defined in time_window.cc.
Result<TimeWindowSpec> BindTimeWindowSpec(const BindArgs& args);

// Start of the latest window of width-step `slide` (offset by `start`) that contains `ts`:
// ts - floor_mod(ts - start, slide). Correct for negative timestamps.
inline int64_t LatestWindowStart(int64_t ts, int64_t slide, int64_t start) {
  int64_t remainder = (ts - start) % slide;
  if (remainder < 0) remainder += slide;
  return ts - remainder;
}

}  // namespace runnel::function
