// A streaming sink: receives each micro-batch's output, keyed by batch id so that a batch
// re-run after a crash can be recognized (exactly-once sinks skip it).
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "plan/streaming_support.h"
#include "type/schema.h"
#include "vector/batch.h"

namespace runnel::streaming {

using plan::OutputMode;

// One micro-batch's result, computed when the sink asks for it: collected whole, or streamed
// partition by partition in parallel.
class BatchOutput {
 public:
  virtual ~BatchOutput() = default;
  // A sink that writes then commits (the file sink) calls this between the two: the point
  // where tests inject a crash ("sink commit"). Other sinks call it after writing.
  virtual Status BeforeCommit() = 0;
  virtual const type::SchemaPtr& schema() const = 0;
  virtual Result<std::vector<vector::Batch>> Collect() = 0;
  // begin(number of partitions) first, then sink(partition, batch) for each batch (concurrently
  // for different partitions).
  virtual Status ForEachPartition(const std::function<Status(int)>& begin,
                                  const std::function<Status(int, vector::Batch)>& sink) = 0;
};

class Sink {
 public:
  virtual ~Sink() = default;
  virtual std::string Describe() const = 0;
  // The query's id (kept in the checkpoint, so the same across restarts), before Open. A sink
  // that records its commits in the target, keyed by query, needs it (the warehouse table
  // sink): a new checkpoint is a new query whose batch ids start again at 0.
  virtual void SetQueryId(const std::string& id) {}
  // Called once when the query starts, with the output's schema and mode.
  virtual Status Open(const type::SchemaPtr& schema, OutputMode mode) { return Status::OK(); }
  // OK when the sink accepts `mode`, else why not.
  virtual Status CheckOutputMode(OutputMode mode) const { return Status::OK(); }
  // Writes batch `batch_id`. A sink may be handed a batch it already committed (the query
  // crashed between the sink's commit and commits/N): an exactly-once sink skips it.
  virtual Status AddBatch(int64_t batch_id, BatchOutput& output) = 0;
  virtual void Stop() {}
};

using SinkPtr = std::shared_ptr<Sink>;

}  // namespace runnel::streaming
