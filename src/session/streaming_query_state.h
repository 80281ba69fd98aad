// What the public StreamingQuery and StreamingQueryManager hold: a query's run on its own
// thread, and the session's registry of queries and listeners.
#pragma once

#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "runnel/streaming_query.h"
#include "streaming/micro_batch_execution.h"

namespace runnel {

struct StreamsState;

struct StreamingQueryState {
  std::unique_ptr<streaming::MicroBatchExecution> execution;
  std::thread thread;
  std::string id, run_id;
  std::optional<std::string> name;
  std::string temp_checkpoint;  // deleted after a clean stop; empty when the user chose one
  std::weak_ptr<StreamsState> streams;
  std::shared_ptr<base::Clock> clock;  // a test's clock, kept alive for the run
  std::shared_ptr<io::FileSystem> fs;

  mutable std::mutex mutex;
  std::condition_variable cv;
  bool active = true;
  std::optional<Status> exception;

  ~StreamingQueryState();
  // Starts the query's thread; Finish() runs on it when the run ends.
  void Launch(std::shared_ptr<StreamingQueryState> self);
};

// session.streams(): active queries, listeners, and the "any terminated" signal.
struct StreamsState {
  mutable std::mutex mutex;
  std::condition_variable cv;
  std::vector<std::shared_ptr<StreamingQueryState>> active;
  std::vector<std::shared_ptr<StreamingQueryListener>> listeners;
  bool any_terminated = false;
  std::optional<Status> last_exception;

  // The session is going away: its queries stop.
  ~StreamsState();

  std::vector<std::shared_ptr<StreamingQueryListener>> Listeners() const;
  // Called on the query's thread when it ends: first RemoveActive, then (once the query is
  // marked inactive) OnTerminated.
  void RemoveActive(const std::shared_ptr<StreamingQueryState>& query);
  void OnTerminated(const std::shared_ptr<StreamingQueryState>& query);
};

}  // namespace runnel
