#include "consistency/stream_run.h"

#include <array>
#include <optional>
#include <sstream>

#include "io/file_system.h"
#include "runnel/memory_stream.h"
#include "session/session_state.h"
#include "streaming/micro_batch_execution.h"
#include "streaming/sinks/basic_sinks.h"
#include "streaming/sources/memory_source.h"

namespace runnel::consistency {
namespace {

using Ends = std::array<int, 2>;  // per source, how many of its chunks

std::string EndsString(const Ends& ends) {
  return "events:" + std::to_string(ends[0]) + " events2:" + std::to_string(ends[1]);
}

// One query over one scenario. Besides driving the engine it predicts, from the MemoryStream
// contract and the commit protocol (SPARK_SEMANTICS 2.6, 2.7), which chunks each micro-batch
// reads: a trigger re-runs the planned-but-uncommitted batch with its recorded offsets, else reads
// everything added since the last commit; a crash before "offsets write" leaves nothing planned.
class Runner {
 public:
  Runner(const QueryCase& query, const Scenario& scenario, std::string checkpoint)
      : query_(query), scenario_(scenario), checkpoint_(std::move(checkpoint)) {}

  Status Setup() {
    session_ = Session::Make();
    for (int i = 0; i < 2; ++i) {
      RUNNEL_ASSIGN_OR_RAISE(streams_[i], MemoryStream::Make(session_, kEventsSchema));
      RUNNEL_RETURN_NOT_OK(streams_[i]->toDF().createOrReplaceTempView(i == 0 ? "events" : "events2"));
    }
    DataFrame users = session_->createDataFrame(
        {Row({type::Value::String("a"), type::Value::String("north")}),
         Row({type::Value::String("b"), type::Value::String("south")}),
         Row({type::Value::String("c"), type::Value::String("north")})},
        "user STRING, region STRING");
    RUNNEL_RETURN_NOT_OK(users.createOrReplaceTempView("users"));
    if (query_.build) {
      plan_ = query_.build(streams_[0]->toDF()).plan();
    } else {
      RUNNEL_ASSIGN_OR_RAISE(DataFrame df, session_->sql(query_.stream_sql));
      plan_ = df.plan();
    }
    return Status::OK();
  }

  Status Launch() {
    RUNNEL_ASSIGN_OR_RAISE(plan::OutputMode mode, plan::ParseOutputMode(query_.mode));
    streaming::ExecutionOptions opts;
    opts.run_id = "consistency";
    opts.checkpoint_root = checkpoint_;
    opts.fs = io::FileSystem::Local();
    opts.clock = &clock_;
    opts.registry = session_->state()->registry;
    opts.mode = mode;
    opts.conf = session_->state()->StreamingConf();
    opts.conf[streaming::kShufflePartitionsConf] = std::to_string(scenario_.shuffle_partitions);
    opts.conf[streaming::kStateStoreProviderConf] = scenario_.state_store;
    opts.fault_point = [this](const std::string& point, int64_t batch_id) -> Status {
      if (armed_ != point) return Status::OK();
      armed_.clear();
      crash_fired_ = true;
      return Status::Internal("crash before " + point + " of batch " + std::to_string(batch_id));
    };
    auto sink = std::make_shared<streaming::RowRecordingSink>(&run_.batch_rows);
    RUNNEL_ASSIGN_OR_RAISE(execution_, streaming::MicroBatchExecution::Make(plan_, sink, std::move(opts)));
    return Status::OK();
  }

  Result<StreamRun> Run() {
    RUNNEL_RETURN_NOT_OK(Setup());
    RUNNEL_RETURN_NOT_OK(Launch());
    run_.chunk_batch.assign(scenario_.chunks.size(), -1);
    for (const auto& step : scenario_.steps) {
      switch (step.kind) {
        case Step::Kind::kAdd: {
          const Chunk& chunk = scenario_.chunks[step.chunk];
          RUNNEL_RETURN_NOT_OK(streams_[chunk.source]->addData(chunk.rows).status());
          chunks_of_[chunk.source].push_back(step.chunk);
          added_[chunk.source]++;
          break;
        }
        case Step::Kind::kTrigger: RUNNEL_RETURN_NOT_OK(Trigger("").status()); break;
        case Step::Kind::kCrash: RUNNEL_RETURN_NOT_OK(Trigger(step.point).status()); break;
        case Step::Kind::kRestart:
          execution_.reset();
          run_.log += "restart\n";
          RUNNEL_RETURN_NOT_OK(Launch());
          break;
      }
    }
    // Drain: trigger until no batch runs (a no-data batch closes windows after the last data).
    for (int i = 0;; ++i) {
      if (i == 50) return Status::Internal("the query still runs batches after 50 triggers with no new data");
      RUNNEL_ASSIGN_OR_RAISE(bool ran, Trigger(""));
      if (!ran) break;
    }
    run_.engine_watermark_ms = execution_->watermark_ms();
    for (const auto& [id, rows] : run_.batch_rows) {
      auto& out = run_.batches[id];
      for (const auto& r : rows) out.push_back(r.ToString());
    }
    return std::move(run_);
  }

 private:
  // One trigger; `crash_point` arms a crash for it. Returns whether a batch ran to its commit.
  Result<bool> Trigger(const std::string& crash_point) {
    if (!execution_) {
      run_.log += "restart after the crash\n";
      RUNNEL_RETURN_NOT_OK(Launch());
    }
    bool had_pending = pending_.has_value();
    Ends planned = had_pending ? *pending_ : added_;
    armed_ = crash_point;
    crash_fired_ = false;
    auto ran = execution_->RunOneTrigger();
    armed_.clear();
    std::string reads = planned == committed_ ? "no new data" : "reads up to " + EndsString(planned);
    if (!ran.ok()) {
      if (!crash_fired_) return ran.status();
      // The process "died": a batch whose offsets were written will run again with them.
      run_.log += "trigger (" + reads + "): " + ran.status().message() + "\n";
      if (crash_point != "offsets write") pending_ = planned;
      execution_.reset();
      return false;
    }
    if (!*ran) {
      if (planned != committed_) {
        return Status::Internal("the harness expected a batch reading " + EndsString(planned) + " but none ran");
      }
      if (!crash_point.empty()) run_.log += "trigger (armed crash before " + crash_point + " did not fire)\n";
      return false;
    }
    run_.log += "trigger: batch " + std::to_string(execution_->recentProgress().empty()
                                                     ? -1
                                                     : execution_->recentProgress().back().batchId) +
                " " + reads + (had_pending ? " (re-run)" : "") + "\n";
    if (planned != committed_) {
      for (int s = 0; s < 2; ++s) {
        for (int i = committed_[s]; i < planned[s]; ++i) run_.chunk_batch[chunks_of_[s][i]] = data_batches_;
      }
      ++data_batches_;
      run_.no_data_before.push_back(no_data_since_data_);
      no_data_since_data_ = false;
    } else {
      no_data_since_data_ = true;
    }
    run_.data_batches_before_last_run = planned != committed_ ? data_batches_ - 1 : data_batches_;
    committed_ = planned;
    pending_.reset();
    return true;
  }

  const QueryCase& query_;
  const Scenario& scenario_;
  std::string checkpoint_;
  std::shared_ptr<Session> session_;
  std::array<std::shared_ptr<MemoryStream>, 2> streams_;
  plan::PlanPtr plan_;
  base::ManualClock clock_{0};
  std::unique_ptr<streaming::MicroBatchExecution> execution_;
  std::string armed_;
  bool crash_fired_ = false;
  std::array<std::vector<int>, 2> chunks_of_;  // chunk ids per source, in addData order
  Ends added_{0, 0}, committed_{0, 0};
  std::optional<Ends> pending_;
  int data_batches_ = 0;
  bool no_data_since_data_ = false;
  StreamRun run_;
};

}  // namespace

Status StartError(const QueryCase& query, const std::string& checkpoint_dir) {
  Scenario empty;
  Runner runner(query, empty, checkpoint_dir);
  auto run = runner.Run();
  return run.ok() ? Status::OK() : run.status();
}

Result<StreamRun> RunAsStream(const QueryCase& query, const Scenario& scenario, const std::string& checkpoint_dir) {
  Runner runner(query, scenario, checkpoint_dir);
  return runner.Run();
}

}  // namespace runnel::consistency
