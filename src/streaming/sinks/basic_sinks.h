// The sinks that keep or show rows: noop (runs the query and drops the rows), memory (rows
// kept in memory as a table SQL can read while the query runs) and console (prints each batch).
#pragma once

#include <cstdio>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include "plan/data_source.h"
#include "runnel/row.h"
#include "streaming/sink.h"

namespace runnel::streaming {

class NoopSink final : public Sink {
 public:
  std::string Describe() const override { return "NoopSink"; }
  Status AddBatch(int64_t batch_id, BatchOutput& output) override;
};

// Not fault-tolerant (held in memory); batches it already holds are skipped when re-run.
// Append and Update add rows; Complete replaces them.
class MemorySink final : public Sink, public std::enable_shared_from_this<MemorySink> {
 public:
  explicit MemorySink(std::string name) : name_(std::move(name)) {}
  std::string Describe() const override { return "MemorySink[" + name_ + "]"; }
  Status Open(const type::SchemaPtr& schema, OutputMode mode) override;
  Status AddBatch(int64_t batch_id, BatchOutput& output) override;

  std::vector<vector::Batch> Rows() const;
  type::SchemaPtr schema() const;
  // A data source that reads the rows held at the time of each scan.
  plan::DataSourcePtr AsTable();

 private:
  std::string name_;
  mutable std::mutex mutex_;
  type::SchemaPtr schema_;
  OutputMode mode_ = OutputMode::kAppend;
  int64_t last_batch_id_ = -1;
  std::vector<vector::Batch> rows_;
};

// Keeps each committed batch's rows by batch id in a map the caller owns, so it outlives restarts
// of the query: a batch run again after a crash replaces its own entry, as an idempotent external
// sink would. Rows arrive only once the commit point passed. `on_commit(batch_id)` is told each
// commit. For tests and tools that drive queries (the golden-file runner, the consistency
// harness).
class RowRecordingSink final : public Sink {
 public:
  using Batches = std::map<int64_t, std::vector<Row>>;
  explicit RowRecordingSink(Batches* batches, std::function<void(int64_t)> on_commit = nullptr)
      : batches_(batches), on_commit_(std::move(on_commit)) {}
  std::string Describe() const override { return "RowRecordingSink"; }
  Status Open(const type::SchemaPtr& schema, OutputMode mode) override;
  Status AddBatch(int64_t batch_id, BatchOutput& output) override;
  const type::SchemaPtr& schema() const { return schema_; }

 private:
  Batches* batches_;
  std::function<void(int64_t)> on_commit_;
  type::SchemaPtr schema_ = std::make_shared<type::Schema>();
};

// Prints "Batch: N" and a table (numRows, default 20; truncate, default true), or with option
// format 'jsonl' one JSON object per row with a batch_id field, for machines.
class ConsoleSink final : public Sink {
 public:
  // `out` receives the text (stdout by default).
  static Result<std::shared_ptr<ConsoleSink>> Make(const std::map<std::string, std::string>& options,
                                                   std::function<void(const std::string&)> out = nullptr);
  std::string Describe() const override { return "ConsoleSink"; }
  Status AddBatch(int64_t batch_id, BatchOutput& output) override;

 private:
  ConsoleSink() = default;
  int64_t num_rows_ = 20;
  int truncate_ = 20;
  bool jsonl_ = false;
  std::function<void(const std::string&)> out_;
};

}  // namespace runnel::streaming
