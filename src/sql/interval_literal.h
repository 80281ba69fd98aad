// The values of INTERVAL literals, in microseconds (Runnel's INTERVAL is Spark's day-time
// interval). Year-month units parse but are rejected with kNotSupported.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "base/status.h"

namespace runnel::sql {

enum class IntervalUnit { kYear, kMonth, kWeek, kDay, kHour, kMinute, kSecond, kMillisecond, kMicrosecond };

// DAY, DAYS, day, ...; nullopt for other words.
std::optional<IntervalUnit> IntervalUnitFromName(std::string_view word);

// "10", "-1.5" in `unit`: INTERVAL 10 SECONDS, INTERVAL '10' SECOND.
Result<int64_t> IntervalValueMicros(std::string_view number, IntervalUnit unit);

// INTERVAL '1 02:03:04.5' DAY TO SECOND, '02:03' HOUR TO MINUTE, ... (from must precede to,
// both in DAY..SECOND).
Result<int64_t> IntervalRangeMicros(std::string_view text, IntervalUnit from, IntervalUnit to);

// INTERVAL '1 day 2 hours': a string of value-unit pairs, optionally starting with "interval".
Result<int64_t> IntervalStringMicros(std::string_view text);

}  // namespace runnel::sql
