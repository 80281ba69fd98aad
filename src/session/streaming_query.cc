#include "runnel/streaming_query.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

#include "function/scalar/window_duration.h"
#include "io/file_system.h"
#include "session/session_state.h"
#include "session/streaming_query_state.h"

namespace runnel {

// --- Trigger ---

Trigger Trigger::ProcessingTime(const std::string& interval) {
  Trigger t{Kind::kProcessingTime, 0, ""};
  auto micros = function::ParseDurationText(interval);
  if (!micros.ok() || !micros->has_value() || **micros < 0) {
    t.error = "Invalid processing-time trigger interval '" + interval + "': use a duration such as '10 seconds'";
  } else {
    t.interval_ms = **micros / 1000;
  }
  return t;
}

std::string Trigger::ToString() const {
  switch (kind) {
    case Kind::kOnce: return "Once";
    case Kind::kAvailableNow: return "AvailableNow";
    case Kind::kProcessingTime: return "ProcessingTime(" + std::to_string(interval_ms) + " ms)";
  }
  return "?";
}

// --- StreamingQueryState ---

StreamingQueryState::~StreamingQueryState() {
  if (thread.joinable()) {
    if (thread.get_id() == std::this_thread::get_id()) {
      thread.detach();  // the last reference went away on the query's own thread, which is ending
    } else {
      execution->Stop();
      thread.join();
    }
  }
}

void StreamingQueryState::Launch(std::shared_ptr<StreamingQueryState> self) {
  thread = std::thread([self]() {
    Status st = self->execution->Run();
    if (st.ok() && !self->temp_checkpoint.empty()) {
      (void)self->fs->DeleteRecursively(self->temp_checkpoint);
    }
    auto streams = self->streams.lock();
    // Off the active list before anyone waiting on the query wakes: after awaitTermination()
    // its name can be used again.
    if (streams) streams->RemoveActive(self);
    {
      std::lock_guard<std::mutex> lock(self->mutex);
      self->active = false;
      if (!st.ok()) self->exception = st;
    }
    self->cv.notify_all();
    if (streams) streams->OnTerminated(self);
  });
}

StreamsState::~StreamsState() {
  for (const auto& query : active) {
    query->execution->Stop();
    if (query->thread.joinable() && query->thread.get_id() != std::this_thread::get_id()) query->thread.join();
  }
}

std::vector<std::shared_ptr<StreamingQueryListener>> StreamsState::Listeners() const {
  std::lock_guard<std::mutex> lock(mutex);
  return listeners;
}

void StreamsState::RemoveActive(const std::shared_ptr<StreamingQueryState>& query) {
  std::lock_guard<std::mutex> lock(mutex);
  active.erase(std::remove(active.begin(), active.end(), query), active.end());
}

void StreamsState::OnTerminated(const std::shared_ptr<StreamingQueryState>& query) {
  std::optional<Status> exception;
  {
    std::lock_guard<std::mutex> lock(query->mutex);
    exception = query->exception;
  }
  {
    std::lock_guard<std::mutex> lock(mutex);
    any_terminated = true;
    if (exception) last_exception = exception;
  }
  cv.notify_all();
  StreamingQueryListener::QueryTerminatedEvent event{query->id, query->run_id, std::nullopt};
  if (exception) event.exception = exception->ToString();
  for (const auto& l : Listeners()) l->onQueryTerminated(event);
}

// --- StreamingQuery ---

std::string StreamingQuery::id() const { return state_->id; }
std::string StreamingQuery::runId() const { return state_->run_id; }
std::optional<std::string> StreamingQuery::name() const { return state_->name; }

bool StreamingQuery::isActive() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->active;
}

Status StreamingQuery::awaitTermination() const {
  std::unique_lock<std::mutex> lock(state_->mutex);
  state_->cv.wait(lock, [&] { return !state_->active; });
  return state_->exception.value_or(Status::OK());
}

Result<bool> StreamingQuery::awaitTermination(int64_t timeout_ms) const {
  if (timeout_ms < 0) return Status::InvalidArgument("awaitTermination: the timeout must not be negative");
  std::unique_lock<std::mutex> lock(state_->mutex);
  bool done = state_->cv.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] { return !state_->active; });
  if (done && state_->exception) return *state_->exception;
  return done;
}

Status StreamingQuery::stop() {
  state_->execution->Stop();
  if (state_->thread.joinable() && state_->thread.get_id() != std::this_thread::get_id()) state_->thread.join();
  return Status::OK();
}

Status StreamingQuery::processAllAvailable() {
  state_->execution->AwaitAllAvailable();
  std::unique_lock<std::mutex> lock(state_->mutex);
  // A run that ended records its failure on the query's thread just after: wait for that.
  if (state_->execution->finished()) state_->cv.wait(lock, [&] { return !state_->active; });
  return state_->exception.value_or(Status::OK());
}

StreamingQueryStatus StreamingQuery::status() const { return state_->execution->status(); }

std::optional<StreamingQueryProgress> StreamingQuery::lastProgress() const {
  auto all = state_->execution->recentProgress();
  if (all.empty()) return std::nullopt;
  return all.back();
}

std::vector<StreamingQueryProgress> StreamingQuery::recentProgress() const {
  return state_->execution->recentProgress();
}

std::optional<Status> StreamingQuery::exception() const {
  std::lock_guard<std::mutex> lock(state_->mutex);
  return state_->exception;
}

std::string StreamingQuery::explainString(bool extended) const { return state_->execution->ExplainString(extended); }

void StreamingQuery::explain(bool extended) const { std::puts(explainString(extended).c_str()); }

// --- StreamingQueryManager ---

namespace {
StreamsState& Streams(const std::shared_ptr<SessionState>& session) { return *session->streams; }
}  // namespace

std::vector<StreamingQuery> StreamingQueryManager::active() const {
  std::lock_guard<std::mutex> lock(Streams(session_).mutex);
  std::vector<StreamingQuery> out;
  for (const auto& q : Streams(session_).active) out.emplace_back(q);
  return out;
}

std::optional<StreamingQuery> StreamingQueryManager::get(const std::string& id) const {
  std::lock_guard<std::mutex> lock(Streams(session_).mutex);
  for (const auto& q : Streams(session_).active) {
    if (q->id == id) return StreamingQuery(q);
  }
  return std::nullopt;
}

Status StreamingQueryManager::awaitAnyTermination() const {
  auto& s = Streams(session_);
  std::unique_lock<std::mutex> lock(s.mutex);
  s.cv.wait(lock, [&] { return s.any_terminated; });
  return s.last_exception.value_or(Status::OK());
}

Result<bool> StreamingQueryManager::awaitAnyTermination(int64_t timeout_ms) const {
  auto& s = Streams(session_);
  std::unique_lock<std::mutex> lock(s.mutex);
  bool done = s.cv.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] { return s.any_terminated; });
  if (done && s.last_exception) return *s.last_exception;
  return done;
}

void StreamingQueryManager::resetTerminated() {
  auto& s = Streams(session_);
  std::lock_guard<std::mutex> lock(s.mutex);
  s.any_terminated = false;
  s.last_exception.reset();
}

void StreamingQueryManager::addListener(std::shared_ptr<StreamingQueryListener> listener) {
  std::lock_guard<std::mutex> lock(Streams(session_).mutex);
  Streams(session_).listeners.push_back(std::move(listener));
}

void StreamingQueryManager::removeListener(const std::shared_ptr<StreamingQueryListener>& listener) {
  auto& s = Streams(session_);
  std::lock_guard<std::mutex> lock(s.mutex);
  s.listeners.erase(std::remove(s.listeners.begin(), s.listeners.end(), listener), s.listeners.end());
}

std::vector<std::shared_ptr<StreamingQueryListener>> StreamingQueryManager::listListeners() const {
  return Streams(session_).Listeners();
}

}  // namespace runnel
