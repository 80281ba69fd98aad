#include "io/memory_file_system.h"

#include <algorithm>

namespace runnel::io {

std::string NormalizePath(std::string_view path) {
  std::string out;
  out.reserve(path.size());
  for (char c : path) {
    if (c == '/' && !out.empty() && out.back() == '/') continue;
    out.push_back(c);
  }
  if (out.size() > 1 && out.back() == '/') out.pop_back();
  return out;
}

namespace {
Status NotFound(const std::string& what, const std::string& path) {
  return Status::IOError(what + " '" + path + "': No such file or directory");
}
// True when `path` lies strictly below directory `dir`.
bool IsBelow(const std::string& path, const std::string& dir) {
  if (dir == "/") return path.size() > 1 && path[0] == '/';
  return path.size() > dir.size() && path.compare(0, dir.size(), dir) == 0 && path[dir.size()] == '/';
}
// Paths below `dir` are contiguous in a sorted map from this key on ("a-b" sorts between "a" and
// "a/x", so starting from "a" itself would stop too early).
std::string FirstBelow(const std::string& dir) { return dir == "/" ? "/" : dir + "/"; }
}  // namespace

bool MemoryFileSystem::IsDirectoryLocked(const std::string& path) const {
  if (path.empty() || path == "/" || directories_.count(path)) return true;
  auto it = files_.lower_bound(FirstBelow(path));
  return it != files_.end() && IsBelow(it->first, path);
}

void MemoryFileSystem::AddParentsLocked(const std::string& path) {
  for (std::string dir = ParentPath(path); !dir.empty() && dir != "/"; dir = ParentPath(dir)) {
    if (!directories_.insert(dir).second) break;
  }
}

Result<std::string> MemoryFileSystem::ReadFile(const std::string& path) {
  std::lock_guard lock(mutex_);
  auto it = files_.find(NormalizePath(path));
  if (it == files_.end()) return NotFound("Cannot open", path);
  return it->second;
}

Result<std::string> MemoryFileSystem::ReadRange(const std::string& path, int64_t offset, int64_t length) {
  std::lock_guard lock(mutex_);
  auto it = files_.find(NormalizePath(path));
  if (it == files_.end()) return NotFound("Cannot open", path);
  const std::string& data = it->second;
  if (offset >= static_cast<int64_t>(data.size())) return std::string();
  return data.substr(offset, length);
}

Result<FileInfo> MemoryFileSystem::Stat(const std::string& path) {
  std::lock_guard lock(mutex_);
  std::string p = NormalizePath(path);
  auto it = files_.find(p);
  if (it != files_.end()) return FileInfo{p, static_cast<int64_t>(it->second.size()), mtimes_[p], false};
  if (IsDirectoryLocked(p)) return FileInfo{p, 0, 0, true};
  return NotFound("Cannot stat", path);
}

Result<bool> MemoryFileSystem::Exists(const std::string& path) {
  std::lock_guard lock(mutex_);
  std::string p = NormalizePath(path);
  return files_.count(p) > 0 || IsDirectoryLocked(p);
}

Result<std::vector<FileInfo>> MemoryFileSystem::ListDirectory(const std::string& path) {
  std::lock_guard lock(mutex_);
  std::string dir = NormalizePath(path);
  if (!IsDirectoryLocked(dir)) return NotFound("Cannot list directory", path);
  std::map<std::string, FileInfo> children;
  auto child_of = [&](const std::string& p) -> std::string {
    size_t start = dir == "/" ? 1 : dir.size() + 1;
    size_t slash = p.find('/', start);
    return slash == std::string::npos ? p : p.substr(0, slash);
  };
  for (auto it = files_.lower_bound(FirstBelow(dir)); it != files_.end() && IsBelow(it->first, dir); ++it) {
    std::string child = child_of(it->first);
    if (child == it->first) {
      children[child] = FileInfo{child, static_cast<int64_t>(it->second.size()), mtimes_[child], false};
    } else {
      children.emplace(child, FileInfo{child, 0, 0, true});
    }
  }
  for (auto it = directories_.lower_bound(FirstBelow(dir)); it != directories_.end() && IsBelow(*it, dir); ++it) {
    children.emplace(child_of(*it), FileInfo{child_of(*it), 0, 0, true});
  }
  std::vector<FileInfo> out;
  for (auto& [name, info] : children) out.push_back(std::move(info));
  return out;
}

Status MemoryFileSystem::CreateDirectories(const std::string& path) {
  std::lock_guard lock(mutex_);
  std::string p = NormalizePath(path);
  if (files_.count(p)) return Status::IOError("Cannot create directory '" + path + "': a file exists");
  directories_.insert(p);
  AddParentsLocked(p);
  return Status::OK();
}

Status MemoryFileSystem::WriteFile(const std::string& path, std::string_view data, bool sync) {
  std::lock_guard lock(mutex_);
  std::string p = NormalizePath(path);
  if (directories_.count(p)) return Status::IOError("Cannot create '" + path + "': is a directory");
  files_[p] = std::string(data);
  mtimes_[p] = next_mtime_++;
  AddParentsLocked(p);
  return Status::OK();
}

Status MemoryFileSystem::Rename(const std::string& from, const std::string& to) {
  std::lock_guard lock(mutex_);
  std::string src = NormalizePath(from), dst = NormalizePath(to);
  auto it = files_.find(src);
  if (it != files_.end()) {
    if (directories_.count(dst)) return Status::IOError("Cannot rename to '" + to + "': is a directory");
    files_[dst] = std::move(it->second);
    files_.erase(src);
    mtimes_[dst] = mtimes_[src];
    mtimes_.erase(src);
    AddParentsLocked(dst);
    return Status::OK();
  }
  if (!IsDirectoryLocked(src)) return NotFound("Cannot rename to '" + to + "'", from);
  // A directory: move every file and directory below it.
  std::map<std::string, std::string> moved;
  for (auto f = files_.lower_bound(FirstBelow(src)); f != files_.end() && IsBelow(f->first, src);) {
    moved[dst + f->first.substr(src.size())] = std::move(f->second);
    mtimes_.erase(f->first);
    f = files_.erase(f);
  }
  std::set<std::string> moved_dirs{dst};
  directories_.erase(src);
  for (auto d = directories_.lower_bound(FirstBelow(src)); d != directories_.end() && IsBelow(*d, src);) {
    moved_dirs.insert(dst + d->substr(src.size()));
    d = directories_.erase(d);
  }
  for (auto& [p, data] : moved) {
    mtimes_[p] = next_mtime_++;
    files_[p] = std::move(data);
  }
  directories_.insert(moved_dirs.begin(), moved_dirs.end());
  AddParentsLocked(dst);
  return Status::OK();
}

Status MemoryFileSystem::Delete(const std::string& path) {
  std::lock_guard lock(mutex_);
  std::string p = NormalizePath(path);
  files_.erase(p);
  mtimes_.erase(p);
  return Status::OK();
}

Status MemoryFileSystem::DeleteRecursively(const std::string& path) {
  std::lock_guard lock(mutex_);
  std::string p = NormalizePath(path);
  files_.erase(p);
  mtimes_.erase(p);
  directories_.erase(p);
  for (auto f = files_.lower_bound(FirstBelow(p)); f != files_.end() && IsBelow(f->first, p);) {
    mtimes_.erase(f->first);
    f = files_.erase(f);
  }
  for (auto d = directories_.lower_bound(FirstBelow(p)); d != directories_.end() && IsBelow(*d, p);) {
    d = directories_.erase(d);
  }
  return Status::OK();
}

}  // namespace runnel::io
