// Logical plans: what a query computes, independent of how. The DataFrame API and the SQL
// binder build unresolved plans; the analyzer resolves names and types; the optimizer rewrites;
// the physical planner (exec/) turns the result into operators.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "expr/expr.h"
#include "function/aggregate_function.h"
#include "function/generator_function.h"
#include "plan/data_source.h"
#include "type/schema.h"
#include "vector/batch.h"

namespace runnel::plan {

enum class PlanKind {
  kScan,           // rows of a DataSource
  kValues,         // literal rows
  kProject,        // exprs
  kFilter,         // exprs[0] is the condition
  kAggregate,      // group_by + aggregates
  kJoin,
  kSort,           // exprs are sort keys
  kLimit,
  kUnion,          // UNION ALL by position
  kDistinct,       // all columns (the analyzer turns it into an aggregate)
  kGenerate,       // explode & co.
  kSubqueryAlias,  // names the relation (qualifier for its columns)
  kSessionize,     // session_window: group_by = other keys, exprs = {ts, gap}; appends the
                   // session STRUCT<start, end> column to the child's columns
  kEventTimeWatermark,  // withWatermark: exprs[0] is the event-time column, delay_micros the delay;
                        // rows pass unchanged (a no-op over a batch input)
};

enum class JoinType { kInner, kLeftOuter, kRightOuter, kFullOuter, kLeftSemi, kLeftAnti, kCross };
const char* JoinTypeName(JoinType type);
// "inner", "left", "left_outer", "leftouter", "right", "full", "outer", "full_outer",
// "left_semi", "semi", "left_anti", "anti", "cross" (Spark's spellings).
Result<JoinType> ParseJoinType(const std::string& how);

// An aggregate in an Aggregate node: sum(x), count(DISTINCT y).
struct AggregateCall {
  std::string function;
  std::vector<expr::ExprPtr> args;  // bound against the Aggregate's input
  bool distinct = false;
  std::shared_ptr<const function::BoundAggregate> bound;
  std::string display;  // "sum(x)"
};

struct LogicalPlan;
using PlanPtr = std::shared_ptr<const LogicalPlan>;

struct LogicalPlan {
  PlanKind kind;
  std::vector<PlanPtr> children;

  // Set by the analyzer on every resolved node.
  type::SchemaPtr schema;
  std::vector<std::string> qualifiers;  // per output column: relation name, or ""
  bool resolved = false;

  // kScan
  DataSourcePtr source;
  std::vector<int> projection;  // columns of source->schema() to read, in order
  std::vector<expr::ExprPtr> pushed_filters;  // hints for the source (bound to its output)
  // kValues
  std::vector<vector::Batch> rows;
  // kProject, kFilter, kSort, kAggregate (output exprs before analysis)
  std::vector<expr::ExprPtr> exprs;
  // kAggregate
  std::vector<expr::ExprPtr> group_by;
  std::vector<AggregateCall> aggregates;  // after analysis
  bool deduplicate = false;  // built by dropDuplicates (a stream runs it as deduplication, not aggregation)
  bool within_watermark = false;  // dropDuplicatesWithinWatermark: keys expire with the watermark
  int session_key = -1;  // Aggregate over session_window(): the group_by index of the session column
  // kJoin
  JoinType join_type = JoinType::kInner;
  expr::ExprPtr condition;                  // ON (before analysis); residual (after)
  std::vector<std::string> using_columns;  // USING (before analysis)
  std::vector<expr::ExprPtr> left_keys, right_keys;  // equi-join keys, bound to each side
  // kLimit: at most `limit` rows after skipping `offset` (kNoLimit: all of them)
  int64_t limit = 0;
  int64_t offset = 0;
  // kGenerate
  expr::ExprPtr generator;  // the call (unresolved), or its bound args in generator_args
  std::vector<expr::ExprPtr> generator_args;
  std::shared_ptr<const function::BoundGenerator> bound_generator;
  bool generator_outer = false;
  std::vector<std::string> generator_names;  // output column names (aliases)
  // kSubqueryAlias
  std::string alias;
  // kEventTimeWatermark
  int64_t delay_micros = 0;

  bool is_streaming() const;
  // EXPLAIN's indented tree.
  std::string ToString(int indent = 0) const;
};

// Builders for unresolved plans.
PlanPtr Scan(DataSourcePtr source);
PlanPtr Values(type::SchemaPtr schema, std::vector<vector::Batch> rows);
PlanPtr Project(PlanPtr child, std::vector<expr::ExprPtr> exprs);
PlanPtr Filter(PlanPtr child, expr::ExprPtr condition);
PlanPtr Aggregate(PlanPtr child, std::vector<expr::ExprPtr> group_by,
                  std::vector<expr::ExprPtr> outputs);
PlanPtr Join(PlanPtr left, PlanPtr right, JoinType type, expr::ExprPtr condition,
             std::vector<std::string> using_columns = {});
PlanPtr Sort(PlanPtr child, std::vector<expr::ExprPtr> keys);
inline constexpr int64_t kNoLimit = -1;
PlanPtr Limit(PlanPtr child, int64_t limit, int64_t offset = 0);
PlanPtr Union(PlanPtr left, PlanPtr right);
PlanPtr Distinct(PlanPtr child);
PlanPtr SubqueryAlias(PlanPtr child, std::string alias);
PlanPtr EventTimeWatermark(PlanPtr child, expr::ExprPtr event_time, int64_t delay_micros);

// A copy of `plan` with other children (keeps everything else).
PlanPtr WithChildren(const PlanPtr& plan, std::vector<PlanPtr> children);

}  // namespace runnel::plan
