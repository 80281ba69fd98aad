// The options of the file stream source (Spark's FileStreamOptions), checked when the query
// starts: bad values are InvalidArgument errors naming the option. Format options (header,
// sep, ...) are not checked here; they pass through to the format's reader.
#pragma once

#include <cstdint>
#include <map>
#include <string>

#include "base/status.h"

namespace runnel::streaming {

enum class CleanSourceMode { kOff, kArchive, kDelete };

struct FileStreamOptions {
  static constexpr int64_t kDefaultMaxFileAgeMs = 7LL * 24 * 3600 * 1000;  // one week

  std::string path;                    // a directory, a file or a glob
  int64_t max_files_per_trigger = -1;  // -1: no limit
  int64_t max_bytes_per_trigger = -1;  // -1: no limit
  bool latest_first = false;
  // Files older than this relative to the newest file seen are skipped. Ignored (no limit)
  // when latestFirst and a max-per-trigger option are both set, since the newest files come
  // first then and the older ones would otherwise be dropped before their turn.
  int64_t max_file_age_ms = kDefaultMaxFileAgeMs;
  // A file is known by its name alone: "a/x.json" and "b/x.json" are the same file.
  bool file_name_only = false;
  CleanSourceMode clean_source = CleanSourceMode::kOff;
  std::string source_archive_dir;  // required with cleanSource=archive

  // Keys are case-insensitive, as Spark's.
  static Result<FileStreamOptions> Parse(const std::map<std::string, std::string>& options);
};

// Spark's time strings for maxFileAge: "7d", "12h", "30m"/"30min", "10s", "500ms", "100us", a
// bare number of milliseconds, or an interval such as "7 days".
Result<int64_t> ParseTimeStringMs(const std::string& text);

}  // namespace runnel::streaming
