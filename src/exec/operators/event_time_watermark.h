// EventTimeWatermark: passes rows through unchanged and records the min, max, sum and count of
// the event-time column (in milliseconds, as Spark's EventTimeStats) for the streaming engine,
// which turns the max into the next batch's watermark (max - delay). Every row reaching the
// operator counts, whether or not a later filter drops it.
#pragma once

#include <cstdint>
#include <limits>
#include <mutex>

#include "exec/physical_op.h"

namespace runnel::exec {

struct EventTimeStats {
  int64_t min_ms = std::numeric_limits<int64_t>::max();
  int64_t max_ms = std::numeric_limits<int64_t>::min();
  double sum_ms = 0;
  int64_t count = 0;
  void Merge(const EventTimeStats& other);
};

class EventTimeWatermarkOp final : public PhysicalOp {
 public:
  EventTimeWatermarkOp(PhysicalOpPtr child, int column, int64_t delay_micros)
      : PhysicalOp(child->schema(), {child}), column_(column), delay_micros_(delay_micros) {}

  int NumPartitions() const override { return children()[0]->NumPartitions(); }
  Result<std::unique_ptr<vector::BatchStream>> Execute(int partition, ExecContext& ctx) override;
  std::string Describe() const override;

  int64_t delay_micros() const { return delay_micros_; }
  // The statistics since the last reset (one micro-batch).
  EventTimeStats TakeStats();
  void Record(const EventTimeStats& stats);

 private:
  int column_;
  int64_t delay_micros_;
  std::mutex mutex_;
  EventTimeStats stats_;
};

}  // namespace runnel::exec
