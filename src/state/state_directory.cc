#include "state/state_directory.h"

#include <charconv>

namespace runnel::state {
namespace {
// "12.delta" -> 12 when the suffix matches.
bool ParseVersion(std::string_view name, std::string_view suffix, int64_t* version) {
  size_t dot = name.find('.');
  if (dot == std::string_view::npos || dot == 0 || name.substr(dot + 1) != suffix) return false;
  auto [end, ec] = std::from_chars(name.data(), name.data() + dot, *version);
  return ec == std::errc() && end == name.data() + dot;
}
}  // namespace

std::string StateDirectory::IncrementalPath(int64_t version) const {
  return io::JoinPath(dir_, std::to_string(version) + "." + names_.incremental_suffix);
}

std::string StateDirectory::FullPath(int64_t version) const {
  return io::JoinPath(dir_, std::to_string(version) + "." + names_.full_suffix);
}

Status StateDirectory::Refresh() {
  RUNNEL_RETURN_NOT_OK(fs_->CreateDirectories(dir_));
  RUNNEL_ASSIGN_OR_RAISE(auto entries, fs_->ListDirectory(dir_));
  incrementals_.clear();
  fulls_.clear();
  leftovers_.clear();
  for (const auto& entry : entries) {
    std::string name = io::BaseName(entry.path);
    int64_t version = 0;
    if (name.size() > 1 && name[0] == '.' && name.find(".tmp-") != std::string::npos) {
      leftovers_.insert(entry.path);
    } else if (ParseVersion(name, names_.incremental_suffix, &version)) {
      incrementals_.insert(version);
    } else if (ParseVersion(name, names_.full_suffix, &version)) {
      bool complete = true;
      if (!names_.full_marker.empty()) {
        RUNNEL_ASSIGN_OR_RAISE(complete, fs_->Exists(io::JoinPath(entry.path, names_.full_marker)));
      }
      if (complete) {
        fulls_.insert(version);
      } else {
        leftovers_.insert(entry.path);
      }
    }
  }
  return Status::OK();
}

int64_t StateDirectory::LastFullAtOrBefore(int64_t version) const {
  auto it = fulls_.upper_bound(version);
  return it == fulls_.begin() ? 0 : *std::prev(it);
}

Result<int64_t> StateDirectory::PlanLoad(int64_t version) const {
  int64_t base = LastFullAtOrBefore(version);
  for (int64_t v = base + 1; v <= version; ++v) {
    if (!incrementals_.count(v)) {
      return Status::IOError("Cannot load version " + std::to_string(version) + " of the state in '" + dir_ +
                             "': '" + IncrementalPath(v) +
                             "' is missing (it was never committed, or it is older than the retained versions)");
    }
  }
  return base;
}

Status StateDirectory::DeleteFull(int64_t version) {
  fulls_.erase(version);
  if (names_.full_marker.empty()) return fs_->Delete(FullPath(version));
  return fs_->DeleteRecursively(FullPath(version));
}

Status StateDirectory::WriteIncremental(int64_t version, std::string_view bytes) {
  bool deleted = false;
  while (!fulls_.empty() && *fulls_.rbegin() >= version) {
    RUNNEL_RETURN_NOT_OK(DeleteFull(*fulls_.rbegin()));
    deleted = true;
  }
  while (!incrementals_.empty() && *incrementals_.rbegin() > version) {
    RUNNEL_RETURN_NOT_OK(fs_->Delete(IncrementalPath(*incrementals_.rbegin())));
    incrementals_.erase(std::prev(incrementals_.end()));
    deleted = true;
  }
  // The deletions must be durable before the new file exists, or a crash could pair the new
  // file with a stale snapshot of the same version.
  if (deleted) RUNNEL_RETURN_NOT_OK(fs_->SyncDirectory(dir_));
  RUNNEL_RETURN_NOT_OK(fs_->WriteFileAtomic(IncrementalPath(version), bytes));
  incrementals_.insert(version);
  return Status::OK();
}

Status StateDirectory::Cleanup(int64_t latest, int retain) {
  for (const auto& path : leftovers_) {
    RUNNEL_RETURN_NOT_OK(names_.full_marker.empty() ? fs_->Delete(path) : fs_->DeleteRecursively(path));
  }
  leftovers_.clear();
  int64_t earliest = latest - retain + 1;
  if (earliest <= 0) return Status::OK();
  // Every retained version loads from the newest full entry <= earliest or a later one.
  int64_t base = LastFullAtOrBefore(earliest);
  if (base == 0) return Status::OK();
  while (!fulls_.empty() && *fulls_.begin() < base) RUNNEL_RETURN_NOT_OK(DeleteFull(*fulls_.begin()));
  while (!incrementals_.empty() && *incrementals_.begin() <= base) {
    RUNNEL_RETURN_NOT_OK(fs_->Delete(IncrementalPath(*incrementals_.begin())));
    incrementals_.erase(incrementals_.begin());
  }
  return Status::OK();
}

}  // namespace runnel::state
