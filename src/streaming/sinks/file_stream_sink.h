// The file sink (Spark's FileStreamSink): each micro-batch appended to a directory as part
// files (parquet by default, csv, json; partitionBy directories), exactly once. A batch commits
// by one atomic write of `<path>/_runnel_metadata/<batch id>` listing its files (SinkManifest);
// readers list that manifest, so files written by an attempt that failed before its commit are
// never read, and a batch re-run after a crash that follows its commit is skipped.
// Append output mode only.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "catalog/file_write_job.h"
#include "catalog/sink_manifest.h"
#include "streaming/sink.h"

namespace runnel::streaming {

inline constexpr char kFileSinkCompactIntervalConf[] =
    "runnel.sql.streaming.fileSink.log.compactInterval";

struct FileSinkOptions {
  std::string path;
  std::string format = "parquet";  // parquet, csv, json
  std::map<std::string, std::string>
      options;  // the format's (compression, header, maxRecordsPerFile, ...)
  std::vector<std::string> partition_columns;
  int64_t compact_interval = catalog::kDefaultSinkCompactInterval;
};

class FileStreamSink final : public Sink {
 public:
  static Result<std::shared_ptr<FileStreamSink>> Make(std::shared_ptr<io::FileSystem> fs,
                                                      FileSinkOptions options);

  std::string Describe() const override { return "FileSink[" + options_.path + "]"; }
  // Checks that the rows can be written and the partition columns exist.
  Status Open(const type::SchemaPtr& schema, OutputMode mode) override;
  Status CheckOutputMode(OutputMode mode) const override;
  Status AddBatch(int64_t batch_id, BatchOutput& output) override;

 private:
  FileStreamSink(std::shared_ptr<io::FileSystem> fs, FileSinkOptions options);
  // Deletes the part files of write job `job_id` (an attempt that failed), best effort.
  void DeleteAttempt(const std::string& job_id) const;
  Result<std::vector<catalog::SinkFileStatus>> StatusesOf(
      const std::vector<std::string>& relative_paths) const;

  std::shared_ptr<io::FileSystem> fs_;
  FileSinkOptions options_;
  catalog::SinkManifest manifest_;
  catalog::FileWriteSpec spec_;
};

}  // namespace runnel::streaming
