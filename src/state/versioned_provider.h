// What the memory and RocksDB providers share: the store directory's listing, the one version
// loaded (in memory or in the working database), the rule that one store is open at a time,
// and maintenance (a full entry when enough incremental files piled up since the last one,
// then cleanup past the retention). Subclasses say how a version is loaded, how a store reads
// it, and how a full entry is written.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>

#include "state/state_directory.h"
#include "state/state_store.h"

namespace runnel::state {

class VersionedProvider : public StateStoreProvider {
 public:
  Result<std::unique_ptr<StateStore>> GetStore(int64_t version) final;
  Status DoMaintenance() final;
  const StateStoreId& id() const final { return id_; }
  // A store is done (committed, aborted or dropped): the next may be opened.
  void ReleaseStore();

 protected:
  VersionedProvider(const StateStoreId& id, const StateStoreConfig& config, std::shared_ptr<io::FileSystem> fs,
                    StateFileNames names);

  // The caller holds mutex_ in the methods below.
  // Makes `version` the loaded one; on failure loaded_version_ stays -1.
  virtual Status LoadLocked(int64_t version) = 0;
  virtual std::unique_ptr<StateStore> NewStoreLocked(int64_t version) = 0;
  // Writes the full entry (snapshot, checkpoint) of loaded_version_ and records it in dir_.
  virtual Status WriteFullLocked() = 0;
  Status MaintenanceLocked();
  // After a commit: maintenance when configured to run on commit. The version is committed
  // whatever happens here; a failed snapshot or cleanup is retried at the next maintenance,
  // after the directory is listed again.
  void MaintainAfterCommitLocked();

  StateStoreId id_;
  StateStoreConfig config_;
  std::mutex mutex_;
  StateDirectory dir_;
  bool listed_ = false;  // dir_ holds the directory's listing; false after a failed write
  int64_t loaded_version_ = -1;  // -1: none
  bool store_open_ = false;
};

}  // namespace runnel::state
