#include "catalog/warehouse.h"

#include <algorithm>
#include <cctype>
#include <set>

#include "base/spelling.h"
#include "catalog/file_source.h"
#include "catalog/file_write_job.h"
#include "format/options.h"

namespace runnel::catalog {

namespace {

// Options recorded with every managed table so that its files read back exactly what was
// written: timestamps with microseconds, and (csv) NULL apart from the empty string and
// strings across lines. Malformed files in the warehouse are an error, never silent NULLs.
std::map<std::string, std::string> ManagedTableDefaults(const std::string& format) {
  if (format == "parquet") return {};  // Parquet stores types exactly; nothing to pin
  std::map<std::string, std::string> out = {{"timestampFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSSSSXXX"},
                                            {"mode", "FAILFAST"}};
  if (format == "csv") {
    out["nullValue"] = "\\N";
    out["multiLine"] = "true";
  }
  return out;
}

std::map<std::string, std::string> MergeOptions(const std::map<std::string, std::string>& user,
                                                const std::map<std::string, std::string>& defaults) {
  format::Options merged(user);
  for (const auto& [k, v] : defaults) {
    if (!merged.Has(k)) merged.Set(k, v);
  }
  return merged.entries();
}

// Spark moves the partition columns to the end of a table's schema, in PARTITIONED BY order.
// Returns the columns' names as the schema spells them.
Result<std::vector<std::string>> PartitionColumnsLast(const std::vector<std::string>& partition_columns,
                                                      type::SchemaPtr* schema, const std::string& table) {
  if (partition_columns.empty()) return partition_columns;
  std::vector<type::Field> data, partitions;
  std::vector<std::string> names;
  for (const auto& name : partition_columns) {
    int index = (*schema)->FieldIndex(name);
    if (index < 0) {
      return Status::Analysis("PARTITIONED BY column '" + name + "' is not a column of table '" + table + "'." +
                              base::DidYouMean(name, (*schema)->names()));
    }
    const type::Field& field = (*schema)->field(index);
    for (const auto& n : names) {
      if (base::ToLower(n) == base::ToLower(field.name)) {
        return Status::Analysis("PARTITIONED BY names column '" + name + "' twice (table '" + table + "')");
      }
    }
    if (field.type->is_nested()) {
      return Status::Analysis("Cannot partition table '" + table + "' by " + field.type->ToString() + " column '" +
                              field.name + "'");
    }
    partitions.push_back(field);
    names.push_back(field.name);
  }
  for (const auto& field : (*schema)->fields()) {
    bool is_partition = false;
    for (const auto& n : names) is_partition = is_partition || n == field.name;
    if (!is_partition) data.push_back(field);
  }
  if (data.empty()) {
    return Status::Analysis("Table '" + table + "' needs at least one column that is not a partition column");
  }
  data.insert(data.end(), partitions.begin(), partitions.end());
  *schema = std::make_shared<type::Schema>(std::move(data));
  return names;
}

Result<std::string> CheckFormat(const std::string& requested) {
  std::string format = base::ToLower(requested.empty() ? kDefaultTableFormat : requested);
  if (format == "csv" || format == "json" || format == "parquet") return format;
  return Status::NotSupported("Table format '" + requested +
                              "' is not supported. Use USING parquet (the default), USING json or USING csv");
}

}  // namespace

Result<std::string> NormalizeTableName(const std::string& name) {
  bool valid = !name.empty() && !std::isdigit(static_cast<unsigned char>(name[0]));
  for (char c : name) valid = valid && (std::isalnum(static_cast<unsigned char>(c)) || c == '_');
  if (!valid) {
    return Status::Analysis("Invalid table name '" + name +
                            "': use letters, digits and underscores, not starting with a digit");
  }
  std::string lower = base::ToLower(name);
  if (lower == kCheckpointsDirectory || lower == kPipelinesDirectory) {
    return Status::Analysis("Invalid table name '" + name + "': the warehouse keeps its streaming checkpoints and " +
                            "pipeline definitions under that name. Choose another");
  }
  return lower;
}

Warehouse::Warehouse(std::string root, std::shared_ptr<io::FileSystem> fs, const base::Clock* clock)
    : root_(std::move(root)), fs_(std::move(fs)), clock_(clock) {}

std::string Warehouse::TableDirectory(const std::string& name) const { return io::JoinPath(root_, name); }

std::string Warehouse::DataDirectory(const TableMetadata& metadata) const {
  return metadata.external() ? metadata.location : TableDirectory(metadata.name);
}

Result<std::optional<TableMetadata>> Warehouse::ReadMetadata(const std::string& name) {
  std::string path = io::JoinPath(TableDirectory(name), kTableMetadataFileName);
  RUNNEL_ASSIGN_OR_RAISE(bool exists, fs_->Exists(path));
  if (!exists) return std::optional<TableMetadata>();
  RUNNEL_ASSIGN_OR_RAISE(std::string text, fs_->ReadFile(path));
  RUNNEL_ASSIGN_OR_RAISE(TableMetadata metadata, DecodeTableMetadata(text, path));
  return std::optional<TableMetadata>(std::move(metadata));
}

Result<std::optional<TableManifest>> Warehouse::ReadManifest(const std::string& data_directory) {
  std::string path = io::JoinPath(data_directory, kTableManifestFileName);
  RUNNEL_ASSIGN_OR_RAISE(bool exists, fs_->Exists(path));
  if (!exists) return std::optional<TableManifest>();
  RUNNEL_ASSIGN_OR_RAISE(std::string text, fs_->ReadFile(path));
  RUNNEL_ASSIGN_OR_RAISE(TableManifest manifest, DecodeTableManifest(text, path));
  return std::optional<TableManifest>(std::move(manifest));
}

Status Warehouse::CommitManifest(const std::string& data_directory, const TableManifest& manifest) {
  return fs_->WriteFileAtomic(io::JoinPath(data_directory, kTableManifestFileName), EncodeTableManifest(manifest));
}

Result<type::SchemaPtr> Warehouse::ResolveSchema(const TableDefinition& definition, const std::string& format) {
  if (definition.schema) return definition.schema;
  if (definition.location.empty()) {
    return Status::Analysis("Cannot create table '" + definition.name +
                            "' without a schema. Give its columns, or AS SELECT ...");
  }
  FileSource files(format, definition.location, "", definition.options, fs_);
  return files.schema();
}

Status Warehouse::CreateTable(TableDefinition definition, bool if_not_exists) {
  RUNNEL_ASSIGN_OR_RAISE(std::string name, NormalizeTableName(definition.name));
  definition.name = name;
  RUNNEL_ASSIGN_OR_RAISE(std::string format, CheckFormat(definition.format));
  std::lock_guard lock(write_mutex_);
  RUNNEL_ASSIGN_OR_RAISE(std::optional<TableMetadata> existing, ReadMetadata(name));
  if (existing) {
    if (if_not_exists) return Status::OK();
    return Status::Analysis("Table " + name + " already exists. Choose another name, DROP TABLE " + name +
                            " first, or use CREATE TABLE IF NOT EXISTS");
  }
  RUNNEL_ASSIGN_OR_RAISE(type::SchemaPtr schema, ResolveSchema(definition, format));
  RUNNEL_RETURN_NOT_OK(CheckWritableSchema(*schema, format, "table '" + name + "'"));
  RUNNEL_ASSIGN_OR_RAISE(std::vector<std::string> partitions,
                         PartitionColumnsLast(definition.partition_columns, &schema, name));

  TableMetadata metadata{name, schema, format, {}, partitions, definition.location, clock_->NowMicros()};
  std::string directory = TableDirectory(name);
  // A directory without metadata is what a crash during CREATE or DROP leaves: not a table.
  RUNNEL_RETURN_NOT_OK(fs_->DeleteRecursively(directory));
  RUNNEL_RETURN_NOT_OK(fs_->CreateDirectories(directory));
  if (metadata.external()) {
    metadata.options = MergeOptions(definition.options, {});
    RUNNEL_RETURN_NOT_OK(fs_->CreateDirectories(metadata.location));
  } else {
    metadata.options = MergeOptions(definition.options, ManagedTableDefaults(format));
    RUNNEL_RETURN_NOT_OK(CommitManifest(directory, TableManifest{}));
  }
  // The metadata file last: the table exists from the moment it does.
  return fs_->WriteFileAtomic(io::JoinPath(directory, kTableMetadataFileName), EncodeTableMetadata(metadata));
}

Status Warehouse::DropTable(const std::string& name, bool if_exists) {
  RUNNEL_ASSIGN_OR_RAISE(std::string normalized, NormalizeTableName(name));
  std::lock_guard lock(write_mutex_);
  RUNNEL_ASSIGN_OR_RAISE(std::optional<TableMetadata> metadata, ReadMetadata(normalized));
  if (!metadata) {
    if (if_exists) return Status::OK();
    return Status::Analysis("Table " + normalized + " not found, so it cannot be dropped. Use DROP TABLE IF EXISTS " +
                            "to ignore a missing table");
  }
  std::string directory = TableDirectory(normalized);
  // Removing the metadata first drops the table at once; the rest is garbage from then on.
  RUNNEL_RETURN_NOT_OK(fs_->Delete(io::JoinPath(directory, kTableMetadataFileName)));
  return fs_->DeleteRecursively(directory);
}

Result<std::vector<std::string>> Warehouse::ListTables() {
  std::vector<std::string> names;
  RUNNEL_ASSIGN_OR_RAISE(bool exists, fs_->Exists(root_));
  if (!exists) return names;
  RUNNEL_ASSIGN_OR_RAISE(std::vector<io::FileInfo> entries, fs_->ListDirectory(root_));
  for (const auto& entry : entries) {
    if (!entry.is_directory) continue;
    RUNNEL_ASSIGN_OR_RAISE(bool has_metadata, fs_->Exists(io::JoinPath(entry.path, kTableMetadataFileName)));
    if (has_metadata) names.push_back(io::BaseName(entry.path));
  }
  std::sort(names.begin(), names.end());
  return names;
}

Result<std::optional<Table>> Warehouse::FindTable(const std::string& name) {
  RUNNEL_ASSIGN_OR_RAISE(std::string normalized, NormalizeTableName(name));
  RUNNEL_ASSIGN_OR_RAISE(std::optional<TableMetadata> metadata, ReadMetadata(normalized));
  if (!metadata) return std::optional<Table>();
  Table table{std::move(*metadata), std::nullopt, nullptr};
  std::string data_directory = DataDirectory(table.metadata);
  RUNNEL_ASSIGN_OR_RAISE(table.manifest, ReadManifest(data_directory));
  std::string ddl = SchemaToDdl(*table.metadata.schema);
  if (table.manifest) {
    std::vector<std::string> files;
    for (const auto& f : table.manifest->files) files.push_back(io::JoinPath(data_directory, f));
    table.source = FileSource::OverFiles(table.metadata.format, data_directory, std::move(files), ddl,
                                         table.metadata.options, fs_, table.metadata.partition_columns);
  } else {
    table.source = std::make_shared<FileSource>(table.metadata.format, data_directory, ddl,
                                                table.metadata.options, fs_);
  }
  return std::optional<Table>(std::move(table));
}

Result<Table> Warehouse::GetTable(const std::string& name) {
  RUNNEL_ASSIGN_OR_RAISE(std::optional<Table> table, FindTable(name));
  if (table) return std::move(*table);
  RUNNEL_ASSIGN_OR_RAISE(std::vector<std::string> names, ListTables());
  return Status::Analysis("Table " + base::ToLower(name) + " not found." + base::DidYouMean(name, names) +
                          " Tables in " + root_ + ": " + (names.empty() ? "none" : base::JoinStrings(names, ", ")));
}

Result<TableManifest> Warehouse::AdoptLocation(const TableMetadata& metadata) {
  TableManifest manifest;
  RUNNEL_ASSIGN_OR_RAISE(std::vector<io::FileInfo> files, fs_->ListFiles(metadata.location));
  std::string prefix = metadata.location.back() == '/' ? metadata.location : metadata.location + "/";
  for (const auto& f : files) {
    if (f.path.rfind(prefix, 0) == 0) manifest.files.push_back(f.path.substr(prefix.size()));
  }
  manifest.version = 1;
  RUNNEL_RETURN_NOT_OK(CommitManifest(metadata.location, manifest));
  return manifest;
}

Status Warehouse::RemoveLeftovers(const std::string& data_directory, const TableManifest& manifest) {
  std::set<std::string> live(manifest.files.begin(), manifest.files.end());
  const std::string manifest_temporary = std::string(".") + kTableManifestFileName + ".tmp-";
  // Part files sit in the data directory or in its partition directories (name=value/...).
  std::vector<std::string> pending{""};
  while (!pending.empty()) {
    std::string relative_dir = pending.back();
    pending.pop_back();
    std::string dir = relative_dir.empty() ? data_directory : io::JoinPath(data_directory, relative_dir);
    RUNNEL_ASSIGN_OR_RAISE(std::vector<io::FileInfo> entries, fs_->ListDirectory(dir));
    for (const auto& entry : entries) {
      std::string name = io::BaseName(entry.path);
      std::string relative = relative_dir.empty() ? name : relative_dir + "/" + name;
      if (entry.is_directory) {
        if (name.find('=') != std::string::npos) pending.push_back(relative);
        continue;
      }
      bool orphan = IsPartFileName(name) && !live.count(relative);
      bool stale_manifest = relative_dir.empty() && name.rfind(manifest_temporary, 0) == 0;
      if (orphan || IsTemporaryPartFileName(name) || stale_manifest) {
        RUNNEL_RETURN_NOT_OK(fs_->Delete(entry.path));
      }
    }
  }
  return Status::OK();
}

Result<bool> Warehouse::CommitWrite(const std::string& name, vector::BatchStream& batches, WriteMode mode,
                                   const StreamCommit* commit) {
  RUNNEL_ASSIGN_OR_RAISE(Table table, GetTable(name));
  std::lock_guard lock(write_mutex_);
  if (commit) {
    // Read again under the lock: another writer in this process may have committed since.
    RUNNEL_ASSIGN_OR_RAISE(table.manifest, ReadManifest(DataDirectory(table.metadata)));
    if (table.manifest) {
      auto it = table.manifest->stream_writes.find(commit->query_id);
      if (it != table.manifest->stream_writes.end() && it->second >= commit->batch_id) return false;
    }
  }
  const TableMetadata& metadata = table.metadata;
  std::string data_directory = DataDirectory(metadata);
  TableManifest current;
  if (table.manifest) {
    current = *table.manifest;
  } else {
    RUNNEL_ASSIGN_OR_RAISE(current, AdoptLocation(metadata));
  }
  RUNNEL_RETURN_NOT_OK(RemoveLeftovers(data_directory, current));
  FileWriteSpec spec{metadata.format, metadata.options, metadata.schema, metadata.partition_columns,
                     kDefaultRowsPerFile};
  RUNNEL_ASSIGN_OR_RAISE(std::vector<std::string> written,
                         WriteFiles(*fs_, data_directory, spec, batches));
  // No rows, no commit: re-running an empty batch writes nothing either.
  if (written.empty() && mode == WriteMode::kAppend) {
    if (commit && commit->before_commit) RUNNEL_RETURN_NOT_OK(commit->before_commit());
    return true;
  }

  TableManifest next = current;
  next.version = current.version + 1;
  if (mode == WriteMode::kOverwrite) {
    next.files.clear();
    next.overwrite_version = next.version;
  }
  next.files.insert(next.files.end(), written.begin(), written.end());
  if (commit) next.stream_writes[commit->query_id] = commit->batch_id;
  Status committed = commit && commit->before_commit ? commit->before_commit() : Status::OK();
  if (committed.ok()) committed = CommitManifest(data_directory, next);
  if (!committed.ok()) {
    for (const auto& f : written) (void)fs_->Delete(io::JoinPath(data_directory, f));
    return committed;
  }
  if (mode == WriteMode::kOverwrite) {
    // Past the commit the old files are garbage: a failure to delete one only leaves it for
    // the next write's clean-up.
    for (const auto& f : current.files) (void)fs_->Delete(io::JoinPath(data_directory, f));
  }
  return true;
}

Status Warehouse::Write(const std::string& name, vector::BatchStream& batches, WriteMode mode) {
  return CommitWrite(name, batches, mode, nullptr).status();
}

Result<bool> Warehouse::WriteStreamBatch(const std::string& name, vector::BatchStream& batches,
                                         const StreamCommit& commit) {
  return CommitWrite(name, batches, WriteMode::kAppend, &commit);
}

Status Warehouse::Write(const std::string& name, std::vector<vector::Batch> batches, WriteMode mode) {
  vector::VectorBatchStream stream(std::move(batches));
  return Write(name, stream, mode);
}

}  // namespace runnel::catalog
