#include "io/file_system.h"

#include <algorithm>
#include <atomic>

namespace runnel::io {

std::string JoinPath(std::string_view a, std::string_view b) {
  if (a.empty()) return std::string(b);
  if (a.back() == '/') return std::string(a) + std::string(b);
  return std::string(a) + "/" + std::string(b);
}

std::string ParentPath(std::string_view path) {
  size_t slash = path.find_last_of('/');
  if (slash == std::string_view::npos) return "";
  if (slash == 0) return "/";
  return std::string(path.substr(0, slash));
}

std::string BaseName(std::string_view path) {
  size_t slash = path.find_last_of('/');
  return std::string(slash == std::string_view::npos ? path : path.substr(slash + 1));
}

bool GlobMatch(std::string_view pattern, std::string_view name) {
  size_t p = 0, n = 0, star_p = std::string_view::npos, star_n = 0;
  while (n < name.size()) {
    if (p < pattern.size() && pattern[p] == '*') {
      star_p = p++;
      star_n = n;
      continue;
    }
    if (p < pattern.size() && pattern[p] == '[') {
      size_t close = pattern.find(']', p + 1);
      if (close != std::string_view::npos) {
        bool negate = pattern[p + 1] == '!' || pattern[p + 1] == '^';
        bool matched = false;
        for (size_t i = p + 1 + negate; i < close; ++i) {
          if (i + 2 < close && pattern[i + 1] == '-') {
            matched |= name[n] >= pattern[i] && name[n] <= pattern[i + 2];
            i += 2;
          } else {
            matched |= name[n] == pattern[i];
          }
        }
        if (matched != negate) {
          p = close + 1;
          ++n;
          continue;
        }
      }
    } else if (p < pattern.size() && (pattern[p] == '?' || pattern[p] == name[n])) {
      ++p;
      ++n;
      continue;
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p + 1;
    n = ++star_n;
  }
  while (p < pattern.size() && pattern[p] == '*') ++p;
  return p == pattern.size();
}

Status FileSystem::WriteFileAtomic(const std::string& path, std::string_view data) {
  static std::atomic<uint64_t> counter{0};
  std::string dir = ParentPath(path);
  std::string tmp = JoinPath(dir, "." + BaseName(path) + ".tmp-" + std::to_string(counter++));
  RUNNEL_RETURN_NOT_OK(WriteFile(tmp, data, /*sync=*/true));
  Status st = Rename(tmp, path);
  if (!st.ok()) {
    (void)Delete(tmp);
    return st;
  }
  return SyncDirectory(dir);
}

namespace {
// Spark's rule: "_x" and ".x" are metadata or temporary, but "_col=v" is a partition directory.
bool IsHidden(const std::string& path) {
  std::string name = BaseName(path);
  return !name.empty() && (name[0] == '.' || (name[0] == '_' && name.find('=') == std::string::npos));
}
bool HasGlob(std::string_view s) { return s.find_first_of("*?[") != std::string_view::npos; }
}  // namespace

Result<std::vector<FileInfo>> FileSystem::ListFiles(const std::string& path) {
  std::vector<FileInfo> out;
  if (HasGlob(path)) {
    // Expand component by component.
    std::vector<std::string> prefixes{path[0] == '/' ? "/" : ""};
    size_t start = path[0] == '/' ? 1 : 0;
    while (start <= path.size()) {
      size_t slash = path.find('/', start);
      std::string part = path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
      std::vector<std::string> next;
      for (const auto& prefix : prefixes) {
        if (!HasGlob(part)) {
          next.push_back(prefix.empty() ? part : JoinPath(prefix, part));
          continue;
        }
        auto entries = ListDirectory(prefix.empty() ? "." : prefix);
        if (!entries.ok()) continue;
        for (const auto& e : *entries) {
          std::string name = BaseName(e.path);
          if (GlobMatch(part, name)) next.push_back(prefix.empty() ? name : JoinPath(prefix, name));
        }
      }
      prefixes = std::move(next);
      if (slash == std::string::npos) break;
      start = slash + 1;
    }
    for (const auto& p : prefixes) {
      auto info = Stat(p);
      if (!info.ok()) continue;
      if (info->is_directory) {
        RUNNEL_ASSIGN_OR_RAISE(auto inner, ListFiles(p));
        out.insert(out.end(), inner.begin(), inner.end());
      } else {
        out.push_back(*info);
      }
    }
  } else {
    RUNNEL_ASSIGN_OR_RAISE(FileInfo info, Stat(path));
    if (!info.is_directory) {
      out.push_back(info);
    } else {
      std::vector<std::string> stack{path};
      while (!stack.empty()) {
        std::string dir = stack.back();
        stack.pop_back();
        RUNNEL_ASSIGN_OR_RAISE(auto entries, ListDirectory(dir));
        for (auto& e : entries) {
          if (IsHidden(e.path)) continue;
          if (e.is_directory) {
            stack.push_back(e.path);
          } else {
            out.push_back(std::move(e));
          }
        }
      }
    }
  }
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.path < b.path; });
  return out;
}

}  // namespace runnel::io
