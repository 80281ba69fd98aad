#include "cli/meta_command.h"

#include <gtest/gtest.h>

namespace runnel::cli {
namespace {

using Kind = MetaCommand::Kind;

TEST(MetaCommand, RecognizesLines) {
  EXPECT_TRUE(IsMetaCommandLine("\\q"));
  EXPECT_TRUE(IsMetaCommandLine("  .tables"));
  EXPECT_FALSE(IsMetaCommandLine("SELECT 1;"));
  EXPECT_FALSE(IsMetaCommandLine(""));
}

TEST(MetaCommand, MapsToSql) {
  EXPECT_EQ(ParseMetaCommand("\\tables")->sql, "SHOW TABLES");
  EXPECT_EQ(ParseMetaCommand(".tables;")->sql, "SHOW TABLES");
  EXPECT_EQ(ParseMetaCommand("\\functions")->sql, "SHOW FUNCTIONS");
  auto schema = ParseMetaCommand("\\schema  events ");
  ASSERT_TRUE(schema.ok());
  EXPECT_EQ(schema->kind, Kind::kSql);
  EXPECT_EQ(schema->sql, "DESCRIBE events");
}

TEST(MetaCommand, HelpAndQuit) {
  EXPECT_EQ(ParseMetaCommand("\\help")->kind, Kind::kHelp);
  EXPECT_EQ(ParseMetaCommand("\\?")->kind, Kind::kHelp);
  EXPECT_EQ(ParseMetaCommand("\\q")->kind, Kind::kQuit);
  EXPECT_EQ(ParseMetaCommand(".exit")->kind, Kind::kQuit);
  EXPECT_NE(MetaCommandHelp().find("\\schema NAME"), std::string::npos);
}

TEST(MetaCommand, FormatAndTiming) {
  auto csv = ParseMetaCommand("\\format CSV");
  ASSERT_TRUE(csv.ok());
  EXPECT_EQ(csv->kind, Kind::kFormat);
  EXPECT_EQ(csv->format, OutputFormat::kCsv);
  EXPECT_FALSE(csv->show);
  EXPECT_TRUE(ParseMetaCommand("\\format")->show);
  auto on = ParseMetaCommand("\\timing on");
  ASSERT_TRUE(on.ok());
  EXPECT_TRUE(on->timing_on);
  EXPECT_FALSE(on->toggle);
  EXPECT_FALSE(ParseMetaCommand("\\timing off")->timing_on);
  EXPECT_TRUE(ParseMetaCommand("\\timing")->toggle);
}

TEST(MetaCommand, RejectsUnknownAndBadArguments) {
  auto unknown = ParseMetaCommand("\\frobnicate");
  ASSERT_FALSE(unknown.ok());
  EXPECT_EQ(unknown.status().message(), "Unknown command '\\frobnicate'. Type \\help for the list of commands.");
  EXPECT_FALSE(ParseMetaCommand("\\schema").ok());
  EXPECT_FALSE(ParseMetaCommand("\\format xml").ok());
  EXPECT_FALSE(ParseMetaCommand("\\timing maybe").ok());
  EXPECT_FALSE(ParseMetaCommand("\\tables extra").ok());
  EXPECT_FALSE(ParseMetaCommand("\\").ok());
}

}  // namespace
}  // namespace runnel::cli
