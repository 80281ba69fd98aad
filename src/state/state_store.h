// The state store: a versioned key-value store per (operator, partition, store name) in which
// stateful streaming operators keep what they must remember between micro-batches (Spark's
// StateStore). Version N is the state after batch N-1 (batch 0 commits version 1); the updates
// of one batch commit together or not at all. Keys and values are bytes: operators encode rows.
//
// Two providers, chosen by StateStoreConfig::provider: "memory" (the whole state in a sorted
// map, a delta file per version and periodic snapshots; memory_state_store.cc) and "rocksdb"
// (the state in a local RocksDB, a changelog file per version and periodic checkpoints, so it
// may exceed memory; rocksdb_state_store.cc). Files are laid out as docs/formats/state-store.md
// says and always go through io::FileSystem.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"
#include "io/file_system.h"

namespace runnel::state {

struct StateStoreId {
  std::string checkpoint_root;  // <checkpointLocation>/state
  int64_t operator_id = 0;
  int32_t partition_id = 0;
  std::string store_name = "default";

  // <root>/<operator>/<partition>[/<store name> unless "default"], as Spark lays it out.
  std::string Directory() const;
  std::string ToString() const;
};

struct StateStoreConfig {
  std::string provider = "memory";  // "memory" or "rocksdb"
  // A snapshot (memory) or checkpoint (RocksDB) is written once this many versions have been
  // committed since the last one.
  int min_deltas_for_snapshot = 10;
  // Versions older than the newest committed one minus this may no longer be loadable.
  int min_versions_to_retain = 100;
  // true: Commit() runs DoMaintenance() itself. false: the caller runs it, e.g. from a
  // background thread, so that the batch does not wait for snapshots.
  bool maintenance_on_commit = true;
  // RocksDB only: where the working database lives (a fresh directory under the system's
  // temporary directory when empty). It is a cache: recovery reads the checkpoint directory.
  std::string rocksdb_local_dir;
};

struct StateStoreMetrics {
  int64_t num_keys = 0;      // after this version's updates
  int64_t memory_bytes = 0;  // approximate bytes the state takes (RocksDB: memtables + SSTs)
  int64_t num_updated = 0;   // keys put in this version
  int64_t num_removed = 0;   // keys removed in this version
};

// Entries in key order (bytewise). Valid() false at the end or on error (then see status()).
class StateIterator {
 public:
  virtual ~StateIterator() = default;
  virtual bool Valid() const = 0;
  virtual void Next() = 0;
  virtual std::string_view key() const = 0;
  virtual std::string_view value() const = 0;
  virtual Status status() const = 0;
};

// One version being updated. Reads see this version's own updates. Put and Remove may be called
// while iterating (eviction by watermark does); the iterator may or may not show the entries
// put after it was created. A store that is destroyed before Commit() is aborted.
class StateStore {
 public:
  virtual ~StateStore() = default;

  // The version this store was loaded at; Commit() makes version() + 1.
  virtual int64_t version() const = 0;
  virtual Result<std::optional<std::string>> Get(std::string_view key) = 0;
  virtual Status Put(std::string_view key, std::string_view value) = 0;
  virtual Status Remove(std::string_view key) = 0;
  // The entries whose key starts with `prefix` (all with an empty prefix).
  virtual std::unique_ptr<StateIterator> Scan(std::string_view prefix = {}) = 0;
  // Makes the updates durable as version() + 1 and returns it. Re-committing a version that
  // exists (a batch run again after a failure) replaces it.
  virtual Result<int64_t> Commit() = 0;
  // Drops the updates; the store may not be used afterwards.
  virtual void Abort() = 0;
  virtual StateStoreMetrics metrics() const = 0;
};

class StateStoreProvider {
 public:
  virtual ~StateStoreProvider() = default;

  // Opens the provider of `id` named by config.provider; reads only the directory listing.
  static Result<std::unique_ptr<StateStoreProvider>> Open(const StateStoreId& id,
                                                          const StateStoreConfig& config,
                                                          std::shared_ptr<io::FileSystem> fs);

  // A store holding committed `version` (0: empty). One store at a time may be open: commit or
  // abort it before asking for the next. Loading an older version than the last commit works
  // while its files are retained.
  virtual Result<std::unique_ptr<StateStore>> GetStore(int64_t version) = 0;
  // Writes a snapshot when enough versions have passed since the last one, and deletes files
  // that no retained version needs. Safe to call from another thread while a store is open.
  virtual Status DoMaintenance() = 0;
  virtual const StateStoreId& id() const = 0;
};

}  // namespace runnel::state
