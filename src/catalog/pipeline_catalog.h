// The streaming definitions a warehouse keeps beside its tables, so that a later process can
// REFRESH them: sinks (CREATE SINK) and flows (CREATE FLOW, and the flow that feeds each
// streaming table), one JSON file each under `<warehouse>/_pipelines/`, and the flows'
// checkpoints under `<warehouse>/_checkpoints/<flow>` (docs/formats/warehouse.md).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "io/file_system.h"

namespace runnel::catalog {

inline constexpr int kPipelineDefinitionVersion = 1;

struct SinkDefinition {
  std::string name;    // lower-case
  std::string format;  // console, memory, parquet, csv, json
  std::map<std::string, std::string> options;
  int64_t created_micros = 0;
};

enum class FlowKind {
  kStreamingTable,  // CREATE STREAMING TABLE t AS ...: the flow named t appending to table t
  kFlow,            // CREATE FLOW f AS INSERT INTO target ...
};

struct FlowDefinition {
  std::string name;  // lower-case
  FlowKind kind = FlowKind::kFlow;
  std::string target;       // the table or sink written, lower-case
  std::string output_mode;  // append, update, complete
  // The defining statement as the user wrote it: REFRESH parses and binds it again, so the
  // query sees the views of the session that refreshes.
  std::string sql;
  int64_t created_micros = 0;
};

std::string EncodeSinkDefinition(const SinkDefinition& sink);
Result<SinkDefinition> DecodeSinkDefinition(std::string_view text, const std::string& path);
std::string EncodeFlowDefinition(const FlowDefinition& flow);
Result<FlowDefinition> DecodeFlowDefinition(std::string_view text, const std::string& path);

class PipelineCatalog {
 public:
  explicit PipelineCatalog(std::string warehouse_root,
                           std::shared_ptr<io::FileSystem> fs = io::FileSystem::Local(),
                           const base::Clock* clock = &base::SystemClock::Instance());

  // Stores (or replaces) a definition; created_micros is set now when it is 0.
  Status PutSink(SinkDefinition sink);
  Status PutFlow(FlowDefinition flow);
  Result<std::optional<SinkDefinition>> FindSink(const std::string& name) const;
  Result<std::optional<FlowDefinition>> FindFlow(const std::string& name) const;
  Result<std::vector<FlowDefinition>> ListFlows() const;
  Result<std::vector<std::string>> ListSinkNames() const;
  // Removes the definition, then the flow's checkpoint (also when there is no definition: what
  // a crash in an earlier drop leaves); false when there was no such flow.
  Result<bool> DropFlow(const std::string& name);
  Result<bool> DropSink(const std::string& name);

  // `<warehouse>/_checkpoints/<flow>`.
  std::string CheckpointPath(const std::string& flow) const;

 private:
  std::string DefinitionPath(const char* kind, const std::string& name) const;

  std::string root_;
  std::shared_ptr<io::FileSystem> fs_;
  const base::Clock* clock_;
};

}  // namespace runnel::catalog
