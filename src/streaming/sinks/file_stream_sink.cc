#include "streaming/sinks/file_stream_sink.h"

#include <algorithm>

namespace runnel::streaming {

FileStreamSink::FileStreamSink(std::shared_ptr<io::FileSystem> fs, FileSinkOptions options)
    : fs_(std::move(fs)),
      options_(std::move(options)),
      manifest_(fs_, options_.path, options_.compact_interval) {}

Result<std::shared_ptr<FileStreamSink>> FileStreamSink::Make(std::shared_ptr<io::FileSystem> fs,
                                                             FileSinkOptions options) {
  if (options.path.empty()) {
    return Status::InvalidArgument(
        "'path' is not specified: give the output directory with start(path)");
  }
  if (options.format != "parquet" && options.format != "csv" && options.format != "json") {
    return Status::NotSupported(
        "Data source " + options.format +
        " does not support streamed writing. File sink formats: parquet, csv, json");
  }
  if (options.compact_interval <= 0) {
    return Status::InvalidArgument(std::string(kFileSinkCompactIntervalConf) +
                                   " must be a positive integer, got " +
                                   std::to_string(options.compact_interval));
  }
  return std::shared_ptr<FileStreamSink>(new FileStreamSink(std::move(fs), std::move(options)));
}

Status FileStreamSink::CheckOutputMode(OutputMode mode) const {
  if (mode == OutputMode::kAppend) return Status::OK();
  return Status::Analysis("Data source " + options_.format + " does not support " +
                          plan::OutputModeName(mode) + " output mode");
}

Status FileStreamSink::Open(const type::SchemaPtr& schema, OutputMode mode) {
  spec_.format = options_.format;
  spec_.options = options_.options;
  spec_.schema = schema;
  spec_.partition_columns = options_.partition_columns;
  spec_.naming = catalog::PartFileNaming::kStreaming;
  RUNNEL_RETURN_NOT_OK(
      catalog::CheckWritableSchema(*schema, spec_.format, "path '" + options_.path + "'"));
  // A writer checks the partition columns and format options; it writes nothing until rows come.
  RUNNEL_RETURN_NOT_OK(
      catalog::PartFileWriter::Make(*fs_, options_.path, spec_, 0, "check").status());
  return fs_->CreateDirectories(options_.path);
}

Status FileStreamSink::AddBatch(int64_t batch_id, BatchOutput& output) {
  RUNNEL_ASSIGN_OR_RAISE(auto latest, manifest_.LatestBatchId());
  // Committed before a crash that came before commits/N: the files are there already.
  if (latest && batch_id <= *latest) return Status::OK();

  std::string job_id = catalog::NewWriteJobId();
  std::vector<std::unique_ptr<catalog::PartFileWriter>> tasks;
  Status run = output.ForEachPartition(
      [&](int partitions) -> Status {
        for (int t = 0; t < std::max(1, partitions); ++t) {
          RUNNEL_ASSIGN_OR_RAISE(
              auto task, catalog::PartFileWriter::Make(*fs_, options_.path, spec_, t, job_id));
          tasks.push_back(std::move(task));
        }
        return Status::OK();
      },
      [&](int partition, vector::Batch batch) -> Status {
        if (partition < 0 || partition >= static_cast<int>(tasks.size())) {
          return Status::Internal("File sink got rows for partition " + std::to_string(partition) + " of " +
                                  std::to_string(tasks.size()));
        }
        return tasks[partition]->Write(batch);
      });
  std::vector<std::string> written;
  for (size_t t = 0; run.ok() && t < tasks.size(); ++t) {
    auto files = tasks[t]->Finish();
    if (!files.ok()) {
      run = files.status();
      break;
    }
    written.insert(written.end(), files->begin(), files->end());
  }
  Result<std::vector<catalog::SinkFileStatus>> statuses = run.ok() ? StatusesOf(written) : run;
  if (!statuses.ok()) {
    DeleteAttempt(job_id);
    return statuses.status();
  }
  // The point where a crash leaves written but uncommitted files (tests inject it here). It is
  // treated as the crash it stands for: the files stay, invisible, as after a real one.
  RUNNEL_RETURN_NOT_OK(output.BeforeCommit());
  return manifest_.AddBatch(batch_id, *statuses);
}

Result<std::vector<catalog::SinkFileStatus>> FileStreamSink::StatusesOf(
    const std::vector<std::string>& relative) const {
  std::vector<catalog::SinkFileStatus> statuses;
  for (const auto& path : relative) {
    RUNNEL_ASSIGN_OR_RAISE(io::FileInfo info, fs_->Stat(io::JoinPath(options_.path, path)));
    catalog::SinkFileStatus status;
    status.path = path;
    status.size = info.size;
    status.modification_time_ms = info.modification_time_micros / 1000;
    statuses.push_back(std::move(status));
  }
  return statuses;
}

void FileStreamSink::DeleteAttempt(const std::string& job_id) const {
  // The job id is in every file name the attempt wrote (and in no other): find them by it.
  auto files = fs_->ListFiles(options_.path);
  if (!files.ok()) return;
  for (const auto& f : *files) {
    if (io::BaseName(f.path).find(job_id) != std::string::npos) (void)fs_->Delete(f.path);
  }
}

}  // namespace runnel::streaming
