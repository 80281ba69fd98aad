// The warehouse behind a session, and the insert step of INSERT and CREATE TABLE AS, exposed
// so that they can be tested apart from the SQL binder.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "catalog/warehouse.h"
#include "plan/logical_plan.h"
#include "session/session_state.h"
#include "vector/batch.h"

namespace runnel {

inline constexpr char kWarehouseDirConf[] = "runnel.sql.warehouse.dir";
inline constexpr char kDefaultWarehouseDir[] = "runnel-warehouse";

// The warehouse at the session's current runnel.sql.warehouse.dir (one object per directory).
std::shared_ptr<catalog::Warehouse> SessionWarehouse(const std::shared_ptr<SessionState>& state);

// A table name as written (`t`, `default.t`) to the warehouse's name; other databases are
// NotSupported.
Result<std::string> WarehouseTableName(const std::vector<std::string>& parts);

// Runs `query` and writes its rows into `table`, as INSERT does: by position (or by name, or
// into the listed columns, the others getting NULL), each column cast to the table's type.
struct InsertTarget {
  std::string table;
  std::vector<std::string> columns;  // INSERT INTO t (a, b): empty for all, by position
  bool by_name = false;
  bool overwrite = false;
};
// How a query's columns fill a table's, by INSERT's rules, decided once (errors name the
// columns) and then applied to each batch: INSERT converts all its rows, a streaming write
// each micro-batch.
class InsertColumns {
 public:
  static Result<InsertColumns> Make(const InsertTarget& target, type::SchemaPtr table, const type::Schema& query);
  // The batch's rows as the table's columns: reordered, cast, NULL where the query gives none.
  Result<vector::Batch> Convert(const vector::Batch& batch) const;

 private:
  InsertColumns(type::SchemaPtr table, std::vector<int> mapping) : table_(std::move(table)), mapping_(std::move(mapping)) {}
  type::SchemaPtr table_;
  std::vector<int> mapping_;  // per table column, the query column, or -1 for NULL
};

// Option `path` means the table's location (an external table), as in Spark's
// OPTIONS (path '...') and option("path", ...); LOCATION wins when both are given.
void PathOptionAsLocation(catalog::TableDefinition* definition);

// Runs `query`, creates the table `definition` with its columns (partition columns moved last)
// and writes the rows: CREATE [OR REPLACE] TABLE AS SELECT, and saveAsTable. `replace` drops
// an existing table first. A failed write drops the new table.
Status CreateTableFromQuery(const std::shared_ptr<SessionState>& state, catalog::Warehouse& warehouse,
                            catalog::TableDefinition definition, const plan::PlanPtr& query, bool replace);

Status InsertIntoTable(const std::shared_ptr<SessionState>& state, const InsertTarget& target,
                       const plan::PlanPtr& query);

}  // namespace runnel
