// Warehouse tables: managed tables live in `<root>/<table>/`, external ones keep only their
// metadata there and their data at a LOCATION. A table is a metadata file plus a manifest that
// lists its live data files; writes add files under names readers ignore and commit by
// atomically replacing the manifest, so a crash at any point leaves the table as of its last
// commit (docs/formats/warehouse.md). Data files are csv or json for now (json by default: it
// keeps types and nesting best); Parquet comes later.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "catalog/table_manifest.h"
#include "catalog/table_metadata.h"
#include "io/file_system.h"
#include "plan/data_source.h"
#include "vector/batch_stream.h"

namespace runnel::catalog {

inline constexpr char kDefaultTableFormat[] = "parquet";
// A table's part files hold at most this many rows (table option maxRecordsPerFile overrides).
inline constexpr int64_t kDefaultRowsPerFile = 1000000;

// CREATE TABLE's content.
struct TableDefinition {
  std::string name;
  type::SchemaPtr schema;  // null: inferred from the files at `location` (external tables only)
  std::string format;      // csv or json; empty for the default (json)
  std::map<std::string, std::string> options;
  std::vector<std::string> partition_columns;  // Hive-style directories; moved to the schema's end
  std::string location;                        // non-empty: an external table
};

struct Table {
  TableMetadata metadata;
  std::optional<TableManifest> manifest;  // nullopt: an external location never written to
  plan::DataSourcePtr source;             // reads exactly the manifest's files
};

enum class WriteMode { kAppend, kOverwrite };

// One micro-batch of a streaming writer, appended exactly once: the manifest commit that adds
// the batch's files also records (query_id, batch_id), and a batch the manifest already records
// for that query is skipped.
struct StreamCommit {
  std::string query_id;
  int64_t batch_id = 0;
  // Runs after the data files are written, just before the manifest commit (a test's crash
  // point); a failure abandons the write.
  std::function<Status()> before_commit;
};

// Names under the warehouse root that are not tables (streaming checkpoints, pipeline
// definitions): CREATE TABLE refuses them.
inline constexpr char kCheckpointsDirectory[] = "_checkpoints";
inline constexpr char kPipelinesDirectory[] = "_pipelines";

// A table name as stored: lower-case; an Analysis error unless it matches
// [A-Za-z_][A-Za-z0-9_]*.
Result<std::string> NormalizeTableName(const std::string& name);

class Warehouse {
 public:
  explicit Warehouse(std::string root, std::shared_ptr<io::FileSystem> fs = io::FileSystem::Local(),
                     const base::Clock* clock = &base::SystemClock::Instance());
  Warehouse(const Warehouse&) = delete;
  Warehouse& operator=(const Warehouse&) = delete;

  const std::string& root() const { return root_; }
  const std::shared_ptr<io::FileSystem>& fs() const { return fs_; }

  // "Table t already exists" unless `if_not_exists`.
  Status CreateTable(TableDefinition definition, bool if_not_exists);
  // Managed tables lose their data; external tables only their metadata.
  Status DropTable(const std::string& name, bool if_exists);
  // Sorted lower-case names.
  Result<std::vector<std::string>> ListTables();
  // nullopt when there is no such table.
  Result<std::optional<Table>> FindTable(const std::string& name);
  // As FindTable, but a missing table is an Analysis error naming the tables there are.
  Result<Table> GetTable(const std::string& name);

  // Appends the batches (columns of the table's types, in order), or replaces the table's
  // contents with them; one commit either way. Leftovers of earlier failed writes are removed
  // first.
  Status Write(const std::string& name, vector::BatchStream& batches, WriteMode mode);
  Status Write(const std::string& name, std::vector<vector::Batch> batches, WriteMode mode);
  // Appends one streaming micro-batch (see StreamCommit). False when the table had already
  // committed that batch of that query: nothing was written.
  Result<bool> WriteStreamBatch(const std::string& name, vector::BatchStream& batches, const StreamCommit& commit);

  // Where a table's data files and manifest live: its LOCATION, or its directory.
  std::string DataDirectory(const TableMetadata& metadata) const;

 private:
  std::string TableDirectory(const std::string& name) const;
  // Write and WriteStreamBatch; `commit` null for a batch write.
  Result<bool> CommitWrite(const std::string& name, vector::BatchStream& batches, WriteMode mode,
                          const StreamCommit* commit);
  Result<std::optional<TableMetadata>> ReadMetadata(const std::string& name);
  Result<std::optional<TableManifest>> ReadManifest(const std::string& data_directory);
  Status CommitManifest(const std::string& data_directory, const TableManifest& manifest);
  // An external location without a manifest: a first commit adopts the files there.
  Result<TableManifest> AdoptLocation(const TableMetadata& metadata);
  Status RemoveLeftovers(const std::string& data_directory, const TableManifest& manifest);
  Result<type::SchemaPtr> ResolveSchema(const TableDefinition& definition, const std::string& format);

  std::string root_;
  std::shared_ptr<io::FileSystem> fs_;
  const base::Clock* clock_;
  std::mutex write_mutex_;  // one writer at a time in this process
};

}  // namespace runnel::catalog
