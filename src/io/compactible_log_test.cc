#include "io/compactible_log.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "io/batch_log.h"

namespace runnel::io {
namespace {

class CompactibleLogTest : public ::testing::Test {
 protected:
  void SetUp() override {
    dir_ = (std::filesystem::temp_directory_path() /
            ("runnel_compactible_log_test_" + std::to_string(::getpid()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name()))
               .string();
    std::filesystem::remove_all(dir_);
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }

  std::vector<std::string> Names() const {
    std::vector<std::string> names;
    for (const auto& e : std::filesystem::directory_iterator(dir_))
      names.push_back(e.path().filename().string());
    std::sort(names.begin(), names.end());
    return names;
  }

  static std::vector<std::string> ReadBatches(const CompactibleLog& log, int64_t first,
                                              int64_t last) {
    std::vector<std::string> lines;
    Status st = log.ReadBatches(first, last, [&](const std::string& file, std::string line) {
      EXPECT_NE(file.find(log.dir()), std::string::npos);
      lines.push_back(std::move(line));
      return Status::OK();
    });
    EXPECT_TRUE(st.ok()) << st.ToString();
    return lines;
  }

  std::shared_ptr<FileSystem> fs_ = FileSystem::Local();
  std::string dir_;
};

TEST_F(CompactibleLogTest, CompactsEveryIntervalAndReadsBack) {
  CompactibleLog log(fs_, dir_, "test log", 3);
  for (int64_t b = 0; b < 5; ++b) ASSERT_TRUE(log.Add(b, {"line" + std::to_string(b)}).ok());
  // Batch 2 compacted 0..2; 3 and 4 are plain.
  EXPECT_EQ(Names(), (std::vector<std::string>{"2.compact", "3", "4"}));
  EXPECT_EQ(*fs_->ReadFile(log.PathOf(2, true)), "v1\nline0\nline1\nline2\n");
  EXPECT_EQ(*log.ReadAll(),
            (std::vector<std::string>{"line0", "line1", "line2", "line3", "line4"}));
  EXPECT_EQ(**log.LatestId(), 4);
  ASSERT_TRUE(log.Add(5, {"line5a", "line5b"}).ok());
  EXPECT_EQ(Names(), (std::vector<std::string>{"5.compact"}));
  EXPECT_EQ(log.ReadAll()->size(), 7u);
  // A batch absorbed into a compact entry is read from it (callers filter by batch).
  EXPECT_EQ(ReadBatches(log, 1, 1).size(), 7u);
  // A reader with another interval sees the same lines.
  CompactibleLog other(fs_, dir_, "test log", 10);
  EXPECT_EQ(other.ReadAll()->size(), 7u);
  ASSERT_TRUE(other.Add(6, {"line6"}).ok());
  EXPECT_EQ(ReadBatches(other, 6, 6), std::vector<std::string>{"line6"});
}

TEST_F(CompactibleLogTest, RejectsASecondWriterAndEntriesLeftByACrashAreIgnored) {
  CompactibleLog log(fs_, dir_, "test log", 2);
  ASSERT_TRUE(log.Add(0, {"a"}).ok());
  Status again = log.Add(0, {"b"});
  ASSERT_FALSE(again.ok());
  EXPECT_NE(again.message().find("already exists"), std::string::npos);
  ASSERT_TRUE(log.Add(1, {"b"}).ok());
  // A crash after writing 1.compact but before deleting 0: the stale entry is not read twice.
  ASSERT_TRUE(WriteVersionedFile(*fs_, log.PathOf(0, false), "a\n", 1).ok());
  EXPECT_EQ(*log.ReadAll(), (std::vector<std::string>{"a", "b"}));
  ASSERT_TRUE(fs_->WriteFile(dir_ + "/.2.tmp-7", "junk", false).ok());
  EXPECT_EQ(**log.LatestId(), 1);
}

TEST_F(CompactibleLogTest, ErrorsNameTheFile) {
  CompactibleLog log(fs_, dir_, "test log", 10);
  ASSERT_TRUE(log.Add(0, {"a"}).ok());
  ASSERT_TRUE(fs_->WriteFile(log.PathOf(0, false), "v7\na\n", false).ok());
  auto all = log.ReadAll();
  ASSERT_FALSE(all.ok());
  EXPECT_NE(all.status().message().find(log.PathOf(0, false)), std::string::npos)
      << all.status().ToString();
  Status missing =
      log.ReadBatches(3, 3, [](const std::string&, std::string) { return Status::OK(); });
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.message().find("no entry for batch 3"), std::string::npos);
}

}  // namespace
}  // namespace runnel::io
