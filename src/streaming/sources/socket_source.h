// format("socket"): UTF-8 text lines read from a TCP server, for tutorials and debugging (Spark's
// TextSocketMicroBatchStream). Schema `value STRING`, plus `timestamp TIMESTAMP` (the clock when
// the line arrived, millisecond precision) with includeTimestamp=true.
//
// The source connects when the query starts and a background thread keeps the lines in memory.
// An offset is the number of lines received ("42"); Commit drops the lines up to an offset.
//
// NOT fault-tolerant: lines live only in this process. Lines received but not yet committed are
// lost on a crash, and the server does not send them again. On a restart from a checkpoint the
// new connection's lines continue after the checkpoint's last offset, so a query whose last batch
// had committed carries on; one whose last batch must be re-run fails with an error saying those
// lines are lost (use a new checkpoint location).
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "streaming/source.h"
#include "streaming/source_provider.h"

namespace runnel::streaming {

struct SocketSourceOptions {
  std::string host;
  int port = 0;
  bool include_timestamp = false;
};

// host and port (both required), includeTimestamp (default false).
Result<SocketSourceOptions> ParseSocketSourceOptions(
    const std::map<std::string, std::string>& options);
type::SchemaPtr SocketSchema(bool include_timestamp);

class SocketSource final : public Source {
 public:
  // Connects and starts reading: IOError "Cannot connect to host:port: <reason>" on failure.
  static Result<std::shared_ptr<SocketSource>> Make(const SocketSourceOptions& options,
                                                    base::Clock* clock);
  ~SocketSource() override;

  std::string Describe() const override;
  type::SchemaPtr schema() const override { return SocketSchema(options_.include_timestamp); }
  Result<std::optional<std::string>> LatestOffset(const std::optional<std::string>& start,
                                                  const ReadLimit& limit) override;
  Result<plan::DataSourcePtr> GetBatch(const std::optional<std::string>& start,
                                       const std::string& end) override;
  Status Commit(const std::string& end) override;
  bool replayable() const override { return false; }
  // Closes the connection and joins the reading thread. Idempotent.
  void Stop() override;

  // Waits up to `timeout_ms` of real time until `count` lines have arrived on this connection
  // or it has closed; returns the number received (for tests and tools).
  int64_t AwaitLines(int64_t count, int64_t timeout_ms);

 private:
  struct Line {
    std::string text;
    int64_t timestamp_us = 0;
  };

  SocketSource(const SocketSourceOptions& options, base::Clock* clock, int fd)
      : options_(options), clock_(clock), fd_(fd) {}
  void ReadLoop();
  void Append(std::string_view line);

  SocketSourceOptions options_;
  base::Clock* clock_;
  int fd_;
  std::thread reader_;
  std::once_flag stop_once_;

  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  std::deque<Line> lines_;  // lines not yet committed, oldest first
  int64_t dropped_ = 0;     // lines of this connection dropped by Commit
  int64_t received_ = 0;    // lines received on this connection
  bool closed_ = false;     // the server closed the connection (or reading failed)
  // The offset just before this connection's first line: fixed by the first LatestOffset call
  // (the checkpoint's last offset, 0 on a fresh start).
  std::optional<int64_t> base_;
};

// ResolveSource's branch for format("socket").
Result<ResolvedSource> ResolveSocketSource(const StreamSpec& spec);

}  // namespace runnel::streaming
