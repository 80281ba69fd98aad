// The "memory" provider (Spark's HDFS-backed provider): the state of the loaded version is a
// sorted map in memory; each commit writes <version>.delta with the batch's puts and removals,
// and maintenance writes <version>.snapshot with the whole map every min_deltas_for_snapshot
// versions. Loading version V reads the newest snapshot <= V and replays the deltas after it.
#pragma once

#include <memory>

#include "state/state_store.h"

namespace runnel::state {

std::unique_ptr<StateStoreProvider> MakeMemoryStateStoreProvider(const StateStoreId& id,
                                                                 const StateStoreConfig& config,
                                                                 std::shared_ptr<io::FileSystem> fs);

}  // namespace runnel::state
