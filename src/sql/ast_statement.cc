#include "sql/ast_statement.h"

#include "base/spelling.h"

namespace runnel::sql {
namespace {

std::string Names(const std::vector<std::string>& names) {
  std::string out;
  for (size_t i = 0; i < names.size(); ++i) out += (i > 0 ? ", " : "") + QuoteIdentifier(names[i]);
  return out;
}

std::string Quoted(const std::string& s) { return LiteralToSql(type::Value::String(s)); }

std::string Options(const char* keyword, const OptionList& options) {
  if (options.empty()) return "";
  std::string out = std::string(" ") + keyword + " (";
  for (size_t i = 0; i < options.size(); ++i) {
    out += (i > 0 ? ", " : "") + Quoted(options[i].first) + " = " + Quoted(options[i].second);
  }
  return out + ")";
}

std::string Columns(const std::vector<ColumnDefinition>& columns) {
  if (columns.empty()) return "";
  std::string out = " (";
  for (size_t i = 0; i < columns.size(); ++i) {
    const ColumnDefinition& c = columns[i];
    out += (i > 0 ? ", " : "") + QuoteIdentifier(c.name) + " " + c.type->ToString();
    if (!c.nullable) out += " NOT NULL";
    if (!c.comment.empty()) out += " COMMENT " + Quoted(c.comment);
  }
  return out + ")";
}

std::string Clause(const char* keyword, const std::string& value) {
  return value.empty() ? "" : std::string(" ") + keyword + " " + Quoted(value);
}

std::string PartitionBy(const std::vector<std::string>& columns) {
  return columns.empty() ? "" : " PARTITIONED BY (" + Names(columns) + ")";
}

std::string As(const QueryPtr& query) { return query ? " AS " + query->ToString() : ""; }

struct Printer {
  std::string operator()(const QueryStatement& s) const { return s.query->ToString(); }
  std::string operator()(const ExplainStatement& s) const {
    const char* mode = s.mode == ExplainMode::kSimple     ? ""
                       : s.mode == ExplainMode::kExtended ? "EXTENDED "
                                                          : "FORMATTED ";
    return std::string("EXPLAIN ") + mode + s.statement->ToString();
  }
  std::string operator()(const CreateViewStatement& s) const {
    std::string out = std::string("CREATE ") + (s.or_replace ? "OR REPLACE " : "") +
                      (s.temporary ? "TEMPORARY " : "") + "VIEW " +
                      (s.if_not_exists ? "IF NOT EXISTS " : "") + QuoteName(s.name);
    if (!s.columns.empty()) out += " (" + Names(s.columns) + ")";
    return out + As(s.query);
  }
  std::string operator()(const CreateSourceViewStatement& s) const {
    return std::string("CREATE ") + (s.or_replace ? "OR REPLACE " : "") +
           (s.temporary ? "TEMPORARY " : "") + "VIEW " + (s.if_not_exists ? "IF NOT EXISTS " : "") +
           QuoteName(s.name) + Columns(s.columns) + " USING " + QuoteIdentifier(s.format) +
           Options("OPTIONS", s.options);
  }
  std::string operator()(const CreateTableStatement& s) const {
    std::string out = std::string("CREATE ") + (s.or_replace ? "OR REPLACE " : "") + "TABLE " +
                      (s.if_not_exists ? "IF NOT EXISTS " : "") + QuoteName(s.name) +
                      Columns(s.columns);
    if (!s.format.empty()) out += " USING " + QuoteIdentifier(s.format);
    return out + PartitionBy(s.partition_by) + Clause("LOCATION", s.location) +
           Options("OPTIONS", s.options) + Clause("COMMENT", s.comment) +
           Options("TBLPROPERTIES", s.properties) + As(s.query);
  }
  std::string operator()(const InsertStatement& s) const {
    std::string out = std::string("INSERT ") + (s.overwrite ? "OVERWRITE " : "INTO ") + QuoteName(s.table);
    if (!s.columns.empty()) out += " (" + Names(s.columns) + ")";
    if (s.by_name) out += " BY NAME";
    return out + " " + s.query->ToString();
  }
  std::string operator()(const DropStatement& s) const {
    return std::string("DROP ") + ObjectKindName(s.object) + (s.if_exists ? " IF EXISTS " : " ") +
           QuoteName(s.name);
  }
  std::string operator()(const ShowTablesStatement& s) const {
    std::string out = "SHOW TABLES";
    if (!s.database.empty()) out += " IN " + QuoteName(s.database);
    if (s.pattern) out += " LIKE " + Quoted(*s.pattern);
    return out;
  }
  std::string operator()(const ShowFunctionsStatement& s) const {
    return "SHOW FUNCTIONS" + (s.pattern ? " LIKE " + Quoted(*s.pattern) : "");
  }
  std::string operator()(const DescribeTableStatement& s) const {
    return std::string("DESCRIBE TABLE ") + (s.extended ? "EXTENDED " : "") + QuoteName(s.name);
  }
  std::string operator()(const DescribeFunctionStatement& s) const {
    return std::string("DESCRIBE FUNCTION ") + (s.extended ? "EXTENDED " : "") + QuoteName(s.name);
  }
  std::string operator()(const SetStatement& s) const {
    std::string out = "SET";
    if (s.key) out += " " + *s.key;
    if (s.value) out += " = " + *s.value;
    return out;
  }
  std::string operator()(const ResetStatement& s) const { return "RESET" + (s.key ? " " + *s.key : ""); }
  std::string operator()(const UseStatement& s) const { return "USE " + QuoteName(s.database); }
  std::string operator()(const CreateStreamingTableStatement& s) const {
    return std::string("CREATE ") + (s.or_refresh ? "OR REFRESH " : "") + "STREAMING TABLE " +
           (s.if_not_exists ? "IF NOT EXISTS " : "") + QuoteName(s.name) + Columns(s.columns) +
           PartitionBy(s.partition_by) + Clause("COMMENT", s.comment) +
           Options("TBLPROPERTIES", s.properties) + As(s.query);
  }
  std::string operator()(const CreateMaterializedViewStatement& s) const {
    return std::string("CREATE ") + (s.or_refresh ? "OR REFRESH " : "") + "MATERIALIZED VIEW " +
           (s.if_not_exists ? "IF NOT EXISTS " : "") + QuoteName(s.name) + Columns(s.columns) +
           PartitionBy(s.partition_by) + Clause("COMMENT", s.comment) +
           Options("TBLPROPERTIES", s.properties) + As(s.query);
  }
  std::string operator()(const CreateSinkStatement& s) const {
    return "CREATE SINK " + QuoteName(s.name) + " USING " + QuoteIdentifier(s.format) +
           Options("OPTIONS", s.options);
  }
  std::string operator()(const CreateFlowStatement& s) const {
    std::string out = "CREATE FLOW " + QuoteName(s.name);
    if (s.output_mode) out += " OUTPUT MODE " + base::ToUpper(plan::OutputModeName(*s.output_mode));
    out += " AS INSERT INTO " + QuoteName(s.target);
    if (s.by_name) out += " BY NAME";
    return out + " " + s.query->ToString();
  }
  std::string operator()(const RefreshStatement& s) const {
    return std::string("REFRESH ") + ObjectKindName(s.object) + " " + QuoteName(s.name);
  }
};

}  // namespace

const char* ObjectKindName(ObjectKind kind) {
  switch (kind) {
    case ObjectKind::kTable: return "TABLE";
    case ObjectKind::kView: return "VIEW";
    case ObjectKind::kMaterializedView: return "MATERIALIZED VIEW";
    case ObjectKind::kStreamingTable: return "STREAMING TABLE";
    case ObjectKind::kFlow: return "FLOW";
    case ObjectKind::kSink: return "SINK";
  }
  return "?";
}

std::string Statement::ToString() const { return std::visit(Printer{}, node); }

}  // namespace runnel::sql
