#include "catalog/pipeline_catalog.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "catalog/warehouse.h"

namespace runnel::catalog {

namespace {

using nlohmann::json;

constexpr char kSinks[] = "sinks";
constexpr char kFlows[] = "flows";
constexpr char kSuffix[] = ".json";

Status Corrupt(const std::string& path, const std::string& problem) {
  return Status::Corruption("Pipeline definition '" + path + "' is corrupt: " + problem +
                            ". Restore it, or delete it and create the sink or flow again");
}

// Parses a definition and checks its format version.
Result<json> ParseDefinition(std::string_view text, const std::string& path) {
  json doc = json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded() || !doc.is_object()) return Corrupt(path, "not a JSON object");
  if (!doc.contains("format_version") || !doc["format_version"].is_number_integer()) {
    return Corrupt(path, "no integer 'format_version'");
  }
  int64_t version = doc["format_version"].get<int64_t>();
  if (version > kPipelineDefinitionVersion) {
    return Status::NotSupported("Pipeline definition '" + path + "' has format version " +
                                std::to_string(version) + ", newer than the " +
                                std::to_string(kPipelineDefinitionVersion) +
                                " this Runnel reads. Upgrade Runnel");
  }
  if (version < 1) return Corrupt(path, "bad format version " + std::to_string(version));
  return doc;
}

const char* FlowKindName(FlowKind kind) {
  return kind == FlowKind::kStreamingTable ? "streaming_table" : "flow";
}

}  // namespace

std::string EncodeSinkDefinition(const SinkDefinition& sink) {
  json doc = {{"format_version", kPipelineDefinitionVersion},
              {"name", sink.name},
              {"format", sink.format},
              {"options", sink.options},
              {"created_micros", sink.created_micros}};
  return doc.dump(2) + "\n";
}

Result<SinkDefinition> DecodeSinkDefinition(std::string_view text, const std::string& path) {
  RUNNEL_ASSIGN_OR_RAISE(json doc, ParseDefinition(text, path));
  SinkDefinition sink;
  try {
    sink.name = doc.at("name").get<std::string>();
    sink.format = doc.at("format").get<std::string>();
    sink.options = doc.at("options").get<std::map<std::string, std::string>>();
    sink.created_micros = doc.at("created_micros").get<int64_t>();
  } catch (const json::exception& e) {
    return Corrupt(path, e.what());
  }
  return sink;
}

std::string EncodeFlowDefinition(const FlowDefinition& flow) {
  json doc = {{"format_version", kPipelineDefinitionVersion},
              {"name", flow.name},
              {"kind", FlowKindName(flow.kind)},
              {"target", flow.target},
              {"output_mode", flow.output_mode},
              {"sql", flow.sql},
              {"created_micros", flow.created_micros}};
  return doc.dump(2) + "\n";
}

Result<FlowDefinition> DecodeFlowDefinition(std::string_view text, const std::string& path) {
  RUNNEL_ASSIGN_OR_RAISE(json doc, ParseDefinition(text, path));
  FlowDefinition flow;
  try {
    flow.name = doc.at("name").get<std::string>();
    std::string kind = doc.at("kind").get<std::string>();
    if (kind != "streaming_table" && kind != "flow")
      return Corrupt(path, "unknown kind '" + kind + "'");
    flow.kind = kind == "flow" ? FlowKind::kFlow : FlowKind::kStreamingTable;
    flow.target = doc.at("target").get<std::string>();
    flow.output_mode = doc.at("output_mode").get<std::string>();
    flow.sql = doc.at("sql").get<std::string>();
    flow.created_micros = doc.at("created_micros").get<int64_t>();
  } catch (const json::exception& e) {
    return Corrupt(path, e.what());
  }
  return flow;
}

PipelineCatalog::PipelineCatalog(std::string warehouse_root, std::shared_ptr<io::FileSystem> fs,
                                 const base::Clock* clock)
    : root_(std::move(warehouse_root)), fs_(std::move(fs)), clock_(clock) {}

std::string PipelineCatalog::DefinitionPath(const char* kind, const std::string& name) const {
  return io::JoinPath(io::JoinPath(io::JoinPath(root_, kPipelinesDirectory), kind), name + kSuffix);
}

std::string PipelineCatalog::CheckpointPath(const std::string& flow) const {
  return io::JoinPath(io::JoinPath(root_, kCheckpointsDirectory), flow);
}

Status PipelineCatalog::PutSink(SinkDefinition sink) {
  if (sink.created_micros == 0) sink.created_micros = clock_->NowMicros();
  std::string path = DefinitionPath(kSinks, sink.name);
  RUNNEL_RETURN_NOT_OK(fs_->CreateDirectories(io::ParentPath(path)));
  return fs_->WriteFileAtomic(path, EncodeSinkDefinition(sink));
}

Status PipelineCatalog::PutFlow(FlowDefinition flow) {
  if (flow.created_micros == 0) flow.created_micros = clock_->NowMicros();
  std::string path = DefinitionPath(kFlows, flow.name);
  RUNNEL_RETURN_NOT_OK(fs_->CreateDirectories(io::ParentPath(path)));
  return fs_->WriteFileAtomic(path, EncodeFlowDefinition(flow));
}

namespace {
template <typename T, typename Decode>
Result<std::optional<T>> ReadDefinition(io::FileSystem& fs, const std::string& path,
                                        Decode decode) {
  RUNNEL_ASSIGN_OR_RAISE(bool exists, fs.Exists(path));
  if (!exists) return std::optional<T>();
  RUNNEL_ASSIGN_OR_RAISE(std::string text, fs.ReadFile(path));
  RUNNEL_ASSIGN_OR_RAISE(T value, decode(text, path));
  return std::optional<T>(std::move(value));
}

// The names of the definitions in `directory` (files `<name>.json`), sorted.
Result<std::vector<std::string>> DefinitionNames(io::FileSystem& fs, const std::string& directory) {
  std::vector<std::string> names;
  RUNNEL_ASSIGN_OR_RAISE(bool exists, fs.Exists(directory));
  if (!exists) return names;
  RUNNEL_ASSIGN_OR_RAISE(std::vector<io::FileInfo> entries, fs.ListDirectory(directory));
  const std::string suffix = kSuffix;
  for (const auto& entry : entries) {
    std::string name = io::BaseName(entry.path);
    // Skips the temporary files of an atomic write in progress (they start with '.').
    if (entry.is_directory || name.empty() || name[0] == '.' || name.size() <= suffix.size() ||
        name.compare(name.size() - suffix.size(), suffix.size(), suffix) != 0) {
      continue;
    }
    names.push_back(name.substr(0, name.size() - suffix.size()));
  }
  std::sort(names.begin(), names.end());
  return names;
}
}  // namespace

Result<std::optional<SinkDefinition>> PipelineCatalog::FindSink(const std::string& name) const {
  return ReadDefinition<SinkDefinition>(*fs_, DefinitionPath(kSinks, name), DecodeSinkDefinition);
}

Result<std::optional<FlowDefinition>> PipelineCatalog::FindFlow(const std::string& name) const {
  return ReadDefinition<FlowDefinition>(*fs_, DefinitionPath(kFlows, name), DecodeFlowDefinition);
}

Result<std::vector<FlowDefinition>> PipelineCatalog::ListFlows() const {
  RUNNEL_ASSIGN_OR_RAISE(std::vector<std::string> names,
                         DefinitionNames(*fs_, io::ParentPath(DefinitionPath(kFlows, "x"))));
  std::vector<FlowDefinition> flows;
  for (const auto& name : names) {
    RUNNEL_ASSIGN_OR_RAISE(std::optional<FlowDefinition> flow, FindFlow(name));
    if (flow) flows.push_back(std::move(*flow));
  }
  return flows;
}

Result<std::vector<std::string>> PipelineCatalog::ListSinkNames() const {
  return DefinitionNames(*fs_, io::ParentPath(DefinitionPath(kSinks, "x")));
}

Result<bool> PipelineCatalog::DropFlow(const std::string& name) {
  std::string path = DefinitionPath(kFlows, name);
  RUNNEL_ASSIGN_OR_RAISE(bool exists, fs_->Exists(path));
  // The definition goes first, so the flow is gone at once; a checkpoint a crash leaves behind
  // is deleted when a new flow of that name is created (it must not resume an old one's).
  if (exists) RUNNEL_RETURN_NOT_OK(fs_->Delete(path));
  RUNNEL_RETURN_NOT_OK(fs_->DeleteRecursively(CheckpointPath(name)));
  return exists;
}

Result<bool> PipelineCatalog::DropSink(const std::string& name) {
  std::string path = DefinitionPath(kSinks, name);
  RUNNEL_ASSIGN_OR_RAISE(bool exists, fs_->Exists(path));
  if (exists) RUNNEL_RETURN_NOT_OK(fs_->Delete(path));
  return exists;
}

}  // namespace runnel::catalog
