// Hive-style partition directories ("dt=2024-01-01/country=NL/part-...") as Spark writes and
// discovers them: values are escaped into path names, NULL is __HIVE_DEFAULT_PARTITION__, and
// on read the column types are inferred from the values (Spark's partition type inference).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "type/schema.h"
#include "type/value.h"

namespace runnel::catalog {

inline constexpr char kDefaultPartitionName[] = "__HIVE_DEFAULT_PARTITION__";

// Spark's escapePathName: control characters and "#%'*/:=?\[]^{ and DEL become %XX.
std::string EscapePartitionValue(std::string_view value);
std::string UnescapePartitionValue(std::string_view text);

// The directory of one partition: "dt=2024-01-01/h=3" (no trailing slash). Values are the
// partition columns' values in order; NULL becomes __HIVE_DEFAULT_PARTITION__.
std::string PartitionDirectory(const std::vector<std::string>& columns, const std::vector<type::Value>& values);

// One "name=value" directory level; the raw value is unescaped, nullopt for NULL.
using RawPartitionValue = std::pair<std::string, std::optional<std::string>>;

// The partition values in a file's path relative to the table root ("dt=1/h=2/part-0.csv"):
// each directory level of the form name=value, in order. Directory levels without '=' are not
// partitions and give no value.
std::vector<RawPartitionValue> ParsePartitionPath(std::string_view relative_path);

// Spark's inference: INT, then BIGINT, DECIMAL(p, 0) for larger integers, DOUBLE, TIMESTAMP,
// DATE, else STRING; the type of a column is the widest over its values (STRING when they
// disagree otherwise). NULLs alone give STRING.
type::DataTypePtr InferPartitionType(const std::vector<std::optional<std::string>>& values);
// A raw value as a value of `type` (inferred or declared); NULL when it does not parse.
type::Value ParsePartitionValue(const std::optional<std::string>& raw, const type::DataTypePtr& type);

// Partition columns discovered under a root: for every file its values, and the inferred
// schema. Files whose directories name different column sets are an error naming both
// (Spark's "Conflicting directory structures detected").
struct DiscoveredPartitions {
  type::Schema schema;                              // the partition columns; empty when none
  std::vector<std::vector<type::Value>> values;     // per file, in schema order
};
Result<DiscoveredPartitions> DiscoverPartitions(const std::string& root,
                                                const std::vector<std::string>& relative_paths);

}  // namespace runnel::catalog
