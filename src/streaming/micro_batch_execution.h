// The micro-batch engine (Spark's MicroBatchExecution). A query is analyzed, checked and
// planned once; each trigger asks the sources for new offsets, writes offsets/N (the write-ahead
// log), points the plan's inputs at the new rows, runs the same physical plan into the sink,
// then writes commits/N. After a crash, the batch in offsets/N without commits/N is re-run with
// exactly the same offsets and batch timestamp, and exactly-once sinks skip batches they had
// already committed (SPARK_SEMANTICS.md 1.8, 2.5-2.7; docs/streaming.md).
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/thread_pool.h"
#include "exec/physical_op.h"
#include "function/registry.h"
#include "io/file_system.h"
#include "plan/logical_plan.h"
#include "runnel/streaming_query.h"
#include "streaming/checkpoint.h"
#include "streaming/sink.h"
#include "streaming/source.h"
#include "streaming/stateful_operator.h"
#include "streaming/streaming_relation.h"
#include "streaming/watermark_tracker.h"

namespace runnel::streaming {

// Where tests inject a crash: a non-OK status fails the query at that point, as if the process
// had died there. Points: "offsets write", "sink write", "sink commit", "commits write".
using FaultPoint = std::function<Status(const std::string& point, int64_t batch_id)>;

struct ExecutionOptions {
  std::string name;  // "" for none
  std::string run_id;
  std::string checkpoint_root;
  std::shared_ptr<io::FileSystem> fs;
  base::Clock* clock = nullptr;
  base::ThreadPool* pool = nullptr;
  const function::FunctionRegistry* registry = nullptr;
  Trigger trigger;
  OutputMode mode = OutputMode::kAppend;
  // Settings recorded in offsets/N; on restart the checkpoint's values win.
  std::map<std::string, std::string> conf;
  int64_t min_batches_to_retain = 100;
  int64_t no_data_progress_interval_ms = 10000;
  int num_recent_progress = 100;
  // runnel.sql.streaming.noDataMicroBatches.enabled: run a batch without new data when the
  // watermark moved and a stateful operator would emit or evict (Spark's default: on).
  bool no_data_batches = true;
  FaultPoint fault_point;
  std::function<void(const StreamingQueryProgress&)> on_progress;
  std::function<void()> on_idle;
};

// The settings a checkpoint pins: a restart must use the values of the first run.
inline constexpr const char* kShufflePartitionsConf = "runnel.sql.shuffle.partitions";
// "memory" (the default) or "rocksdb": where stateful operators keep their state.
inline constexpr const char* kStateStoreProviderConf = "runnel.sql.streaming.stateStore.provider";

class MicroBatchExecution {
 public:
  // Opens the checkpoint, creates the sources, plans the query and recovers the position.
  static Result<std::unique_ptr<MicroBatchExecution>> Make(const plan::PlanPtr& plan, SinkPtr sink,
                                                           ExecutionOptions options);
  ~MicroBatchExecution();

  // Runs triggers until the trigger is done (Once, AvailableNow), Stop() or a failure.
  Status Run();
  // One trigger, synchronously (golden tests drive queries this way, without a thread): runs
  // the pending or next batch if there is one. Returns whether a batch ran.
  Result<bool> RunOneTrigger();
  void Stop();
  // Blocks until a trigger that began after this call found no new data, or the run ended.
  void AwaitAllAvailable();
  // Run() has returned (or is returning).
  bool finished() const;

  const std::string& id() const { return checkpoint_->query_id(); }
  const ExecutionOptions& options() const { return options_; }
  StreamingQueryStatus status() const;
  // The event-time watermark the next batch runs with (0 until one is computed).
  int64_t watermark_ms() const { return watermark_ms_; }
  std::vector<StreamingQueryProgress> recentProgress() const;
  std::string ExplainString(bool extended) const;

 private:
  struct SourceState {
    SourcePtr source;
    std::shared_ptr<MicroBatchInput> input;
    std::optional<std::string> committed;  // end offset of the last committed batch
    int wake_token = -1;
  };
  struct PendingBatch {
    int64_t batch_id = 0;
    OffsetSeq offsets;
  };

  MicroBatchExecution(SinkPtr sink, ExecutionOptions options) : sink_(std::move(sink)), options_(std::move(options)) {}
  Result<plan::PlanPtr> AttachSources(const plan::PlanPtr& plan);
  Status Plan(const plan::PlanPtr& plan);
  Status Recover();
  // Whether a batch must run without new data: a stateful operator would emit or evict because
  // the watermark moved since the last batch (Spark's no-data batches).
  bool NeedsNoDataBatch() const;
  // Decides whether a batch runs now; if so writes offsets/N and sets pending_.
  Result<bool> ConstructNextBatch(std::map<std::string, int64_t>& durations);
  Status RunBatch(std::map<std::string, int64_t>& durations, int64_t trigger_start_us);
  void ReportProgress(const PendingBatch& batch, const std::vector<std::optional<std::string>>& start_offsets,
                      const std::map<std::string, int64_t>& durations,
                      int64_t trigger_start_us, int64_t num_output_rows);
  void ReportIdle(int64_t now_us);
  // A progress entry with the query's identity; Publish() keeps it and tells the listeners.
  StreamingQueryProgress NewProgress(int64_t timestamp_us, int64_t batch_id) const;
  void Publish(StreamingQueryProgress p, int64_t now_us);
  Status Fault(const char* point, int64_t batch_id) const;
  void SetStatus(const std::string& message, bool data_available, bool trigger_active);
  // Sleeps until `deadline_us` on the query's clock, waking early on Stop(), and on Wake()
  // when `wakeable` (new data ends the default trigger's wait, never an interval's).
  void WaitUntil(int64_t deadline_us, bool wakeable);
  void Wake();

  SinkPtr sink_;
  ExecutionOptions options_;
  std::shared_ptr<Checkpoint> checkpoint_;
  std::vector<SourceState> sources_;
  plan::PlanPtr analyzed_, optimized_;
  exec::PhysicalOpPtr physical_;
  std::vector<exec::EventTimeWatermarkOp*> watermark_ops_;  // in plan order; owned by physical_
  std::optional<WatermarkTracker> tracker_;
  exec::EventTimeStats batch_event_stats_;  // this batch's, over every watermark operator
  StatefulOperatorContext stateful_context_;       // read by the stateful operators while a batch runs
  std::vector<StatefulOperator*> stateful_ops_;  // owned by physical_
  std::vector<StateOperatorProgress> batch_state_progress_;
  // The watermark the last batch ran with: the next batch's late-events watermark (-1: none
  // yet; the first batch uses its own).
  int64_t last_run_watermark_ms_ = -1;
  int shuffle_partitions_ = 8;
  std::map<std::string, std::string> conf_;  // effective (checkpoint wins)

  int64_t next_batch_id_ = 0;
  int64_t watermark_ms_ = 0;
  std::optional<PendingBatch> pending_;
  int64_t last_trigger_start_us_ = -1;
  int64_t last_idle_progress_us_ = -1;
  bool last_trigger_had_data_ = true;
  std::atomic<bool> cancelled_{false};

  mutable std::mutex mutex_;
  std::condition_variable cv_;
  bool stop_requested_ = false;
  bool woken_ = false;
  bool finished_ = false;
  int64_t triggers_started_ = 0;  // guarded by mutex_
  int64_t last_idle_trigger_ = -1;
  bool prepared_available_now_ = false;
  StreamingQueryStatus status_;
  std::deque<StreamingQueryProgress> progress_;
};

}  // namespace runnel::streaming
