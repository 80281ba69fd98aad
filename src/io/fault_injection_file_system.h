// A file system wrapper that fails chosen operations and simulates a crash, after LevelDB's
// fault_injection_test.cc: tests prove that a failure or power loss at any point leaves every
// committed file readable.
//
// Durability model (what survives Crash()):
// - a file's content survives when it was written with sync=true; content written without sync
//   is lost (the file keeps its previous durable content, or is empty when its name became
//   durable only later);
// - a new name, a rename or a deletion survives only after SyncDirectory on its parent;
// - files that existed before the wrapper first touched them are durable; directories and
//   DeleteRecursively take effect at once.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "io/file_system.h"

namespace runnel::io {

class FaultInjectionFileSystem final : public FileSystem {
 public:
  // The operations a fault can hit. A WriteFile with sync=true is a kWrite then a kSync.
  enum class Op { kWrite, kSync, kRename, kDelete };

  explicit FaultInjectionFileSystem(std::shared_ptr<FileSystem> base) : base_(std::move(base)) {}
  static std::shared_ptr<FaultInjectionFileSystem> Make(std::shared_ptr<FileSystem> base) {
    return std::make_shared<FaultInjectionFileSystem>(std::move(base));
  }

  // The next operation of kind `op` fails with an I/O error (once). A failed write leaves the
  // first half of the data behind, as a torn write would.
  void FailNext(Op op);
  // `n` more mutating operations succeed, then every later one fails until ClearFaults(): the
  // process died at that point.
  void FailAfter(int64_t n);
  void ClearFaults();
  // Mutating operations attempted so far (successful or not).
  int64_t num_operations() const;
  // Reverts the base file system to what a power loss at this moment would leave, and clears
  // the faults (the process restarts).
  Status Crash();

  Result<std::string> ReadFile(const std::string& path) override { return base_->ReadFile(path); }
  Result<std::string> ReadRange(const std::string& path, int64_t offset, int64_t length) override {
    return base_->ReadRange(path, offset, length);
  }
  Result<FileInfo> Stat(const std::string& path) override { return base_->Stat(path); }
  Result<bool> Exists(const std::string& path) override { return base_->Exists(path); }
  Result<std::vector<FileInfo>> ListDirectory(const std::string& path) override {
    return base_->ListDirectory(path);
  }
  Status CreateDirectories(const std::string& path) override { return base_->CreateDirectories(path); }
  Status WriteFile(const std::string& path, std::string_view data, bool sync) override;
  Status Rename(const std::string& from, const std::string& to) override;
  Status Delete(const std::string& path) override;
  Status DeleteRecursively(const std::string& path) override;
  Status SyncDirectory(const std::string& path) override;

 private:
  struct Tracked {
    std::optional<std::string> durable;  // what a crash leaves under this name; nullopt: absent
    bool content_synced = true;          // the live file's content is on disk
  };
  // Caller holds mutex_. An error when the operation must fail.
  Status MaybeFail(Op op, const std::string& path);
  Tracked& TrackLocked(const std::string& path);

  std::shared_ptr<FileSystem> base_;
  mutable std::mutex mutex_;
  std::map<std::string, Tracked> tracked_;
  std::map<Op, int> fail_next_;
  std::optional<int64_t> fail_after_;
  int64_t num_operations_ = 0;
};

}  // namespace runnel::io
