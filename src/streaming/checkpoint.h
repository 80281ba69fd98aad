// A streaming query's checkpoint directory (Spark's layout, docs/formats/checkpoint.md):
//   metadata         {"id":"<query id>"}: the id survives restarts
//   offsets/N        written (atomically) before batch N runs
//   commits/N        written after the sink committed batch N
//   sources/<i>/     each source's own metadata (a file source's seen-file log)
//   state/           stateful operators' stores
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "base/status.h"
#include "io/file_system.h"
#include "streaming/batch_log.h"
#include "streaming/offset_seq.h"

namespace runnel::streaming {

class Checkpoint {
 public:
  // Opens `root`, creating it and its metadata file (with `new_id`) on a fresh start. A missing
  // metadata file beside a non-empty offset log is an error: the query's identity is lost.
  static Result<std::shared_ptr<Checkpoint>> Open(std::shared_ptr<io::FileSystem> fs, std::string root,
                                                  const std::string& new_id);

  const std::string& root() const { return root_; }
  const std::string& query_id() const { return query_id_; }
  const std::shared_ptr<io::FileSystem>& fs() const { return fs_; }

  Status WriteOffsets(int64_t batch_id, const OffsetSeq& seq);
  Result<std::optional<OffsetSeq>> ReadOffsets(int64_t batch_id) const;
  Result<std::optional<int64_t>> LatestOffsetsId() const { return offsets_.LatestId(); }

  Status WriteCommit(int64_t batch_id, const CommitMetadata& commit);
  Result<std::optional<CommitMetadata>> ReadCommit(int64_t batch_id) const;
  Result<std::optional<int64_t>> LatestCommitId() const { return commits_.LatestId(); }

  // Keeps the last `keep` batches of both logs.
  Status Purge(int64_t current_batch_id, int64_t keep);

  std::string SourcePath(int source_index) const;
  std::string StatePath() const;

 private:
  Checkpoint(std::shared_ptr<io::FileSystem> fs, std::string root);

  std::shared_ptr<io::FileSystem> fs_;
  std::string root_;
  std::string query_id_;
  BatchLog offsets_, commits_;
};

}  // namespace runnel::streaming
