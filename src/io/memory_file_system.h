// A file system held in memory, for tests: fast, isolated per instance, and the base that
// FaultInjectionFileSystem wraps to simulate crashes.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "io/file_system.h"

namespace runnel::io {

class MemoryFileSystem final : public FileSystem {
 public:
  static std::shared_ptr<MemoryFileSystem> Make() { return std::make_shared<MemoryFileSystem>(); }

  Result<std::string> ReadFile(const std::string& path) override;
  Result<std::string> ReadRange(const std::string& path, int64_t offset, int64_t length) override;
  Result<FileInfo> Stat(const std::string& path) override;
  Result<bool> Exists(const std::string& path) override;
  Result<std::vector<FileInfo>> ListDirectory(const std::string& path) override;
  Status CreateDirectories(const std::string& path) override;
  // Creates the parent directories as needed (object stores behave so, and tests stay short).
  Status WriteFile(const std::string& path, std::string_view data, bool sync) override;
  // Renames a file, or a directory with everything below it.
  Status Rename(const std::string& from, const std::string& to) override;
  Status Delete(const std::string& path) override;
  Status DeleteRecursively(const std::string& path) override;
  Status SyncDirectory(const std::string& path) override { return Status::OK(); }

 private:
  // Caller holds mutex_.
  bool IsDirectoryLocked(const std::string& path) const;
  void AddParentsLocked(const std::string& path);

  std::mutex mutex_;
  std::map<std::string, std::string> files_;
  std::set<std::string> directories_;
  int64_t next_mtime_ = 1;  // a counter: tests must not depend on wall-clock time
  std::map<std::string, int64_t> mtimes_;
};

// "a//b/" -> "a/b": the memory file systems key files by normalized path.
std::string NormalizePath(std::string_view path);

}  // namespace runnel::io
