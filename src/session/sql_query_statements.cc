// Query statements and EXPLAIN (the binder's side of Session::sql).
#include "session/sql_statements.h"

namespace runnel {

sql::BindContext MakeBindContext(const std::shared_ptr<SessionState>& state) {
  sql::BindContext context;
  context.registry = state->registry;
  return context;
}

Result<DataFrame> ExecuteQueryStatement(const std::shared_ptr<SessionState>& state, const sql::Statement& statement) {
  return Status::NotSupported("SQL queries are not supported yet: " + statement.text);
}

}  // namespace runnel
