// Warehouse table commands: CREATE TABLE [AS], INSERT INTO/OVERWRITE, DROP TABLE.
#include "session/sql_statements.h"

namespace runnel {

Result<std::optional<plan::PlanPtr>> LookupTable(const std::shared_ptr<SessionState>& state,
                                                 const std::vector<std::string>& name) {
  return std::optional<plan::PlanPtr>();
}

Result<std::vector<std::string>> ListTables(const std::shared_ptr<SessionState>& state) {
  return std::vector<std::string>{};
}

Result<DataFrame> ExecuteTableStatement(const std::shared_ptr<SessionState>& state, const sql::Statement& statement) {
  return Status::NotSupported("Warehouse tables are not supported yet: " + statement.text);
}

}  // namespace runnel
