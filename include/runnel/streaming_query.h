// A running streaming query (Spark's StreamingQuery), the session's query manager
// (StreamingQueryManager, session.streams()) and listeners (StreamingQueryListener).
//
//   auto query = df.writeStream().format("console").start();   // Result<StreamingQuery>
//   query->processAllAvailable();
//   std::cout << query->lastProgress()->prettyJson();
//   query->stop();
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runnel/status.h"
#include "runnel/streaming_progress.h"

namespace runnel {

struct StreamingQueryState;
struct SessionState;

// When micro-batches run. Default: the next batch starts as soon as the previous one ends.
struct Trigger {
  enum class Kind { kProcessingTime, kOnce, kAvailableNow };
  Kind kind = Kind::kProcessingTime;
  int64_t interval_ms = 0;
  std::string error;  // set by ProcessingTime(text) when the text is not an interval

  // Batches start at multiples of the interval; 0 is the default trigger.
  static Trigger ProcessingTime(int64_t interval_ms) { return {Kind::kProcessingTime, interval_ms, ""}; }
  // "2 seconds", "500 milliseconds", "1 minute". A bad text fails at start().
  static Trigger ProcessingTime(const std::string& interval);
  // One batch over everything available (ignoring read limits), then stop.
  static Trigger Once() { return {Kind::kOnce, 0, ""}; }
  // Everything available at start, in as many batches as the read limits ask, then stop.
  static Trigger AvailableNow() { return {Kind::kAvailableNow, 0, ""}; }

  std::string ToString() const;
};

class StreamingQuery {
 public:
  explicit StreamingQuery(std::shared_ptr<StreamingQueryState> state) : state_(std::move(state)) {}

  // The id persists across restarts from the same checkpoint; runId is new for each start.
  std::string id() const;
  std::string runId() const;
  std::optional<std::string> name() const;
  bool isActive() const;
  // Blocks until the query stops; returns its failure, if it failed.
  Status awaitTermination() const;
  // Waits at most `timeout_ms`: true when the query stopped (check exception()).
  Result<bool> awaitTermination(int64_t timeout_ms) const;
  // Stops the query and waits for its thread (a batch in flight finishes first).
  Status stop();
  // Blocks until every row available now in the sources is processed and committed to the sink
  // (for tests and demos). Returns the query's failure, if it failed.
  Status processAllAvailable();
  StreamingQueryStatus status() const;
  std::optional<StreamingQueryProgress> lastProgress() const;
  std::vector<StreamingQueryProgress> recentProgress() const;
  // The failure that stopped the query, if any.
  std::optional<Status> exception() const;
  // The physical plan of the last batch ("No physical plan. Waiting for data." before one ran).
  std::string explainString(bool extended = false) const;
  void explain(bool extended = false) const;

  const std::shared_ptr<StreamingQueryState>& state() const { return state_; }

 private:
  std::shared_ptr<StreamingQueryState> state_;
};

// Receives query life-cycle events. Callbacks run on the query's thread (onQueryStarted inside
// start()), so they should be quick.
class StreamingQueryListener {
 public:
  struct QueryStartedEvent {
    std::string id, runId;
    std::optional<std::string> name;
    std::string timestamp;
  };
  struct QueryIdleEvent {
    std::string id, runId, timestamp;
  };
  struct QueryTerminatedEvent {
    std::string id, runId;
    std::optional<std::string> exception;
  };
  virtual ~StreamingQueryListener() = default;
  virtual void onQueryStarted(const QueryStartedEvent& event) {}
  virtual void onQueryProgress(const StreamingQueryProgress& progress) {}
  virtual void onQueryIdle(const QueryIdleEvent& event) {}
  virtual void onQueryTerminated(const QueryTerminatedEvent& event) {}
};

// session.streams(): the session's streaming queries.
class StreamingQueryManager {
 public:
  explicit StreamingQueryManager(std::shared_ptr<SessionState> session) : session_(std::move(session)) {}
  std::vector<StreamingQuery> active() const;
  std::optional<StreamingQuery> get(const std::string& id) const;
  // Blocks until any query of the session terminates (since the last resetTerminated()).
  Status awaitAnyTermination() const;
  Result<bool> awaitAnyTermination(int64_t timeout_ms) const;
  void resetTerminated();
  void addListener(std::shared_ptr<StreamingQueryListener> listener);
  void removeListener(const std::shared_ptr<StreamingQueryListener>& listener);
  std::vector<std::shared_ptr<StreamingQueryListener>> listListeners() const;

 private:
  std::shared_ptr<SessionState> session_;
};

}  // namespace runnel
