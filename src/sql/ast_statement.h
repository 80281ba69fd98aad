// Statement nodes of the SQL AST: queries, catalog statements (Spark SQL) and pipeline
// statements (Spark Declarative Pipelines). A Statement is a value: a variant of one struct per
// statement, so the binder dispatches with std::visit or std::get_if.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "sql/ast_query.h"
#include "plan/streaming_support.h"

namespace runnel::sql {

// OPTIONS (path 'x', 'header' = 'true', k true, n 10): keys and values as written, in order.
using OptionList = std::vector<std::pair<std::string, std::string>>;

struct ColumnDefinition {
  SourcePosition position;
  std::string name;
  type::DataTypePtr type;
  bool nullable = true;
  std::string comment;
};

struct QueryStatement {
  QueryPtr query;
};

struct Statement;

enum class ExplainMode { kSimple, kExtended, kFormatted };

struct ExplainStatement {
  ExplainMode mode = ExplainMode::kSimple;
  std::shared_ptr<const Statement> statement;
};

// CREATE [OR REPLACE] [TEMPORARY] VIEW [IF NOT EXISTS] v [(cols)] AS query
struct CreateViewStatement {
  bool or_replace = false;
  bool temporary = false;
  bool if_not_exists = false;
  std::vector<std::string> name;
  std::vector<std::string> columns;
  QueryPtr query;
};

// CREATE [OR REPLACE] [TEMPORARY] VIEW v [(col TYPE, ...)] USING fmt [OPTIONS (...)]: a view over
// a source, bounded by a plain reference and unbounded under STREAM(v).
struct CreateSourceViewStatement {
  bool or_replace = false;
  bool temporary = false;
  bool if_not_exists = false;
  std::vector<std::string> name;
  std::vector<ColumnDefinition> columns;
  std::string format;
  OptionList options;
};

struct CreateTableStatement {
  bool or_replace = false;
  bool if_not_exists = false;
  std::vector<std::string> name;
  std::vector<ColumnDefinition> columns;
  std::string format;  // USING; empty for the default
  std::vector<std::string> partition_by;
  std::string location;
  OptionList options;
  std::string comment;
  OptionList properties;  // TBLPROPERTIES
  QueryPtr query;         // AS query; null without
};

struct InsertStatement {
  bool overwrite = false;
  std::vector<std::string> table;
  std::vector<std::string> columns;  // INSERT INTO t (a, b) ...
  bool by_name = false;              // INSERT INTO t BY NAME query
  QueryPtr query;                    // VALUES lists are a query with a ValuesTerm body
};

enum class ObjectKind { kTable, kView, kMaterializedView, kStreamingTable, kFlow, kSink };
const char* ObjectKindName(ObjectKind kind);  // "TABLE", "MATERIALIZED VIEW", ...

struct DropStatement {
  ObjectKind object = ObjectKind::kTable;
  bool if_exists = false;
  std::vector<std::string> name;
};

struct ShowTablesStatement {
  std::vector<std::string> database;  // IN|FROM db
  std::optional<std::string> pattern;  // LIKE 'pattern'
};

struct ShowFunctionsStatement {
  std::optional<std::string> pattern;
};

struct DescribeTableStatement {
  bool extended = false;  // EXTENDED or FORMATTED
  std::vector<std::string> name;
};

struct DescribeFunctionStatement {
  bool extended = false;
  std::vector<std::string> name;
};

// SET (list all), SET key (show one), SET key = value. Key and value are the text as written,
// trimmed; a value given as one quoted string is unquoted.
struct SetStatement {
  std::optional<std::string> key;
  std::optional<std::string> value;
};

struct ResetStatement {
  std::optional<std::string> key;  // RESET key; RESET alone resets every key
};

struct UseStatement {
  std::vector<std::string> database;
};

// CREATE [OR REFRESH] STREAMING TABLE t [(cols)] [PARTITIONED BY (...)] [COMMENT '...']
// [TBLPROPERTIES (...)] [AS query]
struct CreateStreamingTableStatement {
  bool or_refresh = false;
  bool if_not_exists = false;
  std::vector<std::string> name;
  std::vector<ColumnDefinition> columns;
  std::vector<std::string> partition_by;
  std::string comment;
  OptionList properties;
  QueryPtr query;  // null: a target for flows only
};

struct CreateMaterializedViewStatement {
  bool or_refresh = false;
  bool if_not_exists = false;
  std::vector<std::string> name;
  std::vector<ColumnDefinition> columns;
  std::vector<std::string> partition_by;
  std::string comment;
  OptionList properties;
  QueryPtr query;
};

struct CreateSinkStatement {
  std::vector<std::string> name;
  std::string format;
  OptionList options;
};

// The engine's output modes (plan/streaming_support.h); printed upper-case in canonical SQL.
using plan::OutputMode;

// CREATE FLOW f [OUTPUT MODE m] AS INSERT INTO target [BY NAME] query
struct CreateFlowStatement {
  std::vector<std::string> name;
  std::optional<OutputMode> output_mode;
  std::vector<std::string> target;
  bool by_name = false;
  QueryPtr query;
};

// REFRESH STREAMING TABLE t, REFRESH MATERIALIZED VIEW v, REFRESH FLOW f, REFRESH TABLE t.
struct RefreshStatement {
  ObjectKind object = ObjectKind::kTable;
  std::vector<std::string> name;
};

using StatementNode =
    std::variant<QueryStatement, ExplainStatement, CreateViewStatement, CreateSourceViewStatement,
                 CreateTableStatement, InsertStatement, DropStatement, ShowTablesStatement,
                 ShowFunctionsStatement, DescribeTableStatement, DescribeFunctionStatement,
                 SetStatement, ResetStatement, UseStatement, CreateStreamingTableStatement,
                 CreateMaterializedViewStatement, CreateSinkStatement, CreateFlowStatement,
                 RefreshStatement>;

struct Statement {
  StatementNode node;
  SourcePosition position;  // of the first token
  std::string text;         // the statement's own text, without the ';'
  // Canonical SQL, fully parenthesized (tests and logs).
  std::string ToString() const;
};

}  // namespace runnel::sql
