// Query statements and EXPLAIN (the binder's side of Session::sql).
#include "base/spelling.h"
#include "catalog/file_source.h"
#include "session/range_source.h"
#include "session/sql_statements.h"
#include "session/stream_relations.h"

namespace runnel {

namespace {

Result<plan::PlanPtr> LookupRelation(const std::shared_ptr<SessionState>& state, const std::vector<std::string>& name) {
  std::string joined = base::JoinStrings(name, ".");
  std::vector<std::string> candidates;
  if (name.size() == 1) {
    std::lock_guard<std::mutex> lock(state->mutex);
    auto it = state->temp_views.find(base::ToLower(name[0]));
    if (it != state->temp_views.end()) return it->second;
    if (auto source = state->source_views.find(base::ToLower(name[0])); source != state->source_views.end()) {
      return Status::Analysis("View " + joined + " reads a " + source->second.format +
                              " source, which never ends: read it with STREAM(" + joined +
                              ") in CREATE STREAMING TABLE or CREATE FLOW");
    }
    for (const auto& [view, _] : state->temp_views) candidates.push_back(view);
  }
  RUNNEL_ASSIGN_OR_RAISE(std::optional<plan::PlanPtr> table, LookupTable(state, name));
  if (table) return *table;
  RUNNEL_ASSIGN_OR_RAISE(std::vector<std::string> tables, ListTables(state));
  candidates.insert(candidates.end(), tables.begin(), tables.end());
  return Status::Analysis("Table or view '" + joined + "' not found." + base::DidYouMean(joined, candidates));
}

// range(end), range(start, end), range(start, end, step): Spark's table function, column id.
Result<plan::PlanPtr> TableFunction(const std::string& name, const std::vector<type::Value>& args) {
  if (name != "range") {
    return Status::Analysis("Table function '" + name + "' not found. Runnel has range(start, end[, step])");
  }
  if (args.empty() || args.size() > 3) {
    return Status::Analysis("range() takes 1 to 3 integer arguments, got " + std::to_string(args.size()));
  }
  std::vector<int64_t> n;
  for (const auto& a : args) {
    if (a.is_null() || !a.type()->is_integral()) {
      return Status::Analysis("range() arguments must be integers, got " + a.ToSqlLiteral());
    }
    n.push_back(a.AsInt64());
  }
  int64_t start = n.size() == 1 ? 0 : n[0];
  int64_t end = n.size() == 1 ? n[0] : n[1];
  int64_t step = n.size() == 3 ? n[2] : 1;
  if (step == 0) return Status::Analysis("range() step must not be 0");
  return plan::Scan(std::make_shared<RangeSource>(start, end, step));
}

}  // namespace

sql::BindContext MakeBindContext(const std::shared_ptr<SessionState>& state) {
  sql::BindContext context;
  context.registry = state->registry;
  context.relation = [state](const std::vector<std::string>& name, bool streaming) -> Result<plan::PlanPtr> {
    if (streaming) return ResolveStreamRelation(state, name);
    return LookupRelation(state, name);
  };
  context.file = [](const std::string& format, const std::string& path) -> Result<plan::PlanPtr> {
    if (format != "csv" && format != "json" && format != "text" && format != "parquet") {
      return Status::NotSupported("Reading " + format + " files is not supported: " + format + ".`" + path +
                                  "`. Runnel reads parquet, csv, json and text");
    }
    return plan::Scan(std::make_shared<catalog::FileSource>(format, path, "", std::map<std::string, std::string>{}));
  };
  context.table_function = TableFunction;
  return context;
}

Result<DataFrame> ExecuteQueryStatement(const std::shared_ptr<SessionState>& state, const sql::Statement& statement) {
  sql::BindContext context = MakeBindContext(state);
  if (const auto* query = std::get_if<sql::QueryStatement>(&statement.node)) {
    RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr plan, sql::BindQuery(*query->query, context));
    return DataFrame(state, plan);
  }
  const auto& explain = std::get<sql::ExplainStatement>(statement.node);
  const auto* inner = std::get_if<sql::QueryStatement>(&explain.statement->node);
  if (!inner) return Status::NotSupported("EXPLAIN of this statement is not supported yet: " + statement.text);
  RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr plan, sql::BindQuery(*inner->query, context));
  RUNNEL_ASSIGN_OR_RAISE(std::string text,
                         DataFrame(state, plan).explainString(explain.mode != sql::ExplainMode::kSimple));
  return CommandResult(state, type::Schema({{"plan", type::String(), true}}), {{type::Value::String(text)}});
}

}  // namespace runnel
