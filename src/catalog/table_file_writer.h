// Writes batches into new data files of a warehouse table: each file is written under a name
// readers ignore (".part-00000-<uuid>.json.tmp"), fsynced, and renamed to its final name
// ("part-00000-<uuid>.json"). The files are not part of the table until a manifest lists them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "catalog/table_metadata.h"
#include "io/file_system.h"
#include "vector/batch_stream.h"

namespace runnel::catalog {

// A new file is started after this many rows (Spark's maxRecordsPerFile, table option; 0 means
// this default).
inline constexpr int64_t kDefaultRowsPerFile = 1000000;

// Whether a name in a data directory is one this writer makes: a finished part file, or a
// temporary one.
bool IsPartFileName(const std::string& name);
bool IsTemporaryPartFileName(const std::string& name);

// Writes the stream's batches (whose columns must have the table's types, in order) as part
// files in `directory`; returns their names, relative to `directory`, in order. No rows, no
// files.
Result<std::vector<std::string>> WritePartFiles(io::FileSystem& fs, const std::string& directory,
                                                const TableMetadata& table,
                                                vector::BatchStream& batches);

}  // namespace runnel::catalog
