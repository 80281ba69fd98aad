// The file stream source (Spark's FileStreamSource): files appearing under a directory (or
// matching a glob) are read as they come, each exactly once, oldest first (newest first with
// latestFirst), at most maxFilesPerTrigger / maxBytesPerTrigger per batch.
//
// What each batch took is recorded before the batch runs, in the seen-file log under the
// checkpoint (sources/<i>/, a CompactibleLog: one JSON line {"path","timestamp","batchId"} per
// file; docs/formats/file-stream.md). The source's offset is that log's batch id,
// {"logOffset":N}, so a batch re-run after a crash reads exactly the files it read before, and a
// restart knows every file already taken. Files are expected to appear whole (written elsewhere
// and renamed in), as in Spark.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "io/compactible_log.h"
#include "streaming/source.h"
#include "streaming/sources/file_stream_options.h"

namespace runnel::streaming {

inline constexpr int64_t kFileSourceLogCompactInterval = 10;
inline constexpr int kFileSourceLogVersion = 1;

// The files already taken, by path (or name, with fileNameOnly), forgetting those older than
// maxFileAge behind the newest one (Spark's SeenFilesMap). A file is new when it was not taken
// and is not older than the last purge's threshold, so the first batch takes files of any age.
class SeenFiles {
 public:
  SeenFiles(int64_t max_age_ms, bool file_name_only)
      : max_age_ms_(max_age_ms), file_name_only_(file_name_only) {}
  void Add(const std::string& path, int64_t timestamp_ms);
  bool IsNew(const std::string& path, int64_t timestamp_ms) const;
  void Purge();
  size_t size() const { return files_.size(); }

 private:
  std::string Key(const std::string& path) const;

  int64_t max_age_ms_;
  bool file_name_only_;
  std::unordered_map<std::string, int64_t> files_;
  int64_t latest_ms_ = 0;
  int64_t purged_before_ms_ = 0;
};

// One line of the seen-file log (Spark's FileEntry). `file` names the log file in errors.
struct FileSourceEntry {
  std::string path;
  int64_t timestamp_ms = 0;  // the file's modification time
  int64_t batch_id = 0;      // the log batch (offset) that took it
};
std::string EncodeFileSourceEntry(const FileSourceEntry& entry);
Result<FileSourceEntry> DecodeFileSourceEntry(const std::string& line, const std::string& file);

// What ResolveSource learned from the files present when the stream was defined.
struct FileStreamSpec {
  std::string format;                          // csv, json, text, parquet
  std::map<std::string, std::string> options;  // all of them: the format's pass through
  FileStreamOptions stream;
  std::string schema_ddl;  // the whole schema, partition columns last
  type::SchemaPtr schema;
  std::vector<std::string> partition_columns;  // read from key=value directories below root
  std::string partition_root;
  int64_t log_compact_interval = kFileSourceLogCompactInterval;
};

class FileStreamSource final : public Source {
 public:
  // Opens (or starts) the seen-file log in `context.metadata_path`.
  static Result<std::shared_ptr<FileStreamSource>> Make(FileStreamSpec spec,
                                                        const SourceContext& context);

  std::string Describe() const override { return "FileStreamSource[" + spec_.stream.path + "]"; }
  type::SchemaPtr schema() const override { return spec_.schema; }
  ReadLimit DefaultReadLimit() const override;
  Result<std::optional<std::string>> LatestOffset(const std::optional<std::string>& start,
                                                  const ReadLimit& limit) override;
  Result<plan::DataSourcePtr> GetBatch(const std::optional<std::string>& start,
                                       const std::string& end) override;
  // cleanSource: archives or deletes the files of the committed batches (best effort).
  Status Commit(const std::string& end) override;
  Status PrepareForAvailableNow() override;

  static std::string OffsetText(int64_t log_offset);
  // -1 for nullopt (before the first batch).
  Result<int64_t> ParseOffset(const std::optional<std::string>& offset) const;

 private:
  FileStreamSource(FileStreamSpec spec, const SourceContext& context);
  Status Restore();
  // Every file under the path now: the directory listing, or a file sink's manifest.
  Result<std::vector<io::FileInfo>> ListAll();
  // The new files, in the order they are taken, cut to `limit`.
  std::vector<io::FileInfo> SelectNew(std::vector<io::FileInfo> files,
                                      const ReadLimit& limit) const;
  Result<std::vector<FileSourceEntry>> ReadEntries(int64_t first_batch, int64_t last_batch) const;
  void Clean(const std::string& path) const;

  FileStreamSpec spec_;
  std::shared_ptr<io::FileSystem> fs_;
  io::CompactibleLog log_;
  SeenFiles seen_;
  int64_t latest_log_offset_ = -1;
  std::optional<bool> reads_sink_output_;  // unknown until the path holds files or a manifest
  std::optional<std::vector<io::FileInfo>> available_now_;  // frozen by PrepareForAvailableNow
  std::optional<int64_t> last_cleaned_;
};

struct StreamSpec;
struct ResolvedSource;
// readStream() of csv, json, text or parquet: checks the options, finds the schema (the user's,
// or inferred with schemaInference; plus partition columns) from the files there now.
Result<ResolvedSource> ResolveFileStreamSource(const StreamSpec& spec,
                                               const std::shared_ptr<io::FileSystem>& fs);

}  // namespace runnel::streaming
