#include "streaming/sources/file_stream_options.h"

#include <cctype>
#include <charconv>
#include <optional>

#include "base/spelling.h"
#include "format/options.h"
#include "function/scalar/window_duration.h"

namespace runnel::streaming {

namespace {

std::string Trim(const std::string& s) {
  size_t begin = s.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  return s.substr(begin, s.find_last_not_of(" \t") - begin + 1);
}

// Spark's rule for maxFilesPerTrigger and maxBytesPerTrigger: "10" is fine; "0", "-1", "10.1",
// "ten" are not.
Result<int64_t> PositiveInteger(const format::Options& options, const char* key) {
  std::string text = Trim(*options.Get(key));
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc() || ptr != text.data() + text.size() || value <= 0) {
    return Status::InvalidArgument("Invalid value '" + *options.Get(key) + "' for option '" + key +
                                   "', must be a positive integer");
  }
  return value;
}

Result<bool> Boolean(const format::Options& options, const char* key) {
  std::string text = base::ToLower(Trim(options.GetString(key, "false")));
  if (text == "true") return true;
  if (text == "false") return false;
  return Status::InvalidArgument("Invalid value '" + options.GetString(key, "") + "' for option '" +
                                 key + "', must be true or false");
}

}  // namespace

Result<int64_t> ParseTimeStringMs(const std::string& raw) {
  std::string text = base::ToLower(Trim(raw));
  size_t digits = 0;
  while (digits < text.size() && std::isdigit(static_cast<unsigned char>(text[digits]))) ++digits;
  if (digits > 0) {
    int64_t value = 0;
    std::from_chars(text.data(), text.data() + digits, value);
    std::string unit = Trim(text.substr(digits));
    static const std::pair<const char*, double> kUnits[] = {
        {"", 1},      {"ms", 1},      {"us", 0.001},  {"s", 1000},
        {"m", 60000}, {"min", 60000}, {"h", 3600000}, {"d", 86400000}};
    for (const auto& [name, ms] : kUnits) {
      if (unit == name) return static_cast<int64_t>(static_cast<double>(value) * ms);
    }
  }
  // "7 days", "1 hour 30 minutes": the interval text the rest of Runnel reads.
  auto micros = function::ParseDurationText(text);
  if (micros.ok() && micros->has_value() && **micros >= 0) return **micros / 1000;
  return Status::InvalidArgument(
      "Invalid value '" + raw +
      "' for option 'maxFileAge': use a duration such as 7d, 12h, 30m, 10s, 500ms or "
      "'7 days'");
}

Result<FileStreamOptions> FileStreamOptions::Parse(const std::map<std::string, std::string>& raw) {
  format::Options options(raw);
  FileStreamOptions out;
  if (!options.Has("path")) {
    return Status::InvalidArgument(
        "'path' is not specified: give the directory to read with load(path)");
  }
  out.path = *options.Get("path");
  if (options.Has("maxFilesPerTrigger")) {
    RUNNEL_ASSIGN_OR_RAISE(out.max_files_per_trigger,
                           PositiveInteger(options, "maxFilesPerTrigger"));
  }
  if (options.Has("maxBytesPerTrigger")) {
    RUNNEL_ASSIGN_OR_RAISE(out.max_bytes_per_trigger,
                           PositiveInteger(options, "maxBytesPerTrigger"));
  }
  if (out.max_files_per_trigger > 0 && out.max_bytes_per_trigger > 0) {
    return Status::InvalidArgument(
        "Options 'maxFilesPerTrigger' and 'maxBytesPerTrigger' can't be both set at the same time: "
        "keep one");
  }
  RUNNEL_ASSIGN_OR_RAISE(out.latest_first, Boolean(options, "latestFirst"));
  RUNNEL_ASSIGN_OR_RAISE(out.file_name_only, Boolean(options, "fileNameOnly"));
  if (options.Has("maxFileAge")) {
    RUNNEL_ASSIGN_OR_RAISE(out.max_file_age_ms, ParseTimeStringMs(*options.Get("maxFileAge")));
  }
  if (out.latest_first && (out.max_files_per_trigger > 0 || out.max_bytes_per_trigger > 0)) {
    out.max_file_age_ms = INT64_MAX;
  }
  std::string clean = base::ToLower(Trim(options.GetString("cleanSource", "off")));
  if (clean == "off") {
    out.clean_source = CleanSourceMode::kOff;
  } else if (clean == "archive") {
    out.clean_source = CleanSourceMode::kArchive;
  } else if (clean == "delete") {
    out.clean_source = CleanSourceMode::kDelete;
  } else {
    return Status::InvalidArgument(
        "Invalid value '" + options.GetString("cleanSource", "") +
        "' for option 'cleanSource', must be one of off, archive, delete");
  }
  out.source_archive_dir = options.GetString("sourceArchiveDir", "");
  if (out.clean_source == CleanSourceMode::kArchive) {
    if (out.source_archive_dir.empty()) {
      return Status::InvalidArgument(
          "Archive mode must be used with 'sourceArchiveDir' option: "
          "option(\"sourceArchiveDir\", <directory>)");
    }
    // Archived files must not land where the source lists, or they would be read again.
    std::string source_dir = out.path;
    while (source_dir.size() > 1 && source_dir.back() == '/') source_dir.pop_back();
    if (source_dir.find_first_of("*?[") == std::string::npos &&
        (out.source_archive_dir == source_dir ||
         out.source_archive_dir.rfind(source_dir + "/", 0) == 0)) {
      return Status::InvalidArgument(
          "sourceArchiveDir '" + out.source_archive_dir + "' is inside the source path '" +
          out.path + "': archived files would be read again. Choose a directory outside it");
    }
  }
  return out;
}

}  // namespace runnel::streaming
