#include "format/text/text_reader.h"

#include <gtest/gtest.h>

namespace runnel::format {
namespace {

std::vector<std::string> ReadLines(std::string data, const Options& options = {}) {
  auto reader = TextReader::MakeFromBuffer(std::move(data), "a.txt", nullptr, options);
  EXPECT_TRUE(reader.ok()) << reader.status().ToString();
  std::vector<std::string> lines;
  if (!reader.ok()) return lines;
  EXPECT_EQ((*reader)->schema()->ToString(), "value STRING");
  while (auto batch = (*reader)->Next().ValueOrDie()) {
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      lines.emplace_back(batch->column(0)->GetString(r));
    }
  }
  return lines;
}

using Lines = std::vector<std::string>;

TEST(TextReaderTest, OneRowPerLine) {
  EXPECT_EQ(ReadLines("a\nb\n"), (Lines{"a", "b"}));
  EXPECT_EQ(ReadLines("a\n\nb"), (Lines{"a", "", "b"}));
  EXPECT_EQ(ReadLines("a\r\nb\rc\n"), (Lines{"a", "b", "c"}));
  EXPECT_EQ(ReadLines(""), Lines{});
  EXPECT_EQ(ReadLines("\n"), Lines{""});
  EXPECT_EQ(ReadLines("ü 東京\n"), Lines{"ü 東京"});
}

TEST(TextReaderTest, LineSepWholeTextAndBatches) {
  EXPECT_EQ(ReadLines("a;;b;", {{"lineSep", ";;"}}), (Lines{"a", "b;"}));
  EXPECT_EQ(ReadLines("a\nb\n", {{"wholetext", "true"}}), (Lines{"a\nb\n"}));
  auto reader = TextReader::MakeFromBuffer("1\n2\n3\n", "a.txt", nullptr, {{"batchSize", "2"}});
  ASSERT_TRUE(reader.ok());
  EXPECT_EQ((*reader)->Next().ValueOrDie()->num_rows(), 2);
  EXPECT_EQ((*reader)->Next().ValueOrDie()->num_rows(), 1);
  EXPECT_FALSE((*reader)->Next().ValueOrDie().has_value());
}

TEST(TextReaderTest, RejectsSchemasThatAreNotOneString) {
  auto schema = std::make_shared<type::Schema>(std::vector<type::Field>{{"v", type::Int(), true}});
  auto reader = TextReader::MakeFromBuffer("1\n", "a.txt", schema, {});
  EXPECT_EQ(reader.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace runnel::format
