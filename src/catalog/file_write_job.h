// Writes a query's rows as part files of a directory, as Spark's file writers do: a new file
// after maxRecordsPerFile rows, Hive-style partition directories for partitionBy columns (whose
// values are then not stored in the files). Each file is written under a name readers ignore
// (".part-...tmp"), fsynced, and renamed to its final name, so no reader ever sees a partial
// file; which files form the data is the caller's to commit (a warehouse manifest, _SUCCESS).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "io/file_system.h"
#include "type/schema.h"
#include "vector/batch_stream.h"

namespace runnel::catalog {

struct FileWriteSpec {
  std::string format;                         // csv, json, parquet
  std::map<std::string, std::string> options;  // the format's options
  type::SchemaPtr schema;                     // of the rows, partition columns included
  std::vector<std::string> partition_columns;  // directory levels, in order
  int64_t max_records_per_file = 0;           // 0: unlimited; option maxRecordsPerFile wins
};

// Whether a name in a data directory is one this writer makes: a finished part file, or a
// temporary one (left behind by a crash; safe to delete when no write is running).
bool IsPartFileName(const std::string& name);
bool IsTemporaryPartFileName(const std::string& name);

// Writes the batches (columns of spec.schema's types, in order) under `directory`; returns the
// files written, relative to `directory` ("dt=2024-01-01/part-00000-<uuid>-c000.snappy.parquet"),
// in order. No rows, no files. On error the files already written stay (unreferenced).
Result<std::vector<std::string>> WriteFiles(io::FileSystem& fs, const std::string& directory,
                                            const FileWriteSpec& spec, vector::BatchStream& batches);

}  // namespace runnel::catalog
