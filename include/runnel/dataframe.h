// DataFrame: a lazily evaluated query (Spark's Dataset[Row]). Builder methods never fail; an
// invalid query reports its error from the methods that return a Result or Status (schema(),
// collect(), count(), show(), explain()).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runnel/column.h"
#include "runnel/row.h"
#include "runnel/schema.h"
#include "runnel/status.h"

namespace runnel {

namespace plan {
struct LogicalPlan;
}
class Session;
class GroupedData;
class DataFrameWriter;
class DataStreamWriter;
struct SessionState;

class DataFrame {
 public:
  DataFrame(std::shared_ptr<SessionState> session, std::shared_ptr<const plan::LogicalPlan> plan);

  // Transformations (lazy).
  DataFrame select(const std::vector<Column>& columns) const;
  template <typename... C>
  DataFrame select(const C&... columns) const { return select(std::vector<Column>{Column(columns)...}); }
  // Select-list items in SQL: selectExpr({"name", "amount * 2 AS double_amount"}).
  DataFrame selectExpr(const std::vector<std::string>& sql_items) const;
  DataFrame filter(const Column& condition) const;
  // A SQL condition: filter("amount > 10 AND user IS NOT NULL").
  DataFrame filter(const std::string& sql_condition) const;
  DataFrame filter(const char* sql_condition) const { return filter(std::string(sql_condition)); }
  DataFrame where(const Column& condition) const { return filter(condition); }
  DataFrame where(const std::string& sql_condition) const { return filter(sql_condition); }
  DataFrame withColumn(const std::string& name, const Column& value) const;
  DataFrame withColumnRenamed(const std::string& existing, const std::string& renamed) const;
  DataFrame drop(const std::vector<std::string>& columns) const;
  DataFrame drop(const std::string& column) const { return drop(std::vector<std::string>{column}); }
  GroupedData groupBy(const std::vector<Column>& columns) const;
  template <typename... C>
  GroupedData groupBy(const C&... columns) const;
  DataFrame agg(const std::vector<Column>& aggregates) const;
  // join(other, "id"), join(other, {"a", "b"}, "left"), join(other, col("a.x") == col("b.y"), "inner")
  DataFrame join(const DataFrame& other, const std::string& using_column, const std::string& how = "inner") const;
  DataFrame join(const DataFrame& other, const char* using_column, const std::string& how = "inner") const {
    return join(other, std::string(using_column), how);
  }
  DataFrame join(const DataFrame& other, const std::vector<std::string>& using_columns,
                 const std::string& how = "inner") const;
  DataFrame join(const DataFrame& other, const Column& on, const std::string& how = "inner") const;
  DataFrame crossJoin(const DataFrame& other) const;
  DataFrame orderBy(const std::vector<Column>& keys) const;
  template <typename... C>
  DataFrame orderBy(const C&... keys) const { return orderBy(std::vector<Column>{Column(keys)...}); }
  DataFrame sort(const std::vector<Column>& keys) const { return orderBy(keys); }
  DataFrame limit(int64_t n) const;
  DataFrame offset(int64_t n) const;
  DataFrame union_(const DataFrame& other) const;  // UNION ALL by position ("union" is a keyword)
  DataFrame unionAll(const DataFrame& other) const { return union_(other); }
  DataFrame unionByName(const DataFrame& other, bool allow_missing_columns = false) const;
  DataFrame distinct() const;
  DataFrame dropDuplicates(const std::vector<std::string>& columns = {}) const;
  // Streams only: duplicates are dropped while the first row's event time is within the
  // watermark delay; then the key is forgotten (the event time need not be a key).
  DataFrame dropDuplicatesWithinWatermark(const std::vector<std::string>& columns = {}) const;
  DataFrame alias(const std::string& name) const;
  // Event time: rows of this stream up to `delay` older than the latest event time seen may
  // still arrive ("10 seconds", "1 minute"); stateful operators drop rows behind the watermark
  // (max event time - delay). A no-op on a batch DataFrame. See docs/streaming.md.
  DataFrame withWatermark(const std::string& event_time_column, const std::string& delay) const;

  // Actions.
  Result<type::Schema> schema() const;
  Result<std::vector<Row>> collect() const;
  Result<int64_t> count() const;
  // Prints as Spark's show(): a table of the first n rows, values cut to 20 characters.
  Status show(int num_rows = 20, bool truncate = true) const;
  Result<std::string> showString(int num_rows = 20, int truncate = 20) const;
  Status printSchema() const;
  // The analyzed logical plan, the optimized plan and the physical plan.
  Result<std::string> explainString(bool extended = false) const;
  Status explain(bool extended = false) const;
  Status createOrReplaceTempView(const std::string& name) const;
  // Saving the rows: df.write().format("parquet").save(path) (runnel/dataframe_writer.h).
  DataFrameWriter write() const;
  // Starting a streaming query: df.writeStream().format("console").start() (runnel/data_stream.h).
  DataStreamWriter writeStream() const;
  std::vector<std::string> columns() const;  // empty if the plan does not analyze
  bool isStreaming() const;

  const std::shared_ptr<const plan::LogicalPlan>& plan() const { return plan_; }
  const std::shared_ptr<SessionState>& session_state() const { return session_; }

 private:
  std::shared_ptr<SessionState> session_;
  std::shared_ptr<const plan::LogicalPlan> plan_;
};

// The result of groupBy(): aggregate it with agg(), count(), sum(), ...
class GroupedData {
 public:
  GroupedData(DataFrame df, std::vector<Column> keys) : df_(std::move(df)), keys_(std::move(keys)) {}
  DataFrame agg(const std::vector<Column>& aggregates) const;
  template <typename... C>
  DataFrame agg(const C&... aggregates) const { return agg(std::vector<Column>{Column(aggregates)...}); }
  DataFrame count() const;
  DataFrame sum(const std::vector<std::string>& columns) const;
  DataFrame avg(const std::vector<std::string>& columns) const;
  DataFrame min(const std::vector<std::string>& columns) const;
  DataFrame max(const std::vector<std::string>& columns) const;

 private:
  DataFrame df_;
  std::vector<Column> keys_;
};

template <typename... C>
GroupedData DataFrame::groupBy(const C&... columns) const {
  return groupBy(std::vector<Column>{Column(columns)...});
}

}  // namespace runnel

#include "runnel/dataframe_writer.h"  // NOLINT: write() returns it by value
#include "runnel/data_stream.h"  // NOLINT: writeStream() returns it by value
