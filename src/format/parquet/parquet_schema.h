// A Parquet file's schema as Runnel sees it: the tree of SchemaElements turned into Runnel
// types, with the definition and repetition levels each value position uses (Dremel
// encoding), and the leaf columns that hold the values.
//
// Writing, Runnel uses the standard layouts of the format's LogicalTypes.md: every column
// OPTIONAL; ARRAY as `optional group (LIST) { repeated group list { optional element } }`;
// MAP as `optional group (MAP) { repeated group key_value { required key; optional value } }`.
// Reading also accepts the older layouts the spec's backward-compatibility rules describe
// (two-level lists, bare repeated fields, MAP_KEY_VALUE).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "format/parquet/parquet_metadata.h"
#include "type/schema.h"

namespace runnel::format::parquet {

// One value position in the tree, mirroring a Runnel type.
struct SchemaNode {
  enum class Kind { kPrimitive, kStruct, kList, kMap };
  Kind kind = Kind::kPrimitive;
  std::string name;
  type::DataTypePtr type;
  // The definition level from which this value is present (non-NULL); a node that can't be
  // NULL has its parent's level.
  int16_t def = 0;
  bool nullable = false;
  // kList, kMap: the definition level at which an entry exists, and the repetition level of
  // the repeated group (a value > that level's ... continues the same list).
  int16_t entry_def = 0;
  int16_t rep = 0;
  int leaf = -1;                     // kPrimitive: index into FileSchema::leaves
  std::vector<SchemaNode> children;  // kStruct: fields; kList: element; kMap: key, value
};

// A leaf column: its values, levels and how they are stored.
struct LeafColumn {
  std::vector<std::string> path;  // path_in_schema
  SchemaElement element;          // physical and logical type
  int16_t max_def = 0;
  int16_t max_rep = 0;
  type::DataTypePtr type;         // the Runnel type of its values
  int field = 0;                  // the top-level field it belongs to
};

struct FileSchema {
  type::SchemaPtr schema;            // top-level Runnel fields
  std::vector<SchemaNode> fields;    // one per top-level field
  std::vector<LeafColumn> leaves;    // in the order of the file's column chunks
  // The leaves of each top-level field, in order.
  std::vector<std::vector<int>> field_leaves;
};

// The Runnel view of a file's schema. `file` names it in errors. Types Runnel has no
// counterpart for (TIME, INTERVAL, ...) are NotSupported naming the column.
Result<FileSchema> ReadFileSchema(const std::vector<SchemaElement>& elements, const std::string& file);

// The Parquet schema Runnel writes for `schema`, and its FileSchema. INTERVAL and VOID columns
// cannot be stored.
Result<FileSchema> WriteFileSchema(const type::Schema& schema, std::vector<SchemaElement>* elements);

// The Runnel type of a primitive column, from its physical and logical (or converted) type.
Result<type::DataTypePtr> PrimitiveType(const SchemaElement& element, const std::string& column);

// Bytes of a FIXED_LEN_BYTE_ARRAY holding a DECIMAL of `precision` (Spark's minBytesForPrecision).
int DecimalByteWidth(int precision);

}  // namespace runnel::format::parquet
