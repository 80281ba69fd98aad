// Calendar arithmetic for DATE (days since 1970-01-01) and TIMESTAMP (microseconds since the
// epoch, UTC), in the proleptic Gregorian calendar. ISO-8601 parsing and printing in Spark's
// forms; Spark's pattern letters (yyyy-MM-dd HH:mm:ss) live in datetime_pattern.h.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace runnel::type {

inline constexpr int64_t kMicrosPerSecond = 1000000;
inline constexpr int64_t kMicrosPerMinute = 60 * kMicrosPerSecond;
inline constexpr int64_t kMicrosPerHour = 60 * kMicrosPerMinute;
inline constexpr int64_t kMicrosPerDay = 24 * kMicrosPerHour;

struct CivilDate {
  int64_t year;
  int month;  // 1..12
  int day;    // 1..31
};

struct CivilTime {
  CivilDate date;
  int hour, minute, second;
  int micros;  // 0..999999
};

int64_t DaysFromCivil(int64_t year, int month, int day);
CivilDate CivilFromDays(int64_t days);
bool IsValidCivilDate(int64_t year, int month, int day);
int DaysInMonth(int64_t year, int month);
int DayOfWeek(int64_t days);  // 1 = Sunday ... 7 = Saturday, as Spark's dayofweek
CivilTime CivilFromMicros(int64_t micros);
int64_t MicrosFromCivil(const CivilTime& t);
// Floor division helpers for negative instants.
inline int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }
inline int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

// "2024-01-31"
std::string FormatDate(int32_t days);
// "2024-01-31 10:00:00", with the fraction trimmed of trailing zeros when non-zero, as Spark.
std::string FormatTimestamp(int64_t micros);
// "INTERVAL '1 02:03:04.5' DAY TO SECOND"
std::string FormatInterval(int64_t micros);

// Spark's lenient forms: "2024-01-31", "2024-1-5", with optional trailing time. Returns nullopt
// when the text is not a date.
std::optional<int32_t> ParseDate(std::string_view text);
// "2024-01-31", "2024-01-31 10:00", "2024-01-31T10:00:00.123456", optional trailing "Z" or
// "+02:00" offset (converted to UTC).
std::optional<int64_t> ParseTimestamp(std::string_view text);

}  // namespace runnel::type
