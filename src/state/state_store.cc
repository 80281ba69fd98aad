#include "state/state_store.h"

#include "state/memory_state_store.h"
#include "state/rocksdb_state_store.h"

namespace runnel::state {

std::string StateStoreId::Directory() const {
  std::string dir = io::JoinPath(io::JoinPath(checkpoint_root, std::to_string(operator_id)), std::to_string(partition_id));
  return store_name == "default" ? dir : io::JoinPath(dir, store_name);
}

std::string StateStoreId::ToString() const {
  return "the state store of operator " + std::to_string(operator_id) + ", partition " + std::to_string(partition_id) +
         (store_name == "default" ? "" : ", store '" + store_name + "'") + " in '" + checkpoint_root + "'";
}

Result<std::unique_ptr<StateStoreProvider>> StateStoreProvider::Open(const StateStoreId& id,
                                                                     const StateStoreConfig& config,
                                                                     std::shared_ptr<io::FileSystem> fs) {
  if (config.min_deltas_for_snapshot < 1 || config.min_versions_to_retain < 1) {
    return Status::InvalidArgument("State store minDeltasForSnapshot and minVersionsToRetain must be >= 1, got " +
                                   std::to_string(config.min_deltas_for_snapshot) + " and " +
                                   std::to_string(config.min_versions_to_retain));
  }
  if (config.provider == "memory") return MakeMemoryStateStoreProvider(id, config, std::move(fs));
  if (config.provider == "rocksdb") return MakeRocksDbStateStoreProvider(id, config, std::move(fs));
  return Status::InvalidArgument("Unknown state store provider '" + config.provider +
                                 "'. Available: memory, rocksdb");
}

}  // namespace runnel::state
