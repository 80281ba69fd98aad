// A streaming source: an input that keeps growing, read as a sequence of offset ranges (Spark's
// Source / SupportsAdmissionControl). An offset is the source's own single-line JSON text;
// the engine stores it in offsets/N and hands it back after a restart, so a range read twice
// must give the same rows (replayable) for exactly-once results.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>

#include "base/clock.h"
#include "base/status.h"
#include "io/file_system.h"
#include "plan/data_source.h"
#include "type/schema.h"

namespace runnel::streaming {

// How much one batch may take (maxFilesPerTrigger, maxBytesPerTrigger, rowsPerBatch ...).
// Trigger.Once asks for everything.
struct ReadLimit {
  int64_t max_files = -1;  // -1: no limit
  int64_t max_bytes = -1;
  int64_t max_rows = -1;
  bool unlimited() const { return max_files < 0 && max_bytes < 0 && max_rows < 0; }
  static ReadLimit All() { return {}; }
};

class Source {
 public:
  virtual ~Source() = default;
  // For progress and EXPLAIN: "MemoryStream[id, name]", "FileStreamSource[data/in]".
  virtual std::string Describe() const = 0;
  virtual type::SchemaPtr schema() const = 0;
  // The limit the source's options ask for (ReadLimit::All() when none).
  virtual ReadLimit DefaultReadLimit() const { return ReadLimit::All(); }
  // The end of the next batch when it starts after `start` (nullopt: from the beginning) and
  // reads at most `limit`; `start` itself (or nullopt) when there is nothing new.
  virtual Result<std::optional<std::string>> LatestOffset(const std::optional<std::string>& start,
                                                          const ReadLimit& limit) = 0;
  // The rows after `start` up to and including `end`, as a bounded data source.
  virtual Result<plan::DataSourcePtr> GetBatch(const std::optional<std::string>& start, const std::string& end) = 0;
  // Everything up to `end` is committed: the source may forget it (clean up files, trim memory).
  virtual Status Commit(const std::string& end) { return Status::OK(); }
  // Trigger.AvailableNow: from now on LatestOffset never goes past what exists now.
  virtual Status PrepareForAvailableNow() { return Status::OK(); }
  // False for sources that cannot replay (socket): documented as not fault-tolerant.
  virtual bool replayable() const { return true; }
  virtual void Stop() {}
};

using SourcePtr = std::shared_ptr<Source>;

// What a source may use beyond its options: its metadata directory in the checkpoint
// (sources/<i>/), the file system and the clock.
struct SourceContext {
  std::shared_ptr<io::FileSystem> fs;
  base::Clock* clock = nullptr;
  std::string metadata_path;
};

// Creates a source when a query starts (sources are per query run).
using SourceFactory = std::function<Result<SourcePtr>(const SourceContext&)>;

}  // namespace runnel::streaming
