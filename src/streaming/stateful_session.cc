#include "streaming/stateful_session.h"

#include <algorithm>

#include "base/spelling.h"
#include "exec/key_table.h"
#include "expr/evaluator.h"
#include "function/scalar/window_duration.h"
#include "streaming/state_row_codec.h"
#include "vector/selection.h"

namespace runnel::streaming {

// ---------------------------------------------------------------- SessionAssignOp

SessionAssignOp::SessionAssignOp(exec::PhysicalOpPtr child, expr::ExprPtr ts, expr::ExprPtr gap,
                                 type::SchemaPtr schema, bool drops_late, const StatefulOperatorContext* context)
    : PhysicalOp(std::move(schema), {std::move(child)}),
      ts_(std::move(ts)),
      gap_(std::move(gap)),
      drops_late_(drops_late),
      context_(context) {}

std::string SessionAssignOp::Describe() const {
  return "SessionAssign " + ts_->ToString() + ", " + gap_->ToString() + (drops_late_ ? " dropsLate" : "");
}

Result<std::unique_ptr<vector::BatchStream>> SessionAssignOp::Execute(int partition, exec::ExecContext& ctx) {
  RUNNEL_ASSIGN_OR_RAISE(auto input, children()[0]->Execute(partition, ctx));
  RUNNEL_ASSIGN_OR_RAISE(auto batches, vector::DrainStream(*input));
  std::vector<vector::Batch> out;
  for (const auto& b : batches) {
    if (b.num_rows() == 0) continue;
    RUNNEL_ASSIGN_OR_RAISE(vector::Batch assigned, Assign(b, ctx));
    if (assigned.num_rows() > 0) out.push_back(std::move(assigned));
  }
  return std::unique_ptr<vector::BatchStream>(new vector::VectorBatchStream(std::move(out)));
}

Result<vector::Batch> SessionAssignOp::Assign(const vector::Batch& batch, exec::ExecContext& ctx) {
  RUNNEL_ASSIGN_OR_RAISE(vector::ColumnPtr ts, expr::Evaluate(*ts_, batch, ctx.kernel));
  RUNNEL_ASSIGN_OR_RAISE(vector::ColumnPtr gap, expr::Evaluate(*gap_, batch, ctx.kernel));
  const int64_t late_micros = context_->batch.late_watermark_ms * 1000;
  vector::SelectionVector rows;
  std::vector<int64_t> starts, ends;
  int64_t late = 0;
  const int64_t* times = ts->values<int64_t>();
  for (int64_t i = 0; i < batch.num_rows(); ++i) {
    std::optional<int64_t> g = function::SessionGapMicros(*gap, i);
    if (ts->IsNull(i) || !g) continue;  // no session: Spark filters such rows out
    int64_t end = times[i] + *g;
    if (drops_late_ && end <= late_micros) {
      ++late;
      continue;
    }
    rows.push_back(static_cast<int32_t>(i));
    starts.push_back(times[i]);
    ends.push_back(end);
  }
  dropped_ += late;
  vector::Batch taken = vector::TakeRows(batch, rows);
  std::vector<vector::ColumnPtr> columns = taken.columns();
  int64_t n = static_cast<int64_t>(rows.size());
  columns.push_back(
      function::SessionColumn(schema()->field(schema()->num_fields() - 1).type, std::move(starts), std::move(ends)));
  return vector::Batch(schema(), std::move(columns), n);
}

// ---------------------------------------------------------------- StatefulSessionOp


// One session of a key while a batch merges them: where its partial states come from.
struct StatefulSessionOp::Session {
  int64_t start = 0, end = 0;
  int batch = -1;     // >= 0: row `row` of input batch `batch`
  int64_t row = 0;    // or, with batch == -1, entry `row` of the stored sessions read
  std::string stored_key;
};

StatefulSessionOp::StatefulSessionOp(exec::PhysicalOpPtr exchange, const plan::LogicalPlan& aggregate,
                                     type::SchemaPtr partial_schema, int operator_id, bool closes,
                                     SessionAssignOp* assign, const StatefulOperatorContext* context)
    : StatefulOperator(aggregate.schema, std::move(exchange), operator_id, "sessionWindowStateStoreSave", context),
      aggregates_(aggregate.aggregates),
      partial_schema_(std::move(partial_schema)),
      session_column_(aggregate.session_key),
      closes_(closes),
      assign_(assign) {
  int num_keys = static_cast<int>(aggregate.group_by.size());
  for (int i = 0; i < num_keys; ++i) {
    if (i != session_column_) other_keys_.push_back(i);
  }
  group_schema_ = FieldRange(*partial_schema_, 0, num_keys);
  states_schema_ = FieldRange(*partial_schema_, num_keys, partial_schema_->num_fields());
  std::vector<type::Field> key_fields;
  for (int k : other_keys_) key_fields.push_back(partial_schema_->field(k));
  key_fields.push_back({"sessionStart", type::Timestamp(), false});
  key_schema_ = std::make_shared<type::Schema>(std::move(key_fields));
  std::vector<type::Field> value_fields{{"sessionEnd", type::Timestamp(), false}};
  for (const auto& f : states_schema_->fields()) value_fields.push_back(f);
  value_schema_ = std::make_shared<type::Schema>(std::move(value_fields));
}

std::string StatefulSessionOp::Describe() const {
  std::vector<std::string> aggs;
  for (const auto& a : aggregates_) aggs.push_back(a.display);
  std::vector<std::string> keys;
  for (int k : other_keys_) keys.push_back(partial_schema_->field(k).name);
  return "SessionWindowStateStore operator=" + std::to_string(operator_id()) + " keys=[" + base::JoinStrings(keys, ", ") +
         "] session=" + partial_schema_->field(session_column_).name + " functions=[" + base::JoinStrings(aggs, ", ") + "]";
}

StateOperatorProgress StatefulSessionOp::TakeProgress() {
  StateOperatorProgress out = StatefulOperator::TakeProgress();
  if (assign_ != nullptr) out.numRowsDroppedByWatermark += assign_->TakeDroppedByWatermark();
  return out;
}

Result<vector::Batch> StatefulSessionOp::OutputRows(const std::vector<std::vector<type::Value>>& keys,
                                                    const std::vector<std::vector<type::Value>>& states) {
  vector::Batch k = vector::Batch::FromRows(group_schema_, keys);
  vector::Batch v = vector::Batch::FromRows(states_schema_, states);
  return FinalizeAggregates(schema(), aggregates_, k.columns(), v.columns(), static_cast<int64_t>(keys.size()));
}

Result<std::vector<vector::Batch>> StatefulSessionOp::RunPartition(int partition, std::vector<vector::Batch> input) {
  const StatefulBatch& batch = context_->batch;
  const int num_keys = group_schema_->num_fields();
  int64_t start_ms = SteadyNowMs();
  StateOperatorProgress metrics;

  // 1. The batch's sessions (one per key and row session, after the partial aggregation), by key.
  std::vector<type::DataTypePtr> key_types;
  for (int k : other_keys_) key_types.push_back(partial_schema_->field(k).type);
  exec::KeyTable table(key_types);
  std::vector<std::vector<Session>> by_key;
  std::vector<std::vector<uint32_t>> batch_ids(input.size());
  for (size_t b = 0; b < input.size(); ++b) {
    const vector::Batch& rows = input[b];
    int64_t n = rows.num_rows();
    if (n == 0) continue;
    std::vector<vector::ColumnPtr> keys;
    for (int k : other_keys_) keys.push_back(rows.column(k));
    std::vector<uint32_t> ids(n);
    table.Insert(keys, n, ids.data());
    by_key.resize(table.size());
    const vector::Column& session = *rows.column(session_column_);
    // A STRUCT's children are sliced with it: element r of each child is the row's.
    const int64_t* starts = session.child(0)->values<int64_t>();
    const int64_t* ends = session.child(1)->values<int64_t>();
    for (int64_t r = 0; r < n; ++r) by_key[ids[r]].push_back(Session{starts[r], ends[r], static_cast<int>(b), r, {}});
    batch_ids[b].resize(n);
  }
  const int64_t num_touched = table.size();
  std::vector<vector::ColumnPtr> key_columns = num_touched > 0 ? table.KeyColumns() : std::vector<vector::ColumnPtr>{};

  // 2. Merge each touched key's sessions with its stored ones.
  RUNNEL_ASSIGN_OR_RAISE(state::StateStoreProvider * provider, Provider(partition));
  RUNNEL_ASSIGN_OR_RAISE(auto store, provider->GetStore(batch.batch_id));
  std::vector<std::vector<type::Value>> stored_states;  // states of stored sessions being merged
  std::vector<uint32_t> stored_ids;
  std::vector<std::vector<type::Value>> merged_keys;    // per merged session: (keys..., start)
  std::vector<int64_t> merged_ends;
  std::vector<std::string> superseded;                  // stored sessions merged into others
  for (int64_t g = 0; g < num_touched; ++g) {
    std::vector<type::Value> key_values;
    for (const auto& c : key_columns) key_values.push_back(c->GetValue(g));
    std::string prefix;
    EncodeStateRow(key_values, &prefix);
    std::vector<Session>& sessions = by_key[g];
    std::vector<std::vector<type::Value>> stored;
    auto it = store->Scan(prefix);
    for (; it->Valid(); it->Next()) {
      RUNNEL_ASSIGN_OR_RAISE(auto key, DecodeStateRow(it->key(), *key_schema_));
      RUNNEL_ASSIGN_OR_RAISE(auto value, DecodeStateRow(it->value(), *value_schema_));
      sessions.push_back(Session{key.back().bigint_value(), value[0].bigint_value(), -1,
                                 static_cast<int64_t>(stored.size()), std::string(it->key())});
      stored.emplace_back(value.begin() + 1, value.end());
    }
    RUNNEL_RETURN_NOT_OK(it->status());
    std::sort(sessions.begin(), sessions.end(), [](const Session& a, const Session& b) { return a.start < b.start; });
    for (size_t first = 0; first < sessions.size();) {
      size_t last = first + 1;
      int64_t end = sessions[first].end;
      while (last < sessions.size() && sessions[last].start <= end) end = std::max(end, sessions[last++].end);
      // A stored session nothing new reached stays as it is.
      if (last == first + 1 && sessions[first].batch < 0) {
        first = last;
        continue;
      }
      auto id = static_cast<uint32_t>(merged_ends.size());
      for (size_t j = first; j < last; ++j) {
        const Session& s = sessions[j];
        if (s.batch >= 0) {
          batch_ids[s.batch][s.row] = id;
        } else {
          stored_states.push_back(std::move(stored[s.row]));
          stored_ids.push_back(id);
          superseded.push_back(s.stored_key);
        }
      }
      std::vector<type::Value> merged_key = key_values;
      merged_key.push_back(type::Value::Timestamp(sessions[first].start));
      merged_keys.push_back(std::move(merged_key));
      merged_ends.push_back(end);
      first = last;
    }
  }

  // 3. Fold the partial states of each merged session: the batch's and the stored ones.
  const int64_t num_merged = static_cast<int64_t>(merged_ends.size());
  std::vector<std::unique_ptr<function::GroupedAggregator>> aggs;
  for (const auto& a : aggregates_) {
    aggs.push_back(a.bound->make());
    aggs.back()->Resize(num_merged);
  }
  auto merge_states = [&](const vector::Batch& rows, int first_state_column, const uint32_t* ids) -> Status {
    int column = first_state_column;
    for (size_t a = 0; a < aggs.size(); ++a) {
      int width = static_cast<int>(aggregates_[a].bound->state_fields.size());
      std::vector<vector::ColumnPtr> args;
      for (int c = column; c < column + width; ++c) args.push_back(rows.column(c));
      RUNNEL_RETURN_NOT_OK(aggs[a]->Merge(args, ids, rows.num_rows()));
      column += width;
    }
    return Status::OK();
  };
  for (size_t b = 0; b < input.size(); ++b) {
    if (input[b].num_rows() > 0) RUNNEL_RETURN_NOT_OK(merge_states(input[b], num_keys, batch_ids[b].data()));
  }
  if (!stored_states.empty()) {
    RUNNEL_RETURN_NOT_OK(merge_states(vector::Batch::FromRows(states_schema_, stored_states), 0, stored_ids.data()));
  }
  std::vector<vector::ColumnPtr> states;
  for (auto& a : aggs) {
    RUNNEL_ASSIGN_OR_RAISE(auto s, a->States());
    for (auto& c : s) states.push_back(std::move(c));
  }

  // 4. Write the merged sessions back (under their possibly new start).
  for (const auto& k : superseded) RUNNEL_RETURN_NOT_OK(store->Remove(k));
  int64_t batch_earliest = INT64_MAX;
  for (int64_t m = 0; m < num_merged; ++m) {
    std::string key, value;
    EncodeStateRow(merged_keys[m], &key);
    std::vector<type::Value> value_row{type::Value::Timestamp(merged_ends[m])};
    for (const auto& c : states) value_row.push_back(c->GetValue(m));
    EncodeStateRow(value_row, &value);
    RUNNEL_RETURN_NOT_OK(store->Put(key, value));
    batch_earliest = std::min(batch_earliest, merged_ends[m]);
  }
  metrics.numRowsUpdated = num_merged;
  metrics.allUpdatesTimeMs = SteadyNowMs() - start_ms;

  // 5. Emit: complete mode every session; append mode the sessions the watermark closed.
  int64_t removal_start = SteadyNowMs();
  std::vector<vector::Batch> out;
  if (batch.mode == plan::OutputMode::kComplete) {
    RUNNEL_RETURN_NOT_OK(EmitFromState(*store, partition, /*closed_only=*/false, &out, &metrics));
  } else if (closes_ && MayEvict(partition, batch_earliest, batch.eviction_watermark_ms * 1000)) {
    RUNNEL_RETURN_NOT_OK(EmitFromState(*store, partition, /*closed_only=*/true, &out, &metrics));
  }
  metrics.allRemovalsTimeMs = SteadyNowMs() - removal_start;
  RUNNEL_RETURN_NOT_OK(CommitAndRecord(*store, std::move(metrics)));
  return out;
}

Status StatefulSessionOp::EmitFromState(state::StateStore& store, int partition, bool closed_only,
                                        std::vector<vector::Batch>* out, StateOperatorProgress* metrics) {
  const int64_t horizon = context_->batch.eviction_watermark_ms * 1000;
  std::vector<std::vector<type::Value>> keys, states;
  std::vector<std::string> closed;
  int64_t survivors_earliest = INT64_MAX;
  auto it = store.Scan();
  for (; it->Valid(); it->Next()) {
    RUNNEL_ASSIGN_OR_RAISE(auto key, DecodeStateRow(it->key(), *key_schema_));
    RUNNEL_ASSIGN_OR_RAISE(auto value, DecodeStateRow(it->value(), *value_schema_));
    int64_t end = value[0].bigint_value();
    if (closed_only && end > horizon) {
      survivors_earliest = std::min(survivors_earliest, end);
      continue;
    }
    if (closed_only) closed.emplace_back(it->key());
    // The output's keys: the other keys with the session STRUCT<start, end> in its place.
    std::vector<type::Value> row;
    size_t other = 0;
    for (int k = 0; k < group_schema_->num_fields(); ++k) {
      if (k == session_column_) {
        row.push_back(type::Value::Struct(partial_schema_->field(session_column_).type,
                                          {key.back(), type::Value::Timestamp(end)}));
      } else {
        row.push_back(key[other++]);
      }
    }
    keys.push_back(std::move(row));
    states.emplace_back(value.begin() + 1, value.end());
  }
  RUNNEL_RETURN_NOT_OK(it->status());
  for (const auto& k : closed) RUNNEL_RETURN_NOT_OK(store.Remove(k));
  if (closed_only) SetEarliest(partition, survivors_earliest);
  metrics->numRowsRemoved += static_cast<int64_t>(closed.size());
  if (!keys.empty()) {
    RUNNEL_ASSIGN_OR_RAISE(auto rows, OutputRows(keys, states));
    out->push_back(std::move(rows));
  }
  return Status::OK();
}

}  // namespace runnel::streaming
