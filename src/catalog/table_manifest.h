// The set of live data files of a table, stored as `_runnel_manifest.json` in the table's data
// directory (docs/formats/warehouse.md). Readers read exactly these files; a write commits by
// atomically replacing the manifest with one of a higher version.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace runnel::catalog {

// 2 added overwrite_version and stream_writes; version 1 files still read (as none of either).
inline constexpr int kTableManifestFormatVersion = 2;
inline constexpr char kTableManifestFileName[] = "_runnel_manifest.json";

struct TableManifest {
  int64_t version = 0;             // 0 for a new table; +1 per committed write
  std::vector<std::string> files;  // paths relative to the data directory
  // The version of the last commit that replaced the files rather than appending to them (0:
  // none). A streaming read of the table (STREAM(t)) that started at version v stays valid while
  // this is <= v: until then `files` only grew at the end.
  int64_t overwrite_version = 0;
  // Streaming writers (toTable, streaming tables): the checkpoint's query id -> the last batch
  // id committed. Recorded in the same atomic commit as the batch's files, so a batch re-run
  // after a crash between this commit and the query's commit log is recognized and skipped.
  std::map<std::string, int64_t> stream_writes;
};

std::string EncodeTableManifest(const TableManifest& manifest);
Result<TableManifest> DecodeTableManifest(std::string_view text, const std::string& path);

}  // namespace runnel::catalog
