// Warehouse tables over a temporary directory: create/drop/list, appends and overwrites, exact
// round trips of every type, and crashes before the manifest commit.
#include "catalog/warehouse.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <limits>

#include "type/ddl.h"
#include "vector/batch_stream.h"

namespace runnel::catalog {
namespace {

using type::Value;

type::SchemaPtr Schema(std::string_view ddl) {
  return std::make_shared<type::Schema>(type::ParseSchema(ddl).ValueOrDie());
}

// Fails the rename that would commit a manifest, as a crash just before the commit would.
class FailingManifestCommit final : public io::FileSystem {
 public:
  explicit FailingManifestCommit(std::shared_ptr<io::FileSystem> base) : base_(std::move(base)) {}
  bool fail = true;
  Result<std::string> ReadFile(const std::string& p) override { return base_->ReadFile(p); }
  Result<std::string> ReadRange(const std::string& p, int64_t o, int64_t n) override { return base_->ReadRange(p, o, n); }
  Result<io::FileInfo> Stat(const std::string& p) override { return base_->Stat(p); }
  Result<bool> Exists(const std::string& p) override { return base_->Exists(p); }
  Result<std::vector<io::FileInfo>> ListDirectory(const std::string& p) override { return base_->ListDirectory(p); }
  Status CreateDirectories(const std::string& p) override { return base_->CreateDirectories(p); }
  Status WriteFile(const std::string& p, std::string_view d, bool s) override { return base_->WriteFile(p, d, s); }
  Status Rename(const std::string& from, const std::string& to) override {
    if (fail && io::BaseName(to) == kTableManifestFileName) return Status::IOError("injected: rename " + to);
    return base_->Rename(from, to);
  }
  Status Delete(const std::string& p) override { return base_->Delete(p); }
  Status DeleteRecursively(const std::string& p) override { return base_->DeleteRecursively(p); }
  Status SyncDirectory(const std::string& p) override { return base_->SyncDirectory(p); }

 private:
  std::shared_ptr<io::FileSystem> base_;
};

class WarehouseTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("runnel-warehouse-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
    warehouse_ = std::make_unique<Warehouse>(root_.string(), io::FileSystem::Local(), &clock_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  void Create(const std::string& name, std::string_view ddl, const std::string& format = "") {
    TableDefinition def;
    def.name = name;
    def.schema = Schema(ddl);
    def.format = format;
    ASSERT_TRUE(warehouse_->CreateTable(def, false).ok());
  }

  std::vector<std::vector<Value>> ReadRows(const std::string& name) {
    auto table = warehouse_->GetTable(name);
    EXPECT_TRUE(table.ok()) << table.status().ToString();
    auto schema = table->source->schema().ValueOrDie();
    std::vector<int> all;
    for (int i = 0; i < schema->num_fields(); ++i) all.push_back(i);
    std::vector<std::vector<Value>> rows;
    for (int p = 0; p < table->source->NumPartitions(); ++p) {
      auto stream = table->source->Open(p, all, {});
      EXPECT_TRUE(stream.ok()) << stream.status().ToString();
      auto batches = vector::DrainStream(**stream).ValueOrDie();
      for (const auto& b : batches) {
        for (int64_t r = 0; r < b.num_rows(); ++r) rows.push_back(b.GetRow(r));
      }
    }
    return rows;
  }

  std::vector<std::string> FilesIn(const std::string& table) {
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(root_ / table)) out.push_back(e.path().filename());
    std::sort(out.begin(), out.end());
    return out;
  }

  std::filesystem::path root_;
  base::ManualClock clock_{1704103200000000};
  std::unique_ptr<Warehouse> warehouse_;
};

vector::Batch IntRows(std::initializer_list<int> values) {
  std::vector<std::vector<Value>> rows;
  for (int v : values) rows.push_back({Value::Int(v)});
  return vector::Batch::FromRows(Schema("x INT"), rows);
}

TEST_F(WarehouseTest, CreateListDrop) {
  EXPECT_EQ(warehouse_->ListTables().ValueOrDie(), std::vector<std::string>{});
  Create("Clicks", "user STRING, n INT");
  Create("a", "x INT", "csv");
  EXPECT_EQ(warehouse_->ListTables().ValueOrDie(), (std::vector<std::string>{"a", "clicks"}));
  auto table = warehouse_->GetTable("CLICKS").ValueOrDie();
  EXPECT_EQ(table.metadata.name, "clicks");
  EXPECT_EQ(table.metadata.format, "parquet");
  EXPECT_EQ(table.metadata.schema->ToString(), "user STRING, n INT");
  EXPECT_EQ(table.metadata.created_micros, 1704103200000000);
  EXPECT_FALSE(table.metadata.external());
  EXPECT_EQ(table.manifest->version, 0);

  TableDefinition again{"clicks", Schema("y INT"), "json", {}, {}, ""};
  Status st = warehouse_->CreateTable(again, false);
  EXPECT_EQ(st.code(), StatusCode::kAnalysis);
  EXPECT_NE(st.message().find("Table clicks already exists"), std::string::npos) << st.message();
  EXPECT_TRUE(warehouse_->CreateTable(again, true).ok());
  EXPECT_EQ(warehouse_->GetTable("clicks").ValueOrDie().metadata.schema->ToString(), "user STRING, n INT");

  EXPECT_TRUE(warehouse_->DropTable("Clicks", false).ok());
  EXPECT_FALSE(std::filesystem::exists(root_ / "clicks"));
  EXPECT_EQ(warehouse_->ListTables().ValueOrDie(), std::vector<std::string>{"a"});
  EXPECT_EQ(warehouse_->DropTable("clicks", false).code(), StatusCode::kAnalysis);
  EXPECT_TRUE(warehouse_->DropTable("clicks", true).ok());
  EXPECT_FALSE(warehouse_->FindTable("clicks").ValueOrDie().has_value());
  Status missing = warehouse_->GetTable("aa").status();
  EXPECT_EQ(missing.code(), StatusCode::kAnalysis);
  EXPECT_NE(missing.message().find("Did you mean 'a'?"), std::string::npos) << missing.message();
}

TEST_F(WarehouseTest, RejectsBadDefinitions) {
  auto create = [&](std::string name, std::string_view ddl, std::string format) {
    TableDefinition def{std::move(name), Schema(ddl), std::move(format), {}, {}, ""};
    return warehouse_->CreateTable(def, false);
  };
  EXPECT_EQ(create("1abc", "x INT", "").code(), StatusCode::kAnalysis);
  EXPECT_EQ(create("a-b", "x INT", "").code(), StatusCode::kAnalysis);
  EXPECT_EQ(create("t", "x INTERVAL DAY TO SECOND", "parquet").code(), StatusCode::kAnalysis);
  EXPECT_EQ(create("t", "x INT", "orc").code(), StatusCode::kNotSupported);
  EXPECT_EQ(create("t", "x ARRAY<INT>", "csv").code(), StatusCode::kNotSupported);
  EXPECT_EQ(create("t", "x INT, X STRING", "").code(), StatusCode::kAnalysis);
  TableDefinition all_partition{"t", Schema("x INT"), "", {}, {"x"}, ""};
  EXPECT_EQ(warehouse_->CreateTable(all_partition, false).code(), StatusCode::kAnalysis);
  TableDefinition unknown_partition{"t", Schema("x INT, y INT"), "", {}, {"z"}, ""};
  EXPECT_EQ(warehouse_->CreateTable(unknown_partition, false).code(), StatusCode::kAnalysis);
  TableDefinition no_schema{"t", nullptr, "", {}, {}, ""};
  EXPECT_EQ(warehouse_->CreateTable(no_schema, false).code(), StatusCode::kAnalysis);
  EXPECT_EQ(warehouse_->ListTables().ValueOrDie(), std::vector<std::string>{});
}

TEST_F(WarehouseTest, AppendTwiceThenOverwrite) {
  Create("t", "x INT");
  ASSERT_TRUE(warehouse_->Write("t", {IntRows({1, 2})}, WriteMode::kAppend).ok());
  ASSERT_TRUE(warehouse_->Write("T", {IntRows({3})}, WriteMode::kAppend).ok());
  EXPECT_EQ(ReadRows("t"), (std::vector<std::vector<Value>>{{Value::Int(1)}, {Value::Int(2)}, {Value::Int(3)}}));
  EXPECT_EQ(warehouse_->GetTable("t").ValueOrDie().manifest->version, 2);

  ASSERT_TRUE(warehouse_->Write("t", {IntRows({7}), IntRows({8})}, WriteMode::kOverwrite).ok());
  EXPECT_EQ(ReadRows("t"), (std::vector<std::vector<Value>>{{Value::Int(7)}, {Value::Int(8)}}));
  auto table = warehouse_->GetTable("t").ValueOrDie();
  EXPECT_EQ(table.manifest->version, 3);
  ASSERT_EQ(table.manifest->files.size(), 1u);
  // The old files are gone: metadata, manifest and the one live file remain.
  EXPECT_EQ(FilesIn("t"), (std::vector<std::string>{"_runnel_manifest.json", "_runnel_table.json",
                                                     table.manifest->files[0]}));
  // Overwriting with nothing empties the table.
  ASSERT_TRUE(warehouse_->Write("t", std::vector<vector::Batch>{}, WriteMode::kOverwrite).ok());
  EXPECT_TRUE(ReadRows("t").empty());
  EXPECT_EQ(warehouse_->Write("nope", {IntRows({1})}, WriteMode::kAppend).code(), StatusCode::kAnalysis);
}

TEST_F(WarehouseTest, RejectsBatchesOfOtherTypes) {
  Create("t", "x BIGINT");
  Status st = warehouse_->Write("t", {IntRows({1})}, WriteMode::kAppend);
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_NE(st.message().find("type INT as column 'x' of type BIGINT"), std::string::npos) << st.message();
}

TEST_F(WarehouseTest, PartitionedTable) {
  TableDefinition def{"sales", Schema("amount INT, dt STRING, region STRING"), "json", {}, {"region", "dt"}, ""};
  ASSERT_TRUE(warehouse_->CreateTable(def, false).ok());
  auto table = warehouse_->GetTable("sales").ValueOrDie();
  // Spark's order: data columns, then the partition columns as PARTITIONED BY lists them.
  EXPECT_EQ(table.metadata.schema->ToString(), "amount INT, region STRING, dt STRING");
  EXPECT_EQ(table.metadata.partition_columns, (std::vector<std::string>{"region", "dt"}));
  auto rows = vector::Batch::FromRows(table.metadata.schema,
                                      {{Value::Int(1), Value::String("eu"), Value::String("2024-01-01")},
                                       {Value::Int(2), Value::String("us"), Value::String("2024-01-01")},
                                       {Value::Int(3), Value::String("eu"), Value::String("2024-01-01")},
                                       {Value::Int(4), Value::NullOf(type::String()), Value::String("a/b")}});
  ASSERT_TRUE(warehouse_->Write("sales", {rows}, WriteMode::kAppend).ok());
  EXPECT_TRUE(std::filesystem::is_directory(root_ / "sales" / "region=eu" / "dt=2024-01-01"));
  EXPECT_TRUE(std::filesystem::is_directory(root_ / "sales" / "region=__HIVE_DEFAULT_PARTITION__" / "dt=a%2Fb"));
  auto read = ReadRows("sales");
  std::sort(read.begin(), read.end(), [](const auto& a, const auto& b) { return a[0].Compare(b[0]) < 0; });
  ASSERT_EQ(read.size(), 4u);
  EXPECT_EQ(read[0][0].ToString() + read[0][1].ToString() + read[0][2].ToString(), "1eu2024-01-01");
  EXPECT_EQ(read[1][1].ToString(), "us");
  EXPECT_TRUE(read[3][1].is_null());
  EXPECT_EQ(read[3][2].ToString(), "a/b");
  // A crash's leftovers inside partition directories are cleaned by the next write.
  std::filesystem::path stray = root_ / "sales" / "region=eu" / "dt=2024-01-01" / ".part-00009-x-c000.json.tmp";
  { std::ofstream(stray) << "{"; }
  ASSERT_TRUE(warehouse_->Write("sales", {rows.Slice(0, 1)}, WriteMode::kOverwrite).ok());
  EXPECT_FALSE(std::filesystem::exists(stray));
  EXPECT_EQ(ReadRows("sales").size(), 1u);
}

const char kScalarDdl[] =
    "i INT, b BIGINT, d DOUBLE, m DECIMAL(10,2), f BOOLEAN, dt DATE, ts TIMESTAMP, s STRING, bin BINARY";

std::vector<std::vector<Value>> ScalarRows() {
  return {{Value::Int(1), Value::BigInt(-9000000000), Value::Double(1e10), Value::Decimal(1235, 10, 2),
           Value::Boolean(true), Value::Date(19723), Value::Timestamp(1704103200123456), Value::String("plain"),
           Value::Binary("raw")},
          {Value::NullOf(type::Int()), Value::BigInt(0), Value::Double(std::numeric_limits<double>::infinity()),
           Value::Decimal(-5, 10, 2), Value::Boolean(false), Value::NullOf(type::Date()),
           Value::NullOf(type::Timestamp()), Value::String("a,b \"q\" back\\slash\nnext"), Value::Binary("")},
          {Value::Int(3), Value::NullOf(type::BigInt()), Value::Double(-2.25), Value::NullOf(type::Decimal(10, 2)),
           Value::NullOf(type::Boolean()), Value::Date(-1), Value::Timestamp(-1), Value::String(""),
           Value::NullOf(type::Binary())},
          {Value::Int(4), Value::BigInt(4), Value::NullOf(type::Double()), Value::Decimal(0, 10, 2),
           Value::Boolean(true), Value::Date(0), Value::Timestamp(0), Value::NullOf(type::String()),
           Value::Binary("x")}};
}

TEST_F(WarehouseTest, JsonTableReadsBackEveryScalarType) {
  Create("t", kScalarDdl, "json");
  auto schema = Schema(kScalarDdl);
  ASSERT_TRUE(warehouse_->Write("t", {vector::Batch::FromRows(schema, ScalarRows())}, WriteMode::kAppend).ok());
  EXPECT_EQ(ReadRows("t"), ScalarRows());
}

TEST_F(WarehouseTest, CsvTableReadsBackEveryScalarType) {
  Create("t", kScalarDdl, "csv");
  auto schema = Schema(kScalarDdl);
  ASSERT_TRUE(warehouse_->Write("t", {vector::Batch::FromRows(schema, ScalarRows())}, WriteMode::kAppend).ok());
  EXPECT_EQ(ReadRows("t"), ScalarRows());
}

TEST_F(WarehouseTest, JsonTableReadsBackNestedValues) {
  const char ddl[] = "`a b` ARRAY<INT>, s STRUCT<`x y`: INT, z: ARRAY<STRING>>, m MAP<STRING, DOUBLE>";
  Create("nested", ddl);
  auto schema = Schema(ddl);
  const auto& s_type = schema->field(1).type;
  std::vector<std::vector<Value>> rows = {
      {Value::Array(type::Int(), {Value::Int(1), Value::NullOf(type::Int()), Value::Int(3)}),
       Value::Struct(s_type, {Value::Int(5), Value::Array(type::String(), {Value::String("p")})}),
       Value::Map(schema->field(2).type, {Value::String("k")}, {Value::Double(0.5)})},
      {Value::NullOf(schema->field(0).type), Value::NullOf(s_type), Value::NullOf(schema->field(2).type)},
      {Value::Array(type::Int(), {}), Value::Struct(s_type, {Value::NullOf(type::Int()), Value::Array(type::String(), {})}),
       Value::Map(schema->field(2).type, {}, {})}};
  ASSERT_TRUE(warehouse_->Write("nested", {vector::Batch::FromRows(schema, rows)}, WriteMode::kAppend).ok());
  EXPECT_EQ(ReadRows("nested"), rows);
  EXPECT_EQ(warehouse_->GetTable("nested").ValueOrDie().metadata.schema->ToString(),
            "a b ARRAY<INT>, s STRUCT<x y: INT, z: ARRAY<STRING>>, m MAP<STRING, DOUBLE>");
}

TEST_F(WarehouseTest, RollsFilesAtMaxRecordsPerFile) {
  TableDefinition def{"t", Schema("x INT"), "json", {{"maxRecordsPerFile", "2"}}, {}, ""};
  ASSERT_TRUE(warehouse_->CreateTable(def, false).ok());
  ASSERT_TRUE(warehouse_->Write("t", {IntRows({1, 2}), IntRows({3})}, WriteMode::kAppend).ok());
  EXPECT_EQ(warehouse_->GetTable("t").ValueOrDie().manifest->files.size(), 2u);
  EXPECT_EQ(ReadRows("t").size(), 3u);
}

TEST_F(WarehouseTest, FailedManifestCommitLeavesTheOldContents) {
  auto failing = std::make_shared<FailingManifestCommit>(io::FileSystem::Local());
  failing->fail = false;
  warehouse_ = std::make_unique<Warehouse>(root_.string(), failing, &clock_);
  Create("t", "x INT");
  ASSERT_TRUE(warehouse_->Write("t", {IntRows({1})}, WriteMode::kAppend).ok());
  failing->fail = true;
  EXPECT_EQ(warehouse_->Write("t", {IntRows({2})}, WriteMode::kAppend).code(), StatusCode::kIO);
  EXPECT_EQ(warehouse_->Write("t", {IntRows({3})}, WriteMode::kOverwrite).code(), StatusCode::kIO);
  EXPECT_EQ(ReadRows("t"), (std::vector<std::vector<Value>>{{Value::Int(1)}}));
  EXPECT_EQ(warehouse_->GetTable("t").ValueOrDie().manifest->version, 1);
  failing->fail = false;
  ASSERT_TRUE(warehouse_->Write("t", {IntRows({4})}, WriteMode::kAppend).ok());
  EXPECT_EQ(ReadRows("t"), (std::vector<std::vector<Value>>{{Value::Int(1)}, {Value::Int(4)}}));
}

TEST_F(WarehouseTest, LeftoversOfACrashAreIgnoredThenCleaned) {
  Create("t", "x INT");
  ASSERT_TRUE(warehouse_->Write("t", {IntRows({1})}, WriteMode::kAppend).ok());
  // What a crash leaves: a half-written temporary file, a renamed file never committed, and a
  // temporary manifest.
  auto dir = root_ / "t";
  std::filesystem::path tmp = dir / ".part-00000-dead.json.tmp";
  std::filesystem::path orphan = dir / "part-00000-dead.json";
  std::filesystem::path manifest_tmp = dir / "._runnel_manifest.json.tmp-9";
  ASSERT_TRUE(io::FileSystem::Local()->WriteFile(tmp.string(), "{\"x\":", false).ok());
  ASSERT_TRUE(io::FileSystem::Local()->WriteFile(orphan.string(), "{\"x\":99}\n", false).ok());
  ASSERT_TRUE(io::FileSystem::Local()->WriteFile(manifest_tmp.string(), "{", false).ok());
  EXPECT_EQ(ReadRows("t"), (std::vector<std::vector<Value>>{{Value::Int(1)}}));
  ASSERT_TRUE(warehouse_->Write("t", {IntRows({2})}, WriteMode::kAppend).ok());
  EXPECT_FALSE(std::filesystem::exists(tmp));
  EXPECT_FALSE(std::filesystem::exists(orphan));
  EXPECT_FALSE(std::filesystem::exists(manifest_tmp));
  EXPECT_EQ(ReadRows("t"), (std::vector<std::vector<Value>>{{Value::Int(1)}, {Value::Int(2)}}));
}

TEST_F(WarehouseTest, ExternalTableKeepsItsDataWhenDropped) {
  auto location = root_.parent_path() / (root_.filename().string() + "-external");
  std::filesystem::remove_all(location);
  std::filesystem::create_directories(location);
  ASSERT_TRUE(io::FileSystem::Local()->WriteFile((location / "existing.json").string(), "{\"x\":5}\n", false).ok());
  // No columns: the schema comes from the files there.
  TableDefinition def{"ext", nullptr, "json", {}, {}, location.string()};
  ASSERT_TRUE(warehouse_->CreateTable(def, false).ok());
  auto table = warehouse_->GetTable("ext").ValueOrDie();
  EXPECT_TRUE(table.metadata.external());
  EXPECT_EQ(table.metadata.schema->ToString(), "x BIGINT");
  EXPECT_EQ(ReadRows("ext"), (std::vector<std::vector<Value>>{{Value::BigInt(5)}}));
  auto big = vector::Batch::FromRows(Schema("x BIGINT"), {{Value::BigInt(6)}});
  ASSERT_TRUE(warehouse_->Write("ext", {big}, WriteMode::kAppend).ok());
  EXPECT_EQ(ReadRows("ext"), (std::vector<std::vector<Value>>{{Value::BigInt(5)}, {Value::BigInt(6)}}));
  ASSERT_TRUE(warehouse_->DropTable("ext", false).ok());
  EXPECT_TRUE(std::filesystem::exists(location / "existing.json"));
  EXPECT_TRUE(std::filesystem::exists(location / "_runnel_manifest.json"));
  std::filesystem::remove_all(location);
}

TEST(TableFilesTest, MetadataAndManifestRoundTripAndCheckVersions) {
  TableMetadata m{"t", Schema("`odd``name` INT, s STRUCT<`from`: STRING>"), "csv", {{"sep", "|"}}, {}, "/data/t", 42};
  auto back = DecodeTableMetadata(EncodeTableMetadata(m), "x").ValueOrDie();
  EXPECT_EQ(back.name, "t");
  EXPECT_TRUE(back.schema->Equals(*m.schema));
  EXPECT_EQ(back.options, m.options);
  EXPECT_EQ(back.location, "/data/t");
  EXPECT_EQ(back.created_micros, 42);
  TableManifest manifest;
  manifest.version = 7;
  manifest.files = {"part-00000-a.json", "sub/b.json"};
  auto manifest_back = DecodeTableManifest(EncodeTableManifest(manifest), "x").ValueOrDie();
  EXPECT_EQ(manifest_back.version, 7);
  EXPECT_EQ(manifest_back.files, manifest.files);
  manifest.overwrite_version = 3;
  manifest.stream_writes = {{"query-a", 4}};
  manifest_back = DecodeTableManifest(EncodeTableManifest(manifest), "x").ValueOrDie();
  EXPECT_EQ(manifest_back.overwrite_version, 3);
  EXPECT_EQ(manifest_back.stream_writes, manifest.stream_writes);
  // Version 1 (before streaming writes) still reads, as no overwrite and no stream writes.
  auto v1 = DecodeTableManifest(R"({"format_version": 1, "version": 2, "files": ["a.json"]})", "m").ValueOrDie();
  EXPECT_EQ(v1.overwrite_version, 0);
  EXPECT_TRUE(v1.stream_writes.empty());
  EXPECT_EQ(DecodeTableManifest(R"({"format_version": 3, "version": 1, "files": []})", "m").status().code(),
            StatusCode::kNotSupported);
  EXPECT_EQ(DecodeTableManifest(R"({"format_version": 1, "version": 1})", "m").status().code(),
            StatusCode::kCorruption);
  EXPECT_EQ(DecodeTableManifest("{", "m").status().code(), StatusCode::kCorruption);
  EXPECT_EQ(DecodeTableManifest(R"({"format_version": 1, "version": 1, "files": ["../x"]})", "m").status().code(),
            StatusCode::kCorruption);
}

}  // namespace
}  // namespace runnel::catalog
