// The event-time watermark (Spark's WatermarkTracker, SPARK_SEMANTICS.md 2.1). After each
// micro-batch, every EventTimeWatermark operator that saw rows proposes max(event time) - delay;
// an operator's value only goes up, one that never saw a row counts as 0. The global watermark
// is the min (default) or max of them (runnel.sql.streaming.multipleWatermarkPolicy, pinned in
// the checkpoint) and never decreases. Batch N runs with the value computed after batch N-1.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"
#include "exec/operators/event_time_watermark.h"

namespace runnel::streaming {

inline constexpr const char* kWatermarkPolicyConf = "runnel.sql.streaming.multipleWatermarkPolicy";

class WatermarkTracker {
 public:
  // `policy`: "min" or "max" (any case).
  static Result<WatermarkTracker> Make(const std::string& policy, int num_operators);

  // Folds one batch's statistics (one entry per operator, in plan order) into the watermark.
  void Update(const std::vector<exec::EventTimeStats>& stats, const std::vector<int64_t>& delays_ms);
  int64_t current_ms() const { return global_ms_; }
  // After a restart: the watermark recorded in the checkpoint.
  void Restore(int64_t ms) { global_ms_ = std::max(global_ms_, ms); }

 private:
  WatermarkTracker(bool use_max, int num_operators) : use_max_(use_max), operator_ms_(num_operators) {}

  bool use_max_;
  std::vector<std::optional<int64_t>> operator_ms_;
  int64_t global_ms_ = 0;
};

}  // namespace runnel::streaming
