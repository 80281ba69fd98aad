// Query nodes of the SQL AST: WITH ... <body> ORDER BY ... LIMIT ... OFFSET ..., where the body
// is a SELECT, a VALUES list, a set operation or a parenthesized query; and the relations of FROM.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sql/ast_expr.h"

namespace runnel::sql {

// ---- Relations (FROM) ----

enum class RelationKind {
  kTable,          // name [AS alias], STREAM(name), STREAM name
  kFile,           // parquet.`path` [AS alias]
  kSubquery,       // (query) [AS] alias [(cols)]
  kValues,         // VALUES (...), (...) [AS] alias [(cols)]
  kTableFunction,  // range(10) [AS alias [(cols)]]
  kJoin,
  kWatermark,      // relation WATERMARK col DELAY OF INTERVAL ...
};

class Relation {
 public:
  virtual ~Relation() = default;
  RelationKind kind() const { return kind_; }
  const SourcePosition& position() const { return position_; }
  virtual std::string ToString() const = 0;
  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

 protected:
  Relation(RelationKind kind, SourcePosition position) : kind_(kind), position_(position) {}

 private:
  RelationKind kind_;
  SourcePosition position_;
};

using RelationPtr = std::shared_ptr<const Relation>;

// "AS t(a, b)": a relation's alias and optional column names.
struct TableAlias {
  std::string name;  // empty when there is no alias
  std::vector<std::string> columns;
  std::string ToString() const;  // " AS t(a, b)" or ""
};

struct TableRelation final : Relation {
  TableRelation(SourcePosition p, std::vector<std::string> name, bool streaming, TableAlias alias)
      : Relation(RelationKind::kTable, p), name(std::move(name)), streaming(streaming), alias(std::move(alias)) {}
  std::string ToString() const override;
  std::vector<std::string> name;
  bool streaming = false;  // STREAM(name): read the source or table as an unbounded stream
  TableAlias alias;
};

struct FileRelation final : Relation {
  FileRelation(SourcePosition p, std::string format, std::string path, TableAlias alias)
      : Relation(RelationKind::kFile, p), format(std::move(format)), path(std::move(path)), alias(std::move(alias)) {}
  std::string ToString() const override;
  std::string format;  // as written: csv, json, parquet, text, ...
  std::string path;
  TableAlias alias;
};

struct SubqueryRelation final : Relation {
  SubqueryRelation(SourcePosition p, QueryPtr query, TableAlias alias)
      : Relation(RelationKind::kSubquery, p), query(std::move(query)), alias(std::move(alias)) {}
  std::string ToString() const override;
  QueryPtr query;
  TableAlias alias;  // Spark requires no alias; the binder names an unaliased one
};

struct ValuesRelation final : Relation {
  ValuesRelation(SourcePosition p, std::vector<std::vector<ExprPtr>> rows, TableAlias alias)
      : Relation(RelationKind::kValues, p), rows(std::move(rows)), alias(std::move(alias)) {}
  std::string ToString() const override;
  std::vector<std::vector<ExprPtr>> rows;  // VALUES 1, 2 gives two rows of one value
  TableAlias alias;
};

struct TableFunctionRelation final : Relation {
  TableFunctionRelation(SourcePosition p, std::vector<std::string> name, std::vector<ExprPtr> args,
                        TableAlias alias)
      : Relation(RelationKind::kTableFunction, p), name(std::move(name)), args(std::move(args)), alias(std::move(alias)) {}
  std::string ToString() const override;
  std::vector<std::string> name;
  std::vector<ExprPtr> args;
  TableAlias alias;
};

enum class JoinType { kInner, kLeft, kRight, kFull, kLeftSemi, kLeftAnti, kCross };
const char* JoinTypeName(JoinType type);  // "JOIN", "LEFT JOIN", "LEFT SEMI JOIN", ...

struct JoinRelation final : Relation {
  JoinRelation(SourcePosition p, JoinType type, RelationPtr left, RelationPtr right, ExprPtr on,
               std::vector<std::string> using_columns)
      : Relation(RelationKind::kJoin, p),
        type(type),
        left(std::move(left)),
        right(std::move(right)),
        on(std::move(on)),
        using_columns(std::move(using_columns)) {}
  std::string ToString() const override;
  JoinType type;
  RelationPtr left;
  RelationPtr right;
  ExprPtr on;                              // null when there is no ON
  std::vector<std::string> using_columns;  // USING (a, b)
};

struct WatermarkRelation final : Relation {
  WatermarkRelation(SourcePosition p, RelationPtr input, ExprPtr event_time,
                    std::string event_time_alias, ExprPtr delay, TableAlias alias)
      : Relation(RelationKind::kWatermark, p),
        input(std::move(input)),
        event_time(std::move(event_time)),
        event_time_alias(std::move(event_time_alias)),
        delay(std::move(delay)),
        alias(std::move(alias)) {}
  std::string ToString() const override;
  RelationPtr input;
  ExprPtr event_time;            // usually a column
  std::string event_time_alias;  // WATERMARK expr AS name: names a computed event time
  ExprPtr delay;                 // an INTERVAL literal
  TableAlias alias;              // STREAM(t) WATERMARK ts DELAY OF ... AS s
};

// LATERAL VIEW [OUTER] explode(x) t AS a, b
struct LateralView {
  SourcePosition position;
  bool outer = false;
  ExprPtr generator;  // a FunctionCall
  std::string table_alias;
  std::vector<std::string> column_aliases;
  std::string ToString() const;
};

// ---- Queries ----

struct SelectItem {
  ExprPtr expr;
  std::string alias;  // empty when none
  std::vector<std::string> aliases;  // AS (a, b): several names for a generator's columns
  std::string ToString() const;
};

struct SortItem {
  ExprPtr expr;
  bool ascending = true;
  bool nulls_first = true;  // Spark's default: NULLS FIRST for ASC, NULLS LAST for DESC
  std::string ToString() const;
};

enum class QueryTermKind { kSelect, kValues, kSetOperation, kNested };

class QueryTerm {
 public:
  virtual ~QueryTerm() = default;
  QueryTermKind kind() const { return kind_; }
  const SourcePosition& position() const { return position_; }
  virtual std::string ToString() const = 0;
  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

 protected:
  QueryTerm(QueryTermKind kind, SourcePosition position) : kind_(kind), position_(position) {}

 private:
  QueryTermKind kind_;
  SourcePosition position_;
};

using QueryTermPtr = std::shared_ptr<const QueryTerm>;

struct SelectTerm final : QueryTerm {
  explicit SelectTerm(SourcePosition p) : QueryTerm(QueryTermKind::kSelect, p) {}
  std::string ToString() const override;
  bool distinct = false;
  std::vector<SelectItem> items;
  std::vector<RelationPtr> from;  // comma-separated relations; empty without FROM
  std::vector<LateralView> lateral_views;
  ExprPtr where;
  std::vector<ExprPtr> group_by;  // integer literals are ordinals (GROUP BY 1)
  bool group_by_all = false;      // GROUP BY ALL
  ExprPtr having;
};

struct ValuesTerm final : QueryTerm {
  ValuesTerm(SourcePosition p, std::vector<std::vector<ExprPtr>> rows)
      : QueryTerm(QueryTermKind::kValues, p), rows(std::move(rows)) {}
  std::string ToString() const override;
  std::vector<std::vector<ExprPtr>> rows;
};

enum class SetOp { kUnion, kIntersect, kExcept };  // EXCEPT and MINUS are the same

struct SetOperationTerm final : QueryTerm {
  SetOperationTerm(SourcePosition p, SetOp op, bool all, QueryTermPtr left, QueryTermPtr right)
      : QueryTerm(QueryTermKind::kSetOperation, p), op(op), all(all), left(std::move(left)), right(std::move(right)) {}
  std::string ToString() const override;
  SetOp op;
  bool all = false;  // UNION ALL; plain UNION and UNION DISTINCT remove duplicates
  QueryTermPtr left;
  QueryTermPtr right;
};

// A parenthesized query with its own WITH, ORDER BY or LIMIT: (SELECT ... LIMIT 1) UNION ...
struct NestedTerm final : QueryTerm {
  NestedTerm(SourcePosition p, QueryPtr query) : QueryTerm(QueryTermKind::kNested, p), query(std::move(query)) {}
  std::string ToString() const override;
  QueryPtr query;
};

struct CommonTableExpr {
  SourcePosition position;
  std::string name;
  std::vector<std::string> columns;  // WITH t(a, b) AS (...)
  QueryPtr query;
};

struct Query {
  SourcePosition position;
  std::vector<CommonTableExpr> ctes;
  QueryTermPtr body;
  std::vector<SortItem> order_by;
  ExprPtr limit;   // null without LIMIT; LIMIT ALL is no limit
  ExprPtr offset;  // null without OFFSET
  std::string ToString() const;
};

}  // namespace runnel::sql
