// Spark's datetime patterns (the letters of java.time.DateTimeFormatter that Spark documents):
// y yyyy yy, M MM MMM MMMM, d dd, D, H HH, h hh, m mm, s ss, S..SSSSSS (fraction), a (AM/PM),
// E EEE EEEE (day of week), z / X / XXX / Z (zone offset, UTC only), 'quoted text', ''.
// Used by to_timestamp, to_date, date_format, unix_timestamp, from_unixtime and the CSV/JSON
// timestampFormat and dateFormat options.
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
  // A syntax error names the bad letter and its position.
  static Result<DatetimePattern> Compile(std::string_view pattern);

  // Formats an instant (UTC).
  std::string Format(int64_t micros) const;
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
