// The file sink's manifest: its line format, compaction, and batch reads of an output directory
// seeing only the files it lists.
#include "catalog/sink_manifest.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "catalog/file_source.h"
#include "vector/batch_stream.h"

namespace runnel::catalog {
namespace {

namespace fs = std::filesystem;

class SinkManifestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = (fs::temp_directory_path() /
             ("runnel-sink-manifest-test-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name()))
                .string();
    fs::remove_all(root_);
    fs::create_directories(root_);
  }
  void TearDown() override { fs::remove_all(root_); }

  void Write(const std::string& relative, const std::string& text) {
    fs::create_directories(fs::path(root_ + "/" + relative).parent_path());
    std::ofstream(root_ + "/" + relative) << text;
  }
  static SinkFileStatus File(std::string path, int64_t size = 10) {
    SinkFileStatus s;
    s.path = std::move(path);
    s.size = size;
    s.modification_time_ms = 1700000000000;
    return s;
  }
  std::vector<std::string> Paths(const SinkManifest& manifest) {
    auto files = manifest.Files();
    EXPECT_TRUE(files.ok()) << files.status().ToString();
    std::vector<std::string> out;
    if (files.ok()) {
      for (const auto& f : *files) out.push_back(f.path);
    }
    return out;
  }

  std::shared_ptr<io::FileSystem> fs_ = io::FileSystem::Local();
  std::string root_;
};

TEST_F(SinkManifestTest, LinesHaveSparksFieldsInSparksOrder) {
  EXPECT_EQ(EncodeSinkFileStatus(File("a/part-0.parquet", 42)),
            "{\"path\":\"a/"
            "part-0.parquet\",\"size\":42,\"isDir\":false,\"modificationTime\":1700000000000,"
            "\"blockReplication\":1,\"blockSize\":33554432,\"action\":\"add\"}");
  auto back = DecodeSinkFileStatus(EncodeSinkFileStatus(File("x", 7)), "m/0");
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->path, "x");
  EXPECT_EQ(back->size, 7);
  for (const char* bad : {"[]", "{\"size\":1}", "{\"path\":\"x\",\"size\":\"big\"}",
                          "{\"path\":\"x\",\"action\":\"move\"}"}) {
    auto decoded = DecodeSinkFileStatus(bad, "out/_runnel_metadata/3");
    ASSERT_FALSE(decoded.ok()) << bad;
    EXPECT_EQ(decoded.status().code(), StatusCode::kCorruption);
    EXPECT_NE(decoded.status().message().find("out/_runnel_metadata/3"), std::string::npos);
  }
}

TEST_F(SinkManifestTest, CompactsEveryIntervalKeepingEveryFile) {
  SinkManifest manifest(fs_, root_, 3);
  EXPECT_EQ(*manifest.LatestBatchId(), std::nullopt);
  for (int b = 0; b < 7; ++b)
    ASSERT_TRUE(manifest.AddBatch(b, {File("part-" + std::to_string(b))}).ok());
  // Batches 2 and 5 compacted; the entries they replaced are gone.
  std::vector<std::string> names;
  for (const auto& e : fs::directory_iterator(root_ + "/_runnel_metadata"))
    names.push_back(e.path().filename());
  std::sort(names.begin(), names.end());
  EXPECT_EQ(names, (std::vector<std::string>{"5.compact", "6"}));
  EXPECT_EQ(Paths(manifest), (std::vector<std::string>{"part-0", "part-1", "part-2", "part-3",
                                                       "part-4", "part-5", "part-6"}));
  EXPECT_EQ(**manifest.LatestBatchId(), 6);
  // An empty batch is still an entry: a re-run of it is recognized as committed.
  ASSERT_TRUE(manifest.AddBatch(7, {}).ok());
  EXPECT_EQ(**manifest.LatestBatchId(), 7);
  EXPECT_EQ(Paths(manifest).size(), 7u);
}

TEST_F(SinkManifestTest, BatchReadsOfTheDirectorySeeOnlyListedFiles) {
  Write("dt=1/part-a.csv", "1\n2\n");
  Write("dt=2/part-b.csv", "3\n");
  Write("dt=2/part-failed.csv", "99\n");  // a failed attempt's file: on disk, not in the manifest
  Write("part-stray.csv", "98\n");
  SinkManifest manifest(fs_, root_);
  ASSERT_TRUE(manifest.AddBatch(0, {File("dt=1/part-a.csv")}).ok());
  ASSERT_TRUE(manifest.AddBatch(1, {File("dt=2/part-b.csv")}).ok());
  EXPECT_TRUE(*SinkManifest::IsSinkOutput(*fs_, root_));
  EXPECT_FALSE(*SinkManifest::IsSinkOutput(*fs_, root_ + "/dt=1"));
  FileSource source("csv", root_, "v INT", {}, fs_);
  auto schema = source.schema();
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  EXPECT_EQ((*schema)->ToString(), "v INT, dt INT");
  EXPECT_EQ(source.partition_columns(), std::vector<std::string>{"dt"});
  std::vector<std::string> rows;
  for (int p = 0; p < source.NumPartitions(); ++p) {
    auto stream = source.Open(p, {0, 1}, {});
    ASSERT_TRUE(stream.ok()) << stream.status().ToString();
    for (const auto& b : vector::DrainStream(**stream).ValueOrDie()) {
      for (int64_t r = 0; r < b.num_rows(); ++r) {
        rows.push_back(b.GetValue(r, 0).ToString() + "@" + b.GetValue(r, 1).ToString());
      }
    }
  }
  std::sort(rows.begin(), rows.end());
  EXPECT_EQ(rows, (std::vector<std::string>{"1@1", "2@1", "3@2"}));
}

TEST_F(SinkManifestTest, CorruptManifestNamesTheFile) {
  SinkManifest manifest(fs_, root_);
  ASSERT_TRUE(manifest.AddBatch(0, {File("part-0")}).ok());
  std::string entry = root_ + "/_runnel_metadata/0";
  for (const char* text : {"v1\n{\"path\": \n", "", "v2\n{}\n", "v1\nnot json\n"}) {
    std::ofstream(entry, std::ios::trunc) << text;
    auto files = manifest.Files();
    ASSERT_FALSE(files.ok()) << text;
    EXPECT_NE(files.status().message().find(entry), std::string::npos) << files.status().ToString();
    FileSource source("csv", root_, "v INT", {}, fs_);
    auto schema = source.schema();
    ASSERT_FALSE(schema.ok());
    EXPECT_NE(schema.status().message().find(entry), std::string::npos)
        << schema.status().ToString();
  }
}

}  // namespace
}  // namespace runnel::catalog
