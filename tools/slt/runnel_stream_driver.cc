#include "slt/runnel_stream_driver.h"

#include <map>
#include <mutex>

#include "format/json/json_reader.h"
#include "io/file_system.h"
#include "runnel/memory_stream.h"
#include "session/session_state.h"
#include "streaming/micro_batch_execution.h"
#include "streaming/sinks/basic_sinks.h"
#include "streaming/sources/memory_source.h"
#include "vector/selection.h"

namespace runnel::slt {
namespace {

// What a driven query's sink committed: every batch by id, and the ids the last trigger committed.
struct SinkOutput {
  streaming::RowRecordingSink::Batches batches;
  std::vector<int64_t> last_trigger;
  streaming::OutputMode mode = streaming::OutputMode::kAppend;

  StatementResult Last(const type::Schema& schema) const {
    StatementResult result{schema, {}};
    for (int64_t id : last_trigger) {
      const auto& rows = batches.at(id);
      result.rows.insert(result.rows.end(), rows.begin(), rows.end());
    }
    return result;
  }
  // Complete mode: the last batch is the whole result.
  StatementResult All(const type::Schema& schema) const {
    StatementResult result{schema, {}};
    if (mode == streaming::OutputMode::kComplete) {
      if (!batches.empty()) result.rows = batches.rbegin()->second;
      return result;
    }
    for (const auto& [id, rows] : batches) result.rows.insert(result.rows.end(), rows.begin(), rows.end());
    return result;
  }
};

struct DrivenQuery {
  std::string sql, mode, checkpoint;
  SinkOutput output;
  std::shared_ptr<streaming::RowRecordingSink> sink;
  std::unique_ptr<streaming::MicroBatchExecution> execution;
  std::string armed_crash;  // engine point name ("sink commit"), "" when none
  bool crash_fired = false;  // the armed crash failed the last trigger
  bool crashed = false;
};

class RunnelStreamDriver final : public StreamDriver {
 public:
  RunnelStreamDriver(std::shared_ptr<Session> session, std::string scratch_dir)
      : session_(std::move(session)), scratch_(std::move(scratch_dir)) {}

  Status Source(const std::string& name, const std::string& ddl_schema) override {
    RUNNEL_ASSIGN_OR_RAISE(auto stream, MemoryStream::Make(session_, ddl_schema));
    RUNNEL_RETURN_NOT_OK(stream->toDF().createOrReplaceTempView(name));
    sources_[name] = stream;
    return Status::OK();
  }

  Status Start(const std::string& name, const std::string& mode, const std::string& sql) override {
    if (queries_.count(name)) return Status::InvalidArgument("stream query '" + name + "' is already started");
    auto query = std::make_unique<DrivenQuery>();
    query->sql = sql;
    query->mode = mode;
    query->checkpoint = io::JoinPath(scratch_, "checkpoint-" + name);
    RUNNEL_RETURN_NOT_OK(Launch(*query));
    queries_[name] = std::move(query);
    return Status::OK();
  }

  Status AddData(const std::string& source, const std::vector<std::string>& json_lines) override {
    auto it = sources_.find(source);
    if (it == sources_.end()) return Status::InvalidArgument("no stream source '" + source + "': declare it with 'stream source'");
    std::string text;
    for (const auto& line : json_lines) text += line + "\n";
    auto schema = it->second->source()->schema();
    format::Options options{{"mode", "FAILFAST"}};
    RUNNEL_ASSIGN_OR_RAISE(auto reader, format::JsonReader::MakeFromBuffer(text, "add_data " + source, schema, options));
    std::vector<vector::Batch> batches;
    while (true) {
      RUNNEL_ASSIGN_OR_RAISE(auto batch, reader->Next());
      if (!batch) break;
      batches.push_back(std::move(*batch));
    }
    vector::Batch all = batches.empty() ? vector::Batch::FromRows(schema, {}) : vector::ConcatenateBatches(schema, batches);
    it->second->source()->AddData(std::move(all));
    return Status::OK();
  }

  Status Trigger(const std::string& name) override {
    RUNNEL_ASSIGN_OR_RAISE(DrivenQuery * query, Running(name));
    query->output.last_trigger.clear();
    auto ran = query->execution->RunOneTrigger();
    if (ran.ok()) return Status::OK();
    // A failed trigger leaves the query dead until restarted, like a killed process; when the
    // armed crash caused it, that is what the test asked for.
      query->crashed = true;
    query->execution.reset();
    if (query->crash_fired) return Status::OK();
    return ran.status();
  }

  Result<StatementResult> LastOutput(const std::string& name) override {
    RUNNEL_ASSIGN_OR_RAISE(DrivenQuery * query, Find(name));
    return query->output.Last(*query->sink->schema());
  }
  Result<StatementResult> AllOutput(const std::string& name) override {
    RUNNEL_ASSIGN_OR_RAISE(DrivenQuery * query, Find(name));
    return query->output.All(*query->sink->schema());
  }

  Result<std::string> Watermark(const std::string& name) override {
    RUNNEL_ASSIGN_OR_RAISE(DrivenQuery * query, Running(name));
    return type::Value::Timestamp(query->execution->watermark_ms() * 1000).ToString();
  }

  Status AdvanceClock(int64_t micros) override {
    clock_->Advance(micros);
    return Status::OK();
  }

  Status ArmCrash(const std::string& name, const std::string& point) override {
    static const std::map<std::string, std::string> kPoints = {{"offsets_write", "offsets write"},
                                                               {"sink_write", "sink write"},
                                                               {"sink_commit", "sink commit"},
                                                               {"commits_write", "commits write"}};
    auto it = kPoints.find(point);
    if (it == kPoints.end()) {
      return Status::InvalidArgument("Unknown crash point '" + point +
                                     "'. Points: offsets_write, sink_write, sink_commit, commits_write");
    }
    RUNNEL_ASSIGN_OR_RAISE(DrivenQuery * query, Running(name));
    query->armed_crash = it->second;
    return Status::OK();
  }

  Status Restart(const std::string& name) override {
    RUNNEL_ASSIGN_OR_RAISE(DrivenQuery * query, Find(name));
    query->execution.reset();
    query->crashed = false;
    query->crash_fired = false;
    query->armed_crash.clear();
    return Launch(*query);
  }

  Status Stop(const std::string& name) override {
    RUNNEL_ASSIGN_OR_RAISE(DrivenQuery * query, Find(name));
    query->execution.reset();
    return Status::OK();
  }

 private:
  Status Launch(DrivenQuery& query) {
    RUNNEL_ASSIGN_OR_RAISE(DataFrame df, session_->sql(query.sql));
    RUNNEL_ASSIGN_OR_RAISE(plan::OutputMode mode, plan::ParseOutputMode(query.mode));
    streaming::ExecutionOptions opts;
    opts.run_id = "slt";
    opts.checkpoint_root = query.checkpoint;
    opts.fs = io::FileSystem::Local();
    opts.clock = clock_.get();
    opts.registry = session_->state()->registry;
    opts.mode = mode;
    opts.conf = session_->state()->StreamingConf();
    DrivenQuery* target = &query;
    opts.fault_point = [target](const std::string& point, int64_t batch_id) -> Status {
      if (target->armed_crash != point) return Status::OK();
      target->armed_crash.clear();
      target->crash_fired = true;
      return Status::Internal("crash before " + point + " of batch " + std::to_string(batch_id));
    };
    query.output.mode = mode;
    query.sink = std::make_shared<streaming::RowRecordingSink>(
        &query.output.batches, [target](int64_t batch_id) { target->output.last_trigger.push_back(batch_id); });
    RUNNEL_ASSIGN_OR_RAISE(query.execution, streaming::MicroBatchExecution::Make(df.plan(), query.sink, std::move(opts)));
    return Status::OK();
  }

  Result<DrivenQuery*> Find(const std::string& name) {
    auto it = queries_.find(name);
    if (it == queries_.end()) return Status::InvalidArgument("no stream query '" + name + "': start it with 'stream start'");
    return it->second.get();
  }
  Result<DrivenQuery*> Running(const std::string& name) {
    RUNNEL_ASSIGN_OR_RAISE(DrivenQuery * query, Find(name));
    if (query->crashed) return Status::InvalidArgument("stream query '" + name + "' crashed: restart it first");
    if (!query->execution) return Status::InvalidArgument("stream query '" + name + "' is stopped: restart it first");
    return query;
  }

  std::shared_ptr<Session> session_;
  std::string scratch_;
  std::shared_ptr<base::ManualClock> clock_ = std::make_shared<base::ManualClock>(0);
  std::map<std::string, std::shared_ptr<MemoryStream>> sources_;
  std::map<std::string, std::unique_ptr<DrivenQuery>> queries_;
};

}  // namespace

std::unique_ptr<StreamDriver> MakeRunnelStreamDriver(std::shared_ptr<Session> session, std::string scratch_dir) {
  return std::make_unique<RunnelStreamDriver>(std::move(session), std::move(scratch_dir));
}

}  // namespace runnel::slt
