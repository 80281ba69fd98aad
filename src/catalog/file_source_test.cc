// FileSource over Parquet: row groups as partitions, and row groups and partition directories
// skipped when the pushed filters rule them out.
#include "catalog/file_source.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "catalog/statistics_pruning.h"
#include "format/parquet/parquet_writer.h"
#include "type/ddl.h"
#include "vector/batch_stream.h"

namespace runnel::catalog {
namespace {

namespace fs = std::filesystem;
using type::Value;

class FileSourceParquetTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = fs::temp_directory_path() / ("runnel-file-source-test-" + std::to_string(::getpid()) + "-" +
                                         ::testing::UnitTest::GetInstance()->current_test_info()->name());
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  // ids 0..99 in row groups of 25, sorted, so each group covers one quarter.
  void WriteIds(const fs::path& path, int base = 0) {
    auto schema = std::make_shared<type::Schema>(type::ParseSchema("id BIGINT, tag STRING").ValueOrDie());
    format::Options options;
    options.Set("rowGroupSize", "25");
    auto writer = format::parquet::ParquetWriter::Make(schema, options).ValueOrDie();
    std::vector<std::vector<Value>> rows;
    for (int i = 0; i < 100; ++i) rows.push_back({Value::BigInt(base + i), Value::String(i % 2 ? "odd" : "even")});
    ASSERT_TRUE(writer->Write(vector::Batch::FromRows(schema, rows)).ok());
    fs::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << writer->Finish().ValueOrDie();
  }

  // Rows read from every partition with a projection and filters.
  int64_t CountRows(FileSource& source, const std::vector<int>& projection, const std::vector<expr::ExprPtr>& filters,
                    int* partitions_read = nullptr) {
    int64_t rows = 0;
    if (partitions_read) *partitions_read = 0;
    for (int p = 0; p < source.NumPartitions(); ++p) {
      auto stream = source.Open(p, projection, filters);
      EXPECT_TRUE(stream.ok()) << stream.status().ToString();
      auto batches = vector::DrainStream(**stream).ValueOrDie();
      int64_t here = 0;
      for (const auto& b : batches) here += b.num_rows();
      if (partitions_read && here > 0) ++*partitions_read;
      rows += here;
    }
    return rows;
  }

  fs::path root_;
};

expr::ExprPtr Compare(const std::string& op, int column, type::DataTypePtr type, Value literal) {
  return expr::Call(op, {expr::BoundColumn(column, std::move(type), "c"), expr::Literal(std::move(literal))});
}

TEST_F(FileSourceParquetTest, RowGroupsAreSplitsAndStatisticsSkipThem) {
  WriteIds(root_ / "t" / "part-0.parquet");
  FileSource source("parquet", (root_ / "t").string(), "", {});
  ASSERT_EQ(source.schema().ValueOrDie()->ToString(), "id BIGINT, tag STRING");
  EXPECT_EQ(source.NumPartitions(), 4);
  int read = 0;
  EXPECT_EQ(CountRows(source, {0, 1}, {}, &read), 100);
  EXPECT_EQ(read, 4);
  // id > 60 rules out the groups of 0..24 and 25..49: only two are read (all their rows come
  // back: the Filter above the scan does the rest).
  EXPECT_EQ(CountRows(source, {0}, {Compare("greater", 0, type::BigInt(), Value::BigInt(60))}, &read), 50);
  EXPECT_EQ(read, 2);
  // The filter names projected columns: here id is the scan's second column.
  EXPECT_EQ(CountRows(source, {1, 0}, {Compare("less_equal", 1, type::BigInt(), Value::BigInt(10))}, &read), 25);
  EXPECT_EQ(read, 1);
  // A string range: every group has both tags.
  EXPECT_EQ(CountRows(source, {1}, {Compare("equal", 0, type::String(), Value::String("odd"))}), 100);
  EXPECT_EQ(CountRows(source, {1}, {Compare("equal", 0, type::String(), Value::String("zzz"))}), 0);
}

TEST_F(FileSourceParquetTest, PartitionDirectoriesArePruned) {
  WriteIds(root_ / "t" / "year=2023" / "part-0.parquet", 0);
  WriteIds(root_ / "t" / "year=2024" / "part-0.parquet", 1000);
  FileSource source("parquet", (root_ / "t").string(), "", {});
  ASSERT_EQ(source.schema().ValueOrDie()->ToString(), "id BIGINT, tag STRING, year INT");
  int read = 0;
  EXPECT_EQ(CountRows(source, {2, 0}, {Compare("equal", 0, type::Int(), Value::Int(2024))}, &read), 100);
  EXPECT_EQ(read, 4);
  // A filter on a column the scan doesn't return can't be pushed here; the projection decides.
  EXPECT_EQ(CountRows(source, {0}, {}), 200);
}

TEST_F(FileSourceParquetTest, MissingColumnsReadAsNullAndTypeClashesFail) {
  WriteIds(root_ / "t" / "part-0.parquet");
  FileSource wider("parquet", (root_ / "t").string(), "id BIGINT, extra STRING", {});
  auto stream = wider.Open(0, {1, 0}, {}).ValueOrDie();
  auto batch = stream->Next().ValueOrDie().value();
  EXPECT_TRUE(batch.GetValue(0, 0).is_null());
  EXPECT_EQ(batch.GetValue(0, 1).ToString(), "0");
  FileSource clash("parquet", (root_ / "t").string(), "id STRING", {});
  ASSERT_TRUE(clash.schema().ok());
  Status st = clash.Open(0, {0}, {}).status();
  EXPECT_EQ(st.code(), StatusCode::kAnalysis);
  EXPECT_NE(st.message().find("has type BIGINT"), std::string::npos) << st.message();
}

}  // namespace
}  // namespace runnel::catalog
