#include "state/state_schema.h"

#include <gtest/gtest.h>

#include "io/memory_file_system.h"
#include "type/ddl.h"

namespace runnel::state {
namespace {

type::Schema S(const char* ddl) { return type::ParseSchema(ddl).ValueOrDie(); }

SchemaChange Change(const char* stored, const char* current) {
  return CompareStateSchemas(S(stored), S(current)).change;
}

TEST(StateSchemaTest, CompatibleChanges) {
  EXPECT_EQ(Change("a INT, b STRING", "a INT, b STRING"), SchemaChange::kNone);
  EXPECT_EQ(Change("a INT, b STRING", "x INT, y STRING"), SchemaChange::kNone);  // names are ignored
  EXPECT_EQ(Change("a INT NOT NULL", "a INT"), SchemaChange::kNone);             // NOT NULL -> nullable
  EXPECT_EQ(Change("s STRUCT<x: INT NOT NULL>", "s STRUCT<x: INT>"), SchemaChange::kNone);
}

TEST(StateSchemaTest, IncompatibleChangesNameTheirCause) {
  EXPECT_EQ(Change("a INT, b STRING", "b STRING, a INT"), SchemaChange::kFieldsReordered);
  EXPECT_EQ(Change("a INT", "a INT, b STRING"), SchemaChange::kFieldAdded);
  EXPECT_EQ(Change("a INT, b STRING", "a INT"), SchemaChange::kFieldRemoved);
  EXPECT_EQ(Change("a INT", "a INT NOT NULL"), SchemaChange::kNullabilityChanged);
  EXPECT_EQ(Change("a INT, c BIGINT", "a INT, c INT"), SchemaChange::kTypeChanged);
  EXPECT_EQ(Change("d DECIMAL(10,2)", "d DECIMAL(12,2)"), SchemaChange::kTypeChanged);
  EXPECT_EQ(Change("s STRUCT<x: INT, y: INT>", "s STRUCT<x: INT>"), SchemaChange::kFieldRemoved);
  EXPECT_EQ(Change("m MAP<STRING, INT>", "m MAP<STRING, BIGINT>"), SchemaChange::kTypeChanged);
  EXPECT_EQ(CompareStateSchemas(S("a INT, c BIGINT"), S("a INT, c INT")).description,
            "field 'c' changed type from BIGINT to INT");
  EXPECT_EQ(CompareStateSchemas(S("a INT, b STRING"), S("a INT")).description, "field 'b' was removed");
}

TEST(StateSchemaTest, FirstRunWritesTheSchemaAndRestartsCheckIt) {
  auto fs = io::MemoryFileSystem::Make();
  StateStoreId id{"/ckpt/state", 3, 5, "default"};
  EXPECT_EQ(StateSchemaPath(id), "/ckpt/state/3/0/_metadata/schema");
  type::Schema key = S("`user id` STRING NOT NULL, s STRUCT<x: INT NOT NULL>");
  type::Schema value = S("count BIGINT, total DOUBLE");
  ASSERT_TRUE(CheckStateSchema(*fs, id, key, value).ok());
  EXPECT_TRUE(fs->ReadFile(StateSchemaPath(id)).ValueOrDie().starts_with("v1\n"));
  // The same query restarts.
  ASSERT_TRUE(CheckStateSchema(*fs, id, key, value).ok());
  // The value lost a column.
  Status st = CheckStateSchema(*fs, id, key, S("count BIGINT"));
  ASSERT_EQ(st.code(), StatusCode::kAnalysis);
  EXPECT_NE(st.message().find("state value schema of operator 3"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("field 'total' was removed (FIELD_REMOVED)"), std::string::npos) << st.message();
  EXPECT_NE(st.message().find("/ckpt/state/3/0/_metadata/schema"), std::string::npos) << st.message();
  // The key's nested field became NOT NULL -> nullable: allowed the other way only.
  EXPECT_TRUE(CheckStateSchema(*fs, id, S("k STRING, s STRUCT<x: INT>"), value).ok());
  st = CheckStateSchema(*fs, id, S("k INT NOT NULL, s STRUCT<x: INT NOT NULL>"), value);
  EXPECT_NE(st.message().find("TYPE_CHANGED"), std::string::npos) << st.message();
}

TEST(StateSchemaTest, DamagedSchemaFileIsAnError) {
  auto fs = io::MemoryFileSystem::Make();
  StateStoreId id{"/ckpt/state", 0, 0, "left"};
  ASSERT_TRUE(fs->WriteFile(StateSchemaPath(id), "v1\nkey: a INT\n", false).ok());
  Status st = CheckStateSchema(*fs, id, S("a INT"), S("b INT"));
  EXPECT_EQ(st.code(), StatusCode::kCorruption);
  ASSERT_TRUE(fs->WriteFile(StateSchemaPath(id), "v9\n", false).ok());
  EXPECT_EQ(CheckStateSchema(*fs, id, S("a INT"), S("b INT")).code(), StatusCode::kNotSupported);
}

}  // namespace
}  // namespace runnel::state
