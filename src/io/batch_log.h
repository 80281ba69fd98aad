// A log with one file per batch id, the building block of a checkpoint (Spark's
// HDFSMetadataLog): offsets/N, commits/N, and (through CompactibleLog) a file source's seen-file
// log and a file sink's manifest. It lives in io, not streaming, because batch reads of a file
// sink's output (catalog) read the manifest too.
// Each file starts with a version line ("v1") and is written by write-temp, fsync, rename, so a
// reader sees a whole entry or none. A file that is empty, cut short or of a newer version is an
// error naming the file: a checkpoint is never silently started over.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "io/file_system.h"

namespace runnel::io {

class BatchLog {
 public:
  // `what` names the log in errors ("offset log"); `max_version` is the newest version this
  // build reads.
  BatchLog(std::shared_ptr<FileSystem> fs, std::string dir, std::string what, int max_version = 1);

  // Writes entry `batch_id` (`body` follows the version line). Fails if the entry exists: two
  // runs of one query are writing to the same checkpoint.
  Status Add(int64_t batch_id, const std::string& body, int version = 1);
  // Replaces an entry (compaction); Add is the normal path.
  Status Overwrite(int64_t batch_id, const std::string& body, int version = 1);
  // The entry's body (after its version line), or nullopt when there is none.
  Result<std::optional<std::string>> Get(int64_t batch_id) const;
  // The newest batch id with an entry.
  Result<std::optional<int64_t>> LatestId() const;
  // Every batch id with an entry, ascending.
  Result<std::vector<int64_t>> Ids() const;
  // Deletes the entries older than `min_batch_id`.
  Status PurgeBefore(int64_t min_batch_id);

  std::string PathOf(int64_t batch_id) const;
  const std::string& dir() const { return dir_; }
  const std::shared_ptr<FileSystem>& fs() const { return fs_; }

 private:
  Status Write(int64_t batch_id, const std::string& body, int version);

  std::shared_ptr<FileSystem> fs_;
  std::string dir_, what_;
  int max_version_;
};

// Writes "v<version>\n<body>" at `path` atomically (the format of every BatchLog entry).
Status WriteVersionedFile(FileSystem& fs, const std::string& path, const std::string& body, int version);

// Parses "v<N>\n<body>" as written by BatchLog, checking the version against `max_version`.
// `path` and `what` name the file in errors.
Result<std::string> ParseVersionedText(const std::string& text, const std::string& path,
                                       const std::string& what, int max_version);

}  // namespace runnel::io
