// Warehouse table commands: CREATE TABLE [AS], INSERT INTO/OVERWRITE, DROP TABLE.
#include "session/sql_statements.h"

namespace runnel {

Result<DataFrame> ExecuteTableStatement(const std::shared_ptr<SessionState>& state, const sql::Statement& statement) {
  return Status::NotSupported("Warehouse tables are not supported yet: " + statement.text);
}

}  // namespace runnel
