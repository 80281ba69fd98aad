#include "io/file_system.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace runnel::io {
namespace {

class FileSystemTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("runnel_fs_test_" + std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "_" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
    ASSERT_TRUE(fs_->CreateDirectories((root_ / "a" / "b").string()).ok());
    ASSERT_TRUE(fs_->CreateDirectories((root_ / "_hidden").string()).ok());
    for (const char* f : {"x.csv", "y.json", "a/z.csv", "a/b/w.csv", "_hidden/h.csv", "a/.tmp"}) {
      ASSERT_TRUE(fs_->WriteFile((root_ / f).string(), f, false).ok());
    }
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  std::vector<std::string> Relative(const std::vector<FileInfo>& files) {
    std::vector<std::string> out;
    for (const auto& f : files) out.push_back(std::filesystem::relative(f.path, root_).string());
    return out;
  }

  std::shared_ptr<FileSystem> fs_ = FileSystem::Local();
  std::filesystem::path root_;
};

TEST_F(FileSystemTest, ListsDirectoriesRecursivelySkippingHiddenNames) {
  auto files = fs_->ListFiles(root_.string());
  ASSERT_TRUE(files.ok()) << files.status().ToString();
  EXPECT_EQ(Relative(*files), (std::vector<std::string>{"a/b/w.csv", "a/z.csv", "x.csv", "y.json"}));
}

TEST_F(FileSystemTest, ExpandsGlobs) {
  auto files = fs_->ListFiles((root_ / "*.csv").string());
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(Relative(*files), (std::vector<std::string>{"x.csv"}));
  files = fs_->ListFiles((root_ / "a" / "*").string());
  ASSERT_TRUE(files.ok());
  EXPECT_EQ(Relative(*files), (std::vector<std::string>{"a/.tmp", "a/b/w.csv", "a/z.csv"}));
  EXPECT_TRUE(GlobMatch("part-[0-9]*.csv", "part-7x.csv"));
  EXPECT_FALSE(GlobMatch("part-[!0-9]*", "part-7"));
  EXPECT_TRUE(GlobMatch("?.json", "y.json"));
}

TEST_F(FileSystemTest, MissingPathIsAnIoError) {
  auto files = fs_->ListFiles((root_ / "nope").string());
  ASSERT_FALSE(files.ok());
  EXPECT_EQ(files.status().code(), StatusCode::kIO);
  EXPECT_NE(files.status().message().find("nope"), std::string::npos);
}

TEST_F(FileSystemTest, AtomicWriteReplacesWholeFileAndLeavesNoTemp) {
  std::string path = (root_ / "state").string();
  ASSERT_TRUE(fs_->WriteFileAtomic(path, "v1").ok());
  ASSERT_TRUE(fs_->WriteFileAtomic(path, "version two").ok());
  EXPECT_EQ(*fs_->ReadFile(path), "version two");
  EXPECT_EQ(*fs_->ReadRange(path, 8, 100), "two");
  auto entries = fs_->ListDirectory(root_.string());
  ASSERT_TRUE(entries.ok());
  for (const auto& e : *entries) EXPECT_EQ(BaseName(e.path).find(".state.tmp"), std::string::npos) << e.path;
}

}  // namespace
}  // namespace runnel::io
