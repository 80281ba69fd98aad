// What a Session holds, shared by every DataFrame made from it.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <set>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "function/registry.h"
#include "io/file_system.h"
#include "plan/logical_plan.h"
#include "streaming/source_provider.h"

namespace runnel {

namespace catalog {
class Warehouse;
}
namespace streaming {
class MemorySink;
}
struct StreamsState;

struct SessionState {
  const function::FunctionRegistry* registry = &function::FunctionRegistry::Builtins();
  mutable std::mutex mutex;
  std::map<std::string, std::string> conf;             // guarded by mutex
  std::map<std::string, plan::PlanPtr> temp_views;     // lower-case name -> plan; guarded
  // Views over a source (CREATE TEMPORARY VIEW v USING fmt OPTIONS (...)): what STREAM(v) reads.
  // A view over a file format is in temp_views too (its bounded read); one over rate or socket
  // is only here. Lower-case name; guarded by mutex.
  std::map<std::string, streaming::StreamSpec> source_views;
  // The cancellation flag of each action running now (each starts lowered); interruptAll()
  // raises them all. Mutable: actions run from a const view of the session. Guarded by mutex.
  mutable std::set<std::atomic<bool>*> running_actions;
  // One per warehouse directory used (runnel.sql.warehouse.dir may change); guarded by mutex.
  std::map<std::string, std::shared_ptr<catalog::Warehouse>> warehouses;
  // SQL flows into memory sinks (CREATE SINK s USING memory): sink name -> flow name -> the
  // rows that flow wrote in this session. SELECT FROM s reads them all. Guarded by mutex.
  std::map<std::string, std::map<std::string, std::shared_ptr<streaming::MemorySink>>> memory_sinks;
  // session.streams(): the streaming queries started from this session (set by Session::Make).
  std::shared_ptr<StreamsState> streams;
  // Test hooks for streaming queries started from now on: the clock they read (system clock
  // when null) and a fault point that can fail a batch at a named step (see
  // streaming::FaultPoint). Guarded by mutex.
  std::shared_ptr<base::Clock> streaming_clock;
  std::shared_ptr<io::FileSystem> streaming_fs;  // the local file system when null
  std::function<Status(const std::string& point, int64_t batch_id)> streaming_fault_point;

  int shuffle_partitions() const;
  std::string GetConf(const std::string& key, const std::string& fallback) const;
  // Validates (runnel.sql.shuffle.partitions must be a positive integer) and stores a setting:
  // Session::setConf and SQL's SET share it.
  Status SetConf(const std::string& key, const std::string& value);
  // The default of a setting Runnel knows ("8" for runnel.sql.shuffle.partitions), or "" for
  // an unknown key: SET key shows it, as Spark shows the defaults of its SQL settings.
  static std::string DefaultConf(const std::string& key);
  // The settings a streaming query pins in its checkpoint (offsets/N "conf"): shuffle
  // partitions and the multiple-watermark policy.
  std::map<std::string, std::string> StreamingConf() const;
  // The file system streaming sources, sinks and checkpoints use (the test hook, or local).
  std::shared_ptr<io::FileSystem> StreamingFileSystem() const;
};

}  // namespace runnel
