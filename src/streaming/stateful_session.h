// session_window() on a stream (Spark's SessionWindowStateStoreRestore/Save with
// MergingSessions). A stream cannot wait for every row of a key, so sessions are merged across
// micro-batches in the state store:
//   SessionAssignOp      gives each row its own session [ts, ts + gap) and drops rows that are
//                        late: their session ends at or behind the late-events watermark;
//   partial aggregation  by (keys, session): rows with the same key and session fold together;
//   exchange             on the keys without the session, so a key's sessions meet;
//   StatefulSessionOp    merges the batch's sessions of a key with its stored ones (sessions
//                        that overlap or touch, start <= end, become one, as Spark merges them;
//                        their partial states merge),
//                        writes them back, and emits per the output mode:
//     append:   a session once the eviction watermark reaches its end, then forgets it;
//     complete: every session, every batch (nothing is dropped or evicted).
// Update mode is rejected by the checker, as Spark does. The state keeps one entry per session:
// key = (keys, session start), value = (session end, partial states); a key's sessions are a
// prefix scan. Merging is associative, so the result equals the batch's Sessionize over all
// rows minus the late ones (docs/streaming.md, "Session windows").
#pragma once

#include <atomic>
#include <string>
#include <vector>

#include "expr/expr.h"
#include "streaming/stateful_operator.h"

namespace runnel::streaming {

class SessionAssignOp final : public exec::PhysicalOp {
 public:
  // `schema`: the child's columns and the session STRUCT<start, end>. `drops_late`: whether
  // rows behind the late-events watermark are dropped (append mode with a watermark).
  SessionAssignOp(exec::PhysicalOpPtr child, expr::ExprPtr ts, expr::ExprPtr gap, type::SchemaPtr schema,
                  bool drops_late, const StatefulOperatorContext* context);

  int NumPartitions() const override { return children()[0]->NumPartitions(); }
  Result<std::unique_ptr<vector::BatchStream>> Execute(int partition, exec::ExecContext& ctx) override;
  std::string Describe() const override;
  bool drops_late() const { return drops_late_; }
  // The rows dropped as late since the last call.
  int64_t TakeDroppedByWatermark() { return dropped_.exchange(0); }

 private:
  Result<vector::Batch> Assign(const vector::Batch& batch, exec::ExecContext& ctx);

  expr::ExprPtr ts_, gap_;
  bool drops_late_;
  const StatefulOperatorContext* context_;
  std::atomic<int64_t> dropped_{0};
};

class StatefulSessionOp final : public StatefulOperator {
 public:
  // `aggregate`: the Aggregate over session_window() (its `session_key` names the session
  // column of the partial rows). `closes`: append mode with a watermark on the session's time.
  StatefulSessionOp(exec::PhysicalOpPtr exchange, const plan::LogicalPlan& aggregate, type::SchemaPtr partial_schema,
                    int operator_id, bool closes, SessionAssignOp* assign, const StatefulOperatorContext* context);

  std::string Describe() const override;
  bool has_event_time_key() const override { return closes_; }
  StateOperatorProgress TakeProgress() override;

 private:
  struct Session;
  Result<std::vector<vector::Batch>> RunPartition(int partition, std::vector<vector::Batch> input) override;
  // Emits sessions (all, or those the watermark closed) from the whole partition's state.
  Status EmitFromState(state::StateStore& store, int partition, bool closed_only, std::vector<vector::Batch>* out,
                       StateOperatorProgress* metrics);
  // Output rows for sessions given as (key values, start, end) and their partial states.
  Result<vector::Batch> OutputRows(const std::vector<std::vector<type::Value>>& keys,
                                   const std::vector<std::vector<type::Value>>& states);

  std::vector<plan::AggregateCall> aggregates_;
  type::SchemaPtr partial_schema_;
  type::SchemaPtr group_schema_;   // the partial rows' grouping columns, the session among them
  type::SchemaPtr states_schema_;  // the partial rows' aggregate states
  std::vector<int> other_keys_;  // the partial rows' key columns besides the session
  int session_column_;
  bool closes_;
  SessionAssignOp* assign_;
};

}  // namespace runnel::streaming
