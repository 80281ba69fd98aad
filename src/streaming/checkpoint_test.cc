// The checkpoint's logs: text formats, versions, damaged files, retention.
#include "streaming/checkpoint.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace runnel::streaming {
namespace {

class CheckpointTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = (std::filesystem::temp_directory_path() /
             ("runnel-checkpoint-test-" + std::to_string(::getpid()) + "-" +
              ::testing::UnitTest::GetInstance()->current_test_info()->name()))
                .string();
    std::filesystem::remove_all(root_);
  }
  void TearDown() override { std::filesystem::remove_all(root_); }
  void Write(const std::string& relative, const std::string& text) {
    ASSERT_TRUE(fs_->CreateDirectories(io::ParentPath(root_ + "/" + relative)).ok());
    ASSERT_TRUE(fs_->WriteFile(root_ + "/" + relative, text, false).ok());
  }
  std::shared_ptr<io::FileSystem> fs_ = io::FileSystem::Local();
  std::string root_;
};

TEST_F(CheckpointTest, OffsetsAndCommitsRoundTripInSparksLayout) {
  auto cp = Checkpoint::Open(fs_, root_, "id-1");
  ASSERT_TRUE(cp.ok()) << cp.status().ToString();
  OffsetSeq seq;
  seq.offsets = {std::string("3"), std::nullopt, std::string("{\"logOffset\":2}")};
  seq.metadata = {0, 1548845804202, {{"runnel.sql.shuffle.partitions", "5"}}};
  ASSERT_TRUE((*cp)->WriteOffsets(0, seq).ok());
  auto text = fs_->ReadFile(root_ + "/offsets/0");
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(*text,
            "v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1548845804202,\"conf\":{\"runnel.sql.shuffle."
            "partitions\":\"5\"}}\n3\n-\n{\"logOffset\":2}\n");
  auto back = (*cp)->ReadOffsets(0);
  ASSERT_TRUE(back.ok() && back->has_value());
  EXPECT_EQ((*back)->offsets, seq.offsets);
  EXPECT_EQ((*back)->metadata.batch_timestamp_ms, 1548845804202);
  EXPECT_EQ((*back)->metadata.conf.at("runnel.sql.shuffle.partitions"), "5");
  ASSERT_TRUE((*cp)->WriteCommit(0, CommitMetadata{42}).ok());
  EXPECT_EQ(*fs_->ReadFile(root_ + "/commits/0"), "v1\n{\"nextBatchWatermarkMs\":42}\n");
  EXPECT_EQ((*(*cp)->ReadCommit(0))->next_batch_watermark_ms, 42);
  EXPECT_EQ(*fs_->ReadFile(root_ + "/metadata"), "{\"id\":\"id-1\"}\n");
  // The id survives a reopen; a second write of the same batch is a concurrent update.
  auto again = Checkpoint::Open(fs_, root_, "id-2");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->query_id(), "id-1");
  Status twice = (*again)->WriteOffsets(0, seq);
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.message().find("Concurrent update to the offset log"), std::string::npos);
}

TEST_F(CheckpointTest, DamagedFilesAreErrorsNamingTheFile) {
  auto cp = Checkpoint::Open(fs_, root_, "id");
  ASSERT_TRUE(cp.ok());
  const std::pair<const char*, const char*> cases[] = {
      {"", "is empty"},
      {"v1\n{\"batchWatermarkMs\":0,\"batchTimestampMs\":1}", "is truncated"},
      {"v2\n{}\n", "has version v2 but this Runnel reads up to v1"},
      {"hello\n", "does not start with a version line"},
      {"v1\nnot json\n", "no valid metadata line"},
  };
  for (const auto& [content, message] : cases) {
    Write("offsets/3", content);
    auto seq = (*cp)->ReadOffsets(3);
    ASSERT_FALSE(seq.ok()) << content;
    EXPECT_EQ(seq.status().code(), StatusCode::kCorruption);
    EXPECT_NE(seq.status().message().find(root_ + "/offsets/3"), std::string::npos) << seq.status().ToString();
    EXPECT_NE(seq.status().message().find(message), std::string::npos) << seq.status().ToString();
  }
  Write("commits/3", "v1\n{\"watermark\":1}\n");
  auto commit = (*cp)->ReadCommit(3);
  ASSERT_FALSE(commit.ok());
  EXPECT_NE(commit.status().message().find("commits/3"), std::string::npos);
  Write("metadata", "{}");
  auto reopened = Checkpoint::Open(fs_, root_, "id");
  ASSERT_FALSE(reopened.ok());
  EXPECT_NE(reopened.status().message().find("metadata"), std::string::npos);
}

TEST_F(CheckpointTest, PurgeKeepsTheLastBatchesAndIgnoresTemporaryFiles) {
  BatchLog log(fs_, root_ + "/log", "test log");
  for (int64_t id = 0; id < 10; ++id) ASSERT_TRUE(log.Add(id, "entry " + std::to_string(id)).ok());
  Write("log/.3.tmp-7", "partial");
  ASSERT_TRUE(log.PurgeBefore(7).ok());
  auto ids = log.Ids();
  ASSERT_TRUE(ids.ok());
  EXPECT_EQ(*ids, (std::vector<int64_t>{7, 8, 9}));
  EXPECT_EQ(**log.Get(8), "entry 8\n");
  EXPECT_EQ(**log.LatestId(), 9);
  EXPECT_FALSE(log.Get(2)->has_value());
}

}  // namespace
}  // namespace runnel::streaming
