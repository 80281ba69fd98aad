// The streaming statements of Databricks SQL, refreshed on demand in an interactive session:
// CREATE [OR REFRESH] STREAMING TABLE, CREATE SINK, CREATE FLOW, REFRESH STREAMING TABLE | FLOW,
// DROP STREAMING TABLE | FLOW | SINK. Definitions persist in the warehouse
// (catalog::PipelineCatalog); running a flow is streaming_flow.h.
#include "base/spelling.h"
#include "session/sql_statements.h"
#include "session/sql_table_statements.h"
#include "session/streaming_flow.h"
#include "streaming/sinks/basic_sinks.h"

namespace runnel {

namespace {

DataFrame Summary(const std::shared_ptr<SessionState>& state, const std::string& text) {
  return CommandResult(state, type::Schema({{"summary", type::String(), true}}),
                       {{type::Value::String(text)}});
}

DataFrame NoRows(const std::shared_ptr<SessionState>& state) {
  return CommandResult(state, type::Schema(), {});
}

Status NotStreamingTable(const std::string& name, const std::string& doing) {
  return Status::Analysis("Table " + name + " is not a streaming table, so " + doing +
                          " does not apply. Use DROP TABLE, or INSERT INTO for a batch table");
}

Result<DataFrame> CreateStreamingTable(const std::shared_ptr<SessionState>& state,
                                       const sql::CreateStreamingTableStatement& s,
                                       const std::string& text) {
  RUNNEL_ASSIGN_OR_RAISE(std::string name, WarehouseTableName(s.name));
  catalog::PipelineCatalog pipelines = SessionPipelines(state);
  RUNNEL_ASSIGN_OR_RAISE(std::optional<catalog::FlowDefinition> existing, pipelines.FindFlow(name));
  if (existing && existing->kind == catalog::FlowKind::kFlow) {
    return Status::Analysis("Cannot create streaming table " + name + ": its flow would be named " +
                            name + ", and flow " + name +
                            " already exists. Choose another name, or DROP FLOW " + name);
  }
  if (existing) {
    if (s.if_not_exists) return NoRows(state);
    if (!s.or_refresh) {
      return Status::Analysis(
          "Streaming table " + name + " already exists. REFRESH STREAMING TABLE " + name +
          " processes new data; CREATE OR REFRESH STREAMING TABLE also updates its query");
    }
  } else {
    RUNNEL_ASSIGN_OR_RAISE(std::optional<catalog::Table> table,
                           SessionWarehouse(state)->FindTable(name));
    if (table) {
      return Status::Analysis("Table " + name +
                              " already exists and is not a streaming table. Choose another "
                              "name, or DROP TABLE " +
                              name + " first");
    }
  }
  RUNNEL_ASSIGN_OR_RAISE(CompiledFlow flow, CompileStreamingTable(state, s, text));
  if (existing) flow.definition.created_micros = existing->created_micros;
  RUNNEL_ASSIGN_OR_RAISE(std::string summary,
                         RunFlow(state, std::move(flow), !existing, /*save=*/true));
  return Summary(state, summary);
}

Result<DataFrame> CreateSink(const std::shared_ptr<SessionState>& state,
                             const sql::CreateSinkStatement& s) {
  RUNNEL_ASSIGN_OR_RAISE(std::string name, WarehouseTableName(s.name));
  catalog::SinkDefinition sink{name, base::ToLower(s.format), {}, 0};
  for (const auto& [k, v] : s.options) sink.options[k] = v;
  const std::string& format = sink.format;
  if (format == "parquet" || format == "csv" || format == "json") {
    bool has_path = false;
    for (const auto& [k, _] : sink.options)
      has_path = has_path || base::EqualsIgnoreCase(k, "path");
    if (!has_path)
      return Status::Analysis("Sink " + name + " USING " + format + " needs OPTIONS (path '...')");
  } else if (format == "console") {
    RUNNEL_RETURN_NOT_OK(
        streaming::ConsoleSink::Make(sink.options).status());  // checks the options now
  } else if (format != "memory") {
    return Status::NotSupported("Sink format '" + s.format +
                                "' is not supported. Sinks: console, memory, parquet, "
                                "csv, json");
  }
  catalog::PipelineCatalog pipelines = SessionPipelines(state);
  RUNNEL_ASSIGN_OR_RAISE(std::optional<catalog::SinkDefinition> existing, pipelines.FindSink(name));
  if (existing)
    return Status::Analysis("Sink " + name + " already exists. DROP SINK " + name +
                            " first to redefine it");
  RUNNEL_ASSIGN_OR_RAISE(std::optional<catalog::Table> table,
                         SessionWarehouse(state)->FindTable(name));
  if (table) {
    return Status::Analysis(
        "Cannot create sink " + name + ": table " + name +
        " exists, and INSERT INTO in a flow could not tell them apart. Choose another name");
  }
  RUNNEL_RETURN_NOT_OK(pipelines.PutSink(std::move(sink)));
  return NoRows(state);
}

Result<DataFrame> CreateFlow(const std::shared_ptr<SessionState>& state,
                             const sql::CreateFlowStatement& s, const std::string& text) {
  RUNNEL_ASSIGN_OR_RAISE(std::string name, WarehouseTableName(s.name));
  catalog::PipelineCatalog pipelines = SessionPipelines(state);
  RUNNEL_ASSIGN_OR_RAISE(std::optional<catalog::FlowDefinition> existing, pipelines.FindFlow(name));
  if (existing) {
    std::string what = existing->kind == catalog::FlowKind::kFlow
                           ? "Flow " + name
                           : "The flow of streaming table " + name;
    return Status::Analysis(
        what + " already exists. REFRESH " +
        (existing->kind == catalog::FlowKind::kFlow ? "FLOW " : "STREAMING TABLE ") + name +
        " processes new data; DROP it first to redefine it");
  }
  RUNNEL_ASSIGN_OR_RAISE(CompiledFlow flow, CompileFlow(state, s, text));
  RUNNEL_ASSIGN_OR_RAISE(std::string summary,
                         RunFlow(state, std::move(flow), /*fresh=*/true, /*save=*/true));
  return Summary(state, summary);
}

Result<DataFrame> Refresh(const std::shared_ptr<SessionState>& state,
                          const sql::RefreshStatement& s) {
  if (s.object == sql::ObjectKind::kTable)
    return NoRows(state);  // Spark: refreshes cached metadata; none here
  if (s.object != sql::ObjectKind::kStreamingTable && s.object != sql::ObjectKind::kFlow) {
    return Status::NotSupported(std::string("REFRESH ") + sql::ObjectKindName(s.object) +
                                " is not supported yet");
  }
  bool table_kind = s.object == sql::ObjectKind::kStreamingTable;
  RUNNEL_ASSIGN_OR_RAISE(std::string name, WarehouseTableName(s.name));
  catalog::PipelineCatalog pipelines = SessionPipelines(state);
  RUNNEL_ASSIGN_OR_RAISE(std::optional<catalog::FlowDefinition> definition,
                         pipelines.FindFlow(name));
  bool matches =
      definition && (definition->kind == catalog::FlowKind::kStreamingTable) == table_kind;
  if (!matches) {
    if (table_kind) {
      RUNNEL_ASSIGN_OR_RAISE(std::optional<catalog::Table> table,
                             SessionWarehouse(state)->FindTable(name));
      if (table) return NotStreamingTable(name, "REFRESH STREAMING TABLE");
      return Status::Analysis("Streaming table " + name + " not found in warehouse " +
                              SessionWarehouse(state)->root());
    }
    RUNNEL_ASSIGN_OR_RAISE(std::vector<catalog::FlowDefinition> flows, pipelines.ListFlows());
    std::vector<std::string> names;
    for (const auto& f : flows) {
      if (f.kind == catalog::FlowKind::kFlow) names.push_back(f.name);
    }
    return Status::Analysis("Flow " + name + " not found." + base::DidYouMean(name, names) +
                            " Flows: " + (names.empty() ? "none" : base::JoinStrings(names, ", ")));
  }
  RUNNEL_ASSIGN_OR_RAISE(CompiledFlow flow, CompileDefinition(state, *definition));
  RUNNEL_ASSIGN_OR_RAISE(std::string summary,
                         RunFlow(state, std::move(flow), /*fresh=*/false, /*save=*/false));
  return Summary(state, summary);
}

Result<DataFrame> Drop(const std::shared_ptr<SessionState>& state, const sql::DropStatement& s) {
  RUNNEL_ASSIGN_OR_RAISE(std::string name, WarehouseTableName(s.name));
  catalog::PipelineCatalog pipelines = SessionPipelines(state);
  if (s.object == sql::ObjectKind::kSink) {
    RUNNEL_ASSIGN_OR_RAISE(bool dropped, pipelines.DropSink(name));
    if (!dropped && !s.if_exists)
      return Status::Analysis("Sink " + name + " not found, so it cannot be dropped");
    return NoRows(state);
  }
  RUNNEL_ASSIGN_OR_RAISE(std::optional<catalog::FlowDefinition> definition,
                         pipelines.FindFlow(name));
  bool table_kind = s.object == sql::ObjectKind::kStreamingTable;
  if (!definition || (definition->kind == catalog::FlowKind::kStreamingTable) != table_kind) {
    if (table_kind) {
      RUNNEL_ASSIGN_OR_RAISE(std::optional<catalog::Table> table,
                             SessionWarehouse(state)->FindTable(name));
      if (table) return NotStreamingTable(name, "DROP STREAMING TABLE");
    }
    if (s.if_exists) return NoRows(state);
    return Status::Analysis(
        std::string(table_kind ? "Streaming table " : "Flow ") + name +
        " not found, so it cannot be dropped. Use IF EXISTS to ignore a missing one");
  }
  if (table_kind)
    RUNNEL_RETURN_NOT_OK(SessionWarehouse(state)->DropTable(name, /*if_exists=*/true));
  RUNNEL_RETURN_NOT_OK(ForgetFlow(state, name));
  return NoRows(state);
}

}  // namespace

Status ForgetFlow(const std::shared_ptr<SessionState>& state, const std::string& name) {
  RUNNEL_RETURN_NOT_OK(SessionPipelines(state).DropFlow(name).status());
  std::lock_guard<std::mutex> lock(state->mutex);
  for (auto& [sink, flows] : state->memory_sinks) flows.erase(name);
  return Status::OK();
}

bool PrintsRunSummary(const sql::Statement& statement) {
  if (std::holds_alternative<sql::CreateStreamingTableStatement>(statement.node) ||
      std::holds_alternative<sql::CreateFlowStatement>(statement.node)) {
    return true;
  }
  const auto* refresh = std::get_if<sql::RefreshStatement>(&statement.node);
  return refresh && (refresh->object == sql::ObjectKind::kStreamingTable ||
                     refresh->object == sql::ObjectKind::kFlow);
}

Result<DataFrame> ExecuteStreamingStatement(const std::shared_ptr<SessionState>& state,
                                            const sql::Statement& statement) {
  if (const auto* s = std::get_if<sql::CreateStreamingTableStatement>(&statement.node)) {
    return CreateStreamingTable(state, *s, statement.text);
  }
  if (const auto* s = std::get_if<sql::CreateSinkStatement>(&statement.node))
    return CreateSink(state, *s);
  if (const auto* s = std::get_if<sql::CreateFlowStatement>(&statement.node))
    return CreateFlow(state, *s, statement.text);
  if (const auto* s = std::get_if<sql::RefreshStatement>(&statement.node))
    return Refresh(state, *s);
  if (const auto* s = std::get_if<sql::DropStatement>(&statement.node)) return Drop(state, *s);
  if (std::holds_alternative<sql::CreateMaterializedViewStatement>(statement.node)) {
    return Status::NotSupported("CREATE MATERIALIZED VIEW is not supported yet: " + statement.text);
  }
  return Status::Internal("Not a streaming statement: " + statement.text);
}

}  // namespace runnel
