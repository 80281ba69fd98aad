#include "session/streaming_flow.h"

#include <atomic>

#include "base/spelling.h"
#include "session/sql_statements.h"
#include "session/sql_table_statements.h"
#include "session/streaming_query_start.h"
#include "session/warehouse_table_sink.h"
#include "sql/parser.h"
#include "streaming/sinks/basic_sinks.h"

namespace runnel {

namespace {

// Binds a flow's query; it must read a stream, or the flow would read the same rows each time.
Result<plan::PlanPtr> BindStreamingQuery(const std::shared_ptr<SessionState>& state,
                                         const sql::Query& query, const std::string& what) {
  RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr plan, sql::BindQuery(query, MakeBindContext(state)));
  if (!plan->is_streaming()) {
    return Status::Analysis(
        what +
        " needs a streaming query: read a source with STREAM(name). A name without "
        "STREAM() reads the data there now, once");
  }
  return plan;
}

// The rows every flow into memory sink `sink` wrote in this session, as one view named `sink`.
void PublishMemorySink(const std::shared_ptr<SessionState>& state, const std::string& sink) {
  std::lock_guard<std::mutex> lock(state->mutex);
  plan::PlanPtr all;
  for (const auto& [flow, memory] : state->memory_sinks[sink]) {
    plan::PlanPtr scan = plan::Scan(memory->AsTable());
    all = all ? plan::Union(all, scan) : scan;
  }
  if (all) state->temp_views[sink] = plan::SubqueryAlias(all, sink);
}

// The sink a CREATE SINK definition stands for, written by flow `flow`.
Result<streaming::SinkPtr> MakeDefinedSink(const std::shared_ptr<SessionState>& state,
                                           const catalog::SinkDefinition& sink,
                                           const std::string& flow,
                                           std::function<void()>* after_start) {
  if (sink.format != "memory") return MakeFormatSink(*state, sink.format, sink.options, {});
  std::shared_ptr<streaming::MemorySink> memory;
  {
    // One memory sink per flow, kept across REFRESH in this session: its batch ids go on from
    // the checkpoint, and a re-run batch is recognized.
    std::lock_guard<std::mutex> lock(state->mutex);
    auto& held = state->memory_sinks[sink.name][flow];
    if (!held) held = std::make_shared<streaming::MemorySink>(sink.name);
    memory = held;
  }
  *after_start = [state, name = sink.name] { PublishMemorySink(state, name); };
  return streaming::SinkPtr(memory);
}

std::string Count(int64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

}  // namespace

catalog::PipelineCatalog SessionPipelines(const std::shared_ptr<SessionState>& state) {
  return catalog::PipelineCatalog(SessionWarehouse(state)->root());
}

Result<CompiledFlow> CompileStreamingTable(const std::shared_ptr<SessionState>& state,
                                           const sql::CreateStreamingTableStatement& statement,
                                           const std::string& text) {
  RUNNEL_ASSIGN_OR_RAISE(std::string name, WarehouseTableName(statement.name));
  if (!statement.query) {
    return Status::NotSupported(
        "CREATE STREAMING TABLE " + name +
        " without AS query is not supported yet: give its query, or create a table and "
        "write into it with CREATE FLOW ... AS INSERT INTO " +
        name);
  }
  if (!statement.columns.empty()) {
    return Status::NotSupported(
        "CREATE STREAMING TABLE " + name +
        " with a column list is not supported yet: the query decides the columns");
  }
  CompiledFlow flow;
  RUNNEL_ASSIGN_OR_RAISE(
      flow.query, BindStreamingQuery(state, *statement.query, "CREATE STREAMING TABLE " + name));
  flow.definition = {name, catalog::FlowKind::kStreamingTable, name, "append", text, 0};
  flow.label = "streaming table " + name;
  flow.sink = std::make_shared<WarehouseTableSink>(
      SessionWarehouse(state), TableSinkOptions{name, true, "", statement.partition_by, {}});
  return flow;
}

Result<CompiledFlow> CompileFlow(const std::shared_ptr<SessionState>& state,
                                 const sql::CreateFlowStatement& statement,
                                 const std::string& text) {
  RUNNEL_ASSIGN_OR_RAISE(std::string name, WarehouseTableName(statement.name));
  RUNNEL_ASSIGN_OR_RAISE(std::string target, WarehouseTableName(statement.target));
  CompiledFlow flow;
  flow.mode = statement.output_mode.value_or(plan::OutputMode::kAppend);
  RUNNEL_ASSIGN_OR_RAISE(flow.query,
                         BindStreamingQuery(state, *statement.query, "CREATE FLOW " + name));
  flow.definition = {name,   catalog::FlowKind::kFlow,
                     target, base::ToLower(plan::OutputModeName(flow.mode)),
                     text,   0};
  flow.label = "flow " + name;
  catalog::PipelineCatalog pipelines = SessionPipelines(state);
  RUNNEL_ASSIGN_OR_RAISE(std::optional<catalog::SinkDefinition> sink, pipelines.FindSink(target));
  if (sink) {
    if (statement.by_name) {
      return Status::Analysis("CREATE FLOW " + name + ": INSERT INTO " + target +
                              " BY NAME needs a table; sink " + target +
                              " takes the query's columns as they are");
    }
    RUNNEL_ASSIGN_OR_RAISE(flow.sink, MakeDefinedSink(state, *sink, name, &flow.after_start));
    return flow;
  }
  std::shared_ptr<catalog::Warehouse> warehouse = SessionWarehouse(state);
  RUNNEL_ASSIGN_OR_RAISE(std::optional<catalog::Table> table, warehouse->FindTable(target));
  if (!table) {
    RUNNEL_ASSIGN_OR_RAISE(std::vector<std::string> sinks, pipelines.ListSinkNames());
    RUNNEL_ASSIGN_OR_RAISE(std::vector<std::string> tables, warehouse->ListTables());
    std::vector<std::string> all = sinks;
    all.insert(all.end(), tables.begin(), tables.end());
    return Status::Analysis("CREATE FLOW " + name + " writes into '" + target +
                            "', which is neither a sink nor a table." +
                            base::DidYouMean(target, all) + " Create it first (CREATE SINK " +
                            target + " USING ..., or CREATE TABLE). Sinks: " +
                            (sinks.empty() ? "none" : base::JoinStrings(sinks, ", ")));
  }
  flow.sink = std::make_shared<WarehouseTableSink>(
      warehouse, TableSinkOptions{target, statement.by_name, "", {}, {}});
  return flow;
}

Result<CompiledFlow> CompileDefinition(const std::shared_ptr<SessionState>& state,
                                       const catalog::FlowDefinition& definition) {
  auto parsed = sql::ParseStatement(definition.sql);
  if (!parsed.ok()) {
    return Status::Corruption("The stored definition of flow " + definition.name +
                              " does not parse: " + parsed.status().message());
  }
  Result<CompiledFlow> flow =
      Status::Corruption("The stored definition of flow " + definition.name +
                         " is not a CREATE STREAMING TABLE or CREATE FLOW statement");
  if (const auto* table = std::get_if<sql::CreateStreamingTableStatement>(&parsed->node)) {
    flow = CompileStreamingTable(state, *table, definition.sql);
  } else if (const auto* create = std::get_if<sql::CreateFlowStatement>(&parsed->node)) {
    flow = CompileFlow(state, *create, definition.sql);
  }
  if (flow.ok()) flow->definition.created_micros = definition.created_micros;
  return flow;
}

Result<std::string> RunFlow(const std::shared_ptr<SessionState>& state, CompiledFlow flow,
                            bool fresh, bool save) {
  catalog::PipelineCatalog pipelines = SessionPipelines(state);
  std::string checkpoint = pipelines.CheckpointPath(flow.definition.name);
  auto fs = state->StreamingFileSystem();
  if (fresh) RUNNEL_RETURN_NOT_OK(fs->DeleteRecursively(checkpoint));
  struct Counts {
    std::atomic<int64_t> batches{0}, rows{0};
  };
  auto counts = std::make_shared<Counts>();
  QueryStartOptions start;
  start.name = flow.definition.name;
  start.checkpoint = checkpoint;
  start.trigger = Trigger::AvailableNow();
  start.mode = flow.mode;
  start.on_progress = [counts](const StreamingQueryProgress& p) {
    if (!p.durationMs.count("addBatch")) return;  // an idle report, not a batch
    ++counts->batches;
    counts->rows += p.sink.numOutputRows;
  };
  Result<StreamingQuery> query =
      StartStreamingQuery(state, flow.query, flow.sink, std::move(start));
  if (!query.ok()) {
    if (fresh)
      (void)fs->DeleteRecursively(checkpoint);  // nothing ran: the next CREATE starts clean
    return query.status();
  }
  if (save) {
    // Stored once the query is known to start, so that REFRESH can retry a batch that fails.
    Status saved = pipelines.PutFlow(flow.definition);
    if (!saved.ok()) {
      (void)query->stop();
      return saved;
    }
  }
  if (flow.after_start) flow.after_start();
  RUNNEL_RETURN_NOT_OK(query->awaitTermination());
  return flow.label + ": " + Count(counts->batches, "batch", "batches") + ", " +
         Count(counts->rows, "row", "rows");
}

}  // namespace runnel
