#include "io/batch_log.h"

#include <algorithm>
#include <charconv>

namespace runnel::io {

BatchLog::BatchLog(std::shared_ptr<FileSystem> fs, std::string dir, std::string what, int max_version)
    : fs_(std::move(fs)), dir_(std::move(dir)), what_(std::move(what)), max_version_(max_version) {}

std::string BatchLog::PathOf(int64_t batch_id) const { return JoinPath(dir_, std::to_string(batch_id)); }

Status WriteVersionedFile(FileSystem& fs, const std::string& path, const std::string& body, int version) {
  RUNNEL_RETURN_NOT_OK(fs.CreateDirectories(ParentPath(path)));
  std::string text = "v" + std::to_string(version) + "\n" + body;
  if (text.back() != '\n') text += '\n';
  return fs.WriteFileAtomic(path, text);
}

Status BatchLog::Write(int64_t batch_id, const std::string& body, int version) {
  return WriteVersionedFile(*fs_, PathOf(batch_id), body, version);
}

Status BatchLog::Add(int64_t batch_id, const std::string& body, int version) {
  RUNNEL_ASSIGN_OR_RAISE(bool exists, fs_->Exists(PathOf(batch_id)));
  if (exists) {
    return Status::IOError("Concurrent update to the " + what_ + ": " + PathOf(batch_id) +
                           " already exists. Make sure only one run of the query uses this checkpoint");
  }
  return Write(batch_id, body, version);
}

Status BatchLog::Overwrite(int64_t batch_id, const std::string& body, int version) {
  return Write(batch_id, body, version);
}

Result<std::string> ParseVersionedText(const std::string& text, const std::string& path,
                                       const std::string& what, int max_version) {
  if (text.empty()) {
    return Status::Corruption("The " + what + " file " + path + " is empty (cut short by a crash or a full disk?)");
  }
  size_t eol = text.find('\n');
  if (eol == std::string::npos || text.back() != '\n') {
    return Status::Corruption("The " + what + " file " + path + " is truncated: it does not end with a newline");
  }
  std::string_view line(text.data(), eol);
  int version = 0;
  auto [ptr, ec] = std::from_chars(line.data() + std::min<size_t>(1, line.size()), line.data() + line.size(), version);
  if (line.size() < 2 || line[0] != 'v' || ec != std::errc() || ptr != line.data() + line.size() || version < 1) {
    return Status::Corruption("The " + what + " file " + path + " does not start with a version line such as 'v1': '" +
                              std::string(line.substr(0, 40)) + "'");
  }
  if (version > max_version) {
    return Status::Corruption("The " + what + " file " + path + " has version v" + std::to_string(version) +
                              " but this Runnel reads up to v" + std::to_string(max_version) +
                              ": the checkpoint was written by a newer Runnel");
  }
  return text.substr(eol + 1);
}

Result<std::optional<std::string>> BatchLog::Get(int64_t batch_id) const {
  std::string path = PathOf(batch_id);
  RUNNEL_ASSIGN_OR_RAISE(bool exists, fs_->Exists(path));
  if (!exists) return std::optional<std::string>();
  RUNNEL_ASSIGN_OR_RAISE(std::string text, fs_->ReadFile(path));
  RUNNEL_ASSIGN_OR_RAISE(std::string body, ParseVersionedText(text, path, what_, max_version_));
  return std::optional<std::string>(std::move(body));
}

Result<std::vector<int64_t>> BatchLog::Ids() const {
  std::vector<int64_t> ids;
  RUNNEL_ASSIGN_OR_RAISE(bool exists, fs_->Exists(dir_));
  if (!exists) return ids;
  RUNNEL_ASSIGN_OR_RAISE(auto entries, fs_->ListDirectory(dir_));
  for (const auto& e : entries) {
    if (e.is_directory) continue;
    std::string name = BaseName(e.path);
    int64_t id = 0;
    auto [ptr, ec] = std::from_chars(name.data(), name.data() + name.size(), id);
    // Temporary files (".0.tmp-3") and other names are not entries.
    if (ec == std::errc() && ptr == name.data() + name.size() && id >= 0) ids.push_back(id);
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

Result<std::optional<int64_t>> BatchLog::LatestId() const {
  RUNNEL_ASSIGN_OR_RAISE(auto ids, Ids());
  if (ids.empty()) return std::optional<int64_t>();
  return std::optional<int64_t>(ids.back());
}

Status BatchLog::PurgeBefore(int64_t min_batch_id) {
  RUNNEL_ASSIGN_OR_RAISE(auto ids, Ids());
  for (int64_t id : ids) {
    if (id >= min_batch_id) break;
    RUNNEL_RETURN_NOT_OK(fs_->Delete(PathOf(id)));
  }
  return Status::OK();
}

}  // namespace runnel::io
