// Files as a data source: csv, json, text (and parquet), one partition per file. The path may be
// a file, a directory (read recursively, skipping _ and . names) or a glob. The schema is the
// user's, or inferred from the files (Spark's rules per format).
//
// Under a directory, Hive-style partition directories (dt=2024-01-01/h=3/...) become columns
// after the file's own, with types inferred from the values; a scan skips the directories whose
// values rule out the query's filters (partition pruning).
//
// A directory holding _runnel_metadata is a streaming file sink's output: only the files its
// manifest lists are read (catalog/sink_manifest.h), as Spark does for _spark_metadata.
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "io/file_system.h"
#include "plan/data_source.h"
#include "type/value.h"

namespace runnel::format::parquet {
class ParquetFile;
}

namespace runnel::catalog {

class FileSource final : public plan::DataSource {
 public:
  FileSource(std::string format, std::string path, std::string schema_ddl,
             std::map<std::string, std::string> options,
             std::shared_ptr<io::FileSystem> fs = io::FileSystem::Local());
  // Reads exactly `files` (under `root`) instead of listing a path: a warehouse table's
  // manifest. `schema_ddl` is the whole schema; the `partition_columns` among it take their
  // values from the files' paths below `root`.
  static std::shared_ptr<FileSource> OverFiles(std::string format, std::string root,
                                               std::vector<std::string> files, std::string schema_ddl,
                                               std::map<std::string, std::string> options,
                                               std::shared_ptr<io::FileSystem> fs,
                                               std::vector<std::string> partition_columns = {});

  std::string Describe() const override;
  Result<type::SchemaPtr> schema() override;
  // After schema(): the partition columns (the schema's last ones) and the directory their
  // values are read below ("" when none). A file stream source reads its batches with these.
  std::vector<std::string> partition_columns() const;
  const std::string& partition_root() const { return root_; }
  int NumPartitions() const override;
  Result<std::unique_ptr<vector::BatchStream>> Open(int partition, const std::vector<int>& projection,
                                                    const std::vector<expr::ExprPtr>& filters) override;

 private:
  Status Resolve();
  Status ListInputFiles();
  // Finds partition directories and splits the user's or inferred schema into file columns and
  // partition columns.
  Status ResolvePartitions(const type::Schema* declared);
  Result<type::Schema> InferDataSchema();
  // Whether the filters can hold in file `file` given its partition values.
  bool FileMayMatch(int file, const std::vector<int>& projection, const std::vector<expr::ExprPtr>& filters) const;
  // Parquet: opens every file's footer and makes one split per row group.
  Status PlanParquetSplits();
  Result<std::unique_ptr<vector::BatchStream>> OpenParquet(int split, const std::vector<int>& projection,
                                                           const std::vector<int>& file_projection,
                                                           const std::vector<expr::ExprPtr>& filters);

  // What one partition of the scan reads: a file, or (Parquet) one of its row groups.
  struct Split {
    int file = 0;
    int row_group = -1;  // -1: the whole file
  };

  std::string format_, path_, schema_ddl_;
  std::map<std::string, std::string> options_;
  std::shared_ptr<io::FileSystem> fs_;
  std::once_flag resolved_once_;
  Status resolve_status_;
  bool files_given_ = false;  // files_ came from OverFiles: do not list path_
  std::string root_;          // partition directories are read below it; empty: none
  std::vector<std::string> declared_partitions_;  // OverFiles' partition columns
  std::vector<std::string> files_;
  type::SchemaPtr data_schema_;                      // the columns stored in the files
  type::SchemaPtr schema_;                           // data columns, then partition columns
  std::vector<std::vector<type::Value>> partition_values_;  // per file, per partition column
  std::vector<Split> splits_;
  std::vector<std::shared_ptr<format::parquet::ParquetFile>> parquet_files_;  // per file, opened
};

}  // namespace runnel::catalog
