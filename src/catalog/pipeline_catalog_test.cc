#include "catalog/pipeline_catalog.h"

#include <gtest/gtest.h>

#include <filesystem>

namespace runnel::catalog {
namespace {

namespace fs = std::filesystem;

TEST(PipelineCatalogTest, DefinitionsRoundTripAndCheckTheirVersion) {
  FlowDefinition flow{"clean",  FlowKind::kStreamingTable,           "clean",
                      "append", "CREATE STREAMING TABLE clean AS …", 5};
  auto back = DecodeFlowDefinition(EncodeFlowDefinition(flow), "f").ValueOrDie();
  EXPECT_EQ(back.name, "clean");
  EXPECT_EQ(back.kind, FlowKind::kStreamingTable);
  EXPECT_EQ(back.sql, flow.sql);
  EXPECT_EQ(back.created_micros, 5);
  SinkDefinition sink{"out", "parquet", {{"path", "out/dir"}}, 7};
  auto sink_back = DecodeSinkDefinition(EncodeSinkDefinition(sink), "s").ValueOrDie();
  EXPECT_EQ(sink_back.options, sink.options);
  EXPECT_EQ(DecodeSinkDefinition(R"({"format_version": 2})", "s").status().code(),
            StatusCode::kNotSupported);
  EXPECT_EQ(DecodeFlowDefinition(R"({"name": "f"})", "f").status().code(), StatusCode::kCorruption);
  EXPECT_EQ(
      DecodeFlowDefinition(R"({"format_version": 1, "name": "f", "kind": "view", "target": "t",
                                     "output_mode": "append", "sql": "", "created_micros": 0})",
                           "f")
          .status()
          .code(),
      StatusCode::kCorruption);
}

TEST(PipelineCatalogTest, StoresListsAndDropsWithTheCheckpoint) {
  fs::path root =
      fs::temp_directory_path() / ("runnel-pipeline-catalog-" + std::to_string(::getpid()));
  fs::remove_all(root);
  PipelineCatalog catalog(root.string());
  ASSERT_TRUE(catalog.PutSink({"out", "memory", {}, 0}).ok());
  ASSERT_TRUE(catalog.PutFlow({"b", FlowKind::kFlow, "out", "update", "CREATE FLOW b …", 0}).ok());
  ASSERT_TRUE(
      catalog
          .PutFlow({"a", FlowKind::kStreamingTable, "a", "append", "CREATE STREAMING TABLE a …", 0})
          .ok());
  EXPECT_EQ(catalog.ListSinkNames().ValueOrDie(), std::vector<std::string>{"out"});
  auto flows = catalog.ListFlows().ValueOrDie();
  ASSERT_EQ(flows.size(), 2u);
  EXPECT_EQ(flows[0].name, "a");
  EXPECT_GT(flows[0].created_micros, 0);
  EXPECT_EQ(catalog.CheckpointPath("b"), (root / "_checkpoints" / "b").string());
  fs::create_directories(catalog.CheckpointPath("b") + "/offsets");
  EXPECT_TRUE(catalog.DropFlow("b").ValueOrDie());
  EXPECT_FALSE(fs::exists(catalog.CheckpointPath("b")));
  EXPECT_FALSE(catalog.FindFlow("b").ValueOrDie().has_value());
  EXPECT_FALSE(catalog.DropFlow("b").ValueOrDie());
  EXPECT_TRUE(catalog.DropSink("out").ValueOrDie());
  fs::remove_all(root);
}

}  // namespace
}  // namespace runnel::catalog
