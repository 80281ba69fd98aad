// Running SQL statements. Session::sql parses a statement and hands it to one of these by kind:
// queries are bound into plans (sql/query_binder.h); catalog commands work on the session's
// views and settings; table commands on the warehouse.
#pragma once

#include "base/status.h"
#include "runnel/dataframe.h"
#include "session/session_state.h"
#include "sql/ast.h"
#include "sql/query_binder.h"

namespace runnel {

// The binder's view of this session: temporary views, warehouse tables, file relations.
sql::BindContext MakeBindContext(const std::shared_ptr<SessionState>& state);

// A query statement, or EXPLAIN of one.
Result<DataFrame> ExecuteQueryStatement(const std::shared_ptr<SessionState>& state, const sql::Statement& statement);
// Views, SHOW, DESCRIBE, SET/RESET, USE.
Result<DataFrame> ExecuteCatalogStatement(const std::shared_ptr<SessionState>& state,
                                          const sql::Statement& statement);
// CREATE TABLE [AS], INSERT INTO/OVERWRITE, DROP TABLE.
Result<DataFrame> ExecuteTableStatement(const std::shared_ptr<SessionState>& state, const sql::Statement& statement);

// CREATE [OR REFRESH] STREAMING TABLE, CREATE SINK, CREATE FLOW, REFRESH, DROP STREAMING
// TABLE | FLOW | SINK (sql_streaming_statements.cc).
Result<DataFrame> ExecuteStreamingStatement(const std::shared_ptr<SessionState>& state,
                                            const sql::Statement& statement);
// Statements that run a flow and return one row, column `summary` ("flow f: 2 batches, 9 rows"):
// `runnel sql` prints it as a message rather than as a result.
bool PrintsRunSummary(const sql::Statement& statement);
// Removes flow `name`'s definition, checkpoint and (this session's) memory-sink rows: DROP FLOW,
// DROP STREAMING TABLE, and DROP TABLE of a streaming table.
Status ForgetFlow(const std::shared_ptr<SessionState>& state, const std::string& name);

// Warehouse tables for the binder and SHOW TABLES: the table's plan (nullopt when there is no
// such table), and every table's name.
Result<std::optional<plan::PlanPtr>> LookupTable(const std::shared_ptr<SessionState>& state,
                                                 const std::vector<std::string>& name);
Result<std::vector<std::string>> ListTables(const std::shared_ptr<SessionState>& state);

// A DataFrame of rows a command returns (SHOW TABLES, DESCRIBE, SET); no rows for most.
DataFrame CommandResult(const std::shared_ptr<SessionState>& state, const type::Schema& schema,
                        const std::vector<std::vector<type::Value>>& rows);

}  // namespace runnel
