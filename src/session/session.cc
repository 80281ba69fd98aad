#include "runnel/session.h"

#include "base/spelling.h"
#include "plan/logical_plan.h"
#include "session/range_source.h"
#include "session/session_state.h"
#include "session/streaming_query_state.h"
#include "type/ddl.h"
#include "vector/batch.h"

namespace runnel {

namespace {
constexpr const char* kShufflePartitions = "runnel.sql.shuffle.partitions";
}  // namespace

std::string SessionState::DefaultConf(const std::string& key) {
  if (key == kShufflePartitions) return "8";
  if (key == "runnel.sql.warehouse.dir") return "runnel-warehouse";
  if (key == "runnel.sql.streaming.multipleWatermarkPolicy") return "min";
  if (key == "runnel.sql.streaming.stateStore.provider") return "memory";
  if (key == "runnel.sql.streaming.noDataMicroBatches.enabled") return "true";
  return "";
}

std::map<std::string, std::string> SessionState::StreamingConf() const {
  return {{kShufflePartitions, std::to_string(shuffle_partitions())},
          {"runnel.sql.streaming.multipleWatermarkPolicy",
           GetConf("runnel.sql.streaming.multipleWatermarkPolicy", DefaultConf("runnel.sql.streaming.multipleWatermarkPolicy"))},
          {"runnel.sql.streaming.stateStore.provider",
           GetConf("runnel.sql.streaming.stateStore.provider", DefaultConf("runnel.sql.streaming.stateStore.provider"))}};
}

std::shared_ptr<io::FileSystem> SessionState::StreamingFileSystem() const {
  std::lock_guard<std::mutex> lock(mutex);
  return streaming_fs ? streaming_fs : io::FileSystem::Local();
}

int SessionState::shuffle_partitions() const {
  std::string v = GetConf(kShufflePartitions, DefaultConf(kShufflePartitions));
  return std::max(1, std::atoi(v.c_str()));
}

std::string SessionState::GetConf(const std::string& key, const std::string& fallback) const {
  std::lock_guard<std::mutex> lock(mutex);
  auto it = conf.find(key);
  return it == conf.end() ? fallback : it->second;
}

std::shared_ptr<Session> Session::Make() {
  auto state = std::make_shared<SessionState>();
  state->streams = std::make_shared<StreamsState>();
  return std::shared_ptr<Session>(new Session(std::move(state)));
}

DataFrameReader Session::read() const { return DataFrameReader(state_); }
DataStreamReader Session::readStream() const { return DataStreamReader(state_); }
StreamingQueryManager Session::streams() const { return StreamingQueryManager(state_); }

DataFrame Session::createDataFrame(const std::vector<Row>& rows, const type::Schema& schema) const {
  auto s = std::make_shared<type::Schema>(schema);
  std::vector<std::vector<type::Value>> values;
  for (const auto& r : rows) values.push_back(r.values());
  return DataFrame(state_, plan::Values(s, {vector::Batch::FromRows(s, values)}));
}

DataFrame Session::createDataFrame(const std::vector<Row>& rows, const std::string& ddl_schema) const {
  auto schema = type::ParseSchema(ddl_schema);
  if (!schema.ok()) {
    // Builders never fail: an unparsable schema yields a plan that reports the error.
    return DataFrame(state_, plan::Project(plan::Values(std::make_shared<type::Schema>(), {}),
                                           {expr::Invalid(schema.status().message())}));
  }
  return createDataFrame(rows, *schema);
}

DataFrame Session::range(int64_t start, int64_t end, int64_t step) const {
  return DataFrame(state_, plan::Scan(std::make_shared<RangeSource>(start, end, step)));
}

Result<DataFrame> Session::table(const std::string& name) const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  auto it = state_->temp_views.find(base::ToLower(name));
  if (it == state_->temp_views.end()) {
    std::vector<std::string> names;
    for (const auto& [k, _] : state_->temp_views) names.push_back(k);
    return Status::Analysis("Table or view '" + name + "' not found." + base::DidYouMean(name, names));
  }
  return DataFrame(state_, it->second);
}

Status SessionState::SetConf(const std::string& key, const std::string& value) {
  if (key == kShufflePartitions) {
    char* end = nullptr;
    long n = std::strtol(value.c_str(), &end, 10);
    if (value.empty() || *end != '\0' || n < 1) {
      return Status::InvalidArgument("Config " + key + " must be a positive integer, got '" + value + "'");
    }
  }
  std::lock_guard<std::mutex> lock(mutex);
  conf[key] = value;
  return Status::OK();
}

Status Session::setConf(const std::string& key, const std::string& value) { return state_->SetConf(key, value); }

std::string Session::getConf(const std::string& key) const { return state_->GetConf(key, ""); }

void Session::interruptAll() {
  std::lock_guard<std::mutex> lock(state_->mutex);
  for (std::atomic<bool>* flag : state_->running_actions) flag->store(true);
}

}  // namespace runnel
