#include "streaming/micro_batch_execution.h"

#include <algorithm>
#include <chrono>
#include <map>

#include "base/spelling.h"
#include "base/uuid.h"
#include "exec/physical_planner.h"
#include "optimizer/optimizer.h"
#include "plan/analyzer.h"
#include "plan/streaming_support.h"
#include "state/state_schema.h"
#include "streaming/batch_output.h"
#include "streaming/sources/memory_source.h"
#include "streaming/stateful_aggregate.h"
#include "streaming/stateful_session.h"

namespace runnel::streaming {

namespace {
constexpr int64_t kPollingDelayUs = 10'000;  // Spark's pollingDelay: the default trigger's idle wait

int64_t ElapsedMs(int64_t start_us, base::Clock* clock) { return (clock->NowMicros() - start_us) / 1000; }

// Times one step into durations[key] (ms, on the query's clock).
template <typename F>
auto Timed(std::map<std::string, int64_t>& durations, const char* key, base::Clock* clock, F&& fn) {
  int64_t start = clock->NowMicros();
  auto result = fn();
  durations[key] += ElapsedMs(start, clock);
  return result;
}
}  // namespace

MicroBatchExecution::~MicroBatchExecution() {
  for (auto& s : sources_) {
    if (s.wake_token >= 0) {
      if (auto* memory = dynamic_cast<MemorySource*>(s.source.get())) memory->RemoveWakeup(s.wake_token);
    }
    s.source->Stop();
  }
}

Result<std::unique_ptr<MicroBatchExecution>> MicroBatchExecution::Make(const plan::PlanPtr& plan, SinkPtr sink,
                                                                       ExecutionOptions options) {
  std::unique_ptr<MicroBatchExecution> exec(new MicroBatchExecution(std::move(sink), std::move(options)));
  auto& opts = exec->options_;
  if (opts.trigger.kind == Trigger::Kind::kProcessingTime && !opts.trigger.error.empty()) {
    return Status::InvalidArgument(opts.trigger.error);
  }
  RUNNEL_ASSIGN_OR_RAISE(exec->checkpoint_, Checkpoint::Open(opts.fs, opts.checkpoint_root, base::RandomUuid()));
  // The settings a checkpoint pins win over the session's (offsets/N carries them).
  exec->conf_ = opts.conf;
  RUNNEL_ASSIGN_OR_RAISE(auto latest, exec->checkpoint_->LatestOffsetsId());
  if (latest) {
    RUNNEL_ASSIGN_OR_RAISE(auto seq, exec->checkpoint_->ReadOffsets(*latest));
    if (seq) {
      for (const auto& [key, value] : seq->metadata.conf) exec->conf_[key] = value;
    }
  }
  if (auto it = exec->conf_.find(kShufflePartitionsConf); it != exec->conf_.end()) {
    exec->shuffle_partitions_ = std::max(1, std::atoi(it->second.c_str()));
  }
  RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr attached, exec->AttachSources(plan));
  RUNNEL_RETURN_NOT_OK(exec->Plan(attached));
  std::string policy = exec->conf_.count(kWatermarkPolicyConf) ? exec->conf_[kWatermarkPolicyConf] : "min";
  RUNNEL_ASSIGN_OR_RAISE(WatermarkTracker tracker,
                         WatermarkTracker::Make(policy, static_cast<int>(exec->watermark_ops_.size())));
  exec->tracker_ = std::move(tracker);
  RUNNEL_RETURN_NOT_OK(exec->Recover());
  exec->tracker_->Restore(exec->watermark_ms_);
  return exec;
}

namespace {
const plan::LogicalPlan* FindWatermark(const plan::LogicalPlan& plan) {
  if (plan.kind == plan::PlanKind::kEventTimeWatermark) return &plan;
  for (const auto& c : plan.children) {
    if (const auto* w = FindWatermark(*c)) return w;
  }
  return nullptr;
}
}  // namespace

// dropDuplicatesWithinWatermark: where the partial rows hold the first row's event time (a key,
// or the `value` state of first(ts)), and the watermark's delay (a key expires at ts + delay).
Result<std::pair<int, int64_t>> WithinWatermarkEventTime(const plan::LogicalPlan& aggregate) {
  const plan::LogicalPlan* watermark = FindWatermark(aggregate);
  if (watermark == nullptr) {
    return Status::Analysis("dropDuplicatesWithinWatermark is not supported on streaming DataFrames/DataSets without watermark");
  }
  const std::string& name = watermark->exprs[0]->name;
  for (size_t i = 0; i < aggregate.group_by.size(); ++i) {
    if (base::EqualsIgnoreCase(aggregate.group_by[i]->name, name)) return std::make_pair(static_cast<int>(i), watermark->delay_micros);
  }
  int column = static_cast<int>(aggregate.group_by.size());
  for (const auto& a : aggregate.aggregates) {
    if (a.function == "first" && a.args.size() == 1 && base::EqualsIgnoreCase(a.args[0]->name, name)) {
      return std::make_pair(column, watermark->delay_micros);
    }
    column += static_cast<int>(a.bound->state_fields.size());
  }
  return Status::Analysis("dropDuplicatesWithinWatermark: the event-time column " + name + " is not in the rows");
}

Result<plan::PlanPtr> MicroBatchExecution::AttachSources(const plan::PlanPtr& root) {
  std::map<const plan::DataSource*, std::shared_ptr<MicroBatchInput>> inputs;
  std::function<Result<plan::PlanPtr>(const plan::PlanPtr&)> rewrite =
      [&](const plan::PlanPtr& node) -> Result<plan::PlanPtr> {
    if (node->kind == plan::PlanKind::kScan) {
      auto* relation = dynamic_cast<StreamingRelation*>(node->source.get());
      if (!relation) return node;
      auto found = inputs.find(relation);
      if (found == inputs.end()) {
        RUNNEL_ASSIGN_OR_RAISE(type::SchemaPtr schema, relation->schema());
        SourceContext context{options_.fs, options_.clock, checkpoint_->SourcePath(static_cast<int>(sources_.size()))};
        RUNNEL_ASSIGN_OR_RAISE(SourcePtr source, relation->factory()(context));
        auto input = std::make_shared<MicroBatchInput>(source->Describe(), schema);
        SourceState state{source, input, std::nullopt, -1};
        if (auto* memory = dynamic_cast<MemorySource*>(source.get())) {
          state.wake_token = memory->AddWakeup([this] { Wake(); });
        }
        sources_.push_back(std::move(state));
        found = inputs.emplace(relation, input).first;
      }
      auto copy = std::make_shared<plan::LogicalPlan>(*node);
      copy->source = found->second;
      return plan::PlanPtr(copy);
    }
    std::vector<plan::PlanPtr> children;
    for (const auto& c : node->children) {
      RUNNEL_ASSIGN_OR_RAISE(auto child, rewrite(c));
      children.push_back(std::move(child));
    }
    return plan::WithChildren(node, std::move(children));
  };
  return rewrite(root);
}

Status MicroBatchExecution::Plan(const plan::PlanPtr& plan) {
  RUNNEL_ASSIGN_OR_RAISE(analyzed_, plan::Analyzer(*options_.registry).Analyze(plan));
  RUNNEL_RETURN_NOT_OK(plan::CheckStreamingSupport(analyzed_, options_.mode));
  RUNNEL_RETURN_NOT_OK(sink_->CheckOutputMode(options_.mode));
  RUNNEL_ASSIGN_OR_RAISE(optimized_, optimizer::Optimize(analyzed_, *options_.registry));
  stateful_context_.state_root = checkpoint_->StatePath();
  stateful_context_.fs = options_.fs;
  stateful_context_.config.provider = conf_.count(kStateStoreProviderConf) ? conf_[kStateStoreProviderConf] : "memory";
  exec::PlannerHooks hooks;
  // The SessionAssignOp planned for the session aggregation being planned (a Sessionize is
  // planned just before the Aggregate above it).
  SessionAssignOp* last_assign = nullptr;
  hooks.sessionize = [&](exec::PhysicalOpPtr child, const plan::PlanPtr& sessionize) -> Result<exec::PhysicalOpPtr> {
    bool drops_late = options_.mode == plan::OutputMode::kAppend && plan::IsWatermarked(*sessionize, sessionize->exprs[0]);
    auto op = std::make_shared<SessionAssignOp>(std::move(child), sessionize->exprs[0], sessionize->exprs[1],
                                                sessionize->schema, drops_late, &stateful_context_);
    last_assign = op.get();
    return exec::PhysicalOpPtr(op);
  };
  hooks.stateful_aggregate = [&](exec::PhysicalOpPtr exchange, const plan::PlanPtr& aggregate,
                                 type::SchemaPtr partial_schema) -> Result<exec::PhysicalOpPtr> {
    int id = static_cast<int>(stateful_ops_.size());
    if (aggregate->session_key >= 0) {
      // Sessions close (append mode, a watermark on their time) exactly when late rows drop.
      bool closes = last_assign != nullptr && last_assign->drops_late();
      auto op = std::make_shared<StatefulSessionOp>(std::move(exchange), *aggregate, std::move(partial_schema), id,
                                                    closes, last_assign, &stateful_context_);
      last_assign = nullptr;
      stateful_ops_.push_back(op.get());
      return exec::PhysicalOpPtr(op);
    }
    int event_time_column = plan::EventTimeKeyIndex(*aggregate);
    int64_t expiry_delay = 0;
    if (aggregate->within_watermark) {
      RUNNEL_ASSIGN_OR_RAISE(auto source, WithinWatermarkEventTime(*aggregate));
      event_time_column = source.first;
      expiry_delay = source.second;
    }
    auto op = std::make_shared<StatefulAggregateOp>(std::move(exchange), *aggregate, std::move(partial_schema), id,
                                                    event_time_column, expiry_delay, &stateful_context_);
    stateful_ops_.push_back(op.get());
    return exec::PhysicalOpPtr(op);
  };
  RUNNEL_ASSIGN_OR_RAISE(physical_, exec::PlanPhysical(optimized_, shuffle_partitions_, hooks));
  for (auto* op : stateful_ops_) {
    // The state must be read with the schema it was written with.
    state::StateStoreId id{stateful_context_.state_root, op->operator_id(), 0, "default"};
    RUNNEL_RETURN_NOT_OK(state::CheckStateSchema(*options_.fs, id, *op->key_schema(), *op->value_schema()));
  }
  std::function<void(const exec::PhysicalOpPtr&)> find_watermarks = [&](const exec::PhysicalOpPtr& op) {
    for (const auto& c : op->children()) find_watermarks(c);
    if (auto* w = dynamic_cast<exec::EventTimeWatermarkOp*>(op.get())) watermark_ops_.push_back(w);
  };
  find_watermarks(physical_);
  sink_->SetQueryId(checkpoint_->query_id());
  return sink_->Open(physical_->schema(), options_.mode);
}

Status MicroBatchExecution::Recover() {
  RUNNEL_ASSIGN_OR_RAISE(auto latest, checkpoint_->LatestOffsetsId());
  if (!latest) return Status::OK();  // a fresh start: batch 0, watermark 0
  RUNNEL_ASSIGN_OR_RAISE(auto end_seq, checkpoint_->ReadOffsets(*latest));
  if (end_seq->offsets.size() != sources_.size()) {
    return Status::InvalidArgument("The checkpoint " + checkpoint_->root() + " records " +
                                   std::to_string(end_seq->offsets.size()) + " source(s) but the query reads " +
                                   std::to_string(sources_.size()) +
                                   ": the number of sources must not change between restarts");
  }
  std::vector<std::optional<std::string>> start(sources_.size());
  int64_t prev_watermark_ms = -1;
  if (*latest > 0) {
    RUNNEL_ASSIGN_OR_RAISE(auto prev, checkpoint_->ReadOffsets(*latest - 1));
    if (!prev) {
      return Status::Corruption("The checkpoint " + checkpoint_->root() + " has offsets/" + std::to_string(*latest) +
                                " but batch " + std::to_string(*latest - 1) + " doesn't exist in the offset log");
    }
    start = prev->offsets;
    prev_watermark_ms = prev->metadata.batch_watermark_ms;
  }
  RUNNEL_ASSIGN_OR_RAISE(auto last_commit, checkpoint_->LatestCommitId());
  if (last_commit && *last_commit > *latest) {
    return Status::Corruption("The checkpoint " + checkpoint_->root() + " has commits/" + std::to_string(*last_commit) +
                              " beyond the latest offsets/" + std::to_string(*latest));
  }
  if (last_commit && *last_commit == *latest) {
    // The last batch finished: the next one starts where it ended.
    RUNNEL_ASSIGN_OR_RAISE(auto commit, checkpoint_->ReadCommit(*latest));
    for (size_t i = 0; i < sources_.size(); ++i) sources_[i].committed = end_seq->offsets[i];
    next_batch_id_ = *latest + 1;
    watermark_ms_ = std::max(end_seq->metadata.batch_watermark_ms, commit->next_batch_watermark_ms);
    // A watermark ahead of the one the last batch ran with means a no-data batch is due: a
    // restarted query (Trigger.Once's next run) emits and evicts what the last batch closed.
    last_run_watermark_ms_ = end_seq->metadata.batch_watermark_ms;
    return Status::OK();
  }
  // Batch `latest` was planned but not committed: run it again with exactly its offsets,
  // watermark and timestamp.
  for (size_t i = 0; i < sources_.size(); ++i) sources_[i].committed = start[i];
  next_batch_id_ = *latest;
  watermark_ms_ = end_seq->metadata.batch_watermark_ms;
  last_run_watermark_ms_ = prev_watermark_ms;  // its late-events watermark, as on its first run
  pending_ = PendingBatch{*latest, *end_seq};
  return Status::OK();
}

bool MicroBatchExecution::NeedsNoDataBatch() const {
  if (!options_.no_data_batches || options_.mode == plan::OutputMode::kComplete) return false;
  bool evicts = false;
  for (auto* op : stateful_ops_) evicts |= op->has_event_time_key();
  return evicts && tracker_->current_ms() > last_run_watermark_ms_ && last_run_watermark_ms_ >= 0;
}

Status MicroBatchExecution::Fault(const char* point, int64_t batch_id) const {
  return options_.fault_point ? options_.fault_point(point, batch_id) : Status::OK();
}

Result<bool> MicroBatchExecution::ConstructNextBatch(std::map<std::string, int64_t>& durations) {
  SetStatus("Getting offsets from sources", false, true);
  OffsetSeq seq;
  bool new_data = false;
  int64_t start = options_.clock->NowMicros();
  for (auto& s : sources_) {
    ReadLimit limit = options_.trigger.kind == Trigger::Kind::kOnce ? ReadLimit::All() : s.source->DefaultReadLimit();
    RUNNEL_ASSIGN_OR_RAISE(auto latest, s.source->LatestOffset(s.committed, limit));
    if (latest != s.committed) new_data = true;
    seq.offsets.push_back(latest);
  }
  durations["latestOffset"] += ElapsedMs(start, options_.clock);
  if (!new_data && !NeedsNoDataBatch()) return false;

  seq.metadata.batch_timestamp_ms = options_.clock->NowMicros() / 1000;
  seq.metadata.batch_watermark_ms = watermark_ms_;
  seq.metadata.conf = conf_;
  SetStatus("Writing offsets to log", true, true);
  RUNNEL_RETURN_NOT_OK(Fault("offsets write", next_batch_id_));
  RUNNEL_RETURN_NOT_OK(Timed(durations, "walCommit", options_.clock, [&] {
    RUNNEL_RETURN_NOT_OK(checkpoint_->WriteOffsets(next_batch_id_, seq));
    // offsets/N is durable: the sources may forget what batch N-1 read.
    for (auto& s : sources_) {
      if (s.committed) RUNNEL_RETURN_NOT_OK(s.source->Commit(*s.committed));
    }
    return checkpoint_->Purge(next_batch_id_, options_.min_batches_to_retain);
  }));
  pending_ = PendingBatch{next_batch_id_, std::move(seq)};
  return true;
}

Status MicroBatchExecution::RunBatch(std::map<std::string, int64_t>& durations, int64_t trigger_start_us) {
  const PendingBatch& batch = *pending_;
  SetStatus("Processing new data", true, true);
  RUNNEL_RETURN_NOT_OK(Timed(durations, "getBatch", options_.clock, [&]() -> Status {
    for (size_t i = 0; i < sources_.size(); ++i) {
      auto& s = sources_[i];
      const auto& end = batch.offsets.offsets[i];
      if (!end || end == s.committed) {
        s.input->Set(nullptr);
        continue;
      }
      RUNNEL_ASSIGN_OR_RAISE(auto data, s.source->GetBatch(s.committed, *end));
      // Resolving the schema lists and splits the batch's files: the number of partitions must
      // be known before the plan runs, and a source's errors surface here.
      RUNNEL_RETURN_NOT_OK(data->schema().status());
      s.input->Set(std::move(data));
    }
    return Status::OK();
  }));

  exec::ExecContext ctx;
  if (options_.pool != nullptr) ctx.pool = options_.pool;
  ctx.shuffle_partitions = shuffle_partitions_;
  ctx.cancelled = &cancelled_;
  // current_timestamp() is the batch's timestamp, the same when the batch is re-run.
  ctx.kernel.query_timestamp_micros = batch.offsets.metadata.batch_timestamp_ms * 1000;
  for (auto* op : watermark_ops_) (void)op->TakeStats();  // a failed earlier attempt's
  for (auto* op : stateful_ops_) (void)op->TakeProgress();
  const int64_t eviction_ms = batch.offsets.metadata.batch_watermark_ms;
  stateful_context_.batch =
      StatefulBatch{batch.batch_id, last_run_watermark_ms_ >= 0 ? last_run_watermark_ms_ : eviction_ms, eviction_ms,
                    options_.mode};
  PlanBatchOutput output(physical_, ctx, [&] { return Fault("sink commit", batch.batch_id); });
  RUNNEL_RETURN_NOT_OK(Fault("sink write", batch.batch_id));
  RUNNEL_RETURN_NOT_OK(Timed(durations, "addBatch", options_.clock, [&] { return sink_->AddBatch(batch.batch_id, output); }));

  // The watermark the next batch runs with, from the event times this batch saw.
  std::vector<exec::EventTimeStats> stats;
  std::vector<int64_t> delays;
  batch_event_stats_ = exec::EventTimeStats{};
  for (auto* op : watermark_ops_) {
    stats.push_back(op->TakeStats());
    delays.push_back(op->delay_micros() / 1000);
    batch_event_stats_.Merge(stats.back());
  }
  tracker_->Update(stats, delays);
  batch_state_progress_.clear();
  for (auto* op : stateful_ops_) batch_state_progress_.push_back(op->TakeProgress());
  last_run_watermark_ms_ = batch.offsets.metadata.batch_watermark_ms;
  RUNNEL_RETURN_NOT_OK(Fault("commits write", batch.batch_id));
  CommitMetadata commit;
  commit.next_batch_watermark_ms = tracker_->current_ms();
  RUNNEL_RETURN_NOT_OK(Timed(durations, "commitOffsets", options_.clock,
                             [&] { return checkpoint_->WriteCommit(batch.batch_id, commit); }));
  std::vector<std::optional<std::string>> start_offsets;
  for (size_t i = 0; i < sources_.size(); ++i) {
    start_offsets.push_back(sources_[i].committed);
    if (batch.offsets.offsets[i]) sources_[i].committed = batch.offsets.offsets[i];
  }
  durations["triggerExecution"] = ElapsedMs(trigger_start_us, options_.clock);
  ReportProgress(batch, start_offsets, durations, trigger_start_us, output.num_rows());
  for (auto& s : sources_) s.input->Set(nullptr);  // let the batch's rows go
  next_batch_id_ = batch.batch_id + 1;
  watermark_ms_ = tracker_->current_ms();
  pending_.reset();
  return Status::OK();
}

Result<bool> MicroBatchExecution::RunOneTrigger() {
  if (options_.trigger.kind == Trigger::Kind::kAvailableNow && !prepared_available_now_) {
    for (auto& s : sources_) RUNNEL_RETURN_NOT_OK(s.source->PrepareForAvailableNow());
    prepared_available_now_ = true;
  }
  int64_t trigger_id;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    trigger_id = ++triggers_started_;
    woken_ = false;
  }
  int64_t trigger_start = options_.clock->NowMicros();
  std::map<std::string, int64_t> durations;
  bool ran = pending_.has_value();
  if (!ran) {
    RUNNEL_ASSIGN_OR_RAISE(ran, ConstructNextBatch(durations));
  }
  if (ran) RUNNEL_RETURN_NOT_OK(RunBatch(durations, trigger_start));
  last_trigger_start_us_ = trigger_start;
  if (!ran) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      last_idle_trigger_ = trigger_id;
    }
    cv_.notify_all();
    ReportIdle(options_.clock->NowMicros());
  }
  last_trigger_had_data_ = ran;
  return ran;
}

Status MicroBatchExecution::Run() {
  const Trigger& trigger = options_.trigger;
  Status result;
  while (true) {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (stop_requested_) break;
    }
    int64_t trigger_start = options_.clock->NowMicros();
    Result<bool> ran = RunOneTrigger();
    if (!ran.ok()) {
      bool stopping;
      {
        std::lock_guard<std::mutex> lock(mutex_);
        stopping = stop_requested_;
      }
      // A batch cut short by stop() is not a failure: it runs again on the next start.
      if (!(stopping && ran.status().code() == StatusCode::kCancelled)) result = ran.status();
      break;
    }
    if (trigger.kind == Trigger::Kind::kOnce) break;
    if (trigger.kind == Trigger::Kind::kAvailableNow && !*ran) break;
    if (trigger.kind == Trigger::Kind::kProcessingTime && trigger.interval_ms > 0) {
      int64_t interval = trigger.interval_ms * 1000;
      SetStatus("Waiting for next trigger", false, false);
      WaitUntil(trigger_start / interval * interval + interval, /*wakeable=*/false);
    } else if (!*ran) {
      SetStatus("Waiting for data to arrive", false, false);
      WaitUntil(options_.clock->NowMicros() + kPollingDelayUs, /*wakeable=*/true);
    }
  }
  {
    std::lock_guard<std::mutex> lock(mutex_);
    finished_ = true;
    status_ = StreamingQueryStatus{"Stopped", false, false};
  }
  cv_.notify_all();
  return result;
}

void MicroBatchExecution::WaitUntil(int64_t deadline_us, bool wakeable) {
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stop_requested_ && !(wakeable && woken_) && options_.clock->NowMicros() < deadline_us) {
    int64_t remaining = deadline_us - options_.clock->NowMicros();
    // The clock may be a manual one that a test moves: look again at least every polling delay.
    cv_.wait_for(lock, std::chrono::microseconds(std::clamp<int64_t>(remaining, 1, kPollingDelayUs)));
  }
}

void MicroBatchExecution::Wake() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    woken_ = true;
  }
  cv_.notify_all();
}

void MicroBatchExecution::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stop_requested_ = true;
  }
  cancelled_ = true;
  cv_.notify_all();
}

void MicroBatchExecution::AwaitAllAvailable() {
  std::unique_lock<std::mutex> lock(mutex_);
  int64_t after = triggers_started_;
  woken_ = true;
  cv_.notify_all();
  cv_.wait(lock, [&] { return finished_ || last_idle_trigger_ > after; });
}

bool MicroBatchExecution::finished() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return finished_;
}

void MicroBatchExecution::SetStatus(const std::string& message, bool data_available, bool trigger_active) {
  std::lock_guard<std::mutex> lock(mutex_);
  status_ = StreamingQueryStatus{message, data_available, trigger_active};
}

StreamingQueryStatus MicroBatchExecution::status() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return status_;
}

std::vector<StreamingQueryProgress> MicroBatchExecution::recentProgress() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return {progress_.begin(), progress_.end()};
}

std::string MicroBatchExecution::ExplainString(bool extended) const {
  std::string out;
  if (extended) {
    out += "== Analyzed Logical Plan ==\n" + analyzed_->ToString() + "\n";
    out += "== Optimized Logical Plan ==\n" + optimized_->ToString() + "\n";
  }
  return out + "== Physical Plan ==\n" + physical_->ToString();
}

}  // namespace runnel::streaming
