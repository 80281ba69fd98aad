// A BatchLog whose entries are lists of lines (one per file) and which, every `interval`
// batches, folds every live line into one "<N>.compact" entry (Spark's CompactibleFileStreamLog):
// a file source's seen-file log and a file sink's manifest, which would otherwise need one file
// read per batch ever run. Batch N is a compaction batch when (N + 1) % interval == 0; its entry
// holds the previous compact entry's lines, those of the batches after it and its own, and the
// entries it replaces are then deleted. Readers find the newest compact entry by listing, so a
// crash between the compaction and the deletions, or a changed interval, still reads correctly.
// The layout is specified in docs/formats/file-stream.md.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "io/file_system.h"

namespace runnel::io {

inline constexpr char kCompactSuffix[] = ".compact";

class CompactibleLog {
 public:
  // `what` names the log in errors ("file sink manifest"); `version` is written and is the
  // newest one read.
  CompactibleLog(std::shared_ptr<FileSystem> fs, std::string dir, std::string what,
                 int64_t interval, int version = 1);

  // Writes batch `batch_id` (compacting when it is a compaction batch). Fails when the batch
  // already has an entry: two runs of one query write to the same log.
  Status Add(int64_t batch_id, const std::vector<std::string>& lines);
  // The newest batch id with an entry, compact or not.
  Result<std::optional<int64_t>> LatestId() const;
  // Called with each line and the entry file it came from (for errors that name the file).
  using LineVisitor = std::function<Status(const std::string& file, std::string line)>;
  // Every live line, oldest first: the newest compact entry's, then the later batches'.
  Status ReadAll(const LineVisitor& visit) const;
  Result<std::vector<std::string>> ReadAll() const;
  // The lines of the entries holding batches first..last: each batch's own entry, or the compact
  // entry that absorbed it. A compact entry holds other batches' lines too, so callers whose
  // lines name their batch filter them. A batch held by no entry is an error.
  Status ReadBatches(int64_t first, int64_t last, const LineVisitor& visit) const;

  bool IsCompactionBatch(int64_t batch_id) const { return (batch_id + 1) % interval_ == 0; }
  std::string PathOf(int64_t batch_id, bool compact) const;
  const std::string& dir() const { return dir_; }

 private:
  struct EntryName {
    int64_t batch_id;
    bool compact;
  };
  // The entries on disk, by batch id (a plain and a compact entry of one id: the compact one).
  Result<std::vector<EntryName>> List() const;
  Status ReadEntry(const EntryName& entry, const LineVisitor& visit) const;

  std::shared_ptr<FileSystem> fs_;
  std::string dir_, what_;
  int64_t interval_;
  int version_;
};

}  // namespace runnel::io
