#include "streaming/sources/memory_source.h"

#include <charconv>

namespace runnel::streaming {

Result<int64_t> ParseIntegerOffset(const std::string& text, const std::string& what) {
  int64_t value = 0;
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || ptr != text.data() + text.size() || value < 0) {
    return Status::Corruption("Invalid offset '" + text + "' for " + what + ": expected a non-negative integer");
  }
  return value;
}

MemorySource::MemorySource(type::SchemaPtr schema, std::string name)
    : schema_(std::move(schema)), name_(std::move(name)) {}

int64_t MemorySource::AddData(vector::Batch batch) {
  std::vector<std::function<void()>> wake;
  int64_t offset;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    batches_.push_back(std::move(batch));
    offset = first_offset_ + static_cast<int64_t>(batches_.size()) - 1;
    for (auto& [token, fn] : wakeups_) wake.push_back(fn);
  }
  for (auto& fn : wake) fn();
  return offset;
}

int MemorySource::AddWakeup(std::function<void()> wake) {
  std::lock_guard<std::mutex> lock(mutex_);
  wakeups_[next_token_] = std::move(wake);
  return next_token_++;
}

void MemorySource::RemoveWakeup(int token) {
  std::lock_guard<std::mutex> lock(mutex_);
  wakeups_.erase(token);
}

Result<std::optional<std::string>> MemorySource::LatestOffset(const std::optional<std::string>& start,
                                                              const ReadLimit& limit) {
  std::lock_guard<std::mutex> lock(mutex_);
  int64_t latest = first_offset_ + static_cast<int64_t>(batches_.size()) - 1;
  if (available_now_cap_ >= 0) latest = std::min(latest, available_now_cap_);
  if (latest <= 0) return std::optional<std::string>();
  if (limit.max_rows > 0 || limit.max_files > 0) {
    // One addData() per batch at most (MemoryStream has no finer unit).
    int64_t begin = start ? ParseIntegerOffset(*start, Describe()).ValueOr(0) : 0;
    int64_t cap = begin + std::max<int64_t>(1, limit.max_files > 0 ? limit.max_files : 1);
    latest = std::min(latest, cap);
  }
  return std::optional<std::string>(std::to_string(latest));
}

Result<plan::DataSourcePtr> MemorySource::GetBatch(const std::optional<std::string>& start, const std::string& end) {
  int64_t begin = 0;
  if (start) {
    RUNNEL_ASSIGN_OR_RAISE(begin, ParseIntegerOffset(*start, Describe()));
  }
  RUNNEL_ASSIGN_OR_RAISE(int64_t last, ParseIntegerOffset(end, Describe()));
  std::lock_guard<std::mutex> lock(mutex_);
  if (begin + 1 < first_offset_) {
    return Status::InvalidArgument(Describe() + " no longer holds the rows after offset " + std::to_string(begin) +
                                   ": they were committed and dropped");
  }
  int64_t available = first_offset_ + static_cast<int64_t>(batches_.size()) - 1;
  if (last > available) {
    return Status::InvalidArgument(Describe() + " has no offset " + std::to_string(last) + " (latest " +
                                   std::to_string(available) + "); MemoryStream data does not survive a restart of the process");
  }
  std::vector<vector::Batch> out;
  for (int64_t o = begin + 1; o <= last; ++o) out.push_back(batches_[o - first_offset_]);
  return plan::DataSourcePtr(std::make_shared<plan::InMemorySource>(schema_, std::move(out), Describe()));
}

Status MemorySource::PrepareForAvailableNow() {
  std::lock_guard<std::mutex> lock(mutex_);
  available_now_cap_ = first_offset_ + static_cast<int64_t>(batches_.size()) - 1;
  return Status::OK();
}

void MemorySource::ResetForNewQuery() {
  std::lock_guard<std::mutex> lock(mutex_);
  available_now_cap_ = -1;
}

Status MemorySource::Commit(const std::string& end) {
  RUNNEL_ASSIGN_OR_RAISE(int64_t last, ParseIntegerOffset(end, Describe()));
  std::lock_guard<std::mutex> lock(mutex_);
  // Several queries reading one stream each need its rows from their own position: trim only
  // when one query reads it.
  if (wakeups_.size() > 1) return Status::OK();
  int64_t drop = std::min<int64_t>(last - first_offset_ + 1, static_cast<int64_t>(batches_.size()));
  if (drop > 0) {
    batches_.erase(batches_.begin(), batches_.begin() + drop);
    first_offset_ += drop;
  }
  return Status::OK();
}

}  // namespace runnel::streaming
