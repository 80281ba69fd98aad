#include "streaming/stateful_aggregate.h"

#include <algorithm>

#include "base/spelling.h"
#include "exec/key_table.h"
#include "streaming/state_row_codec.h"
#include "vector/selection.h"

namespace runnel::streaming {

namespace {
std::vector<vector::ColumnPtr> Columns(const vector::Batch& batch, int first, int count) {
  std::vector<vector::ColumnPtr> out;
  for (int i = first; i < first + count; ++i) out.push_back(batch.column(i));
  return out;
}
}  // namespace

StatefulAggregateOp::StatefulAggregateOp(exec::PhysicalOpPtr exchange, const plan::LogicalPlan& aggregate,
                                         type::SchemaPtr partial_schema, int operator_id, int event_time_column,
                                         int64_t expiry_delay_micros, const StatefulOperatorContext* context)
    : StatefulOperator(aggregate.schema, std::move(exchange), operator_id,
                       !aggregate.deduplicate         ? "stateStoreSave"
                       : aggregate.within_watermark ? "dedupeWithinWatermark"
                                                    : "dedupe",
                       context),
      aggregates_(aggregate.aggregates),
      partial_schema_(std::move(partial_schema)),
      num_keys_(static_cast<int>(aggregate.group_by.size())),
      event_time_column_(event_time_column),
      expiry_delay_micros_(expiry_delay_micros),
      deduplicate_(aggregate.deduplicate) {
  key_schema_ = FieldRange(*partial_schema_, 0, num_keys_);
  value_schema_ = FieldRange(*partial_schema_, num_keys_, partial_schema_->num_fields());
}

std::string StatefulAggregateOp::Describe() const {
  std::vector<std::string> aggs;
  for (const auto& a : aggregates_) aggs.push_back(a.display);
  return std::string(deduplicate_ ? "StreamingDeduplicate" : "StatefulAggregate") + " operator=" + std::to_string(operator_id()) + " keys=[" +
         base::JoinStrings(key_schema_->names(), ", ") + "] functions=[" + base::JoinStrings(aggs, ", ") + "]" +
         (event_time_column_ >= 0 ? " eventTime=" + partial_schema_->field(event_time_column_).name : "");
}

bool StatefulAggregateOp::IsLate(const vector::Column& column, int64_t row, int64_t watermark_ms) const {
  if (column.IsNull(row)) return false;
  int64_t micros;
  if (column.type_id() == type::TypeId::kStruct) {  // a window: late when its end is
    micros = EventTimeMicros(column.GetValue(row));
    if (micros == INT64_MAX) return false;
  } else {
    micros = column.values<int64_t>()[row];
  }
  return micros <= watermark_ms * 1000;
}

int64_t StatefulAggregateOp::EventTimeMicros(const std::vector<type::Value>& key,
                                             const std::vector<type::Value>& value) const {
  return EventTimeMicros(event_time_column_ < num_keys_ ? key[event_time_column_] : value[event_time_column_ - num_keys_]);
}

int64_t StatefulAggregateOp::EventTimeMicros(const type::Value& et) {
  if (et.is_null()) return INT64_MAX;
  if (et.type()->id() == type::TypeId::kStruct) {
    return et.children()[1].is_null() ? INT64_MAX : et.children()[1].bigint_value();
  }
  return et.bigint_value();
}

Result<std::vector<vector::Batch>> StatefulAggregateOp::RunPartition(int partition, std::vector<vector::Batch> input) {
  const StatefulBatch& batch = context_->batch;
  // Complete mode keeps every group; a deduplication (feeding an aggregation in complete mode)
  // drops late rows and forgets old keys whatever the mode, as Spark's does.
  const bool evicting = event_time_column_ >= 0 && (deduplicate_ || batch.mode != plan::OutputMode::kComplete);
  int64_t start_ms = SteadyNowMs();
  StateOperatorProgress metrics;

  // 1. Drop late input, then group the batch's partial states by key.
  std::vector<type::DataTypePtr> key_types;
  for (const auto& f : key_schema_->fields()) key_types.push_back(f.type);
  exec::KeyTable keys(key_types);
  std::vector<std::unique_ptr<function::GroupedAggregator>> aggs;
  for (const auto& a : aggregates_) aggs.push_back(a.bound->make());
  std::vector<uint32_t> ids;
  int64_t num_groups = num_keys_ == 0 ? 1 : 0;
  for (auto& b : input) {
    if (evicting && b.num_rows() > 0) {
      const vector::Column& et = *b.column(event_time_column_);
      vector::SelectionVector keep;
      for (int64_t r = 0; r < b.num_rows(); ++r) {
        if (!IsLate(et, r, batch.late_watermark_ms)) keep.push_back(static_cast<int32_t>(r));
      }
      int64_t dropped = b.num_rows() - static_cast<int64_t>(keep.size());
      if (dropped > 0) {
        metrics.numRowsDroppedByWatermark += dropped;
        b = vector::TakeRows(b, keep);
      }
    }
    int64_t n = b.num_rows();
    if (n == 0) continue;
    ids.resize(n);
    if (num_keys_ == 0) {
      std::fill(ids.begin(), ids.end(), 0u);
    } else {
      keys.Insert(Columns(b, 0, num_keys_), n, ids.data());
      num_groups = keys.size();
    }
    int state_column = num_keys_;
    for (size_t a = 0; a < aggs.size(); ++a) {
      aggs[a]->Resize(num_groups);
      size_t width = aggregates_[a].bound->state_fields.size();
      RUNNEL_RETURN_NOT_OK(aggs[a]->Merge(Columns(b, state_column, static_cast<int>(width)), ids.data(), n));
      state_column += static_cast<int>(width);
    }
  }
  for (auto& a : aggs) a->Resize(num_groups);

  // 2. Merge each touched group's stored state into it.
  RUNNEL_ASSIGN_OR_RAISE(state::StateStoreProvider * provider, Provider(partition));
  RUNNEL_ASSIGN_OR_RAISE(auto store, provider->GetStore(batch.batch_id));
  std::vector<vector::ColumnPtr> key_columns = num_keys_ == 0 ? std::vector<vector::ColumnPtr>{} : keys.KeyColumns();
  vector::Batch key_batch(key_schema_, key_columns, num_groups);
  std::vector<std::string> key_bytes(num_groups);
  std::vector<std::vector<type::Value>> previous;
  std::vector<uint32_t> previous_ids;
  vector::SelectionVector first_seen;  // deduplicate: the groups no earlier batch had
  for (int64_t g = 0; g < num_groups; ++g) {
    key_bytes[g] = EncodeBatchRow(key_batch, 0, num_keys_, g);
    RUNNEL_ASSIGN_OR_RAISE(auto stored, store->Get(key_bytes[g]));
    if (deduplicate_) {
      if (stored) {
        metrics.customMetrics["numDroppedDuplicateRows"] += 1;
      } else {
        first_seen.push_back(static_cast<int32_t>(g));
      }
      continue;
    }
    if (!stored) continue;
    RUNNEL_ASSIGN_OR_RAISE(auto row, DecodeStateRow(*stored, *value_schema_));
    previous.push_back(std::move(row));
    previous_ids.push_back(static_cast<uint32_t>(g));
  }
  if (!previous.empty()) {
    vector::Batch prev = vector::Batch::FromRows(value_schema_, previous);
    int state_column = 0;
    for (size_t a = 0; a < aggs.size(); ++a) {
      int width = static_cast<int>(aggregates_[a].bound->state_fields.size());
      RUNNEL_RETURN_NOT_OK(aggs[a]->Merge(Columns(prev, state_column, width), previous_ids.data(),
                                          static_cast<int64_t>(previous_ids.size())));
      state_column += width;
    }
  }
  std::vector<vector::ColumnPtr> states;
  for (auto& a : aggs) {
    RUNNEL_ASSIGN_OR_RAISE(auto s, a->States());
    for (auto& c : s) states.push_back(std::move(c));
  }
  vector::Batch state_batch(value_schema_, states, num_groups);
  bool touched_any = false;
  int64_t batch_earliest = INT64_MAX;
  for (int64_t g = 0; g < num_groups; ++g) {
    // A global aggregate over no input keeps its stored state (or none) untouched.
    if (num_keys_ == 0 && input.empty() && previous.empty()) break;
    if (deduplicate_ && !std::binary_search(first_seen.begin(), first_seen.end(), static_cast<int32_t>(g))) continue;
    RUNNEL_RETURN_NOT_OK(store->Put(key_bytes[g], EncodeBatchRow(state_batch, 0, value_schema_->num_fields(), g)));
    if (evicting) {
      const vector::Batch& holder = event_time_column_ < num_keys_ ? key_batch : state_batch;
      int column = event_time_column_ < num_keys_ ? event_time_column_ : event_time_column_ - num_keys_;
      type::Value et = holder.column(column)->GetValue(g);
      batch_earliest = std::min(batch_earliest, EventTimeMicros(et));
    }
    ++metrics.numRowsUpdated;
    touched_any = true;
  }
  metrics.allUpdatesTimeMs = SteadyNowMs() - start_ms;

  // 3. Emit per the output mode; evict groups behind the watermark.
  std::vector<vector::Batch> out;
  if (deduplicate_) {
    if (!first_seen.empty()) {
      vector::Batch k = vector::TakeRows(key_batch, first_seen);
      vector::Batch v = vector::TakeRows(state_batch, first_seen);
      RUNNEL_ASSIGN_OR_RAISE(auto rows, FinalizeAggregates(schema(), aggregates_, Columns(k, 0, num_keys_), Columns(v, 0, v.num_columns()),
                                                       static_cast<int64_t>(first_seen.size())));
      out.push_back(std::move(rows));
    }
  } else if (batch.mode == plan::OutputMode::kUpdate && touched_any) {
    RUNNEL_ASSIGN_OR_RAISE(auto rows, FinalizeAggregates(schema(), aggregates_, key_columns, states, num_groups));
    out.push_back(std::move(rows));
  }
  int64_t removal_start = SteadyNowMs();
  // Whether any stored group can be evicted: only then is the partition's state scanned.
  const bool may_evict =
      evicting && MayEvict(partition, batch_earliest, batch.eviction_watermark_ms * 1000 - expiry_delay_micros_);
  int64_t survivors_earliest = INT64_MAX;
  // Complete mode emits every group; a dropDuplicates (feeding an aggregation) emits only the
  // keys it saw first, above.
  if ((batch.mode == plan::OutputMode::kComplete && !deduplicate_) || may_evict) {
    std::vector<std::vector<type::Value>> key_rows, value_rows;
    std::vector<std::string> evicted;
    auto it = store->Scan();
    for (; it->Valid(); it->Next()) {
      RUNNEL_ASSIGN_OR_RAISE(auto key, DecodeStateRow(it->key(), *key_schema_));
      RUNNEL_ASSIGN_OR_RAISE(auto value, DecodeStateRow(it->value(), *value_schema_));
      if (evicting) {
        int64_t micros = EventTimeMicros(key, value);
        if (micros == INT64_MAX || micros > batch.eviction_watermark_ms * 1000 - expiry_delay_micros_) {
          survivors_earliest = std::min(survivors_earliest, micros);
          continue;
        }
        evicted.emplace_back(it->key());
        // update mode and deduplication forget old keys silently
        if (batch.mode != plan::OutputMode::kAppend || deduplicate_) continue;
      }
      key_rows.push_back(std::move(key));
      value_rows.push_back(std::move(value));
    }
    RUNNEL_RETURN_NOT_OK(it->status());
    for (const auto& k : evicted) RUNNEL_RETURN_NOT_OK(store->Remove(k));
    if (evicting) SetEarliest(partition, survivors_earliest);
    metrics.numRowsRemoved = static_cast<int64_t>(evicted.size());
    if (!key_rows.empty()) {
      vector::Batch k = vector::Batch::FromRows(key_schema_, key_rows);
      vector::Batch v = vector::Batch::FromRows(value_schema_, value_rows);
      RUNNEL_ASSIGN_OR_RAISE(auto rows, FinalizeAggregates(schema(), aggregates_, Columns(k, 0, num_keys_), Columns(v, 0, v.num_columns()),
                                                       static_cast<int64_t>(key_rows.size())));
      out.push_back(std::move(rows));
    } else if (batch.mode == plan::OutputMode::kComplete && num_keys_ == 0) {
      // A global aggregate over nothing yet still has its one row (count(*) = 0).
      RUNNEL_ASSIGN_OR_RAISE(auto rows, FinalizeAggregates(schema(), aggregates_, {}, states, 1));
      out.push_back(std::move(rows));
    }
  }
  metrics.allRemovalsTimeMs = SteadyNowMs() - removal_start;

  RUNNEL_RETURN_NOT_OK(CommitAndRecord(*store, std::move(metrics)));
  return out;
}

StateOperatorProgress StatefulAggregateOp::TakeProgress() {
  StateOperatorProgress out = StatefulOperator::TakeProgress();
  if (deduplicate_) out.customMetrics.emplace("numDroppedDuplicateRows", 0);
  return out;
}

}  // namespace runnel::streaming
