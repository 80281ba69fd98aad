#include "slt/canonical_cell.h"

#include <gtest/gtest.h>

namespace runnel::slt {
namespace {

TEST(CanonicalCellTest, RealsRoundToTwelveDigitsWithoutTrailingZeros) {
  EXPECT_EQ(CanonicalCell("3.00"), "3");
  EXPECT_EQ(CanonicalCell("3.0"), "3");
  EXPECT_EQ(CanonicalCell("1.0E10"), "10000000000");
  EXPECT_EQ(CanonicalCell("1e+21"), "1e+21");
  EXPECT_EQ(CanonicalCell("1.0E21"), "1e+21");
  EXPECT_EQ(CanonicalCell("0.30000000000000004"), "0.3");
  EXPECT_EQ(CanonicalCell("2.9999999999999996"), "3");
  EXPECT_EQ(CanonicalCell("-0.0"), "0");
  EXPECT_EQ(CanonicalCell("99.990"), "99.99");
  EXPECT_EQ(CanonicalCell("-1.25"), "-1.25");
}

TEST(CanonicalCellTest, IntegersDatesTimesAndWordsStayAsTheyAre) {
  EXPECT_EQ(CanonicalCell("9223372036854775807"), "9223372036854775807");
  EXPECT_EQ(CanonicalCell("2024-01-02"), "2024-01-02");
  EXPECT_EQ(CanonicalCell("2024-01-01 10:00:00.5"), "2024-01-01 10:00:00.5");
  EXPECT_EQ(CanonicalCell("v1.50"), "v1.50");
  EXPECT_EQ(CanonicalCell("1.2.3"), "1.2.3");
  EXPECT_EQ(CanonicalCell("NULL"), "NULL");
  EXPECT_EQ(CanonicalCell("(empty)"), "(empty)");
}

TEST(CanonicalCellTest, NumbersInsideNestedValues) {
  EXPECT_EQ(CanonicalCell("[1.50, 2.0, NULL]"), "[1.5, 2, NULL]");
  EXPECT_EQ(CanonicalCell("{a -> 1.0}"), "{a -> 1}");
}

TEST(CanonicalLinesTest, SortModes) {
  std::vector<std::string> lines = {"b\t2.0", "a\t1.50"};
  EXPECT_EQ(CanonicalLines(lines, SortMode::kNoSort),
            (std::vector<std::string>{"b\t2", "a\t1.5"}));
  EXPECT_EQ(CanonicalLines(lines, SortMode::kRowSort),
            (std::vector<std::string>{"a\t1.5", "b\t2"}));
  EXPECT_EQ(CanonicalLines(lines, SortMode::kValueSort),
            (std::vector<std::string>{"1.5", "2", "a", "b"}));
}

}  // namespace
}  // namespace runnel::slt
