#include "session/query_execution.h"

#include "base/clock.h"
#include "exec/physical_planner.h"
#include "optimizer/optimizer.h"
#include "plan/analyzer.h"

namespace runnel {

namespace {
// Registers an action's cancellation flag with the session for as long as the action runs.
class RunningAction {
 public:
  explicit RunningAction(const SessionState& session) : session_(session) {
    std::lock_guard<std::mutex> lock(session_.mutex);
    session_.running_actions.insert(&cancelled_);
  }
  ~RunningAction() {
    std::lock_guard<std::mutex> lock(session_.mutex);
    session_.running_actions.erase(&cancelled_);
  }
  RunningAction(const RunningAction&) = delete;
  RunningAction& operator=(const RunningAction&) = delete;

  const std::atomic<bool>* flag() const { return &cancelled_; }

 private:
  const SessionState& session_;
  std::atomic<bool> cancelled_{false};
};
}  // namespace

Result<plan::PlanPtr> QueryExecution::Analyzed() {
  if (!analyzed_) {
    RUNNEL_ASSIGN_OR_RAISE(analyzed_, plan::Analyzer(*session_.registry).Analyze(plan_));
  }
  return analyzed_;
}

Result<plan::PlanPtr> QueryExecution::Optimized() {
  if (!optimized_) {
    RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr analyzed, Analyzed());
    RUNNEL_ASSIGN_OR_RAISE(optimized_, optimizer::Optimize(analyzed, *session_.registry));
  }
  return optimized_;
}

Result<exec::PhysicalOpPtr> QueryExecution::Physical() {
  if (!physical_) {
    RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr optimized, Optimized());
    RUNNEL_ASSIGN_OR_RAISE(physical_, exec::PlanPhysical(optimized, session_.shuffle_partitions()));
  }
  return physical_;
}

namespace {
exec::ExecContext MakeContext(const SessionState& session, const RunningAction& action) {
  exec::ExecContext ctx;
  ctx.cancelled = action.flag();
  ctx.shuffle_partitions = session.shuffle_partitions();
  ctx.kernel.query_timestamp_micros = base::SystemClock::Instance().NowMicros();
  return ctx;
}
}  // namespace

namespace {
// Batch actions cannot run over an unbounded input (Spark's UnsupportedOperationChecker); a
// streaming plan may still be analyzed (schema(), printSchema()) and explained.
Status CheckBounded(const plan::PlanPtr& plan) {
  if (!plan->is_streaming()) return Status::OK();
  return Status::Analysis(
      "Queries with streaming sources must be executed with writeStream.start(); in SQL, read STREAM(...) in "
      "CREATE STREAMING TABLE ... AS or CREATE FLOW ... AS INSERT INTO (without STREAM(), a view reads the data "
      "there now)");
}
}  // namespace

Result<std::vector<vector::Batch>> QueryExecution::Collect() {
  RUNNEL_RETURN_NOT_OK(CheckBounded(plan_));
  RUNNEL_ASSIGN_OR_RAISE(exec::PhysicalOpPtr root, Physical());
  RunningAction action(session_);
  exec::ExecContext ctx = MakeContext(session_, action);
  return exec::CollectAll(root, ctx);
}

Status QueryExecution::ForEachPartition(const std::function<Status(int)>& begin,
                                        const std::function<Status(int, vector::Batch)>& sink) {
  RUNNEL_RETURN_NOT_OK(CheckBounded(plan_));
  RUNNEL_ASSIGN_OR_RAISE(exec::PhysicalOpPtr root, Physical());
  RunningAction action(session_);
  exec::ExecContext ctx = MakeContext(session_, action);
  // Before Prepare, which already runs the stages below the last exchange.
  RUNNEL_RETURN_NOT_OK(begin(root->NumPartitions()));
  RUNNEL_RETURN_NOT_OK(root->Prepare(ctx));
  return exec::RunPartitions(*root, ctx, sink);
}

Result<std::string> QueryExecution::Explain(bool extended) {
  std::string out;
  if (extended) {
    RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr analyzed, Analyzed());
    RUNNEL_ASSIGN_OR_RAISE(plan::PlanPtr optimized, Optimized());
    out += "== Analyzed Logical Plan ==\n" + analyzed->ToString() + "\n";
    out += "== Optimized Logical Plan ==\n" + optimized->ToString() + "\n";
  }
  RUNNEL_ASSIGN_OR_RAISE(exec::PhysicalOpPtr physical, Physical());
  out += "== Physical Plan ==\n" + physical->ToString();
  return out;
}

}  // namespace runnel
