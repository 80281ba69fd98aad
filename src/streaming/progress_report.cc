// The progress a MicroBatchExecution reports after each batch and while idle.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <ctime>

#include "streaming/micro_batch_execution.h"

namespace runnel::streaming {

// "2026-11-24T17:30:00.123Z"
std::string IsoTimestampMillis(int64_t micros) {
  int64_t ms = micros / 1000;
  if (micros < 0 && micros % 1000 != 0) --ms;
  std::time_t seconds = static_cast<std::time_t>(ms >= 0 ? ms / 1000 : (ms - 999) / 1000);
  int millis = static_cast<int>(ms - static_cast<int64_t>(seconds) * 1000);
  std::tm tm{};
  gmtime_r(&seconds, &tm);
  char buf[64];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1,
                tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec, millis);
  return buf;
}

namespace {
double PerSecond(int64_t rows, int64_t micros) {
  return micros > 0 ? static_cast<double>(rows) * 1e6 / static_cast<double>(micros) : 0.0;
}
}  // namespace

void MicroBatchExecution::ReportProgress(const PendingBatch& batch,
                                         const std::vector<std::optional<std::string>>& start_offsets,
                                         const std::map<std::string, int64_t>& durations,
                                         int64_t trigger_start_us, int64_t num_output_rows) {
  int64_t now = options_.clock->NowMicros();
  StreamingQueryProgress p;
  p.id = id();
  p.runId = options_.run_id;
  if (!options_.name.empty()) p.name = options_.name;
  p.timestamp = IsoTimestampMillis(trigger_start_us);
  p.batchId = batch.batch_id;
  p.batchDuration = (now - trigger_start_us) / 1000;
  p.durationMs = durations;
  int64_t since_last = last_trigger_start_us_ >= 0 ? trigger_start_us - last_trigger_start_us_ : 0;
  int64_t processing = now - trigger_start_us;
  for (size_t i = 0; i < sources_.size(); ++i) {
    const auto& s = sources_[i];
    SourceProgress sp;
    sp.description = s.source->Describe();
    sp.startOffset = start_offsets[i].value_or("");
    sp.endOffset = batch.offsets.offsets[i].value_or("");
    sp.latestOffset = sp.endOffset;
    sp.numInputRows = s.input->rows_read();
    sp.inputRowsPerSecond = PerSecond(sp.numInputRows, since_last);
    sp.processedRowsPerSecond = PerSecond(sp.numInputRows, processing);
    p.numInputRows += sp.numInputRows;
    p.sources.push_back(std::move(sp));
  }
  p.inputRowsPerSecond = PerSecond(p.numInputRows, since_last);
  p.processedRowsPerSecond = PerSecond(p.numInputRows, processing);
  p.sink.description = sink_->Describe();
  p.sink.numOutputRows = num_output_rows < 0 ? 0 : num_output_rows;
  p.stateOperators = batch_state_progress_;
  if (!watermark_ops_.empty()) {
    // Spark's eventTime: this batch's min, max and average event time, and its watermark.
    const exec::EventTimeStats& e = batch_event_stats_;
    if (e.count > 0) {
      p.eventTime["avg"] = IsoTimestampMillis(static_cast<int64_t>(e.sum_ms / static_cast<double>(e.count)) * 1000);
      p.eventTime["max"] = IsoTimestampMillis(e.max_ms * 1000);
      p.eventTime["min"] = IsoTimestampMillis(e.min_ms * 1000);
    }
    p.eventTime["watermark"] = IsoTimestampMillis(batch.offsets.metadata.batch_watermark_ms * 1000);
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    progress_.push_back(p);
    while (static_cast<int>(progress_.size()) > options_.num_recent_progress) progress_.pop_front();
  }
  last_idle_progress_us_ = now;
  if (options_.on_progress) options_.on_progress(p);
}

void MicroBatchExecution::ReportIdle(int64_t now_us) {
  // While idle, a progress event (no input rows) at most every noDataProgressEventInterval.
  bool first_idle = last_trigger_had_data_;
  if (first_idle && options_.on_idle) options_.on_idle();
  if (last_idle_progress_us_ >= 0 && now_us - last_idle_progress_us_ < options_.no_data_progress_interval_ms * 1000) {
    return;
  }
  if (last_idle_progress_us_ < 0) {  // nothing has run yet: start the interval now
    last_idle_progress_us_ = now_us;
    return;
  }
  StreamingQueryProgress p;
  p.id = id();
  p.runId = options_.run_id;
  if (!options_.name.empty()) p.name = options_.name;
  p.timestamp = IsoTimestampMillis(now_us);
  p.batchId = next_batch_id_;
  for (const auto& s : sources_) {
    SourceProgress sp;
    sp.description = s.source->Describe();
    sp.startOffset = sp.endOffset = sp.latestOffset = s.committed.value_or("");
    p.sources.push_back(std::move(sp));
  }
  p.sink.description = sink_->Describe();
  p.sink.numOutputRows = 0;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    progress_.push_back(p);
    while (static_cast<int>(progress_.size()) > options_.num_recent_progress) progress_.pop_front();
  }
  last_idle_progress_us_ = now_us;
  if (options_.on_progress) options_.on_progress(p);
}

}  // namespace runnel::streaming
