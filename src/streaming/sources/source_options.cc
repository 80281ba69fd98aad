#include "streaming/sources/source_options.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <limits>
#include <optional>
#include <string_view>
#include <thread>

#include "function/scalar/window_duration.h"

namespace runnel::streaming {

namespace {
std::optional<int64_t> ParseInteger(std::string_view text) {
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size()) return std::nullopt;
  return value;
}

std::string Trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  return text.substr(begin, text.find_last_not_of(" \t") - begin + 1);
}

// Spark's time strings: an integer and an optional unit suffix (seconds when there is none).
std::optional<int64_t> ParseTimeStringMicros(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  size_t digits = text.find_first_not_of("-0123456789");
  auto number = ParseInteger(std::string_view(text).substr(0, digits));
  if (!number) return std::nullopt;
  std::string unit = digits == std::string::npos ? "s" : text.substr(digits);
  static const std::pair<const char*, int64_t> kUnits[] = {
      {"us", 1},           {"ms", 1000},         {"s", 1'000'000},     {"m", 60'000'000},
      {"min", 60'000'000}, {"h", 3'600'000'000}, {"d", 86'400'000'000}};
  for (const auto& [suffix, micros] : kUnits) {
    int64_t total = 0;
    if (unit == suffix && !__builtin_mul_overflow(*number, micros, &total)) return total;
  }
  return std::nullopt;
}
}  // namespace

Status SourceOptions::Invalid(const std::string& key, const std::string& value,
                              const std::string& rule) const {
  return Status::InvalidArgument("Invalid value '" + value + "' for option '" + key + "': " + rule);
}

Result<std::string> SourceOptions::Required(const std::string& key) const {
  auto value = options_.Get(key);
  if (!value) {
    return Status::InvalidArgument("The " + source_ + " source needs option '" + key +
                                   "': set it with .option(\"" + key + "\", ...)");
  }
  return *value;
}

Result<int64_t> SourceOptions::PositiveInteger(const std::string& key, int64_t fallback) const {
  auto value = options_.Get(key);
  if (!value) return fallback;
  auto parsed = ParseInteger(Trim(*value));
  if (!parsed || *parsed <= 0) return Invalid(key, *value, "must be a positive integer");
  return *parsed;
}

Result<int> SourceOptions::NumPartitions() const {
  RUNNEL_ASSIGN_OR_RAISE(int64_t partitions, PositiveInteger("numPartitions", DefaultSourcePartitions()));
  if (partitions > std::numeric_limits<int>::max()) {
    return Status::InvalidArgument("Invalid value '" + std::to_string(partitions) +
                                   "' for option 'numPartitions': must be a positive integer up to " +
                                   std::to_string(std::numeric_limits<int>::max()));
  }
  return static_cast<int>(partitions);
}

Result<int64_t> SourceOptions::NonNegativeInteger(const std::string& key, int64_t fallback) const {
  auto value = options_.Get(key);
  if (!value) return fallback;
  auto parsed = ParseInteger(Trim(*value));
  if (!parsed || *parsed < 0) return Invalid(key, *value, "must be a non-negative integer");
  return *parsed;
}

Result<bool> SourceOptions::Boolean(const std::string& key, bool fallback) const {
  auto value = options_.Get(key);
  if (!value) return fallback;
  auto result = options_.GetBool(key, fallback);
  if (!result.ok()) return Invalid(key, *value, "must be true or false");
  return *result;
}

Result<int64_t> SourceOptions::DurationSeconds(const std::string& key,
                                               int64_t fallback_seconds) const {
  auto value = options_.Get(key);
  if (!value) return fallback_seconds;
  std::string text = Trim(*value);
  std::optional<int64_t> micros = ParseTimeStringMicros(text);
  if (!micros) {
    auto interval = function::ParseDurationText(text);
    if (interval.ok() && interval->has_value()) micros = **interval;
  }
  if (!micros || *micros < 0) {
    return Invalid(key, *value, "must be a non-negative duration such as '5s' or '10 seconds'");
  }
  return *micros / 1'000'000;
}

Status RejectUserSchema(const std::string& schema_ddl, const std::string& source) {
  if (schema_ddl.empty()) return Status::OK();
  return Status::InvalidArgument("The " + source +
                                 " source does not take a user-specified schema (got '" +
                                 schema_ddl + "'): remove .schema(...)");
}

int DefaultSourcePartitions() {
  return std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
}

}  // namespace runnel::streaming
