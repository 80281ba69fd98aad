#include "slt/rewrite.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "slt/parser.h"

namespace runnel::slt {
namespace {

TEST(RewriteTest, ReplacesAndInsertsWholeLines) {
  auto lines = SplitRawLines("a\nb\nc\nd\n");
  auto text = ApplyEdits(lines, {{3, 4, {"D1", "D2"}}, {1, 1, {"inserted"}}, {2, 3, {}}});
  ASSERT_TRUE(text.ok()) << text.status().ToString();
  EXPECT_EQ(*text, "a\ninserted\nb\nD1\nD2\n");
  EXPECT_EQ(*ApplyEdits(lines, {}), "a\nb\nc\nd\n");
}

TEST(RewriteTest, KeepsCrlfAndAMissingFinalNewline) {
  EXPECT_EQ(*ApplyEdits(SplitRawLines("a\r\nb\r\nc"), {{1, 2, {"B"}}}), "a\r\nB\r\nc");
  EXPECT_EQ(*ApplyEdits(SplitRawLines("a\nb"), {{1, 2, {"B", "C"}}}), "a\nB\nC");
  EXPECT_EQ(*ApplyEdits(SplitRawLines("a\nb"), {{2, 2, {"c"}}}), "a\nb\nc");
  EXPECT_EQ(*ApplyEdits(SplitRawLines("a\nb\n"), {{2, 2, {"c"}}}), "a\nb\nc\n");
}

TEST(RewriteTest, RejectsOverlappingOrOutOfRangeEdits) {
  auto lines = SplitRawLines("a\nb\nc\n");
  auto overlap = ApplyEdits(lines, {{0, 2, {"x"}}, {1, 3, {"y"}}});
  ASSERT_FALSE(overlap.ok());
  EXPECT_EQ(overlap.status().message(), "Line edits overlap at line 2");
  auto outside = ApplyEdits(lines, {{2, 5, {}}});
  ASSERT_FALSE(outside.ok());
  EXPECT_EQ(outside.status().message(), "Line edit [2, 5) is outside the file's 3 lines");
}

TEST(RewriteTest, ReplaceFileContentSwapsTheWholeFile) {
  auto dir = std::filesystem::temp_directory_path() / ("slt_rewrite_" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  std::string path = (dir / "a.test").string();
  std::ofstream(path) << "old\n";
  ASSERT_TRUE(ReplaceFileContent(path, "new\n").ok());
  std::stringstream content;
  content << std::ifstream(path).rdbuf();
  EXPECT_EQ(content.str(), "new\n");
  EXPECT_FALSE(std::filesystem::exists(path + ".rewrite.tmp"));
  auto missing = ReplaceFileContent((dir / "no/such/dir.test").string(), "x");
  EXPECT_EQ(missing.code(), StatusCode::kIO);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace runnel::slt
