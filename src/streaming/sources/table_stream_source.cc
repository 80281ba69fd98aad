// Includes nlohmann/json for the offset codec (a checkpoint format).
#include "streaming/sources/table_stream_source.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "catalog/file_source.h"

namespace runnel::streaming {

Result<std::shared_ptr<TableStreamSource>> TableStreamSource::Make(
    std::shared_ptr<catalog::Warehouse> warehouse, std::string table,
    int64_t max_files_per_trigger) {
  RUNNEL_ASSIGN_OR_RAISE(catalog::Table found, warehouse->GetTable(table));
  if (found.metadata.external()) {
    return Status::Internal("TableStreamSource over external table " + table +
                            ": external tables stream as files");
  }
  return std::shared_ptr<TableStreamSource>(new TableStreamSource(
      std::move(warehouse), std::move(table), found.metadata.schema, max_files_per_trigger));
}

ReadLimit TableStreamSource::DefaultReadLimit() const {
  ReadLimit limit;
  if (max_files_ > 0) limit.max_files = max_files_;
  return limit;
}

std::string TableStreamSource::EncodeOffset(const Position& position) {
  return nlohmann::json{{"tableVersion", position.version}, {"numFiles", position.num_files}}
      .dump();
}

Result<TableStreamSource::Position> TableStreamSource::DecodeOffset(const std::string& text) {
  auto doc = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_object() && doc.contains("tableVersion") && doc["tableVersion"].is_number_integer() &&
      doc.contains("numFiles") && doc["numFiles"].is_number_integer()) {
    return Position{doc["tableVersion"].get<int64_t>(), doc["numFiles"].get<int64_t>()};
  }
  return Status::Corruption("Bad table stream offset '" + text +
                            "': expected {\"tableVersion\":V,\"numFiles\":N}");
}

Result<TableStreamSource::Snapshot> TableStreamSource::ReadTable(
    const std::optional<Position>& since) const {
  RUNNEL_ASSIGN_OR_RAISE(std::optional<catalog::Table> table, warehouse_->FindTable(table_));
  if (!table || !table->manifest) {
    return Status::InvalidArgument("Table " + table_ +
                                   " was dropped while a stream reads it. Recreate it, or "
                                   "start the stream over with a new checkpoint");
  }
  Snapshot snapshot{std::move(table->metadata), std::move(*table->manifest)};
  if (!since) return snapshot;
  const catalog::TableManifest& manifest = snapshot.manifest;
  std::string restart =
      ". A streaming read needs a table that is only appended to: start the stream over with a "
      "new checkpoint (DROP the flow or streaming table, or use another checkpointLocation)";
  if (manifest.overwrite_version > since->version) {
    return Status::InvalidArgument("Table " + table_ + " was overwritten at version " +
                                   std::to_string(manifest.overwrite_version) +
                                   ", after the version " + std::to_string(since->version) +
                                   " this stream read" + restart);
  }
  if (manifest.version < since->version ||
      static_cast<int64_t>(manifest.files.size()) < since->num_files) {
    return Status::InvalidArgument(
        "Table " + table_ + " (version " + std::to_string(manifest.version) + ", " +
        std::to_string(manifest.files.size()) + " files) is behind what this stream read " +
        "(version " + std::to_string(since->version) + ", " + std::to_string(since->num_files) +
        " files): it was dropped and created again" + restart);
  }
  return snapshot;
}

Result<std::optional<std::string>> TableStreamSource::LatestOffset(
    const std::optional<std::string>& start, const ReadLimit& limit) {
  std::optional<Position> from;
  if (start) {
    RUNNEL_ASSIGN_OR_RAISE(from, DecodeOffset(*start));
  }
  RUNNEL_ASSIGN_OR_RAISE(Snapshot table, ReadTable(from));
  int64_t available = static_cast<int64_t>(table.manifest.files.size());
  if (available_now_files_) available = std::min(available, *available_now_files_);
  int64_t begin = from ? from->num_files : 0;
  if (available <= begin) return start;
  int64_t end = limit.max_files > 0 ? std::min(available, begin + limit.max_files) : available;
  return std::optional<std::string>(EncodeOffset(Position{table.manifest.version, end}));
}

Result<plan::DataSourcePtr> TableStreamSource::GetBatch(const std::optional<std::string>& start,
                                                        const std::string& end) {
  RUNNEL_ASSIGN_OR_RAISE(Position to, DecodeOffset(end));
  Position from{to.version, 0};
  if (start) {
    RUNNEL_ASSIGN_OR_RAISE(from, DecodeOffset(*start));
  }
  // The first batch's files are valid as of its end: an overwrite before that replaced
  // everything it reads.
  RUNNEL_ASSIGN_OR_RAISE(Snapshot table, ReadTable(start ? from : to));
  if (static_cast<int64_t>(table.manifest.files.size()) < to.num_files) {
    return Status::InvalidArgument("Table " + table_ + " lists fewer files than the offset " + end +
                                   " this stream recorded: it was dropped and created again");
  }
  std::string directory = warehouse_->DataDirectory(table.metadata);
  std::vector<std::string> files;
  for (int64_t i = from.num_files; i < to.num_files; ++i) {
    files.push_back(io::JoinPath(directory, table.manifest.files[i]));
  }
  return plan::DataSourcePtr(catalog::FileSource::OverFiles(
      table.metadata.format, directory, std::move(files), catalog::SchemaToDdl(*schema_),
      table.metadata.options, warehouse_->fs(), table.metadata.partition_columns));
}

Status TableStreamSource::PrepareForAvailableNow() {
  RUNNEL_ASSIGN_OR_RAISE(Snapshot table, ReadTable(std::nullopt));
  available_now_files_ = static_cast<int64_t>(table.manifest.files.size());
  return Status::OK();
}

}  // namespace runnel::streaming
