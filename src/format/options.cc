#include "format/options.h"

#include <cctype>
#include <charconv>

#include <fmt/format.h>

namespace runnel::format {

namespace {
std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}
}  // namespace

Options::Options(std::initializer_list<std::pair<std::string, std::string>> entries) {
  for (const auto& [key, value] : entries) Set(key, value);
}

Options::Options(const std::map<std::string, std::string>& entries) {
  for (const auto& [key, value] : entries) Set(key, value);
}

Options& Options::Set(std::string_view key, std::string value) {
  entries_[Lower(key)] = std::move(value);
  return *this;
}

bool Options::Has(std::string_view key) const { return entries_.count(Lower(key)) > 0; }

std::optional<std::string> Options::Get(std::string_view key) const {
  auto it = entries_.find(Lower(key));
  if (it == entries_.end()) return std::nullopt;
  return it->second;
}

std::string Options::GetString(std::string_view key, std::string fallback) const {
  auto value = Get(key);
  return value ? *value : std::move(fallback);
}

Result<bool> Options::GetBool(std::string_view key, bool fallback) const {
  auto value = Get(key);
  if (!value) return fallback;
  std::string lower = Lower(*value);
  if (lower == "true") return true;
  if (lower == "false") return false;
  return Status::InvalidArgument(
      fmt::format("Option '{}' must be true or false, got '{}'", key, *value));
}

Result<int64_t> Options::GetInt(std::string_view key, int64_t fallback) const {
  auto value = Get(key);
  if (!value) return fallback;
  int64_t parsed = 0;
  const char* end = value->data() + value->size();
  auto [ptr, ec] = std::from_chars(value->data(), end, parsed);
  if (ec != std::errc() || ptr != end) {
    return Status::InvalidArgument(
        fmt::format("Option '{}' must be an integer, got '{}'", key, *value));
  }
  return parsed;
}

Result<char> Options::GetChar(std::string_view key, char fallback) const {
  auto value = Get(key);
  if (!value) return fallback;
  const std::string& v = *value;
  if (v.empty()) return '\0';
  if (v.size() == 1) return v[0];
  if (v.size() == 2 && v[0] == '\\') {
    switch (v[1]) {
      case 't': return '\t';
      case 'r': return '\r';
      case 'n': return '\n';
      case '0': return '\0';
      case '\\': return '\\';
      case '"': return '"';
      case '\'': return '\'';
      default: break;
    }
  }
  if (v == "\\u0000") return '\0';
  return Status::InvalidArgument(
      fmt::format("Option '{}' must be a single character, got '{}'", key, v));
}

Result<ParseMode> Options::GetParseMode() const {
  auto value = Get("mode");
  if (!value) return ParseMode::kPermissive;
  std::string lower = Lower(*value);
  if (lower == "permissive") return ParseMode::kPermissive;
  if (lower == "dropmalformed") return ParseMode::kDropMalformed;
  if (lower == "failfast") return ParseMode::kFailFast;
  return Status::InvalidArgument(fmt::format(
      "Option 'mode' must be PERMISSIVE, DROPMALFORMED or FAILFAST, got '{}'", *value));
}

std::string Options::CorruptRecordColumn() const {
  return GetString("columnNameOfCorruptRecord", kDefaultCorruptRecordColumn);
}

}  // namespace runnel::format
