// Spark's datetime patterns (the letters of java.time.DateTimeFormatter that Spark documents):
// y yyyy yy, M MM MMM MMMM (and L), d dd, D, H HH, h hh, k, K, m mm, s ss, S..SSSSSSSSS
// (fraction), a (AM/PM), E EEE EEEE (day of week), G (era), Q (quarter), z / X / x / Z / O / VV
// (zone, UTC only), 'quoted text', '', [optional sections].
// Used by to_timestamp, to_date, date_format, unix_timestamp, from_unixtime and the CSV/JSON
// timestampFormat and dateFormat options.
//
// Runnel's session time zone is always UTC: Format prints the UTC wall clock (zones print as
// Java prints UTC: 'Z', '+00:00', 'UTC', ...) and Parse converts a parsed offset to UTC. Parsing
// is case-insensitive (Spark builds its formatters with parseCaseInsensitive) and strict about
// calendar validity (Spark's ResolverStyle.STRICT): '2024-02-30' does not parse.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace runnel::type {

class DatetimePattern {
 public:
  // A syntax error names the bad letter and its position. Spark's unsupported week-based
  // letters (Y w W u e c) are errors too, as in Spark 3.
  static Result<DatetimePattern> Compile(std::string_view pattern);

  // Formats an instant (UTC).
  std::string Format(int64_t micros) const;
  // Appends the formatted instant to `out` (kernels reuse one buffer).
  void FormatTo(int64_t micros, std::string* out) const;
  // Parses text that must match the whole pattern; nullopt when it does not (the caller turns
  // that into NULL or a FAILFAST error). Missing fields default to 1970-01-01 00:00:00.
  std::optional<int64_t> Parse(std::string_view text) const;

  const std::string& pattern() const { return pattern_; }

  struct Token;  // defined in the .cc

 private:
  std::string pattern_;
  std::shared_ptr<const std::vector<Token>> tokens_;
};

}  // namespace runnel::type
