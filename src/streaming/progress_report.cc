// The progress a MicroBatchExecution reports after each batch and while idle.
#include "format/cell_formatter.h"
#include "streaming/micro_batch_execution.h"

namespace runnel::streaming {

namespace {
// "2026-11-24T17:30:00.123Z", as Spark prints progress timestamps.
std::string IsoTimestampMillis(int64_t micros) {
  std::string out;
  format::AppendIsoTimestamp(micros, &out);
  return out;
}
}  // namespace

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
  StreamingQueryProgress p = NewProgress(trigger_start_us, batch.batch_id);
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
  Publish(std::move(p), now);
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
  StreamingQueryProgress p = NewProgress(now_us, next_batch_id_);
  for (const auto& s : sources_) {
    SourceProgress sp;
    sp.description = s.source->Describe();
    sp.startOffset = sp.endOffset = sp.latestOffset = s.committed.value_or("");
    p.sources.push_back(std::move(sp));
  }
  p.sink.description = sink_->Describe();
  p.sink.numOutputRows = 0;
  Publish(std::move(p), now_us);
}

StreamingQueryProgress MicroBatchExecution::NewProgress(int64_t timestamp_us, int64_t batch_id) const {
  StreamingQueryProgress p;
  p.id = id();
  p.runId = options_.run_id;
  if (!options_.name.empty()) p.name = options_.name;
  p.timestamp = IsoTimestampMillis(timestamp_us);
  p.batchId = batch_id;
  return p;
}

void MicroBatchExecution::Publish(StreamingQueryProgress p, int64_t now_us) {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    progress_.push_back(p);
    while (static_cast<int>(progress_.size()) > options_.num_recent_progress) progress_.pop_front();
  }
  last_idle_progress_us_ = now_us;
  if (options_.on_progress) options_.on_progress(p);
}

}  // namespace runnel::streaming
