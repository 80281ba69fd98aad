// State schemas are stored with the state and checked on restart (Spark's
// StateSchemaCompatibilityChecker): a query whose change would make its operators misread the
// state they saved fails at start with an error saying what changed, instead of returning
// wrong results. The first run writes <partition 0 directory>/_metadata/schema; later runs
// compare against it. Field names are ignored, and a NOT NULL field may become nullable.
#pragma once

#include <string>

#include "base/status.h"
#include "io/file_system.h"
#include "state/state_store.h"
#include "type/schema.h"

namespace runnel::state {

// Why a schema change is rejected, with Spark's names for the causes.
enum class SchemaChange { kNone, kFieldsReordered, kFieldAdded, kFieldRemoved, kNullabilityChanged, kTypeChanged };
const char* SchemaChangeName(SchemaChange change);  // "FIELD_REMOVED"

struct SchemaComparison {
  SchemaChange change = SchemaChange::kNone;
  std::string description;  // "field 'b' was removed"; empty when compatible
};

// Compares the schema stored with the state to the one the query would use now.
SchemaComparison CompareStateSchemas(const type::Schema& stored, const type::Schema& current);

// <checkpoint_root>/<operator>/0[/<store name>]/_metadata/schema
std::string StateSchemaPath(const StateStoreId& id);

// Writes the schema file when there is none; otherwise checks that `key` and `value` are
// compatible with the stored schemas, returning an analysis error naming the change.
Status CheckStateSchema(io::FileSystem& fs, const StateStoreId& id, const type::Schema& key,
                        const type::Schema& value);

}  // namespace runnel::state
