// The file system as a dependency. Engine code never touches the disk directly, so tests can
// swap in an in-memory or fault-injecting file system (LevelDB's Env).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace runnel::io {

struct FileInfo {
  std::string path;
  int64_t size = 0;
  int64_t modification_time_micros = 0;
  bool is_directory = false;
};

class FileSystem {
 public:
  virtual ~FileSystem() = default;

  virtual Result<std::string> ReadFile(const std::string& path) = 0;
  // Reads `length` bytes at `offset` (fewer at end of file).
  virtual Result<std::string> ReadRange(const std::string& path, int64_t offset, int64_t length) = 0;
  virtual Result<FileInfo> Stat(const std::string& path) = 0;
  virtual Result<bool> Exists(const std::string& path) = 0;
  // Entries directly inside a directory, sorted by path.
  virtual Result<std::vector<FileInfo>> ListDirectory(const std::string& path) = 0;
  virtual Status CreateDirectories(const std::string& path) = 0;
  // Writes the whole file (not atomically; see WriteFileAtomic).
  virtual Status WriteFile(const std::string& path, std::string_view data, bool sync) = 0;
  virtual Status Rename(const std::string& from, const std::string& to) = 0;
  virtual Status Delete(const std::string& path) = 0;          // a file
  virtual Status DeleteRecursively(const std::string& path) = 0;  // a directory tree
  virtual Status SyncDirectory(const std::string& path) = 0;

  // Write-temp, fsync, rename, fsync the directory: readers see the old file or the new one.
  Status WriteFileAtomic(const std::string& path, std::string_view data);
  // Every file under `path` (recursively when it is a directory; the file itself otherwise;
  // the matches when it holds * ? or [ ] glob characters), sorted by path. Files and
  // directories whose names start with '_' or '.' are skipped below a directory, as Spark does.
  Result<std::vector<FileInfo>> ListFiles(const std::string& path);

  // The local file system.
  static std::shared_ptr<FileSystem> Local();
};

// Glob matching of one path component: * ? [abc] [a-z] [!x].
bool GlobMatch(std::string_view pattern, std::string_view name);
std::string JoinPath(std::string_view a, std::string_view b);
std::string ParentPath(std::string_view path);
std::string BaseName(std::string_view path);

}  // namespace runnel::io
