#include "streaming/watermark_tracker.h"

#include <algorithm>

#include "base/spelling.h"

namespace runnel::streaming {

Result<WatermarkTracker> WatermarkTracker::Make(const std::string& policy, int num_operators) {
  std::string p = base::ToLower(policy);
  if (p != "min" && p != "max") {
    return Status::InvalidArgument("Invalid value '" + policy + "' for " + kWatermarkPolicyConf +
                                   ". Valid values are 'min' and 'max'");
  }
  return WatermarkTracker(p == "max", num_operators);
}

void WatermarkTracker::Update(const std::vector<exec::EventTimeStats>& stats, const std::vector<int64_t>& delays_ms) {
  if (operator_ms_.empty()) return;
  for (size_t i = 0; i < operator_ms_.size() && i < stats.size(); ++i) {
    if (stats[i].count == 0) continue;  // no rows: the operator keeps its value
    int64_t proposed = stats[i].max_ms - delays_ms[i];
    if (!operator_ms_[i] || proposed > *operator_ms_[i]) operator_ms_[i] = proposed;
  }
  int64_t chosen = operator_ms_[0].value_or(0);
  for (const auto& v : operator_ms_) {
    chosen = use_max_ ? std::max(chosen, v.value_or(0)) : std::min(chosen, v.value_or(0));
  }
  global_ms_ = std::max(global_ms_, chosen);
}

}  // namespace runnel::streaming
