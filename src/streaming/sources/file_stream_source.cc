#include "streaming/sources/file_stream_source.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "catalog/file_source.h"
#include "catalog/sink_manifest.h"
#include "catalog/table_metadata.h"
#include "streaming/source_provider.h"

namespace runnel::streaming {

// --- SeenFiles ---

std::string SeenFiles::Key(const std::string& path) const {
  return file_name_only_ ? io::BaseName(path) : path;
}

void SeenFiles::Add(const std::string& path, int64_t timestamp_ms) {
  files_[Key(path)] = timestamp_ms;
  latest_ms_ = std::max(latest_ms_, timestamp_ms);
}

bool SeenFiles::IsNew(const std::string& path, int64_t timestamp_ms) const {
  // Against the last purge's threshold, not the current one: a file older than the newest by
  // more than the age, but listed before the purge that would have dropped it, is still read.
  return timestamp_ms >= purged_before_ms_ && !files_.contains(Key(path));
}

void SeenFiles::Purge() {
  purged_before_ms_ = max_age_ms_ == INT64_MAX ? 0 : latest_ms_ - max_age_ms_;
  std::erase_if(files_, [&](const auto& file) { return file.second < purged_before_ms_; });
}

// --- log entries and offsets ---

std::string EncodeFileSourceEntry(const FileSourceEntry& e) {
  nlohmann::ordered_json line = {
      {"path", e.path}, {"timestamp", e.timestamp_ms}, {"batchId", e.batch_id}};
  return line.dump();
}

Result<FileSourceEntry> DecodeFileSourceEntry(const std::string& line, const std::string& file) {
  nlohmann::json doc = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("path") || !doc["path"].is_string() ||
      !doc.contains("timestamp") || !doc["timestamp"].is_number_integer() ||
      !doc.contains("batchId") || !doc["batchId"].is_number_integer()) {
    return Status::Corruption(
        "The file source log file " + file +
        " has a line that is not {\"path\":<string>,\"timestamp\":<ms>,\"batchId\":<n>}: '" +
        line.substr(0, 120) + "'");
  }
  return FileSourceEntry{doc["path"].get<std::string>(), doc["timestamp"].get<int64_t>(),
                         doc["batchId"].get<int64_t>()};
}

std::string FileStreamSource::OffsetText(int64_t log_offset) {
  return nlohmann::json{{"logOffset", log_offset}}.dump();
}

Result<int64_t> FileStreamSource::ParseOffset(const std::optional<std::string>& offset) const {
  if (!offset) return -1;
  nlohmann::json doc = nlohmann::json::parse(*offset, nullptr, /*allow_exceptions=*/false);
  if (!doc.is_object() || !doc.contains("logOffset") || !doc["logOffset"].is_number_integer()) {
    return Status::Corruption("Invalid offset '" + *offset + "' for " + Describe() +
                              ": expected {\"logOffset\":<n>}");
  }
  return doc["logOffset"].get<int64_t>();
}

// --- the source ---

FileStreamSource::FileStreamSource(FileStreamSpec spec, const SourceContext& context)
    : spec_(std::move(spec)),
      fs_(context.fs),
      log_(context.fs, context.metadata_path, "file source log", spec_.log_compact_interval,
           kFileSourceLogVersion),
      seen_(spec_.stream.max_file_age_ms, spec_.stream.file_name_only) {}

Result<std::shared_ptr<FileStreamSource>> FileStreamSource::Make(FileStreamSpec spec,
                                                                 const SourceContext& context) {
  std::shared_ptr<FileStreamSource> source(new FileStreamSource(std::move(spec), context));
  RUNNEL_RETURN_NOT_OK(source->Restore());
  return source;
}

Status FileStreamSource::Restore() {
  RUNNEL_ASSIGN_OR_RAISE(auto latest, log_.LatestId());
  latest_log_offset_ = latest.value_or(-1);
  RUNNEL_RETURN_NOT_OK(log_.ReadAll([&](const std::string& file, std::string line) -> Status {
    RUNNEL_ASSIGN_OR_RAISE(FileSourceEntry entry, DecodeFileSourceEntry(line, file));
    seen_.Add(entry.path, entry.timestamp_ms);
    return Status::OK();
  }));
  seen_.Purge();
  return Status::OK();
}

ReadLimit FileStreamSource::DefaultReadLimit() const {
  ReadLimit limit;
  limit.max_files = spec_.stream.max_files_per_trigger;
  limit.max_bytes = spec_.stream.max_bytes_per_trigger;
  return limit;
}

Result<std::vector<io::FileInfo>> FileStreamSource::ListAll() {
  const std::string& path = spec_.stream.path;
  if (!reads_sink_output_) {
    RUNNEL_ASSIGN_OR_RAISE(bool sink_output, catalog::SinkManifest::IsSinkOutput(*fs_, path));
    if (sink_output) reads_sink_output_ = true;
  }
  if (reads_sink_output_.value_or(false)) return catalog::SinkManifest(fs_, path).ListFiles();
  std::vector<io::FileInfo> files;
  RUNNEL_ASSIGN_OR_RAISE(bool exists, fs_->Exists(path));
  // A glob matching nothing yet, or a directory made later, is simply empty for now.
  if (exists || path.find_first_of("*?[") != std::string::npos) {
    RUNNEL_ASSIGN_OR_RAISE(files, fs_->ListFiles(path));
  }
  // Once data files are there, a manifest appearing later does not change how we list.
  if (!files.empty()) reads_sink_output_ = false;
  return files;
}

std::vector<io::FileInfo> FileStreamSource::SelectNew(std::vector<io::FileInfo> files,
                                                      const ReadLimit& limit) const {
  std::erase_if(files, [&](const io::FileInfo& f) {
    return f.is_directory || !seen_.IsNew(f.path, f.modification_time_micros / 1000);
  });
  // Oldest first, ties by path, so the order does not depend on the listing's.
  std::sort(files.begin(), files.end(), [](const io::FileInfo& a, const io::FileInfo& b) {
    int64_t ta = a.modification_time_micros / 1000, tb = b.modification_time_micros / 1000;
    return ta != tb ? ta < tb : a.path < b.path;
  });
  if (spec_.stream.latest_first) std::reverse(files.begin(), files.end());
  if (limit.max_files > 0 && static_cast<int64_t>(files.size()) > limit.max_files)
    files.resize(limit.max_files);
  if (limit.max_bytes > 0) {
    // At least one file, however large, or a big file would stop the stream.
    size_t take = 0;
    int64_t bytes = 0;
    while (take < files.size() && (take == 0 || bytes + files[take].size <= limit.max_bytes))
      bytes += files[take++].size;
    files.resize(take);
  }
  return files;
}

Result<std::optional<std::string>> FileStreamSource::LatestOffset(
    const std::optional<std::string>& start, const ReadLimit& limit) {
  RUNNEL_ASSIGN_OR_RAISE(int64_t start_offset, ParseOffset(start));
  if (start_offset > latest_log_offset_) {
    return Status::Corruption("The checkpoint's offset for " + Describe() + " is log batch " +
                              std::to_string(start_offset) + " but the file source log " +
                              log_.dir() + " ends at " + std::to_string(latest_log_offset_) +
                              ": the source's metadata was lost or replaced");
  }
  // Logged by a run that stopped before writing offsets/N: that batch comes first.
  if (latest_log_offset_ > start_offset)
    return std::optional<std::string>(OffsetText(latest_log_offset_));
  std::vector<io::FileInfo> listed;
  if (available_now_) {
    listed = *available_now_;
  } else {
    RUNNEL_ASSIGN_OR_RAISE(listed, ListAll());
  }
  std::vector<io::FileInfo> batch = SelectNew(std::move(listed), limit);
  if (batch.empty()) return start;
  int64_t batch_id = latest_log_offset_ + 1;
  std::vector<std::string> lines;
  for (const auto& f : batch) {
    FileSourceEntry entry{f.path, f.modification_time_micros / 1000, batch_id};
    lines.push_back(EncodeFileSourceEntry(entry));
  }
  RUNNEL_RETURN_NOT_OK(log_.Add(batch_id, lines));
  for (const auto& f : batch) seen_.Add(f.path, f.modification_time_micros / 1000);
  seen_.Purge();
  latest_log_offset_ = batch_id;
  return std::optional<std::string>(OffsetText(batch_id));
}

Result<std::vector<FileSourceEntry>> FileStreamSource::ReadEntries(int64_t first_batch,
                                                                   int64_t last_batch) const {
  std::vector<FileSourceEntry> entries;
  RUNNEL_RETURN_NOT_OK(log_.ReadBatches(
      first_batch, last_batch, [&](const std::string& file, std::string line) -> Status {
        RUNNEL_ASSIGN_OR_RAISE(FileSourceEntry entry, DecodeFileSourceEntry(line, file));
        // A compact entry holds every earlier batch too.
        if (entry.batch_id >= first_batch && entry.batch_id <= last_batch)
          entries.push_back(std::move(entry));
        return Status::OK();
      }));
  return entries;
}

Result<plan::DataSourcePtr> FileStreamSource::GetBatch(const std::optional<std::string>& start,
                                                       const std::string& end) {
  RUNNEL_ASSIGN_OR_RAISE(int64_t first, ParseOffset(start));
  RUNNEL_ASSIGN_OR_RAISE(int64_t last, ParseOffset(end));
  RUNNEL_ASSIGN_OR_RAISE(auto entries, ReadEntries(first + 1, last));
  std::vector<std::string> files;
  for (auto& e : entries) files.push_back(std::move(e.path));
  return plan::DataSourcePtr(catalog::FileSource::OverFiles(
      spec_.format, spec_.partition_root, std::move(files), spec_.schema_ddl, spec_.options, fs_,
      spec_.partition_columns));
}

Status FileStreamSource::Commit(const std::string& end) {
  if (spec_.stream.clean_source == CleanSourceMode::kOff) return Status::OK();
  RUNNEL_ASSIGN_OR_RAISE(int64_t last, ParseOffset(end));
  int64_t first = last_cleaned_ ? *last_cleaned_ + 1 : last;
  if (first > last) return Status::OK();
  // Best effort, as in Spark: a file that cannot be moved or deleted stays, and is not read again.
  auto entries = ReadEntries(first, last);
  if (entries.ok()) {
    for (const auto& e : *entries) Clean(e.path);
  }
  last_cleaned_ = last;
  return Status::OK();
}

void FileStreamSource::Clean(const std::string& path) const {
  if (spec_.stream.clean_source == CleanSourceMode::kDelete) {
    (void)fs_->Delete(path);
    return;
  }
  // The file keeps its whole path below the archive directory: /data/in/a.json goes to
  // <archive>/data/in/a.json, so files of the same name in different directories do not clash.
  std::string relative = path;
  while (!relative.empty() && relative.front() == '/') relative.erase(0, 1);
  std::string target = io::JoinPath(spec_.stream.source_archive_dir, relative);
  if (fs_->CreateDirectories(io::ParentPath(target)).ok()) (void)fs_->Rename(path, target);
}

Status FileStreamSource::PrepareForAvailableNow() {
  RUNNEL_ASSIGN_OR_RAISE(auto files, ListAll());
  available_now_ = std::move(files);
  return Status::OK();
}

// --- resolving readStream() ---

Result<ResolvedSource> ResolveFileStreamSource(const StreamSpec& spec,
                                               const std::shared_ptr<io::FileSystem>& fs) {
  FileStreamSpec file_spec;
  file_spec.format = spec.format;
  file_spec.options = spec.options;
  RUNNEL_ASSIGN_OR_RAISE(file_spec.stream, FileStreamOptions::Parse(spec.options));
  // Text files have a fixed schema (value STRING); the others need one, as in Spark.
  if (spec.schema_ddl.empty() && !spec.schema_inference && spec.format != "text") {
    return Status::InvalidArgument(
        "Schema must be specified when creating a streaming source DataFrame. If some files "
        "already exist in the "
        "directory, then depending on the file format you may be able to create a static DataFrame "
        "on that directory "
        "with 'session.read().load(directory)' and infer schema from it, or set "
        "runnel.sql.streaming.schemaInference=true");
  }
  const std::string& path = file_spec.stream.path;
  RUNNEL_ASSIGN_OR_RAISE(bool sink_output, catalog::SinkManifest::IsSinkOutput(*fs, path));
  if (sink_output && file_spec.stream.clean_source != CleanSourceMode::kOff) {
    return Status::NotSupported(
        "Clean up source files is not supported when reading from the output directory of a "
        "file sink (" +
        path + " has _runnel_metadata): drop option cleanSource");
  }
  // The schema and partition columns as a batch read of the files there now would see them:
  // the partition scheme is fixed from here on, as in Spark.
  catalog::FileSource probe(spec.format, path, spec.schema_ddl, spec.options, fs);
  RUNNEL_ASSIGN_OR_RAISE(file_spec.schema, probe.schema());
  file_spec.schema_ddl = catalog::SchemaToDdl(*file_spec.schema);
  file_spec.partition_columns = probe.partition_columns();
  file_spec.partition_root = probe.partition_root();
  ResolvedSource resolved;
  resolved.schema = file_spec.schema;
  resolved.factory = [file_spec](const SourceContext& context) -> Result<SourcePtr> {
    RUNNEL_ASSIGN_OR_RAISE(auto source, FileStreamSource::Make(file_spec, context));
    return SourcePtr(std::move(source));
  };
  return resolved;
}

}  // namespace runnel::streaming
