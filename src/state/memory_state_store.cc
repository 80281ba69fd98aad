#include "state/memory_state_store.h"

#include <map>
#include <mutex>

#include "state/buffered_state_store.h"
#include "state/state_directory.h"
#include "state/state_file.h"
#include "state/versioned_provider.h"

namespace runnel::state {
namespace {

using StateMap = std::map<std::string, std::string, std::less<>>;
// Approximate heap bytes of one map entry besides its characters: a tree node and two strings.
constexpr int64_t kEntryOverhead = 96;

class MapIterator final : public StateIterator {
 public:
  MapIterator(const StateMap& map, std::string prefix)
      : map_(map), prefix_(std::move(prefix)), it_(map_.lower_bound(prefix_)) {}
  bool Valid() const override { return it_ != map_.end() && std::string_view(it_->first).starts_with(prefix_); }
  void Next() override { ++it_; }
  std::string_view key() const override { return it_->first; }
  std::string_view value() const override { return it_->second; }
  Status status() const override { return Status::OK(); }

 private:
  const StateMap& map_;
  std::string prefix_;
  StateMap::const_iterator it_;
};

class MemoryProvider final : public VersionedProvider {
 public:
  MemoryProvider(const StateStoreId& id, const StateStoreConfig& config, std::shared_ptr<io::FileSystem> fs)
      : VersionedProvider(id, config, std::move(fs), {"delta", "snapshot", ""}) {}

  // For MemoryStore.
  const StateMap& map() const { return map_; }
  int64_t bytes() const { return bytes_; }
  Status CommitVersion(const BufferedChanges& changes, int64_t version, int64_t num_keys);

 private:
  Status LoadLocked(int64_t version) override;
  std::unique_ptr<StateStore> NewStoreLocked(int64_t version) override;
  Status WriteFullLocked() override;
  Status ApplyFile(const std::string& path, StateFileKind kind, int64_t version, int64_t* num_keys);
  void PutInMap(std::string_view key, std::string_view value);
  void RemoveFromMap(std::string_view key);

  StateMap map_;  // the state of loaded_version_
  int64_t bytes_ = 0;
};

class MemoryStore final : public BufferedStateStore {
 public:
  MemoryStore(MemoryProvider* provider, int64_t version)
      : BufferedStateStore(version, static_cast<int64_t>(provider->map().size())), provider_(provider) {}
  ~MemoryStore() override { Abort(); }

 protected:
  Result<std::optional<std::string>> GetCommitted(std::string_view key) override {
    auto it = provider_->map().find(key);
    if (it == provider_->map().end()) return std::optional<std::string>();
    return std::optional<std::string>(it->second);
  }
  Result<bool> ContainsCommitted(std::string_view key) override { return provider_->map().count(key) > 0; }
  std::unique_ptr<StateIterator> ScanCommitted(std::string_view prefix) override {
    return std::make_unique<MapIterator>(provider_->map(), std::string(prefix));
  }
  Status CommitChanges(const BufferedChanges& changes, int64_t new_version, int64_t num_keys) override {
    return provider_->CommitVersion(changes, new_version, num_keys);
  }
  void Release() override { provider_->ReleaseStore(); }
  int64_t CommittedBytes() const override { return provider_->bytes(); }

 private:
  MemoryProvider* provider_;
};

std::unique_ptr<StateStore> MemoryProvider::NewStoreLocked(int64_t version) {
  return std::make_unique<MemoryStore>(this, version);
}

void MemoryProvider::PutInMap(std::string_view key, std::string_view value) {
  auto [it, inserted] = map_.try_emplace(std::string(key));
  if (inserted) {
    bytes_ += static_cast<int64_t>(key.size()) + kEntryOverhead;
  } else {
    bytes_ -= static_cast<int64_t>(it->second.size());
  }
  it->second.assign(value);
  bytes_ += static_cast<int64_t>(value.size());
}

void MemoryProvider::RemoveFromMap(std::string_view key) {
  auto it = map_.find(key);
  if (it == map_.end()) return;
  bytes_ -= static_cast<int64_t>(it->first.size() + it->second.size()) + kEntryOverhead;
  map_.erase(it);
}

Status MemoryProvider::ApplyFile(const std::string& path, StateFileKind kind, int64_t version, int64_t* num_keys) {
  RUNNEL_ASSIGN_OR_RAISE(std::string data, dir_.fs().ReadFile(path));
  RUNNEL_ASSIGN_OR_RAISE(StateFileContents contents,
                         ReadStateFile(data, path, [&](std::string_view key, std::optional<std::string_view> value) {
                           if (value) {
                             PutInMap(key, *value);
                           } else {
                             RemoveFromMap(key);
                           }
                           return Status::OK();
                         }));
  if (contents.kind != kind || contents.version != version) {
    return Status::Corruption("State file '" + path + "' holds version " + std::to_string(contents.version) +
                              " of another kind of file; it was renamed or copied by hand");
  }
  *num_keys = contents.num_keys;
  return Status::OK();
}

Status MemoryProvider::LoadLocked(int64_t version) {
  map_.clear();
  bytes_ = 0;
  loaded_version_ = -1;
  if (version > 0) {
    RUNNEL_ASSIGN_OR_RAISE(int64_t base, dir_.PlanLoad(version));
    int64_t num_keys = 0;
    std::string last_path;
    if (base > 0) {
      last_path = dir_.FullPath(base);
      RUNNEL_RETURN_NOT_OK(ApplyFile(last_path, StateFileKind::kSnapshot, base, &num_keys));
    }
    for (int64_t v = base + 1; v <= version; ++v) {
      last_path = dir_.IncrementalPath(v);
      RUNNEL_RETURN_NOT_OK(ApplyFile(last_path, StateFileKind::kDelta, v, &num_keys));
    }
    if (num_keys != static_cast<int64_t>(map_.size())) {
      size_t loaded = map_.size();
      map_.clear();
      bytes_ = 0;
      return Status::Corruption("State file '" + last_path + "' says version " + std::to_string(version) + " has " +
                                std::to_string(num_keys) + " keys, but loading it gave " +
                                std::to_string(loaded) + "; the files do not belong together");
    }
  }
  loaded_version_ = version;
  return Status::OK();
}

Status MemoryProvider::CommitVersion(const BufferedChanges& changes, int64_t version, int64_t num_keys) {
  std::lock_guard lock(mutex_);
  StateFileWriter writer(StateFileKind::kDelta, version);
  for (const auto& [key, change] : changes) {
    if (change.value) {
      writer.Put(key, *change.value);
    } else if (change.existed) {
      writer.Remove(key);
    }
  }
  if (Status st = dir_.WriteIncremental(version, writer.Finish(num_keys)); !st.ok()) {
    listed_ = false;  // which files the failure left behind is unknown: list again
    return st.WithContext("committing version " + std::to_string(version) + " of " + id_.ToString());
  }
  for (const auto& [key, change] : changes) {
    if (change.value) {
      PutInMap(key, *change.value);
    } else {
      RemoveFromMap(key);
    }
  }
  loaded_version_ = version;
  MaintainAfterCommitLocked();
  return Status::OK();
}

Status MemoryProvider::WriteFullLocked() {
  StateFileWriter writer(StateFileKind::kSnapshot, loaded_version_);
  for (const auto& [key, value] : map_) writer.Put(key, value);
  RUNNEL_RETURN_NOT_OK(dir_.fs().WriteFileAtomic(dir_.FullPath(loaded_version_),
                                                 writer.Finish(static_cast<int64_t>(map_.size()))));
  dir_.AddFull(loaded_version_);
  return Status::OK();
}

}  // namespace

std::unique_ptr<StateStoreProvider> MakeMemoryStateStoreProvider(const StateStoreId& id,
                                                                 const StateStoreConfig& config,
                                                                 std::shared_ptr<io::FileSystem> fs) {
  return std::make_unique<MemoryProvider>(id, config, std::move(fs));
}

}  // namespace runnel::state
