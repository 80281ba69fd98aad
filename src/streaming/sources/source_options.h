// Typed reading of a streaming source's options (readStream().option(k, v)). Keys match
// case-insensitively, as Spark's CaseInsensitiveStringMap; every error names the option and the
// bad value: "Invalid value 'x' for option 'rowsPerSecond': must be a positive integer".
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "base/status.h"
#include "format/options.h"

namespace runnel::streaming {

class SourceOptions {
 public:
  // `source` names the source in errors about missing options ("socket").
  SourceOptions(const std::map<std::string, std::string>& options, std::string source)
      : options_(options), source_(std::move(source)) {}

  bool Has(const std::string& key) const { return options_.Has(key); }
  // A string option that must be given.
  Result<std::string> Required(const std::string& key) const;
  // An integer >= 1 (`fallback` when absent).
  Result<int64_t> PositiveInteger(const std::string& key, int64_t fallback) const;
  // numPartitions: a positive int (the machine's cores when absent).
  Result<int> NumPartitions() const;
  // An integer >= 0.
  Result<int64_t> NonNegativeInteger(const std::string& key, int64_t fallback) const;
  // "true" or "false", any case.
  Result<bool> Boolean(const std::string& key, bool fallback) const;
  // A non-negative duration in whole seconds (finer units truncated, as Spark's
  // JavaUtils.timeStringAsSec): "5s", "1500ms", "2min", "1h", "7" (seconds), or interval text
  // such as "10 seconds".
  Result<int64_t> DurationSeconds(const std::string& key, int64_t fallback_seconds) const;

 private:
  Status Invalid(const std::string& key, const std::string& value, const std::string& rule) const;

  format::Options options_;
  std::string source_;
};

// Sources with a fixed schema (rate, socket) refuse readStream().schema(...), as Spark does.
Status RejectUserSchema(const std::string& schema_ddl, const std::string& source);

// The default number of partitions of generated rows: the machine's cores, as Spark's default
// parallelism in local mode.
int DefaultSourcePartitions();

}  // namespace runnel::streaming
