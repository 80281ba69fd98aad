#include "sql/interval_literal.h"

#include <cctype>
#include <string>
#include <vector>

#include "base/spelling.h"

namespace runnel::sql {
namespace {

using int128 = __int128;

constexpr int64_t kMicrosPerSecond = 1000000;
constexpr int64_t kMicrosPerMinute = 60 * kMicrosPerSecond;
constexpr int64_t kMicrosPerHour = 60 * kMicrosPerMinute;
constexpr int64_t kMicrosPerDay = 24 * kMicrosPerHour;

int64_t MicrosPerUnit(IntervalUnit unit) {
  switch (unit) {
    case IntervalUnit::kWeek: return 7 * kMicrosPerDay;
    case IntervalUnit::kDay: return kMicrosPerDay;
    case IntervalUnit::kHour: return kMicrosPerHour;
    case IntervalUnit::kMinute: return kMicrosPerMinute;
    case IntervalUnit::kSecond: return kMicrosPerSecond;
    case IntervalUnit::kMillisecond: return 1000;
    case IntervalUnit::kMicrosecond: return 1;
    default: return 0;
  }
}

Status Invalid(std::string_view text, std::string_view expected) {
  return Status::InvalidArgument("invalid interval '" + std::string(text) + "'; expected " +
                                 std::string(expected));
}

Result<int64_t> Checked(int128 micros, std::string_view text) {
  if (micros > INT64_MAX || micros < INT64_MIN) {
    return Status::InvalidArgument("the interval '" + std::string(text) + "' is out of range");
  }
  return static_cast<int64_t>(micros);
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Unsigned "12" or "12.345"; the fraction is cut at microseconds of `unit_micros`.
bool ParseMagnitude(std::string_view s, int64_t unit_micros, int128* micros) {
  int128 whole = 0, fraction = 0, fraction_scale = 1;
  bool any_digit = false, after_dot = false;
  for (char c : s) {
    if (c == '.' && !after_dot) {
      after_dot = true;
      continue;
    }
    if (c < '0' || c > '9') return false;
    any_digit = true;
    if (!after_dot) {
      whole = whole * 10 + (c - '0');
      if (whole > INT64_MAX) return false;
    } else if (fraction_scale < 1000000000000000000LL) {
      fraction = fraction * 10 + (c - '0');
      fraction_scale *= 10;
    }
  }
  if (!any_digit) return false;
  *micros = whole * unit_micros + fraction * unit_micros / fraction_scale;
  return true;
}

}  // namespace

std::optional<IntervalUnit> IntervalUnitFromName(std::string_view word) {
  std::string w = base::ToLower(word);
  if (w.size() > 1 && w.back() == 's') w.pop_back();
  static const std::pair<const char*, IntervalUnit> kUnits[] = {
      {"year", IntervalUnit::kYear},     {"month", IntervalUnit::kMonth},
      {"week", IntervalUnit::kWeek},     {"day", IntervalUnit::kDay},
      {"hour", IntervalUnit::kHour},     {"minute", IntervalUnit::kMinute},
      {"second", IntervalUnit::kSecond}, {"millisecond", IntervalUnit::kMillisecond},
      {"microsecond", IntervalUnit::kMicrosecond}};
  for (const auto& [name, unit] : kUnits) {
    if (w == name) return unit;
  }
  return std::nullopt;
}

Result<int64_t> IntervalValueMicros(std::string_view number, IntervalUnit unit) {
  if (unit == IntervalUnit::kYear || unit == IntervalUnit::kMonth) {
    return Status::NotSupported(
        "year-month intervals (YEAR, MONTH) are not supported: Runnel's INTERVAL is a day-time "
        "interval; write the duration in DAYS");
  }
  std::string_view s = Trim(number);
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  int128 micros = 0;
  if (!ParseMagnitude(s, MicrosPerUnit(unit), &micros)) return Invalid(number, "a number");
  return Checked(negative ? -micros : micros, number);
}

Result<int64_t> IntervalRangeMicros(std::string_view text, IntervalUnit from, IntervalUnit to) {
  if (from == to) return IntervalValueMicros(text, from);
  std::string_view s = Trim(text);
  bool negative = false;
  if (!s.empty() && (s[0] == '-' || s[0] == '+')) {
    negative = s[0] == '-';
    s.remove_prefix(1);
  }
  std::vector<std::string_view> parts;
  if (from == IntervalUnit::kDay) {
    size_t space = s.find(' ');
    if (space == std::string_view::npos) return Invalid(text, "'days hours...' such as '1 02:03:04'");
    parts.push_back(s.substr(0, space));
    s = Trim(s.substr(space + 1));
  }
  for (size_t start = 0;;) {
    size_t colon = s.find(':', start);
    parts.push_back(s.substr(start, colon == std::string_view::npos ? colon : colon - start));
    if (colon == std::string_view::npos) break;
    start = colon + 1;
  }
  static const IntervalUnit kOrder[] = {IntervalUnit::kDay, IntervalUnit::kHour,
                                        IntervalUnit::kMinute, IntervalUnit::kSecond};
  static const int64_t kLimits[] = {0, 24, 60, 60};  // a field after the first must be below
  int first = static_cast<int>(from) - static_cast<int>(IntervalUnit::kDay);
  int last = static_cast<int>(to) - static_cast<int>(IntervalUnit::kDay);
  if (static_cast<int>(parts.size()) != last - first + 1) {
    return Invalid(text, "one field per unit from the first to the last unit, such as '1 02:03:04' "
                         "for DAY TO SECOND");
  }
  int128 total = 0;
  for (int i = first; i <= last; ++i) {
    std::string_view part = parts[i - first];
    if (i < 3 && part.find('.') != std::string_view::npos) return Invalid(text, "whole numbers");
    int128 micros = 0;
    if (!ParseMagnitude(part, MicrosPerUnit(kOrder[i]), &micros)) return Invalid(text, "numbers");
    if (i > first && micros >= kLimits[i] * MicrosPerUnit(kOrder[i])) {
      return Invalid(text, "hours below 24, minutes and seconds below 60");
    }
    total += micros;
  }
  return Checked(negative ? -total : total, text);
}

Result<int64_t> IntervalStringMicros(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  size_t i = !words.empty() && base::EqualsIgnoreCase(words[0], "interval") ? 1 : 0;
  if (i >= words.size() || (words.size() - i) % 2 != 0) {
    return Invalid(text, "value-unit pairs such as '1 day 2 hours'");
  }
  int128 total = 0;
  for (; i < words.size(); i += 2) {
    std::optional<IntervalUnit> unit = IntervalUnitFromName(words[i + 1]);
    if (!unit) return Invalid(text, "a unit (DAY, HOUR, MINUTE, SECOND, ...) after " + words[i]);
    RUNNEL_ASSIGN_OR_RAISE(int64_t micros, IntervalValueMicros(words[i], *unit));
    total += micros;
  }
  return Checked(total, text);
}

}  // namespace runnel::sql
