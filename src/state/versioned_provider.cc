#include "state/versioned_provider.h"

namespace runnel::state {

VersionedProvider::VersionedProvider(const StateStoreId& id, const StateStoreConfig& config,
                                     std::shared_ptr<io::FileSystem> fs, StateFileNames names)
    : id_(id), config_(config), dir_(std::move(fs), id.Directory(), std::move(names)) {}

Result<std::unique_ptr<StateStore>> VersionedProvider::GetStore(int64_t version) {
  std::lock_guard lock(mutex_);
  if (version < 0) return Status::InvalidArgument("State store version must be >= 0, got " + std::to_string(version));
  if (store_open_) {
    return Status::Internal("A store of " + id_.ToString() + " is still open; commit or abort it first");
  }
  if (!listed_) {
    RUNNEL_RETURN_NOT_OK(dir_.Refresh());
    listed_ = true;
  }
  if (loaded_version_ != version) RUNNEL_RETURN_NOT_OK(LoadLocked(version));
  store_open_ = true;
  return NewStoreLocked(version);
}

void VersionedProvider::ReleaseStore() {
  std::lock_guard lock(mutex_);
  store_open_ = false;
}

Status VersionedProvider::DoMaintenance() {
  std::lock_guard lock(mutex_);
  return MaintenanceLocked();
}

Status VersionedProvider::MaintenanceLocked() {
  if (!listed_) {
    RUNNEL_RETURN_NOT_OK(dir_.Refresh());
    listed_ = true;
  }
  if (loaded_version_ <= 0) return Status::OK();
  if (loaded_version_ - dir_.LastFullAtOrBefore(loaded_version_) >= config_.min_deltas_for_snapshot) {
    RUNNEL_RETURN_NOT_OK(WriteFullLocked());
  }
  return dir_.Cleanup(loaded_version_, config_.min_versions_to_retain);
}

void VersionedProvider::MaintainAfterCommitLocked() {
  if (config_.maintenance_on_commit && !MaintenanceLocked().ok()) listed_ = false;
}

}  // namespace runnel::state
