// Streaming aggregation (Spark's StateStoreRestore/Save): the final step of an aggregation over
// a stream. Per shuffle partition and micro-batch it merges the batch's partial aggregates into
// the states kept in the state store (one entry per group: key row -> partial-state row),
// commits the store as version batch + 1, and emits per the output mode:
//   complete: every group;  update: the groups this batch changed;
//   append:   the groups whose event-time key fell behind the watermark, once, then forgets them.
// With an event-time key (a watermarked timestamp, or a window over one) and append or update
// mode, input behind the watermark is dropped and counted, and old groups are evicted. The cost
// of a batch follows the number of groups it touches, not the size of the state (except in
// complete mode and when evicting, which read the whole partition's state).
//
// dropDuplicates on a stream (an Aggregate marked `deduplicate`: keys plus first() of the other
// columns) runs here too, as Spark's StreamingDeduplicate: a key's first row is emitted once and
// the key remembered; later rows with a stored key are dropped. With the event-time column among
// the keys, rows behind the watermark are dropped and old keys forgotten.
#pragma once

#include <string>
#include <vector>

#include "streaming/stateful_operator.h"

namespace runnel::streaming {

class StatefulAggregateOp final : public StatefulOperator {
 public:
  // `event_time_column`: the column of the partial rows holding event time (-1: none): a
  // grouping key, or (dropDuplicatesWithinWatermark) the first() state of the event-time
  // column; a STRUCT is a window, judged by its `end`. A group expires when its event time plus
  // `expiry_delay_micros` is at or behind the watermark.
  StatefulAggregateOp(exec::PhysicalOpPtr exchange, const plan::LogicalPlan& aggregate, type::SchemaPtr partial_schema,
                      int operator_id, int event_time_column, int64_t expiry_delay_micros,
                      const StatefulOperatorContext* context);

  std::string Describe() const override;
  bool has_event_time_key() const override { return event_time_column_ >= 0; }
  StateOperatorProgress TakeProgress() override;

 private:
  Result<std::vector<vector::Batch>> RunPartition(int partition, std::vector<vector::Batch> input) override;
  // Whether row `row`'s event time (key column `column`) is at or behind the watermark.
  bool IsLate(const vector::Column& column, int64_t row, int64_t watermark_ms) const;
  // A stored group's event time in microseconds (INT64_MAX when unknown: never evicted).
  int64_t EventTimeMicros(const std::vector<type::Value>& key, const std::vector<type::Value>& value) const;
  static int64_t EventTimeMicros(const type::Value& event_time);

  std::vector<plan::AggregateCall> aggregates_;
  type::SchemaPtr partial_schema_;
  int num_keys_;
  int event_time_column_;
  int64_t expiry_delay_micros_;
  bool deduplicate_;
};

}  // namespace runnel::streaming
