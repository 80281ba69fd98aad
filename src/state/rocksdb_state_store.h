// The "rocksdb" provider: the loaded version lives in a RocksDB database in a local working
// directory, so state may exceed memory. Recovery files go to the checkpoint directory through
// io::FileSystem, chosen so that a commit costs what the batch changed, not the state's size:
// - each commit writes <version>.changelog (the delta record format) and applies the same
//   updates to the database as one write batch (without RocksDB's own WAL: the changelog is the
//   log);
// - maintenance, every min_deltas_for_snapshot versions, takes a RocksDB checkpoint (hard links
//   of the SST files) and copies it to <version>.checkpoint/, then writes its manifest.
// Loading version V restores the newest checkpoint <= V and replays the changelogs after it.
// RocksDB's headers stay inside rocksdb_state_store.cc.
#pragma once

#include <memory>

#include "state/state_store.h"

namespace runnel::state {

std::unique_ptr<StateStoreProvider> MakeRocksDbStateStoreProvider(const StateStoreId& id,
                                                                  const StateStoreConfig& config,
                                                                  std::shared_ptr<io::FileSystem> fs);

}  // namespace runnel::state
