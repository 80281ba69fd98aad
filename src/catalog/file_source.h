// Files as a data source: csv, json and text, one partition per file. The path may be a file,
// a directory (read recursively, skipping _ and . names) or a glob. The schema is the user's,
// or inferred from the files (Spark's rules per format).
#pragma once

#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "io/file_system.h"
#include "plan/data_source.h"

namespace runnel::catalog {

class FileSource final : public plan::DataSource {
 public:
  FileSource(std::string format, std::string path, std::string schema_ddl,
             std::map<std::string, std::string> options,
             std::shared_ptr<io::FileSystem> fs = io::FileSystem::Local());
  // Reads exactly `files` instead of listing a path (a warehouse table's manifest); `name`
  // stands for them in EXPLAIN and errors.
  static std::shared_ptr<FileSource> OverFiles(std::string format, std::string name,
                                               std::vector<std::string> files,
                                               std::string schema_ddl,
                                               std::map<std::string, std::string> options,
                                               std::shared_ptr<io::FileSystem> fs);

  std::string Describe() const override;
  Result<type::SchemaPtr> schema() override;
  int NumPartitions() const override;
  Result<std::unique_ptr<vector::BatchStream>> Open(int partition, const std::vector<int>& projection) override;

 private:
  Status Resolve();

  std::string format_, path_, schema_ddl_;
  std::map<std::string, std::string> options_;
  std::shared_ptr<io::FileSystem> fs_;
  std::once_flag resolved_once_;
  Status resolve_status_;
  bool files_given_ = false;  // files_ came from OverFiles: do not list path_
  std::vector<std::string> files_;
  type::SchemaPtr schema_;
};

}  // namespace runnel::catalog
