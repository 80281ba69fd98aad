// The set of live data files of a table, stored as `_runnel_manifest.json` in the table's data
// directory (docs/formats/warehouse.md). Readers read exactly these files; a write commits by
// atomically replacing the manifest with one of a higher version.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace runnel::catalog {

inline constexpr int kTableManifestFormatVersion = 1;
inline constexpr char kTableManifestFileName[] = "_runnel_manifest.json";

struct TableManifest {
  int64_t version = 0;             // 0 for a new table; +1 per committed write
  std::vector<std::string> files;  // paths relative to the data directory
};

std::string EncodeTableManifest(const TableManifest& manifest);
Result<TableManifest> DecodeTableManifest(std::string_view text, const std::string& path);

}  // namespace runnel::catalog
