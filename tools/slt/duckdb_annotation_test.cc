#include "slt/duckdb_annotation.h"

#include <gtest/gtest.h>

#include "slt/echo_engine.h"

namespace runnel::slt {
namespace {

TEST(DuckDbAnnotationTest, SkipWithReason) {
  std::vector<std::string> lines = {"# about the file", "# duckdb: skip dialect: SHOW TABLES",
                                    "query T", "SHOW TABLES"};
  auto annotation = FindDuckDbAnnotation(lines, 2);
  ASSERT_TRUE(annotation.ok()) << annotation.status().ToString();
  EXPECT_TRUE(annotation->skip);
  EXPECT_EQ(annotation->skip_reason, "dialect: SHOW TABLES");
  EXPECT_TRUE(annotation->sql.empty());
}

TEST(DuckDbAnnotationTest, SqlLinesAreJoined) {
  std::vector<std::string> lines = {"", "# duckdb: SELECT 1", "#   duckdb is not this",
                                    "# duckdb: FROM t", "query I", "SELECT 1 FROM t"};
  auto annotation = FindDuckDbAnnotation(lines, 4);
  ASSERT_TRUE(annotation.ok());
  EXPECT_FALSE(annotation->skip);
  EXPECT_EQ(annotation->sql, "SELECT 1\nFROM t");
}

TEST(DuckDbAnnotationTest, OnlyTheCommentsRightAboveCount) {
  std::vector<std::string> lines = {"# duckdb: skip far away", "", "query I", "SELECT 1"};
  auto annotation = FindDuckDbAnnotation(lines, 2);
  ASSERT_TRUE(annotation.ok());
  EXPECT_FALSE(annotation->present());
}

TEST(DuckDbAnnotationTest, SkipNeedsAReasonAndExcludesSql) {
  EXPECT_EQ(FindDuckDbAnnotation({"# duckdb: skip", "query I"}, 1).status().code(),
            StatusCode::kSyntax);
  EXPECT_EQ(FindDuckDbAnnotation({"# duckdb: skip x", "# duckdb: SELECT 1", "query I"}, 2)
                .status()
                .code(),
            StatusCode::kSyntax);
}

TEST(DuckDbTypeNameTest, SparkNamesToDuckDb) {
  EXPECT_EQ(*DuckDbTypeName("int"), "INTEGER");
  EXPECT_EQ(*DuckDbTypeName("string"), "VARCHAR");
  EXPECT_EQ(*DuckDbTypeName("array<bigint>"), "BIGINT[]");
  EXPECT_EQ(*DuckDbTypeName("decimal(10,2)"), "DECIMAL(10,2)");
  EXPECT_FALSE(DuckDbTypeName("struct<a:int>").ok());
}

TEST(TranslateDataSourceViewTest, OtherStatementsAreKept) {
  auto engine = MakeEchoEngine();
  auto translated = TranslateDataSourceView("CREATE TEMPORARY VIEW v AS SELECT 1", *engine);
  ASSERT_TRUE(translated.ok());
  EXPECT_FALSE(translated->has_value());
}

}  // namespace
}  // namespace runnel::slt
