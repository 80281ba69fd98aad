#include "slt/engine.h"

#include <gtest/gtest.h>

#include "slt/echo_engine.h"
#include "slt/result_format.h"

namespace runnel::slt {
namespace {

TEST(EchoEngineTest, RowsFromLinesWithInferredTypes) {
  auto engine = MakeEchoEngine();
  auto result = engine->Execute("  1 | 1.5 | x\n 20 | NULL | ''\n");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->schema.ToString(), "c1 BIGINT, c2 DOUBLE, c3 STRING");
  ASSERT_EQ(result->rows.size(), 2u);
  EXPECT_EQ(FormatRow(result->rows[0]), "1\t1.5\tx");
  EXPECT_EQ(FormatRow(result->rows[1]), "20\tNULL\t(empty)");
}

TEST(EchoEngineTest, ErrorsAndEdgeCases) {
  auto engine = MakeEchoEngine();
  auto error = engine->Execute("ERROR Column 'b' not found");
  ASSERT_FALSE(error.ok());
  EXPECT_EQ(error.status().ToString(), "Analysis error: Column 'b' not found");
  auto ragged = engine->Execute("1 | 2\n3");
  ASSERT_FALSE(ragged.ok());
  EXPECT_EQ(ragged.status().message(),
            "Echo rows must all have the same number of cells: '3' has 1, the first row has 2");
  auto blank = engine->Execute("  ");
  ASSERT_TRUE(blank.ok());
  EXPECT_EQ(blank->schema.num_fields(), 0);
  EXPECT_TRUE(blank->rows.empty());
}

TEST(EngineTest, MakeEngineByName) {
  EXPECT_TRUE(MakeEngine("echo").ok());
  auto runnel = MakeEngine("runnel");
  ASSERT_TRUE(runnel.ok());
  auto result = (*runnel)->Execute("SELECT 1 AS one");
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  EXPECT_EQ(result->schema.names(), std::vector<std::string>{"one"});
  ASSERT_EQ(result->rows.size(), 1u);
  EXPECT_EQ(result->rows[0].values()[0].AsInt64(), 1);
  auto unknown = MakeEngine("duck");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(),
            "Unknown engine 'duck'. Use --engine runnel or --engine echo");
  EXPECT_EQ(EngineNames(), (std::vector<std::string>{"runnel", "echo"}));
}

}  // namespace
}  // namespace runnel::slt
