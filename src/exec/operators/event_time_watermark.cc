#include "exec/operators/event_time_watermark.h"

#include <algorithm>

#include "exec/operators/map_stream.h"
#include "exec/operators/operators.h"

namespace runnel::exec {

void EventTimeStats::Merge(const EventTimeStats& other) {
  min_ms = std::min(min_ms, other.min_ms);
  max_ms = std::max(max_ms, other.max_ms);
  sum_ms += other.sum_ms;
  count += other.count;
}

namespace {
// Microseconds to milliseconds, rounding down (Spark divides the timestamp by 1000).
int64_t FloorMillis(int64_t micros) { return micros >= 0 ? micros / 1000 : -((-micros + 999) / 1000); }
}  // namespace

Result<std::unique_ptr<vector::BatchStream>> EventTimeWatermarkOp::Execute(int partition, ExecContext& ctx) {
  RUNNEL_ASSIGN_OR_RAISE(auto input, children()[0]->Execute(partition, ctx));
  int column = column_;
  return std::unique_ptr<vector::BatchStream>(new MapStream(
      std::move(input), [this, column](vector::Batch b) -> Result<std::optional<vector::Batch>> {
        const vector::Column& ts = *b.column(column);
        const int64_t* values = ts.values<int64_t>();
        EventTimeStats local;
        for (int64_t i = 0; i < ts.length(); ++i) {
          if (!ts.IsValid(i)) continue;
          int64_t ms = FloorMillis(values[i]);
          local.min_ms = std::min(local.min_ms, ms);
          local.max_ms = std::max(local.max_ms, ms);
          local.sum_ms += static_cast<double>(ms);
          ++local.count;
        }
        if (local.count > 0) Record(local);
        return std::optional<vector::Batch>(std::move(b));
      }));
}

std::string EventTimeWatermarkOp::Describe() const {
  return "EventTimeWatermark " + schema()->field(column_).name + ", " + std::to_string(delay_micros_ / 1000) + " ms";
}

EventTimeStats EventTimeWatermarkOp::TakeStats() {
  std::lock_guard<std::mutex> lock(mutex_);
  EventTimeStats out = stats_;
  stats_ = EventTimeStats{};
  return out;
}

void EventTimeWatermarkOp::Record(const EventTimeStats& stats) {
  std::lock_guard<std::mutex> lock(mutex_);
  stats_.Merge(stats);
}

PhysicalOpPtr MakeEventTimeWatermark(PhysicalOpPtr child, int column, int64_t delay_micros) {
  return std::make_shared<EventTimeWatermarkOp>(std::move(child), column, delay_micros);
}

}  // namespace runnel::exec
