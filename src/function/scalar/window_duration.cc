#include "function/scalar/window_duration.h"

#include <cctype>
#include <cmath>
#include <string>
#include <vector>

#include "base/spelling.h"
#include "type/datetime.h"

namespace runnel::function {
namespace {

std::vector<std::string> Words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    if (std::isspace(static_cast<unsigned char>(c))) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.push_back(c);
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

// Microseconds per unit; 0 for an unknown unit, -1 for months/years (no fixed length).
int64_t UnitMicros(std::string unit) {
  unit = base::ToLower(unit);
  if (unit.size() > 1 && unit.back() == 's') unit.pop_back();
  if (unit == "week") return 7 * type::kMicrosPerDay;
  if (unit == "day") return type::kMicrosPerDay;
  if (unit == "hour") return type::kMicrosPerHour;
  if (unit == "minute") return type::kMicrosPerMinute;
  if (unit == "second") return type::kMicrosPerSecond;
  if (unit == "millisecond") return 1000;
  if (unit == "microsecond") return 1;
  if (unit == "month" || unit == "year") return -1;
  return 0;
}

// A signed decimal number; nullopt when malformed.
std::optional<double> Number(const std::string& word) {
  if (word.empty()) return std::nullopt;
  size_t i = (word[0] == '-' || word[0] == '+') ? 1 : 0;
  bool digits = false, dot = false;
  for (size_t j = i; j < word.size(); ++j) {
    if (std::isdigit(static_cast<unsigned char>(word[j]))) {
      digits = true;
    } else if (word[j] == '.' && !dot) {
      dot = true;
    } else {
      return std::nullopt;
    }
  }
  if (!digits) return std::nullopt;
  return std::stod(word);
}

}  // namespace

Result<std::optional<int64_t>> ParseDurationText(std::string_view text) {
  std::vector<std::string> words = Words(text);
  size_t i = 0;
  if (!words.empty() && base::EqualsIgnoreCase(words[0], "interval")) i = 1;
  if (i == words.size() || (words.size() - i) % 2 != 0) return std::optional<int64_t>();
  int64_t total = 0;
  for (; i < words.size(); i += 2) {
    std::optional<double> n = Number(words[i]);
    int64_t unit = UnitMicros(words[i + 1]);
    if (!n || unit == 0) return std::optional<int64_t>();
    if (unit < 0) {
      return Status::NotSupported("Intervals greater than a month are not supported in time "
                                  "windows: '" + std::string(text) +
                                  "'. Use weeks, days, hours or smaller units.");
    }
    total += static_cast<int64_t>(std::llround(*n * static_cast<double>(unit)));
  }
  return std::optional<int64_t>(total);
}

Result<int64_t> WindowDurationMicros(const type::Value& value, const char* what) {
  if (value.is_null()) {
    return Status::Analysis(std::string(what) + " must not be NULL.");
  }
  if (value.type()->id() == type::TypeId::kInterval) return value.bigint_value();
  if (value.type()->id() != type::TypeId::kString) {
    return Status::Analysis(std::string(what) + " must be a STRING such as '10 minutes' or an "
                            "INTERVAL, got " + value.type()->ToString() + ".");
  }
  RUNNEL_ASSIGN_OR_RAISE(std::optional<int64_t> micros, ParseDurationText(value.string_value()));
  if (!micros) {
    return Status::Analysis(std::string(what) + " is not a valid interval: '" +
                            value.string_value() + "'. Write it like '10 minutes' or "
                            "'1 hour 30 minutes'.");
  }
  return *micros;
}

}  // namespace runnel::function
