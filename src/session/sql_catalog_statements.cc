// Catalog commands: views, SHOW, DESCRIBE, SET/RESET.
#include "session/sql_statements.h"

namespace runnel {

Result<DataFrame> ExecuteCatalogStatement(const std::shared_ptr<SessionState>& state,
                                          const sql::Statement& statement) {
  return Status::NotSupported("This statement is not supported yet: " + statement.text);
}

}  // namespace runnel
