// What the warehouse knows about one table, stored as `<root>/<table>/_runnel_table.json`
// (docs/formats/warehouse.md). The file exists exactly when the table does.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "type/schema.h"

namespace runnel::catalog {

inline constexpr int kTableMetadataVersion = 1;
inline constexpr char kTableMetadataFileName[] = "_runnel_table.json";

struct TableMetadata {
  std::string name;  // lower-case
  type::SchemaPtr schema;
  std::string format;  // "csv" or "json"
  // The format options the files are written and read with (for managed tables, Runnel's
  // defaults for exact round trips are recorded here at creation).
  std::map<std::string, std::string> options;
  std::vector<std::string> partition_columns;
  std::string location;  // external tables: where the data lives; empty for managed tables
  int64_t created_micros = 0;

  bool external() const { return !location.empty(); }
};

// The schema as DDL that type::ParseSchema reads back, names quoted with backticks where they
// need it: "a INT, `count(1)` BIGINT, s STRUCT<`x y`: INT>".
std::string SchemaToDdl(const type::Schema& schema);

std::string EncodeTableMetadata(const TableMetadata& metadata);
// `path` names the file in errors. A newer version than this build knows is NotSupported; bad
// content is Corruption.
Result<TableMetadata> DecodeTableMetadata(std::string_view text, const std::string& path);

}  // namespace runnel::catalog
