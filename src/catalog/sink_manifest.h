// The manifest of a streaming file sink's output directory, `<path>/_runnel_metadata/` (Spark's
// _spark_metadata, FileStreamSinkLog): one CompactibleLog entry per committed batch listing the
// files it added, one JSON object per line. Which files form the output is decided here only:
// part files of failed attempts are on disk but in no entry, so every reader of the directory
// (batch reads, a file stream source, the sink itself on restart) goes through this class.
// Format: docs/formats/file-stream.md.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "io/compactible_log.h"
#include "io/file_system.h"

namespace runnel::catalog {

inline constexpr char kSinkManifestDirectory[] = "_runnel_metadata";
inline constexpr int kSinkManifestVersion = 1;
inline constexpr int64_t kDefaultSinkCompactInterval = 10;
// Hadoop's local block size, reported as Spark's SinkFileStatus does.
inline constexpr int64_t kSinkFileBlockSize = 32 * 1024 * 1024;

// One line of the manifest (Spark's SinkFileStatus).
struct SinkFileStatus {
  std::string
      path;  // relative to the output directory: "dt=1/part-00000-<uuid>.c000.snappy.parquet"
  int64_t size = 0;
  bool is_dir = false;
  int64_t modification_time_ms = 0;
  int64_t block_replication = 1;
  int64_t block_size = kSinkFileBlockSize;
  std::string action = "add";  // or "delete" (never written yet; read for compatibility)
};

std::string EncodeSinkFileStatus(const SinkFileStatus& status);
// `file` names the manifest file in errors.
Result<SinkFileStatus> DecodeSinkFileStatus(std::string_view line, const std::string& file);

class SinkManifest {
 public:
  // The manifest of `output_dir`; batch N with (N + 1) % compact_interval == 0 compacts.
  SinkManifest(std::shared_ptr<io::FileSystem> fs, std::string output_dir,
               int64_t compact_interval = kDefaultSinkCompactInterval);

  // Whether `path` is a directory a file sink writes to (it holds _runnel_metadata).
  static Result<bool> IsSinkOutput(io::FileSystem& fs, const std::string& path);

  Result<std::optional<int64_t>> LatestBatchId() const { return log_.LatestId(); }
  // Records batch `batch_id`'s files: the commit of that batch.
  Status AddBatch(int64_t batch_id, const std::vector<SinkFileStatus>& files);
  // The live files (added and not deleted), in the order they were committed.
  Result<std::vector<SinkFileStatus>> Files() const;
  // The live files as a listing (full paths, sizes, times), for readers of the directory.
  Result<std::vector<io::FileInfo>> ListFiles() const;

  const std::string& output_dir() const { return output_dir_; }

 private:
  std::string output_dir_;
  io::CompactibleLog log_;
};

}  // namespace runnel::catalog
