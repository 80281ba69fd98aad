// Session::sql: parse one statement and dispatch it by kind.
#include "runnel/session.h"
#include "session/sql_statements.h"
#include "sql/parser.h"
#include "vector/batch.h"

namespace runnel {

DataFrame CommandResult(const std::shared_ptr<SessionState>& state, const type::Schema& schema,
                        const std::vector<std::vector<type::Value>>& rows) {
  auto s = std::make_shared<type::Schema>(schema);
  return DataFrame(state, plan::Values(s, {vector::Batch::FromRows(s, rows)}));
}

Result<DataFrame> Session::sql(const std::string& text) {
  RUNNEL_ASSIGN_OR_RAISE(sql::Statement statement, sql::ParseStatement(text));
  return std::visit(
      [&](const auto& node) -> Result<DataFrame> {
        using T = std::decay_t<decltype(node)>;
        if constexpr (std::is_same_v<T, sql::QueryStatement> || std::is_same_v<T, sql::ExplainStatement>) {
          return ExecuteQueryStatement(state_, statement);
        } else if constexpr (std::is_same_v<T, sql::CreateTableStatement> ||
                             std::is_same_v<T, sql::InsertStatement>) {
          return ExecuteTableStatement(state_, statement);
        } else if constexpr (std::is_same_v<T, sql::DropStatement>) {
          switch (node.object) {
            case sql::ObjectKind::kTable: return ExecuteTableStatement(state_, statement);
            case sql::ObjectKind::kStreamingTable:
            case sql::ObjectKind::kFlow:
            case sql::ObjectKind::kSink: return ExecuteStreamingStatement(state_, statement);
            default: return ExecuteCatalogStatement(state_, statement);
          }
        } else if constexpr (std::is_same_v<T, sql::CreateStreamingTableStatement> ||
                             std::is_same_v<T, sql::CreateMaterializedViewStatement> ||
                             std::is_same_v<T, sql::CreateSinkStatement> ||
                             std::is_same_v<T, sql::CreateFlowStatement> || std::is_same_v<T, sql::RefreshStatement>) {
          return ExecuteStreamingStatement(state_, statement);
        } else {
          return ExecuteCatalogStatement(state_, statement);
        }
      },
      statement.node);
}

}  // namespace runnel
