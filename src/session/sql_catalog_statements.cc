// Catalog commands: temporary views, SHOW, DESCRIBE, SET/RESET. Results have Spark's columns.
#include "base/spelling.h"
#include "catalog/file_source.h"
#include "catalog/table_metadata.h"
#include "plan/analyzer.h"
#include "session/sql_statements.h"
#include "session/sql_table_statements.h"
#include "session/stream_relations.h"

namespace runnel {

namespace {

using type::Value;

type::Schema StringColumns(const std::vector<std::string>& names) {
  std::vector<type::Field> fields;
  for (const auto& n : names) fields.push_back({n, type::String(), true});
  return type::Schema(std::move(fields));
}

std::string ViewName(const std::vector<std::string>& name) { return name.empty() ? "" : name.back(); }

// Stores a view; an existing one only with OR REPLACE, and IF NOT EXISTS keeps it.
Status StoreView(SessionState& state, const std::string& name, const plan::PlanPtr& plan, bool or_replace,
                 bool if_not_exists) {
  std::lock_guard<std::mutex> lock(state.mutex);
  std::string key = base::ToLower(name);
  if (state.temp_views.count(key)) {
    if (if_not_exists) return Status::OK();
    if (!or_replace) {
      return Status::Analysis("Cannot create the temporary view `" + name +
                              "` because it already exists. Choose a different name, drop or replace the existing "
                              "view (CREATE OR REPLACE TEMPORARY VIEW), or add IF NOT EXISTS");
    }
  }
  state.temp_views[key] = plan::SubqueryAlias(plan, name);
  state.source_views.erase(key);  // a source view's caller records its source after this
  return Status::OK();
}

Result<DataFrame> CreateView(const std::shared_ptr<SessionState>& state, const sql::CreateViewStatement& s) {
  RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr plan, sql::BindQuery(*s.query, MakeBindContext(state)));
  // Spark analyzes a view's query when it is created: a bad query fails here, not on use.
  RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr resolved, plan::Analyzer(*state->registry).Analyze(plan));
  if (!s.columns.empty()) {
    const type::Schema& schema = *resolved->schema;
    if (static_cast<int>(s.columns.size()) != schema.num_fields()) {
      return Status::Analysis("View " + ViewName(s.name) + " names " + std::to_string(s.columns.size()) +
                              " columns but its query has " + std::to_string(schema.num_fields()));
    }
    std::vector<expr::ExprPtr> exprs;
    for (int i = 0; i < schema.num_fields(); ++i) {
      exprs.push_back(expr::Alias(expr::BoundColumn(i, schema.field(i).type, schema.field(i).name), s.columns[i]));
    }
    plan = plan::Project(resolved, std::move(exprs));
  }
  RUNNEL_RETURN_NOT_OK(StoreView(*state, ViewName(s.name), plan, s.or_replace, s.if_not_exists));
  return CommandResult(state, type::Schema(), {});
}

// Stores a view over a source that STREAM() alone can read (rate, socket): the name is taken as
// a view's would be.
Status StoreStreamOnlyView(SessionState& state, const std::string& name, const streaming::StreamSpec& spec,
                           bool or_replace, bool if_not_exists) {
  std::lock_guard<std::mutex> lock(state.mutex);
  std::string key = base::ToLower(name);
  if (state.temp_views.count(key) || state.source_views.count(key)) {
    if (if_not_exists) return Status::OK();
    if (!or_replace) {
      return Status::Analysis("Cannot create the temporary view `" + name +
                              "` because it already exists. Choose a different name, drop or replace the existing "
                              "view (CREATE OR REPLACE TEMPORARY VIEW), or add IF NOT EXISTS");
    }
  }
  state.temp_views.erase(key);
  state.source_views[key] = spec;
  return Status::OK();
}

Result<DataFrame> CreateSourceView(const std::shared_ptr<SessionState>& state,
                                   const sql::CreateSourceViewStatement& s) {
  std::string format = base::ToLower(s.format);
  bool stream_only = IsStreamOnlyFormat(format);
  if (!stream_only && format != "csv" && format != "json" && format != "text" && format != "parquet") {
    return Status::NotSupported("A view USING " + s.format +
                                " is not supported: views read parquet, csv, json and text files, and stream "
                                "rate, rate-micro-batch and socket sources");
  }
  std::map<std::string, std::string> options;
  std::string path, schema_ddl;
  for (const auto& [k, v] : s.options) {
    std::string key = base::ToLower(k);
    if (key == "path") {
      path = v;
    } else if (key == "schema") {
      schema_ddl = v;
    } else {
      // Spark's option names keep their case (maxFilesPerTrigger); lookups ignore it.
      options[stream_only ? k : key] = v;
    }
  }
  if (!s.columns.empty()) {
    std::vector<std::string> parts;
    for (const auto& c : s.columns) parts.push_back("`" + c.name + "` " + c.type->ToString());
    schema_ddl = base::JoinStrings(parts, ", ");
  }
  // What STREAM(view) reads: the same source readStream() makes from these.
  streaming::StreamSpec spec{format, {}, schema_ddl,
                             base::ToLower(state->GetConf("runnel.sql.streaming.schemaInference", "false")) == "true"};
  for (const auto& [k, v] : s.options) {
    if (!base::EqualsIgnoreCase(k, "schema")) spec.options[base::EqualsIgnoreCase(k, "path") ? "path" : k] = v;
  }
  if (stream_only) {
    // The source checks its options now, as a file view checks its path.
    RUNNEL_RETURN_NOT_OK(streaming::ResolveSource(spec, state->StreamingFileSystem()).status());
    RUNNEL_RETURN_NOT_OK(StoreStreamOnlyView(*state, ViewName(s.name), spec, s.or_replace, s.if_not_exists));
    return CommandResult(state, type::Schema(), {});
  }
  if (path.empty()) return Status::Analysis("A view USING " + format + " needs OPTIONS (path '...')");
  auto source = std::make_shared<catalog::FileSource>(format, path, schema_ddl, options);
  plan::PlanPtr plan = plan::Scan(source);
  // Reading the schema now reports a missing path or a bad schema at CREATE time, as Spark does.
  RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr analyzed, plan::Analyzer(*state->registry).Analyze(plan));
  // A stream needs its schema up front; without one, it gets the schema the view inferred from
  // the files there now (what runnel.sql.streaming.schemaInference would do).
  if (spec.schema_ddl.empty()) spec.schema_ddl = catalog::SchemaToDdl(*analyzed->schema);
  bool existed = false;
  {
    std::lock_guard<std::mutex> lock(state->mutex);
    existed = state->temp_views.count(base::ToLower(ViewName(s.name))) > 0;
  }
  RUNNEL_RETURN_NOT_OK(StoreView(*state, ViewName(s.name), plan, s.or_replace, s.if_not_exists));
  if (!(existed && s.if_not_exists)) {
    std::lock_guard<std::mutex> lock(state->mutex);
    state->source_views[base::ToLower(ViewName(s.name))] = spec;
  }
  return CommandResult(state, type::Schema(), {});
}

Result<DataFrame> DropView(const std::shared_ptr<SessionState>& state, const sql::DropStatement& s) {
  if (s.object != sql::ObjectKind::kView) {
    return Status::NotSupported(std::string("DROP ") + sql::ObjectKindName(s.object) + " is not supported yet");
  }
  std::string name = ViewName(s.name);
  std::lock_guard<std::mutex> lock(state->mutex);
  bool stream_only = state->source_views.erase(base::ToLower(name)) > 0;
  if (state->temp_views.erase(base::ToLower(name)) == 0 && !stream_only && !s.if_exists) {
    std::vector<std::string> names;
    for (const auto& [k, _] : state->temp_views) names.push_back(k);
    return Status::Analysis("View '" + name + "' not found, so it cannot be dropped." + base::DidYouMean(name, names) +
                            " Use DROP VIEW IF EXISTS to ignore a missing view");
  }
  return CommandResult(state, type::Schema(), {});
}

// Spark's SHOW ... LIKE pattern: '*' matches any characters, '|' separates alternatives, and
// case is ignored.
bool MatchesWildcard(const std::string& name, const std::string& alternative) {
  std::string n = base::ToLower(name), p = base::ToLower(alternative);
  size_t ni = 0, pi = 0, star = std::string::npos, mark = 0;
  while (ni < n.size()) {
    if (pi < p.size() && p[pi] == '*') {
      star = pi++;
      mark = ni;
    } else if (pi < p.size() && p[pi] == n[ni]) {
      ++pi;
      ++ni;
    } else if (star != std::string::npos) {
      pi = star + 1;
      ni = ++mark;
    } else {
      return false;
    }
  }
  while (pi < p.size() && p[pi] == '*') ++pi;
  return pi == p.size();
}

bool MatchesPattern(const std::string& name, const std::optional<std::string>& pattern) {
  if (!pattern) return true;
  size_t start = 0;
  while (true) {
    size_t bar = pattern->find('|', start);
    std::string alt = pattern->substr(start, bar == std::string::npos ? std::string::npos : bar - start);
    // Spark trims the alternatives.
    while (!alt.empty() && alt.front() == ' ') alt.erase(alt.begin());
    while (!alt.empty() && alt.back() == ' ') alt.pop_back();
    if (MatchesWildcard(name, alt)) return true;
    if (bar == std::string::npos) return false;
    start = bar + 1;
  }
}

Result<DataFrame> ShowTables(const std::shared_ptr<SessionState>& state, const sql::ShowTablesStatement& s) {
  std::vector<std::vector<Value>> rows;
  RUNNEL_ASSIGN_OR_RAISE(std::vector<std::string> tables, ListTables(state));
  for (const auto& t : tables) {
    if (MatchesPattern(t, s.pattern)) rows.push_back({Value::String("default"), Value::String(t), Value::Boolean(false)});
  }
  {
    std::lock_guard<std::mutex> lock(state->mutex);
    for (const auto& [k, plan] : state->temp_views) {
      std::string name = plan->kind == plan::PlanKind::kSubqueryAlias ? plan->alias : k;
      if (MatchesPattern(name, s.pattern)) rows.push_back({Value::String(""), Value::String(name), Value::Boolean(true)});
    }
  }
  type::Schema schema({{"namespace", type::String(), true}, {"tableName", type::String(), true},
                       {"isTemporary", type::Boolean(), true}});
  return CommandResult(state, schema, rows);
}

// Spark's simple type names: int, bigint, decimal(10,2), array<string>, struct<a:int>.
std::string SimpleTypeName(const type::DataType& t) {
  switch (t.id()) {
    case type::TypeId::kNull: return "void";
    case type::TypeId::kBoolean: return "boolean";
    case type::TypeId::kInt: return "int";
    case type::TypeId::kBigInt: return "bigint";
    case type::TypeId::kDouble: return "double";
    case type::TypeId::kDecimal: return "decimal(" + std::to_string(t.precision()) + "," + std::to_string(t.scale()) + ")";
    case type::TypeId::kString: return "string";
    case type::TypeId::kBinary: return "binary";
    case type::TypeId::kDate: return "date";
    case type::TypeId::kTimestamp: return "timestamp";
    case type::TypeId::kInterval: return "interval day to second";
    case type::TypeId::kArray: return "array<" + SimpleTypeName(*t.element_type()) + ">";
    case type::TypeId::kMap: return "map<" + SimpleTypeName(*t.key_type()) + "," + SimpleTypeName(*t.value_type()) + ">";
    case type::TypeId::kStruct: {
      std::string s = "struct<";
      for (int i = 0; i < t.num_fields(); ++i) {
        if (i > 0) s += ",";
        s += t.fields()[i].name + ":" + SimpleTypeName(*t.fields()[i].type);
      }
      return s + ">";
    }
  }
  return "unknown";
}

Result<DataFrame> DescribeTable(const std::shared_ptr<SessionState>& state, const sql::DescribeTableStatement& s) {
  sql::BindContext context = MakeBindContext(state);
  RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr plan, context.relation(s.name, false));
  RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr resolved, plan::Analyzer(*state->registry).Analyze(plan));
  std::vector<std::vector<Value>> rows;
  auto row = [](const type::Field& f) {
    return std::vector<Value>{Value::String(f.name), Value::String(SimpleTypeName(*f.type)), Value::NullOf(type::String())};
  };
  for (const auto& f : resolved->schema->fields()) rows.push_back(row(f));
  // A partitioned warehouse table lists its partition columns again, as Spark does.
  bool is_view = false;
  if (s.name.size() == 1) {
    std::lock_guard<std::mutex> lock(state->mutex);
    is_view = state->temp_views.count(base::ToLower(s.name[0])) > 0;
  }
  auto name = WarehouseTableName(s.name);
  if (!is_view && name.ok()) {
    auto table = SessionWarehouse(state)->FindTable(*name);
    if (table.ok() && *table && !(*table)->metadata.partition_columns.empty()) {
      rows.push_back({Value::String("# Partition Information"), Value::String(""), Value::String("")});
      rows.push_back({Value::String("# col_name"), Value::String("data_type"), Value::String("comment")});
      for (const auto& column : (*table)->metadata.partition_columns) {
        int index = resolved->schema->FieldIndex(column);
        if (index >= 0) rows.push_back(row(resolved->schema->field(index)));
      }
    }
  }
  return CommandResult(state, StringColumns({"col_name", "data_type", "comment"}), rows);
}

Result<DataFrame> ShowFunctions(const std::shared_ptr<SessionState>& state, const sql::ShowFunctionsStatement& s) {
  std::vector<std::vector<Value>> rows;
  for (const auto& name : state->registry->Names()) {
    if (MatchesPattern(name, s.pattern)) rows.push_back({Value::String(name)});
  }
  return CommandResult(state, StringColumns({"function"}), rows);
}

Result<DataFrame> DescribeFunction(const std::shared_ptr<SessionState>& state,
                                   const sql::DescribeFunctionStatement& s) {
  std::string name = base::JoinStrings(s.name, ".");
  for (const auto& d : state->registry->Describe()) {
    if (!base::EqualsIgnoreCase(d.name, name)) continue;
    std::vector<std::vector<Value>> rows = {{Value::String("Function: " + d.name)},
                                            {Value::String("Usage: " + d.signature)},
                                            {Value::String("Description: " + d.description)}};
    return CommandResult(state, StringColumns({"function_desc"}), rows);
  }
  return Status::Analysis("Function '" + name + "' not found." + base::DidYouMean(name, state->registry->Names()) +
                          " SHOW FUNCTIONS lists them all");
}

Result<DataFrame> Set(const std::shared_ptr<SessionState>& state, const sql::SetStatement& s) {
  type::Schema schema = StringColumns({"key", "value"});
  if (s.key && s.value) {
    RUNNEL_RETURN_NOT_OK(state->SetConf(*s.key, *s.value));
    return CommandResult(state, schema, {{Value::String(*s.key), Value::String(*s.value)}});
  }
  std::lock_guard<std::mutex> lock(state->mutex);
  std::vector<std::vector<Value>> rows;
  if (s.key) {
    auto it = state->conf.find(*s.key);
    std::string fallback = SessionState::DefaultConf(*s.key);
    if (fallback.empty()) fallback = "<undefined>";
    rows.push_back({Value::String(*s.key), Value::String(it == state->conf.end() ? fallback : it->second)});
  } else {
    for (const auto& [k, v] : state->conf) rows.push_back({Value::String(k), Value::String(v)});
  }
  return CommandResult(state, schema, rows);
}

Result<DataFrame> Reset(const std::shared_ptr<SessionState>& state, const sql::ResetStatement& s) {
  std::lock_guard<std::mutex> lock(state->mutex);
  if (s.key) {
    state->conf.erase(*s.key);
  } else {
    state->conf.clear();
  }
  return CommandResult(state, type::Schema(), {});
}

}  // namespace

Result<DataFrame> ExecuteCatalogStatement(const std::shared_ptr<SessionState>& state,
                                          const sql::Statement& statement) {
  const auto& node = statement.node;
  if (const auto* s = std::get_if<sql::CreateViewStatement>(&node)) return CreateView(state, *s);
  if (const auto* s = std::get_if<sql::CreateSourceViewStatement>(&node)) return CreateSourceView(state, *s);
  if (const auto* s = std::get_if<sql::DropStatement>(&node)) return DropView(state, *s);
  if (const auto* s = std::get_if<sql::ShowTablesStatement>(&node)) return ShowTables(state, *s);
  if (const auto* s = std::get_if<sql::DescribeTableStatement>(&node)) return DescribeTable(state, *s);
  if (const auto* s = std::get_if<sql::ShowFunctionsStatement>(&node)) return ShowFunctions(state, *s);
  if (const auto* s = std::get_if<sql::DescribeFunctionStatement>(&node)) return DescribeFunction(state, *s);
  if (const auto* s = std::get_if<sql::SetStatement>(&node)) return Set(state, *s);
  if (const auto* s = std::get_if<sql::ResetStatement>(&node)) return Reset(state, *s);
  if (const auto* s = std::get_if<sql::UseStatement>(&node)) {
    if (s->database.size() == 1 && base::EqualsIgnoreCase(s->database[0], "default")) {
      return CommandResult(state, type::Schema(), {});
    }
    return Status::NotSupported("USE " + base::JoinStrings(s->database, ".") +
                                ": Runnel has one database, default");
  }
  return Status::NotSupported("This statement is not supported yet: " + statement.text);
}

}  // namespace runnel
