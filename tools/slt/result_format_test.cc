#include "slt/result_format.h"

#include <gtest/gtest.h>

#include "slt/result_diff.h"

namespace runnel::slt {
namespace {

using type::Value;

TEST(ResultFormatTest, CellsAsSparkShowsThem) {
  EXPECT_EQ(FormatCell(Value::BigInt(-42)), "-42");
  EXPECT_EQ(FormatCell(Value::Double(1e10)), "1.0E10");
  EXPECT_EQ(FormatCell(Value::Double(0.5)), "0.5");
  EXPECT_EQ(FormatCell(Value::Decimal(12345, 10, 2)), "123.45");
  EXPECT_EQ(FormatCell(Value::Boolean(true)), "true");
  EXPECT_EQ(FormatCell(Value::Date(19723)), "2024-01-01");
  EXPECT_EQ(FormatCell(Value::Timestamp(1704067201000000)), "2024-01-01 00:00:01");
  EXPECT_EQ(FormatCell(Value::Array(type::Array(type::Int()),
                                    {Value::Int(1), Value::NullOf(type::Int())})),
            "[1, NULL]");
}

TEST(ResultFormatTest, NullEmptyAndControlCharacters) {
  EXPECT_EQ(FormatCell(Value::NullOf(type::String())), "NULL");
  EXPECT_EQ(FormatCell(Value()), "NULL");
  EXPECT_EQ(FormatCell(Value::String("")), "(empty)");
  EXPECT_EQ(FormatCell(Value::String("a\tb\nc\rd")), "a\\tb\\nc\\rd");
  EXPECT_EQ(FormatRow(Row({Value::Int(1), Value::String(""), Value::NullOf(type::Int())})),
            "1\t(empty)\tNULL");
}

std::vector<Row> SampleRows() {
  return {Row({Value::BigInt(2), Value::String("b")}), Row({Value::BigInt(10), Value::String("a")}),
          Row({Value::BigInt(1), Value::String("c")})};
}

TEST(ResultFormatTest, SortModes) {
  EXPECT_EQ(FormatResultLines(SampleRows(), SortMode::kNoSort),
            (std::vector<std::string>{"2\tb", "10\ta", "1\tc"}));
  // Sorted as text, like sqllogictest: "10" before "2".
  EXPECT_EQ(FormatResultLines(SampleRows(), SortMode::kRowSort),
            (std::vector<std::string>{"1\tc", "10\ta", "2\tb"}));
  EXPECT_EQ(FormatResultLines(SampleRows(), SortMode::kValueSort),
            (std::vector<std::string>{"1", "10", "2", "a", "b", "c"}));
}

TEST(ResultFormatTest, NormalizeExpectedKeepsLineNumbers) {
  std::vector<ExpectedLine> expected = {{"2\tb", 5}, {"1\tc", 6}};
  auto rows = NormalizeExpected(expected, SortMode::kRowSort);
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].text, "1\tc");
  EXPECT_EQ(rows[0].line_number, 6);
  auto values = NormalizeExpected(expected, SortMode::kValueSort);
  ASSERT_EQ(values.size(), 4u);
  EXPECT_EQ(values[0].text, "1");
  EXPECT_EQ(values[0].line_number, 6);
  EXPECT_EQ(values[3].text, "c");
  EXPECT_EQ(NormalizeExpected(expected, SortMode::kNoSort)[0].text, "2\tb");
}

TEST(ResultFormatTest, TypeLetters) {
  type::Schema schema({{"a", type::Int(), true},
                       {"b", type::BigInt(), true},
                       {"c", type::Double(), true},
                       {"d", type::Decimal(10, 2), true},
                       {"e", type::String(), true},
                       {"f", type::Date(), true},
                       {"g", type::Boolean(), true}});
  EXPECT_EQ(TypeLetters(schema), "IIRRTTT");
}

TEST(ResultDiffTest, MarksOnlyTheLinesThatDiffer) {
  std::vector<ExpectedLine> expected = {{"1", 3}, {"2", 4}, {"3", 5}};
  EXPECT_EQ(DiffLines(expected, {"1", "3", "4"}, "> "),
            "> "
            "  1\n> - 2\n>   3\n> + 4\n");
  EXPECT_EQ(DiffLines({}, {"x"}, ""), "+ x\n");
  EXPECT_EQ(DiffLines(expected, {}, ""), "- 1\n- 2\n- 3\n");
  EXPECT_EQ(FirstDifference(expected, {"1", "3", "4"}), 1);
  EXPECT_EQ(FirstDifference(expected, {"1", "2", "3"}), -1);
  EXPECT_EQ(FirstDifference(expected, {"1", "2"}), 2);
  EXPECT_EQ(IndentSql("SELECT 1\nFROM t"), "    SELECT 1\n    FROM t");
}

}  // namespace
}  // namespace runnel::slt
