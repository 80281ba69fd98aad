// What every stateful streaming operator shares (Spark's StateStoreWriter): the state store
// providers of its partitions, the batch it runs in, and the progress metrics it reports. Each
// partition drains its input, updates its store, commits it as version batch + 1 and records
// its metrics; subclasses say what a partition does with its input and its store.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "exec/physical_op.h"
#include "plan/logical_plan.h"
#include "plan/streaming_support.h"
#include "runnel/streaming_progress.h"
#include "state/state_store.h"

namespace runnel::streaming {

// What every stateful operator needs to know about the batch being run; set by the executor
// before the plan runs. Two watermarks, as Spark's (SPARK_SEMANTICS 2.1.7): input rows at or
// behind the previous batch's watermark are late; state at or behind this batch's is closed
// (emitted in append mode) and evicted. Rows an upstream operator closes in this batch are
// therefore never late for the operators after it.
struct StatefulBatch {
  int64_t batch_id = 0;
  int64_t late_watermark_ms = 0;
  int64_t eviction_watermark_ms = 0;
  plan::OutputMode mode = plan::OutputMode::kAppend;
};

struct StatefulOperatorContext {
  std::string state_root;  // <checkpoint>/state
  std::shared_ptr<io::FileSystem> fs;
  state::StateStoreConfig config;
  StatefulBatch batch;
};

class StatefulOperator : public exec::PhysicalOp {
 public:
  int NumPartitions() const override { return children()[0]->NumPartitions(); }
  Result<std::unique_ptr<vector::BatchStream>> Execute(int partition, exec::ExecContext& ctx) override;

  int operator_id() const { return operator_id_; }
  // Whether the operator closes or evicts state as the watermark moves (then a no-data batch
  // runs when the watermark moved).
  virtual bool has_event_time_key() const = 0;
  type::SchemaPtr key_schema() const { return key_schema_; }
  type::SchemaPtr value_schema() const { return value_schema_; }
  // This batch's metrics (summed over partitions); resets them.
  virtual StateOperatorProgress TakeProgress();

 protected:
  StatefulOperator(type::SchemaPtr schema, exec::PhysicalOpPtr child, int operator_id, std::string operator_name,
                   const StatefulOperatorContext* context);

  virtual Result<std::vector<vector::Batch>> RunPartition(int partition, std::vector<vector::Batch> input) = 0;
  Result<state::StateStoreProvider*> Provider(int partition);
  // Commits `store` and adds the partition's metrics (with the commit's) to the batch's.
  Status CommitAndRecord(state::StateStore& store, StateOperatorProgress metrics);

  // Per partition, the earliest event time among the stored entries (unknown after a restart).
  // Eviction scans a partition's state only when the watermark has reached it, so a batch that
  // evicts nothing costs what its own rows cost, whatever the state's size.
  // Folds the batch's earliest into the known one; true when a scan may find evictable state.
  bool MayEvict(int partition, int64_t batch_earliest_micros, int64_t horizon_micros);
  void SetEarliest(int partition, int64_t micros);

  const StatefulOperatorContext* context_;
  type::SchemaPtr key_schema_, value_schema_;

 private:
  int operator_id_;
  std::mutex mutex_;
  std::map<int, std::unique_ptr<state::StateStoreProvider>> providers_;
  std::map<int, int64_t> earliest_event_micros_;
  StateOperatorProgress progress_;
};

// Fields [first, end) of `schema`: the key or state columns of partial aggregate rows.
type::SchemaPtr FieldRange(const type::Schema& schema, int first, int end);

// Milliseconds on a steady clock, for the operators' time metrics.
int64_t SteadyNowMs();

// The final values of groups from their key columns and their aggregates' partial states
// (the states of `aggregates`, in order), as rows of `schema` (keys, then one column per
// aggregate).
Result<vector::Batch> FinalizeAggregates(const type::SchemaPtr& schema, const std::vector<plan::AggregateCall>& aggregates,
                                         std::vector<vector::ColumnPtr> keys,
                                         const std::vector<vector::ColumnPtr>& states, int64_t num_groups);

}  // namespace runnel::streaming
