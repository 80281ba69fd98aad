// Options of the file formats, as Spark's DataFrameReader.option(k, v): a string map whose keys
// are case-insensitive, with typed getters that reject bad values with the option's name.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

#include "base/status.h"

namespace runnel::format {

// What a reader does with a record it cannot parse (Spark's option "mode").
enum class ParseMode {
  kPermissive,     // NULLs in the fields that fail, raw text in the corrupt-record column
  kDropMalformed,  // skip the record
  kFailFast,       // stop with kCorruption naming the file and line
};

inline constexpr char kDefaultCorruptRecordColumn[] = "_corrupt_record";

class Options {
 public:
  Options() = default;
  Options(std::initializer_list<std::pair<std::string, std::string>> entries);
  // Options as sources, tables and writers keep them: a plain string map.
  explicit Options(const std::map<std::string, std::string>& entries);

  // Sets (or replaces) an option; the key is matched case-insensitively.
  Options& Set(std::string_view key, std::string value);
  bool Has(std::string_view key) const;
  std::optional<std::string> Get(std::string_view key) const;

  std::string GetString(std::string_view key, std::string fallback) const;
  // "true" or "false" (any case).
  Result<bool> GetBool(std::string_view key, bool fallback) const;
  Result<int64_t> GetInt(std::string_view key, int64_t fallback) const;
  // A single character; "\t" and "\\t"-style escapes are accepted, as Spark's sep. An empty
  // value means "none" and gives '\0' (Spark turns off quoting with quote "").
  Result<char> GetChar(std::string_view key, char fallback) const;
  // Option "mode": PERMISSIVE (default), DROPMALFORMED, FAILFAST, any case.
  Result<ParseMode> GetParseMode() const;
  // Option "columnNameOfCorruptRecord" (default "_corrupt_record").
  std::string CorruptRecordColumn() const;

  // Keys are stored lower-cased.
  const std::map<std::string, std::string>& entries() const { return entries_; }

 private:
  std::map<std::string, std::string> entries_;
};

}  // namespace runnel::format
