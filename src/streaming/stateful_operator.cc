#include "streaming/stateful_operator.h"

#include <algorithm>
#include <chrono>

namespace runnel::streaming {

int64_t SteadyNowMs() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

type::SchemaPtr FieldRange(const type::Schema& schema, int first, int end) {
  std::vector<type::Field> fields;
  for (int i = first; i < end; ++i) fields.push_back(schema.field(i));
  return std::make_shared<type::Schema>(std::move(fields));
}

StatefulOperator::StatefulOperator(type::SchemaPtr schema, exec::PhysicalOpPtr child, int operator_id,
                                   std::string operator_name, const StatefulOperatorContext* context)
    : PhysicalOp(std::move(schema), {std::move(child)}), context_(context), operator_id_(operator_id) {
  progress_.operatorName = std::move(operator_name);
}

Result<std::unique_ptr<vector::BatchStream>> StatefulOperator::Execute(int partition, exec::ExecContext& ctx) {
  RUNNEL_ASSIGN_OR_RAISE(auto input, children()[0]->Execute(partition, ctx));
  RUNNEL_ASSIGN_OR_RAISE(auto batches, vector::DrainStream(*input));
  RUNNEL_ASSIGN_OR_RAISE(auto output, RunPartition(partition, std::move(batches)));
  return std::unique_ptr<vector::BatchStream>(new vector::VectorBatchStream(std::move(output)));
}

Result<state::StateStoreProvider*> StatefulOperator::Provider(int partition) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = providers_.find(partition);
  if (it == providers_.end()) {
    state::StateStoreId id{context_->state_root, operator_id_, partition, "default"};
    RUNNEL_ASSIGN_OR_RAISE(auto provider, state::StateStoreProvider::Open(id, context_->config, context_->fs));
    it = providers_.emplace(partition, std::move(provider)).first;
  }
  return it->second.get();
}

bool StatefulOperator::MayEvict(int partition, int64_t batch_earliest_micros, int64_t horizon_micros) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto known = earliest_event_micros_.find(partition);
  if (known == earliest_event_micros_.end()) return true;  // unknown: look
  known->second = std::min(known->second, batch_earliest_micros);
  return known->second != INT64_MAX && known->second <= horizon_micros;
}

void StatefulOperator::SetEarliest(int partition, int64_t micros) {
  std::lock_guard<std::mutex> lock(mutex_);
  earliest_event_micros_[partition] = micros;
}

Status StatefulOperator::CommitAndRecord(state::StateStore& store, StateOperatorProgress metrics) {
  int64_t commit_start = SteadyNowMs();
  state::StateStoreMetrics store_metrics = store.metrics();
  RUNNEL_RETURN_NOT_OK(store.Commit().status());
  metrics.commitTimeMs = SteadyNowMs() - commit_start;
  metrics.numRowsTotal = store_metrics.num_keys;
  metrics.memoryUsedBytes = store_metrics.memory_bytes;
  std::lock_guard<std::mutex> lock(mutex_);
  progress_.numRowsTotal += metrics.numRowsTotal;
  progress_.numRowsUpdated += metrics.numRowsUpdated;
  progress_.numRowsRemoved += metrics.numRowsRemoved;
  progress_.numRowsDroppedByWatermark += metrics.numRowsDroppedByWatermark;
  progress_.allUpdatesTimeMs += metrics.allUpdatesTimeMs;
  progress_.allRemovalsTimeMs += metrics.allRemovalsTimeMs;
  progress_.commitTimeMs += metrics.commitTimeMs;
  progress_.memoryUsedBytes += metrics.memoryUsedBytes;
  progress_.numStateStoreInstances += 1;
  for (const auto& [name, value] : metrics.customMetrics) progress_.customMetrics[name] += value;
  return Status::OK();
}

StateOperatorProgress StatefulOperator::TakeProgress() {
  std::lock_guard<std::mutex> lock(mutex_);
  StateOperatorProgress out = progress_;
  out.numShufflePartitions = NumPartitions();
  progress_ = StateOperatorProgress{};
  progress_.operatorName = out.operatorName;
  return out;
}

Result<vector::Batch> FinalizeAggregates(const type::SchemaPtr& schema, const std::vector<plan::AggregateCall>& aggregates,
                                         std::vector<vector::ColumnPtr> keys,
                                         const std::vector<vector::ColumnPtr>& states, int64_t num_groups) {
  std::vector<uint32_t> ids(num_groups);
  for (int64_t i = 0; i < num_groups; ++i) ids[i] = static_cast<uint32_t>(i);
  size_t state_column = 0;
  for (const auto& a : aggregates) {
    auto agg = a.bound->make();
    agg->Resize(num_groups);
    std::vector<vector::ColumnPtr> args(states.begin() + state_column,
                                        states.begin() + state_column + a.bound->state_fields.size());
    state_column += a.bound->state_fields.size();
    if (num_groups > 0) RUNNEL_RETURN_NOT_OK(agg->Merge(args, ids.data(), num_groups));
    RUNNEL_ASSIGN_OR_RAISE(vector::ColumnPtr result, agg->Finalize());
    keys.push_back(std::move(result));
  }
  return vector::Batch(schema, std::move(keys), num_groups);
}

}  // namespace runnel::streaming
