// The files of one store's checkpoint directory, indexed by version: an incremental file per
// version (<v>.delta or <v>.changelog) and every so often a full one (<v>.snapshot file or
// <v>.checkpoint directory). Both providers recover version V from the newest full entry <= V
// plus the incremental files after it, and share this bookkeeping: listing, planning a load,
// replacing a re-committed version, and deleting what no retained version needs.
#pragma once

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>

#include "base/status.h"
#include "io/file_system.h"

namespace runnel::state {

struct StateFileNames {
  std::string incremental_suffix;  // "delta"
  std::string full_suffix;         // "snapshot"
  // A full entry that is a directory counts only once this file inside it exists (it is
  // written last); empty when full entries are plain files.
  std::string full_marker;
};

class StateDirectory {
 public:
  StateDirectory(std::shared_ptr<io::FileSystem> fs, std::string dir, StateFileNames names)
      : fs_(std::move(fs)), dir_(std::move(dir)), names_(std::move(names)) {}

  // Creates the directory when missing and (re)reads its listing.
  Status Refresh();

  std::string IncrementalPath(int64_t version) const;
  std::string FullPath(int64_t version) const;
  const std::set<int64_t>& incrementals() const { return incrementals_; }
  const std::set<int64_t>& fulls() const { return fulls_; }
  // The newest full entry <= version (0 when none), after checking that every incremental file
  // from there to `version` exists; else an error naming the first missing file.
  Result<int64_t> PlanLoad(int64_t version) const;
  // The newest full entry <= version, or 0.
  int64_t LastFullAtOrBefore(int64_t version) const;

  // Writes `version`'s incremental file atomically. Files of a previous run at this version or
  // later (a batch run again after a failure) are deleted first, so they never mix with this one.
  Status WriteIncremental(int64_t version, std::string_view bytes);
  void AddFull(int64_t version) { fulls_.insert(version); }
  // Deletes the files that no version from `latest - retain + 1` to `latest` needs, plus
  // leftovers of interrupted writes.
  Status Cleanup(int64_t latest, int retain);

  const std::string& path() const { return dir_; }
  io::FileSystem& fs() { return *fs_; }

 private:
  Status DeleteFull(int64_t version);

  std::shared_ptr<io::FileSystem> fs_;
  std::string dir_;
  StateFileNames names_;
  std::set<int64_t> incrementals_, fulls_;
  std::set<std::string> leftovers_;  // temporary files and full entries without their marker
};

}  // namespace runnel::state
