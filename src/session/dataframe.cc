#include "runnel/dataframe.h"

#include <cstdio>

#include "base/spelling.h"
#include "expr/expr.h"
#include "function/scalar/window_duration.h"
#include "plan/analyzer.h"
#include "runnel/functions.h"
#include "session/query_execution.h"
#include "session/session_state.h"
#include "sql/expr_converter.h"
#include "vector/pretty_print.h"

namespace runnel {

using expr::ExprPtr;

namespace {
std::vector<ExprPtr> Exprs(const std::vector<Column>& columns) {
  std::vector<ExprPtr> out;
  for (const auto& c : columns) out.push_back(c.expr());
  return out;
}
}  // namespace

DataFrame::DataFrame(std::shared_ptr<SessionState> session, std::shared_ptr<const plan::LogicalPlan> plan)
    : session_(std::move(session)), plan_(std::move(plan)) {}

DataFrame DataFrame::select(const std::vector<Column>& columns) const {
  return DataFrame(session_, plan::Project(plan_, Exprs(columns)));
}

DataFrame DataFrame::selectExpr(const std::vector<std::string>& sql_items) const {
  std::vector<ExprPtr> exprs;
  for (const auto& item : sql_items) {
    auto parsed = sql::ParseSelectItem(item);
    exprs.push_back(parsed.ok() ? *parsed : expr::Invalid(parsed.status().ToString()));
  }
  return DataFrame(session_, plan::Project(plan_, exprs));
}

DataFrame DataFrame::filter(const std::string& sql_condition) const { return filter(functions::expr(sql_condition)); }

DataFrame DataFrame::filter(const Column& condition) const {
  return DataFrame(session_, plan::Filter(plan_, condition.expr()));
}

namespace {
// The analyzed output of a plan, or nullptr if it does not analyze (the error resurfaces when
// the DataFrame is used).
type::SchemaPtr TryAnalyze(const SessionState& s, const plan::PlanPtr& p) {
  auto analyzed = plan::Analyzer(*s.registry).Analyze(p);
  return analyzed.ok() ? (*analyzed)->schema : nullptr;
}
ExprPtr ColumnAt(const type::Schema& schema, int i) {
  return expr::BoundColumn(i, schema.field(i).type, schema.field(i).name);
}
}  // namespace

DataFrame DataFrame::withColumn(const std::string& name, const Column& value) const {
  type::SchemaPtr schema = TryAnalyze(*session_, plan_);
  if (!schema) return select({Column("*"), value.alias(name)});
  std::vector<ExprPtr> exprs;
  bool replaced = false;
  for (int i = 0; i < schema->num_fields(); ++i) {
    if (base::EqualsIgnoreCase(schema->field(i).name, name)) {
      exprs.push_back(expr::Alias(value.expr(), name));
      replaced = true;
    } else {
      exprs.push_back(ColumnAt(*schema, i));
    }
  }
  if (!replaced) exprs.push_back(expr::Alias(value.expr(), name));
  return DataFrame(session_, plan::Project(plan_, exprs));
}

DataFrame DataFrame::withColumnRenamed(const std::string& existing, const std::string& renamed) const {
  type::SchemaPtr schema = TryAnalyze(*session_, plan_);
  if (!schema) return *this;
  std::vector<ExprPtr> exprs;
  for (int i = 0; i < schema->num_fields(); ++i) {
    ExprPtr c = ColumnAt(*schema, i);
    exprs.push_back(base::EqualsIgnoreCase(schema->field(i).name, existing) ? expr::Alias(c, renamed) : c);
  }
  return DataFrame(session_, plan::Project(plan_, exprs));
}

DataFrame DataFrame::drop(const std::vector<std::string>& columns) const {
  type::SchemaPtr schema = TryAnalyze(*session_, plan_);
  if (!schema) return *this;
  std::vector<ExprPtr> exprs;
  for (int i = 0; i < schema->num_fields(); ++i) {
    bool dropped = false;
    for (const auto& c : columns) dropped |= base::EqualsIgnoreCase(schema->field(i).name, c);
    if (!dropped) exprs.push_back(ColumnAt(*schema, i));
  }
  return DataFrame(session_, plan::Project(plan_, exprs));
}

GroupedData DataFrame::groupBy(const std::vector<Column>& columns) const { return GroupedData(*this, columns); }

DataFrame DataFrame::agg(const std::vector<Column>& aggregates) const {
  return GroupedData(*this, {}).agg(aggregates);
}

DataFrame DataFrame::join(const DataFrame& other, const std::string& using_column, const std::string& how) const {
  return join(other, std::vector<std::string>{using_column}, how);
}

DataFrame DataFrame::join(const DataFrame& other, const std::vector<std::string>& using_columns,
                          const std::string& how) const {
  auto type = plan::ParseJoinType(how);
  // A bad join type must not fail here: a plan that the analyzer rejects carries the message.
  if (!type.ok()) return filter(Column(expr::Invalid(type.status().message())));
  return DataFrame(session_, plan::Join(plan_, other.plan_, *type, nullptr, using_columns));
}

DataFrame DataFrame::join(const DataFrame& other, const Column& on, const std::string& how) const {
  auto type = plan::ParseJoinType(how);
  if (!type.ok()) return filter(Column(expr::Invalid(type.status().message())));
  return DataFrame(session_, plan::Join(plan_, other.plan_, *type, on.expr()));
}

DataFrame DataFrame::crossJoin(const DataFrame& other) const {
  return DataFrame(session_, plan::Join(plan_, other.plan_, plan::JoinType::kCross, nullptr));
}

DataFrame DataFrame::orderBy(const std::vector<Column>& keys) const {
  return DataFrame(session_, plan::Sort(plan_, Exprs(keys)));
}

DataFrame DataFrame::limit(int64_t n) const { return DataFrame(session_, plan::Limit(plan_, n)); }
DataFrame DataFrame::offset(int64_t n) const { return DataFrame(session_, plan::Limit(plan_, plan::kNoLimit, n)); }

DataFrame DataFrame::union_(const DataFrame& other) const {
  return DataFrame(session_, plan::Union(plan_, other.plan_));
}

DataFrame DataFrame::unionByName(const DataFrame& other, bool allow_missing_columns) const {
  type::SchemaPtr left = TryAnalyze(*session_, plan_);
  type::SchemaPtr right = TryAnalyze(*session_, other.plan_);
  if (!left || !right) return union_(other);
  std::vector<ExprPtr> right_exprs;
  for (const auto& f : left->fields()) {
    int i = right->FieldIndex(f.name);
    if (i >= 0) {
      right_exprs.push_back(expr::Alias(ColumnAt(*right, i), f.name));
    } else if (allow_missing_columns) {
      right_exprs.push_back(expr::Alias(expr::Literal(type::Value::NullOf(f.type)), f.name));
    } else {
      // Unresolvable on purpose: the analyzer reports the missing column by name.
      right_exprs.push_back(expr::Column(f.name));
    }
  }
  DataFrame left_df = *this;
  if (allow_missing_columns) {
    std::vector<ExprPtr> left_exprs;
    for (int i = 0; i < left->num_fields(); ++i) left_exprs.push_back(ColumnAt(*left, i));
    for (int i = 0; i < right->num_fields(); ++i) {
      if (left->FieldIndex(right->field(i).name) >= 0) continue;
      left_exprs.push_back(expr::Alias(expr::Literal(type::Value::NullOf(right->field(i).type)), right->field(i).name));
      right_exprs.push_back(ColumnAt(*right, i));
    }
    left_df = DataFrame(session_, plan::Project(plan_, left_exprs));
  }
  return left_df.union_(DataFrame(session_, plan::Project(other.plan_, right_exprs)));
}

DataFrame DataFrame::distinct() const { return DataFrame(session_, plan::Distinct(plan_)); }

namespace {
// dropDuplicates is Spark's Deduplicate, not an aggregation: a stream must not run it as one.
plan::PlanPtr MarkDeduplicate(plan::PlanPtr aggregate, bool within_watermark = false) {
  auto p = std::make_shared<plan::LogicalPlan>(*aggregate);
  p->deduplicate = true;
  p->within_watermark = within_watermark;
  return p;
}
}  // namespace

DataFrame DataFrame::dropDuplicatesWithinWatermark(const std::vector<std::string>& columns) const {
  DataFrame deduplicated = dropDuplicates(columns);
  if (deduplicated.plan()->kind != plan::PlanKind::kAggregate) return deduplicated;  // an analysis error
  return DataFrame(session_, MarkDeduplicate(deduplicated.plan(), /*within_watermark=*/true));
}

DataFrame DataFrame::dropDuplicates(const std::vector<std::string>& columns) const {
  type::SchemaPtr schema = TryAnalyze(*session_, plan_);
  if (!schema) return distinct();
  if (columns.empty()) {
    std::vector<ExprPtr> all;
    for (int i = 0; i < schema->num_fields(); ++i) all.push_back(ColumnAt(*schema, i));
    return DataFrame(session_, MarkDeduplicate(plan::Aggregate(plan_, all, all)));
  }
  // Spark: group by the given columns and keep the first value of every other column.
  std::vector<ExprPtr> keys, outputs;
  for (const auto& c : columns) keys.push_back(expr::Column(c));
  for (int i = 0; i < schema->num_fields(); ++i) {
    const std::string& name = schema->field(i).name;
    bool is_key = false;
    for (const auto& c : columns) is_key |= base::EqualsIgnoreCase(c, name);
    ExprPtr col = ColumnAt(*schema, i);
    outputs.push_back(is_key ? col : expr::Alias(expr::Call("first", {col}), name));
  }
  return DataFrame(session_, MarkDeduplicate(plan::Aggregate(plan_, keys, outputs)));
}

DataFrame DataFrame::alias(const std::string& name) const {
  return DataFrame(session_, plan::SubqueryAlias(plan_, name));
}

DataFrame DataFrame::withWatermark(const std::string& event_time_column, const std::string& delay) const {
  auto micros = function::ParseDurationText(delay);
  if (!micros.ok() || !micros->has_value()) {
    // Builders never fail: the error surfaces from the plan's analysis.
    std::string why = micros.ok() ? "'" + delay + "' is not an interval such as '10 seconds'" : micros.status().message();
    return DataFrame(session_, plan::Project(plan_, {expr::Invalid("Invalid watermark delay: " + why)}));
  }
  return DataFrame(session_, plan::EventTimeWatermark(plan_, expr::Column(event_time_column), **micros));
}

Result<type::Schema> DataFrame::schema() const {
  QueryExecution qe(*session_, plan_);
  RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr analyzed, qe.Analyzed());
  return *analyzed->schema;
}

std::vector<std::string> DataFrame::columns() const {
  auto s = schema();
  return s.ok() ? s->names() : std::vector<std::string>{};
}

bool DataFrame::isStreaming() const { return plan_->is_streaming(); }

Result<std::vector<Row>> DataFrame::collect() const {
  QueryExecution qe(*session_, plan_);
  RUNNEL_ASSIGN_OR_RAISE(std::vector<vector::Batch> batches, qe.Collect());
  std::vector<Row> rows;
  for (const auto& b : batches) {
    for (int64_t r = 0; r < b.num_rows(); ++r) rows.emplace_back(b.GetRow(r));
  }
  return rows;
}

Result<int64_t> DataFrame::count() const {
  QueryExecution qe(*session_, plan::Aggregate(plan_, {}, {expr::Call("count", {})}));
  RUNNEL_ASSIGN_OR_RAISE(std::vector<vector::Batch> batches, qe.Collect());
  if (batches.empty() || batches[0].num_rows() == 0) return int64_t{0};
  return batches[0].GetValue(0, 0).AsInt64();
}

Result<std::string> DataFrame::showString(int num_rows, int truncate) const {
  QueryExecution qe(*session_, plan::Limit(plan_, num_rows + 1));
  RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr analyzed, qe.Analyzed());
  RUNNEL_ASSIGN_OR_RAISE(std::vector<vector::Batch> batches, qe.Collect());
  return vector::FormatTable(*analyzed->schema, batches, num_rows, truncate);
}

Status DataFrame::show(int num_rows, bool truncate) const {
  RUNNEL_ASSIGN_OR_RAISE(std::string s, showString(num_rows, truncate ? 20 : 0));
  std::fputs(s.c_str(), stdout);
  return Status::OK();
}

Status DataFrame::printSchema() const {
  RUNNEL_ASSIGN_OR_RAISE(type::Schema s, schema());
  std::fputs(s.ToTreeString().c_str(), stdout);
  return Status::OK();
}

Result<std::string> DataFrame::explainString(bool extended) const {
  QueryExecution qe(*session_, plan_);
  return qe.Explain(extended);
}

Status DataFrame::explain(bool extended) const {
  RUNNEL_ASSIGN_OR_RAISE(std::string s, explainString(extended));
  std::fputs(s.c_str(), stdout);
  return Status::OK();
}

Status DataFrame::createOrReplaceTempView(const std::string& name) const {
  std::lock_guard<std::mutex> lock(session_->mutex);
  session_->temp_views[base::ToLower(name)] = plan::SubqueryAlias(plan_, name);
  return Status::OK();
}

DataFrame GroupedData::agg(const std::vector<Column>& aggregates) const {
  std::vector<ExprPtr> keys = Exprs(keys_);
  // Spark keeps the grouping columns in front of the aggregates.
  std::vector<ExprPtr> outputs = keys;
  for (const auto& a : aggregates) outputs.push_back(a.expr());
  return DataFrame(df_.session_state(), plan::Aggregate(df_.plan(), keys, outputs));
}

DataFrame GroupedData::count() const {
  return agg({Column(expr::Alias(expr::Call("count", {}), "count"))});
}

namespace {
std::vector<Column> Each(const std::string& fn, const std::vector<std::string>& columns) {
  std::vector<Column> out;
  for (const auto& c : columns) out.push_back(functions::call_function(fn, {Column(c)}));
  return out;
}
}  // namespace

DataFrame GroupedData::sum(const std::vector<std::string>& columns) const { return agg(Each("sum", columns)); }
DataFrame GroupedData::avg(const std::vector<std::string>& columns) const { return agg(Each("avg", columns)); }
DataFrame GroupedData::min(const std::vector<std::string>& columns) const { return agg(Each("min", columns)); }
DataFrame GroupedData::max(const std::vector<std::string>& columns) const { return agg(Each("max", columns)); }

}  // namespace runnel
