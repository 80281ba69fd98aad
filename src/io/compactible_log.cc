#include "io/compactible_log.h"

#include <algorithm>
#include <charconv>

#include "io/batch_log.h"

namespace runnel::io {

namespace {

// "12" or "12.compact"; nullopt for anything else (temporary files, strays).
std::optional<std::pair<int64_t, bool>> ParseEntryName(const std::string& name) {
  std::string_view digits = name;
  bool compact = false;
  std::string_view suffix = kCompactSuffix;
  if (digits.size() > suffix.size() && digits.substr(digits.size() - suffix.size()) == suffix) {
    digits.remove_suffix(suffix.size());
    compact = true;
  }
  int64_t id = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), id);
  if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() || id < 0)
    return std::nullopt;
  return std::make_pair(id, compact);
}

std::string JoinLines(const std::vector<std::string>& lines) {
  std::string body;
  for (const auto& line : lines) body += line + "\n";
  return body;
}

}  // namespace

CompactibleLog::CompactibleLog(std::shared_ptr<FileSystem> fs, std::string dir, std::string what,
                               int64_t interval, int version)
    : fs_(std::move(fs)),
      dir_(std::move(dir)),
      what_(std::move(what)),
      interval_(std::max<int64_t>(1, interval)),
      version_(version) {}

std::string CompactibleLog::PathOf(int64_t batch_id, bool compact) const {
  return JoinPath(dir_, std::to_string(batch_id) + (compact ? kCompactSuffix : ""));
}

Result<std::vector<CompactibleLog::EntryName>> CompactibleLog::List() const {
  std::vector<EntryName> entries;
  RUNNEL_ASSIGN_OR_RAISE(bool exists, fs_->Exists(dir_));
  if (!exists) return entries;
  RUNNEL_ASSIGN_OR_RAISE(auto listed, fs_->ListDirectory(dir_));
  for (const auto& file : listed) {
    if (file.is_directory) continue;
    if (auto parsed = ParseEntryName(BaseName(file.path)))
      entries.push_back({parsed->first, parsed->second});
  }
  // By id; of a plain and a compact entry with one id (a compaction that crashed before deleting
  // the plain one), the compact one is kept: it holds everything the plain one does.
  std::sort(entries.begin(), entries.end(), [](const EntryName& a, const EntryName& b) {
    return a.batch_id != b.batch_id ? a.batch_id < b.batch_id : a.compact > b.compact;
  });
  entries.erase(
      std::unique(entries.begin(), entries.end(),
                  [](const EntryName& a, const EntryName& b) { return a.batch_id == b.batch_id; }),
      entries.end());
  return entries;
}

Status CompactibleLog::ReadEntry(const EntryName& entry, const LineVisitor& visit) const {
  std::string path = PathOf(entry.batch_id, entry.compact);
  RUNNEL_ASSIGN_OR_RAISE(std::string text, fs_->ReadFile(path));
  RUNNEL_ASSIGN_OR_RAISE(std::string body, ParseVersionedText(text, path, what_, version_));
  size_t start = 0;
  while (start < body.size()) {
    size_t end = body.find('\n', start);
    if (end == std::string::npos) end = body.size();
    if (end > start) RUNNEL_RETURN_NOT_OK(visit(path, body.substr(start, end - start)));
    start = end + 1;
  }
  return Status::OK();
}

Result<std::optional<int64_t>> CompactibleLog::LatestId() const {
  RUNNEL_ASSIGN_OR_RAISE(auto entries, List());
  if (entries.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(entries.back().batch_id);
}

Status CompactibleLog::ReadAll(const LineVisitor& visit) const {
  RUNNEL_ASSIGN_OR_RAISE(auto entries, List());
  auto newest_compact =
      std::find_if(entries.rbegin(), entries.rend(), [](const EntryName& e) { return e.compact; });
  // Entries older than the newest compact one are already in it.
  auto first =
      newest_compact == entries.rend() ? entries.begin() : std::prev(newest_compact.base());
  for (auto it = first; it != entries.end(); ++it) RUNNEL_RETURN_NOT_OK(ReadEntry(*it, visit));
  return Status::OK();
}

Result<std::vector<std::string>> CompactibleLog::ReadAll() const {
  std::vector<std::string> lines;
  RUNNEL_RETURN_NOT_OK(ReadAll([&](const std::string&, std::string line) {
    lines.push_back(std::move(line));
    return Status::OK();
  }));
  return lines;
}

Status CompactibleLog::ReadBatches(int64_t first, int64_t last, const LineVisitor& visit) const {
  RUNNEL_ASSIGN_OR_RAISE(auto entries, List());
  const EntryName* read_last = nullptr;  // entries are read once even when they hold many batches
  for (int64_t id = first; id <= last; ++id) {
    // The batch's own entry, or else the first compact entry after it, which absorbed it.
    auto it = std::find_if(entries.begin(), entries.end(), [&](const EntryName& e) {
      return e.batch_id == id || (e.batch_id > id && e.compact);
    });
    if (it == entries.end()) {
      return Status::Corruption("The " + what_ + " in " + dir_ + " has no entry for batch " +
                                std::to_string(id) + " (neither " + PathOf(id, false) +
                                " nor a later .compact entry)");
    }
    if (read_last == &*it) continue;
    read_last = &*it;
    RUNNEL_RETURN_NOT_OK(ReadEntry(*it, visit));
  }
  return Status::OK();
}

Status CompactibleLog::Add(int64_t batch_id, const std::vector<std::string>& lines) {
  for (bool compact : {false, true}) {
    RUNNEL_ASSIGN_OR_RAISE(bool exists, fs_->Exists(PathOf(batch_id, compact)));
    if (exists) {
      return Status::IOError("Concurrent update to the " + what_ + ": " +
                             PathOf(batch_id, compact) +
                             " already exists. Make sure only one query writes to " + dir_);
    }
  }
  if (!IsCompactionBatch(batch_id)) {
    return WriteVersionedFile(*fs_, PathOf(batch_id, false), JoinLines(lines), version_);
  }
  RUNNEL_ASSIGN_OR_RAISE(auto entries, List());
  RUNNEL_ASSIGN_OR_RAISE(std::vector<std::string> all, ReadAll());
  all.insert(all.end(), lines.begin(), lines.end());
  RUNNEL_RETURN_NOT_OK(WriteVersionedFile(*fs_, PathOf(batch_id, true), JoinLines(all), version_));
  // The batch is committed with the compact entry; the entries it replaces are clutter, so a
  // failure to delete them is not the batch's failure (readers skip them).
  for (const auto& e : entries) {
    if (e.batch_id < batch_id) (void)fs_->Delete(PathOf(e.batch_id, e.compact));
  }
  return Status::OK();
}

}  // namespace runnel::io
