#include "session/stream_relations.h"

#include "base/spelling.h"
#include "catalog/table_metadata.h"
#include "session/sql_statements.h"
#include "session/sql_table_statements.h"
#include "streaming/source_provider.h"
#include "streaming/sources/table_stream_source.h"
#include "streaming/streaming_relation.h"

namespace runnel {

namespace {

constexpr char kMaxFilesPerTrigger[] = "maxFilesPerTrigger";

bool SchemaInference(const SessionState& state) {
  return base::ToLower(state.GetConf("runnel.sql.streaming.schemaInference", "false")) == "true";
}

// A stream over `spec`, with the source's error (bad options, no schema) reported now.
Result<plan::PlanPtr> SourceStream(const SessionState& state, const streaming::StreamSpec& spec,
                                   const std::string& alias) {
  plan::PlanPtr scan = streaming::StreamingScan(spec, state.StreamingFileSystem());
  RUNNEL_RETURN_NOT_OK(scan->source->schema().status());
  return plan::SubqueryAlias(scan, alias);
}

Result<plan::PlanPtr> TableStream(const std::shared_ptr<SessionState>& state,
                                  const catalog::Table& table) {
  const catalog::TableMetadata& metadata = table.metadata;
  if (metadata.external()) {
    // An external table is files at a location: stream them as readStream() would, with the
    // table's options (maxFilesPerTrigger among them) and schema.
    streaming::StreamSpec spec{metadata.format, metadata.options,
                               catalog::SchemaToDdl(*metadata.schema), SchemaInference(*state)};
    spec.options["path"] = metadata.location;
    return SourceStream(*state, spec, metadata.name);
  }
  int64_t max_files = 0;
  for (const auto& [k, v] : metadata.options) {
    if (base::EqualsIgnoreCase(k, kMaxFilesPerTrigger)) max_files = std::atoll(v.c_str());
  }
  std::shared_ptr<catalog::Warehouse> warehouse = SessionWarehouse(state);
  std::string name = metadata.name;
  streaming::SourceFactory factory =
      [warehouse, name,
       max_files](const streaming::SourceContext&) -> Result<streaming::SourcePtr> {
    RUNNEL_ASSIGN_OR_RAISE(auto source,
                           streaming::TableStreamSource::Make(warehouse, name, max_files));
    return streaming::SourcePtr(std::move(source));
  };
  auto relation =
      std::make_shared<streaming::StreamingRelation>("table " + name, metadata.schema, factory);
  return plan::SubqueryAlias(plan::Scan(relation), name);
}

}  // namespace

bool IsStreamOnlyFormat(const std::string& format) {
  return format == "rate" || format == "rate-micro-batch" || format == "socket";
}

Result<plan::PlanPtr> ResolveStreamRelation(const std::shared_ptr<SessionState>& state,
                                            const std::vector<std::string>& name) {
  std::string joined = base::JoinStrings(name, ".");
  std::vector<std::string> candidates;
  if (name.size() == 1) {
    std::string key = base::ToLower(name[0]);
    std::optional<streaming::StreamSpec> spec;
    plan::PlanPtr view;
    {
      std::lock_guard<std::mutex> lock(state->mutex);
      if (auto it = state->source_views.find(key); it != state->source_views.end())
        spec = it->second;
      if (auto it = state->temp_views.find(key); it != state->temp_views.end()) view = it->second;
      for (const auto& [v, _] : state->temp_views) candidates.push_back(v);
    }
    if (spec) return SourceStream(*state, *spec, name[0]);
    if (view) {
      // A view whose query already reads a stream (AS SELECT ... FROM STREAM(src)) streams as it
      // is.
      if (view->is_streaming()) return view;
      return Status::Analysis(
          "STREAM(" + joined + ") needs a view over a source (CREATE TEMPORARY VIEW " + joined +
          " USING json|csv|parquet|text|rate|rate-micro-batch|socket OPTIONS (...)) or a "
          "table; view " +
          joined + " is a query over bounded data");
    }
  }
  auto table_name = WarehouseTableName(name);
  if (table_name.ok()) {
    RUNNEL_ASSIGN_OR_RAISE(std::optional<catalog::Table> table,
                           SessionWarehouse(state)->FindTable(*table_name));
    if (table) return TableStream(state, *table);
  }
  RUNNEL_ASSIGN_OR_RAISE(std::vector<std::string> tables, ListTables(state));
  candidates.insert(candidates.end(), tables.begin(), tables.end());
  return Status::Analysis(
      "Table or view '" + joined + "' not found for STREAM(" + joined + ")." +
      base::DidYouMean(joined, candidates) +
      " Temporary views last one session: declare the source view again (CREATE TEMPORARY "
      "VIEW ... USING ...) before a flow that reads it runs");
}

}  // namespace runnel
