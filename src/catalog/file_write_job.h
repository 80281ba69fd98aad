// Writes a query's rows as part files of a directory, as Spark's file writers do: a new file
// after maxRecordsPerFile rows, Hive-style partition directories for partitionBy columns (whose
// values are then not stored in the files). Each file is written under a name readers ignore
// (".part-...tmp"), fsynced, and renamed to its final name, so no reader ever sees a partial
// file; which files form the data is the caller's to commit (a warehouse manifest, _SUCCESS).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "io/file_system.h"
#include "type/schema.h"
#include "vector/batch_stream.h"

namespace runnel::catalog {

// How part files are named: batch writes "part-00000-<job id>-c000.csv" (Spark's
// FileOutputCommitter), the streaming file sink "part-00000-<job id>.c000.csv" (Spark's
// ManifestFileCommitProtocol).
enum class PartFileNaming { kBatch, kStreaming };

struct FileWriteSpec {
  std::string format;                         // csv, json, parquet
  std::map<std::string, std::string> options;  // the format's options
  type::SchemaPtr schema;                     // of the rows, partition columns included
  std::vector<std::string> partition_columns;  // directory levels, in order
  int64_t max_records_per_file = 0;           // 0: unlimited; option maxRecordsPerFile wins
  PartFileNaming naming = PartFileNaming::kBatch;
};

// Whether a name in a data directory is one this writer makes: a finished part file, or a
// temporary one (left behind by a crash; safe to delete when no write is running).
bool IsPartFileName(const std::string& name);
bool IsTemporaryPartFileName(const std::string& name);

// Whether rows of `schema` can be written in `format`: at least one column, distinct names,
// no INTERVAL or VOID columns, nothing nested in CSV. `target` names the destination in
// errors ("table 'sales'", "path 'out/'").
Status CheckWritableSchema(const type::Schema& schema, const std::string& format, const std::string& target);

// A random id for one write job; its files are named part-<task>-<job id>-c<n><extension>.
std::string NewWriteJobId();

// The files one task (one partition of a query) writes. Tasks of a job may run in parallel,
// each with its own writer.
class PartFileWriter {
 public:
  static Result<std::unique_ptr<PartFileWriter>> Make(io::FileSystem& fs, std::string directory,
                                                      const FileWriteSpec& spec, int task, std::string job_id);
  ~PartFileWriter();
  // A batch whose columns have spec.schema's types, in order.
  Status Write(const vector::Batch& batch);
  // Writes what is buffered; returns the files written, relative to the directory
  // ("dt=2024-01-01/part-00000-<job id>-c000.snappy.parquet"), in order. With
  // `empty_file_if_none`, a task that saw no rows of an unpartitioned write still writes one
  // file without rows, so that the schema survives (Spark does the same).
  Result<std::vector<std::string>> Finish(bool empty_file_if_none = false);

 private:
  class Impl;
  explicit PartFileWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Writes the batches as one task under `directory`; returns the files written, relative to
// it. No rows, no files. On error the files already written stay (unreferenced).
Result<std::vector<std::string>> WriteFiles(io::FileSystem& fs, const std::string& directory,
                                            const FileWriteSpec& spec, vector::BatchStream& batches);

}  // namespace runnel::catalog
