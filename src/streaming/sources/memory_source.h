// MemoryStream's source: batches added from C++, one offset per addData() call. Offsets are
// the number of calls so far ("3"). Committed batches are dropped to bound memory, as Spark's
// MemoryStream does, while a single query reads the stream; with several running at once
// every row is kept.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <mutex>
#include <vector>

#include "streaming/source.h"
#include "vector/batch.h"

namespace runnel::streaming {

class MemorySource final : public Source {
 public:
  MemorySource(type::SchemaPtr schema, std::string name);

  std::string Describe() const override { return "MemoryStream[" + name_ + "]"; }
  type::SchemaPtr schema() const override { return schema_; }
  Result<std::optional<std::string>> LatestOffset(const std::optional<std::string>& start,
                                                  const ReadLimit& limit) override;
  Result<plan::DataSourcePtr> GetBatch(const std::optional<std::string>& start, const std::string& end) override;
  Status Commit(const std::string& end) override;
  // Trigger.AvailableNow: later addData() calls wait for the next run.
  Status PrepareForAvailableNow() override;
  // A new query starts reading: no AvailableNow limit from an earlier one.
  void ResetForNewQuery();

  // Appends one batch of rows; returns its offset. Wakes waiting queries.
  int64_t AddData(vector::Batch batch);
  // `wake` is called after each AddData (a query's trigger loop waits on it); returns a token
  // for RemoveWakeup.
  int AddWakeup(std::function<void()> wake);
  void RemoveWakeup(int token);

 private:
  type::SchemaPtr schema_;
  std::string name_;
  mutable std::mutex mutex_;
  int64_t first_offset_ = 1;            // offset of batches_[0]
  std::vector<vector::Batch> batches_;  // offsets first_offset_, first_offset_ + 1, ...
  std::map<int, std::function<void()>> wakeups_;
  int64_t available_now_cap_ = -1;  // -1: none
  int next_token_ = 0;
};

// Parses a single-integer offset ("42"); `what` names the source in errors.
Result<int64_t> ParseIntegerOffset(const std::string& text, const std::string& what);

}  // namespace runnel::streaming
