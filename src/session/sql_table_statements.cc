// Warehouse table commands: CREATE TABLE [AS], INSERT INTO/OVERWRITE, DROP TABLE, and the
// warehouse's tables as relations for the binder.
#include "session/sql_table_statements.h"

#include <set>

#include "base/spelling.h"
#include "catalog/pipeline_catalog.h"
#include "function/cast.h"
#include "session/query_execution.h"
#include "session/sql_statements.h"

namespace runnel {

namespace {

std::map<std::string, std::string> ToMap(const sql::OptionList& options) {
  std::map<std::string, std::string> out;
  for (const auto& [k, v] : options) out[k] = v;
  return out;
}

DataFrame NoRows(const std::shared_ptr<SessionState>& state) { return CommandResult(state, type::Schema(), {}); }

std::string ColumnList(const type::Schema& schema) {
  return schema.num_fields() == 0 ? "none" : base::JoinStrings(schema.names(), ", ");
}

// For each table column, the query column that fills it, or -1 for NULL.
Result<std::vector<int>> MapColumns(const InsertTarget& target, const type::Schema& table,
                                    const type::Schema& query) {
  std::vector<int> mapping(table.num_fields(), -1);
  auto arity_error = [&](int wanted) {
    return Status::Analysis("Cannot insert into table " + target.table + ": it expects " + std::to_string(wanted) +
                            " columns (" + ColumnList(table) + ") but the query produces " +
                            std::to_string(query.num_fields()) + " (" + ColumnList(query) +
                            "). Select as many columns as the table has, in its order, or list the columns");
  };
  std::vector<std::string> names = target.columns;
  if (target.by_name) {
    names = query.names();
  } else if (names.empty()) {
    if (query.num_fields() != table.num_fields()) return arity_error(table.num_fields());
    for (int i = 0; i < table.num_fields(); ++i) mapping[i] = i;
    return mapping;
  } else if (static_cast<int>(names.size()) != query.num_fields()) {
    return arity_error(static_cast<int>(names.size()));
  }
  for (int q = 0; q < static_cast<int>(names.size()); ++q) {
    int index = table.FieldIndex(names[q]);
    if (index < 0) {
      return Status::Analysis("Cannot insert into table " + target.table + ": it has no column '" + names[q] + "'." +
                              base::DidYouMean(names[q], table.names()) + " Table columns: " + ColumnList(table));
    }
    if (mapping[index] >= 0) {
      return Status::Analysis("Cannot insert into table " + target.table + ": column '" + names[q] +
                              "' is given twice");
    }
    mapping[index] = q;
  }
  for (int i = 0; i < table.num_fields(); ++i) {
    if (mapping[i] < 0 && !table.field(i).nullable) {
      return Status::Analysis("Cannot insert into table " + target.table + ": column '" + table.field(i).name +
                              "' is NOT NULL and the query does not give it");
    }
  }
  return mapping;
}

Status CheckCasts(const InsertTarget& target, const type::Schema& table, const type::Schema& query,
                  const std::vector<int>& mapping) {
  for (int i = 0; i < table.num_fields(); ++i) {
    if (mapping[i] < 0) continue;
    const type::Field& from = query.field(mapping[i]);
    if (!function::CanCast(*from.type, *table.field(i).type)) {
      return Status::Analysis("Cannot insert column '" + from.name + "' of type " + from.type->ToString() +
                              " into column '" + table.field(i).name + "' of type " +
                              table.field(i).type->ToString() + " of table " + target.table +
                              ": there is no cast between them");
    }
  }
  return Status::OK();
}

Result<vector::Batch> ToTableColumns(const vector::Batch& batch, const type::SchemaPtr& table,
                                     const std::vector<int>& mapping) {
  std::vector<vector::ColumnPtr> columns;
  for (int i = 0; i < table->num_fields(); ++i) {
    const type::DataTypePtr& to = table->field(i).type;
    if (mapping[i] < 0) {
      columns.push_back(vector::MakeNullColumn(to, batch.num_rows()));
    } else if (type::TypesEqual(batch.column(mapping[i])->type(), to)) {
      columns.push_back(batch.column(mapping[i]));
    } else {
      RUNNEL_ASSIGN_OR_RAISE(vector::ColumnPtr cast, function::CastColumn(batch.column(mapping[i]), to));
      columns.push_back(std::move(cast));
    }
  }
  return vector::Batch(table, std::move(columns), batch.num_rows());
}

// Binds, analyzes and runs a query (a batch query: streams go through flows).
struct QueryRows {
  type::SchemaPtr schema;
  std::vector<vector::Batch> batches;
};
Result<QueryRows> RunQuery(QueryExecution& execution, const std::string& what) {
  RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr analyzed, execution.Analyzed());
  if (analyzed->is_streaming()) {
    return Status::NotSupported(what + " cannot read a stream. Use CREATE STREAMING TABLE or a flow instead");
  }
  RUNNEL_ASSIGN_OR_RAISE(std::vector<vector::Batch> batches, execution.Collect());
  return QueryRows{analyzed->schema, std::move(batches)};
}

type::SchemaPtr SchemaOf(const std::vector<sql::ColumnDefinition>& columns) {
  std::vector<type::Field> fields;
  for (const auto& c : columns) fields.push_back(type::Field{c.name, c.type, c.nullable});
  return std::make_shared<type::Schema>(std::move(fields));
}

}  // namespace

void PathOptionAsLocation(catalog::TableDefinition* definition) {
  for (auto it = definition->options.begin(); it != definition->options.end(); ++it) {
    if (!base::EqualsIgnoreCase(it->first, "path")) continue;
    if (definition->location.empty()) definition->location = it->second;
    definition->options.erase(it);
    return;
  }
}

Status CreateTableFromQuery(const std::shared_ptr<SessionState>& state, catalog::Warehouse& warehouse,
                            catalog::TableDefinition definition, const plan::PlanPtr& query, bool replace) {
  QueryExecution execution(*state, query);
  RUNNEL_ASSIGN_OR_RAISE(QueryRows rows, RunQuery(execution, "CREATE TABLE AS SELECT"));
  // Query columns become table columns as they are; nullability is not enforced on write.
  std::vector<type::Field> fields = rows.schema->fields();
  for (auto& f : fields) f.nullable = true;
  definition.schema = std::make_shared<type::Schema>(std::move(fields));
  if (replace) RUNNEL_RETURN_NOT_OK(warehouse.DropTable(definition.name, true));
  RUNNEL_RETURN_NOT_OK(warehouse.CreateTable(definition, false));
  // The table may order its columns differently (partition columns last): match by name.
  RUNNEL_ASSIGN_OR_RAISE(catalog::Table table, warehouse.GetTable(definition.name));
  const type::SchemaPtr& schema = table.metadata.schema;
  std::vector<int> order;
  for (const auto& f : schema->fields()) order.push_back(definition.schema->FieldIndex(f.name));
  std::vector<vector::Batch> batches;
  for (const auto& b : rows.batches) batches.push_back(plan::ProjectColumns(b, schema, order));
  Status written = warehouse.Write(definition.name, std::move(batches), catalog::WriteMode::kOverwrite);
  if (!written.ok()) (void)warehouse.DropTable(definition.name, true);  // as Spark: no half-made table
  return written;
}

namespace {

Status CreateTableAs(const std::shared_ptr<SessionState>& state, catalog::Warehouse& warehouse,
                     catalog::TableDefinition definition, const sql::CreateTableStatement& statement) {
  RUNNEL_ASSIGN_OR_RAISE(auto existing, warehouse.FindTable(definition.name));
  // Spark does not run the query when the table is already there.
  if (existing && statement.if_not_exists) return Status::OK();
  RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr plan, sql::BindQuery(*statement.query, MakeBindContext(state)));
  return CreateTableFromQuery(state, warehouse, std::move(definition), plan, existing && statement.or_replace);
}

Status CreateTable(const std::shared_ptr<SessionState>& state, const sql::CreateTableStatement& statement) {
  RUNNEL_ASSIGN_OR_RAISE(std::string name, WarehouseTableName(statement.name));
  catalog::TableDefinition definition{name, nullptr, statement.format, ToMap(statement.options),
                                      statement.partition_by, statement.location};
  PathOptionAsLocation(&definition);
  std::shared_ptr<catalog::Warehouse> warehouse = SessionWarehouse(state);
  if (statement.query) {
    if (!statement.columns.empty()) {
      return Status::Analysis("CREATE TABLE " + name +
                              " AS SELECT cannot also list columns: the query decides them. Remove the column list, "
                              "or CREATE TABLE with columns and then INSERT");
    }
    return CreateTableAs(state, *warehouse, std::move(definition), statement);
  }
  if (!statement.columns.empty()) definition.schema = SchemaOf(statement.columns);
  if (statement.or_replace) RUNNEL_RETURN_NOT_OK(warehouse->DropTable(name, true));
  return warehouse->CreateTable(std::move(definition), statement.if_not_exists);
}

Status Insert(const std::shared_ptr<SessionState>& state, const sql::InsertStatement& statement) {
  RUNNEL_ASSIGN_OR_RAISE(std::string name, WarehouseTableName(statement.table));
  RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr plan, sql::BindQuery(*statement.query, MakeBindContext(state)));
  return InsertIntoTable(state, InsertTarget{name, statement.columns, statement.by_name, statement.overwrite}, plan);
}

Status Drop(const std::shared_ptr<SessionState>& state, const sql::DropStatement& statement) {
  // DROP TABLE also drops a temporary view of that name, as in Spark.
  if (statement.name.size() == 1) {
    std::lock_guard lock(state->mutex);
    bool source_view = state->source_views.erase(base::ToLower(statement.name[0])) > 0;
    if (state->temp_views.erase(base::ToLower(statement.name[0])) > 0 || source_view) return Status::OK();
  }
  RUNNEL_ASSIGN_OR_RAISE(std::string name, WarehouseTableName(statement.name));
  RUNNEL_RETURN_NOT_OK(SessionWarehouse(state)->DropTable(name, statement.if_exists));
  // A streaming table's flow (named after it) and checkpoint go with it, as DROP STREAMING TABLE.
  RUNNEL_ASSIGN_OR_RAISE(auto flow, catalog::PipelineCatalog(SessionWarehouse(state)->root()).FindFlow(name));
  if (flow && flow->kind == catalog::FlowKind::kStreamingTable) return ForgetFlow(state, name);
  return Status::OK();
}

}  // namespace

std::shared_ptr<catalog::Warehouse> SessionWarehouse(const std::shared_ptr<SessionState>& state) {
  std::string root = state->GetConf(kWarehouseDirConf, kDefaultWarehouseDir);
  std::lock_guard lock(state->mutex);
  auto& warehouse = state->warehouses[root];
  if (!warehouse) warehouse = std::make_shared<catalog::Warehouse>(root);
  return warehouse;
}

Result<std::string> WarehouseTableName(const std::vector<std::string>& parts) {
  if (parts.size() == 1) return catalog::NormalizeTableName(parts[0]);
  if (parts.size() == 2 && base::EqualsIgnoreCase(parts[0], "default")) return catalog::NormalizeTableName(parts[1]);
  return Status::NotSupported("Table name '" + base::JoinStrings(parts, ".") +
                              "' names a database; Runnel has one, 'default'. Use the table's name alone");
}

Status InsertIntoTable(const std::shared_ptr<SessionState>& state, const InsertTarget& target,
                       const plan::PlanPtr& query) {
  std::shared_ptr<catalog::Warehouse> warehouse = SessionWarehouse(state);
  RUNNEL_ASSIGN_OR_RAISE(catalog::Table table, warehouse->GetTable(target.table));
  const type::SchemaPtr& schema = table.metadata.schema;
  QueryExecution execution(*state, query);
  RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr analyzed, execution.Analyzed());
  RUNNEL_ASSIGN_OR_RAISE(InsertColumns columns, InsertColumns::Make(target, schema, *analyzed->schema));
  // All rows are read before any is written, so INSERT OVERWRITE t SELECT ... FROM t is safe.
  RUNNEL_ASSIGN_OR_RAISE(QueryRows rows, RunQuery(execution, "INSERT"));
  std::vector<vector::Batch> batches;
  for (const auto& b : rows.batches) {
    RUNNEL_ASSIGN_OR_RAISE(vector::Batch converted, columns.Convert(b));
    batches.push_back(std::move(converted));
  }
  return warehouse->Write(target.table, std::move(batches),
                          target.overwrite ? catalog::WriteMode::kOverwrite : catalog::WriteMode::kAppend);
}

Result<InsertColumns> InsertColumns::Make(const InsertTarget& target, type::SchemaPtr table,
                                          const type::Schema& query) {
  RUNNEL_ASSIGN_OR_RAISE(std::vector<int> mapping, MapColumns(target, *table, query));
  RUNNEL_RETURN_NOT_OK(CheckCasts(target, *table, query, mapping));
  return InsertColumns(std::move(table), std::move(mapping));
}

Result<vector::Batch> InsertColumns::Convert(const vector::Batch& batch) const {
  return ToTableColumns(batch, table_, mapping_);
}

Result<std::optional<plan::PlanPtr>> LookupTable(const std::shared_ptr<SessionState>& state,
                                                 const std::vector<std::string>& name) {
  auto normalized = WarehouseTableName(name);
  if (!normalized.ok()) return std::optional<plan::PlanPtr>();  // not a name a table can have
  RUNNEL_ASSIGN_OR_RAISE(std::optional<catalog::Table> table, SessionWarehouse(state)->FindTable(*normalized));
  if (!table) return std::optional<plan::PlanPtr>();
  return std::optional<plan::PlanPtr>(plan::SubqueryAlias(plan::Scan(table->source), *normalized));
}

Result<std::vector<std::string>> ListTables(const std::shared_ptr<SessionState>& state) {
  return SessionWarehouse(state)->ListTables();
}

Result<DataFrame> ExecuteTableStatement(const std::shared_ptr<SessionState>& state, const sql::Statement& statement) {
  Status done;
  if (const auto* create = std::get_if<sql::CreateTableStatement>(&statement.node)) {
    done = CreateTable(state, *create);
  } else if (const auto* insert = std::get_if<sql::InsertStatement>(&statement.node)) {
    done = Insert(state, *insert);
  } else if (const auto* drop = std::get_if<sql::DropStatement>(&statement.node);
             drop && drop->object == sql::ObjectKind::kTable) {
    done = Drop(state, *drop);
  } else {
    return Status::Internal("Not a table statement: " + statement.text);
  }
  RUNNEL_RETURN_NOT_OK(done);
  return NoRows(state);
}

}  // namespace runnel
