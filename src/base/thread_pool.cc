#include "base/thread_pool.h"

#include <algorithm>
#include <atomic>

namespace runnel::base {

ThreadPool::ThreadPool(int num_threads) {
  num_threads = std::max(1, num_threads);
  for (int i = 0; i < num_threads; ++i) workers_.emplace_back([this] { WorkerLoop(); });
}

ThreadPool::~ThreadPool() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  cv_.notify_all();
  for (auto& w : workers_) w.join();
}

void ThreadPool::WorkerLoop() {
  for (;;) {
    std::function<void()> job;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;
      job = std::move(queue_.front());
      queue_.pop_front();
    }
    job();
  }
}

Status ThreadPool::ParallelFor(int n, const std::function<Status(int)>& task) {
  if (n <= 0) return Status::OK();
  if (n == 1) return task(0);
  // Shared with the queued jobs: a job may start after every index is taken and this call has
  // returned, so nothing it touches may live on this stack. It only touches `task` for an index
  // it won, and indices are all won before this call returns.
  struct State {
    explicit State(int count) : n(count), results(count), remaining(count) {}
    const int n;
    std::atomic<int> next{0};
    std::vector<Status> results;
    std::mutex mutex;
    std::condition_variable cv;
    int remaining;
  };
  auto state = std::make_shared<State>(n);
  const std::function<Status(int)>* fn = &task;
  auto drain = [state, fn] {
    for (int i = state->next.fetch_add(1); i < state->n; i = state->next.fetch_add(1)) {
      state->results[i] = (*fn)(i);
      std::lock_guard<std::mutex> lock(state->mutex);
      if (--state->remaining == 0) state->cv.notify_all();
    }
  };
  // The calling thread takes part too, so a pool with one thread still makes progress.
  int helpers = std::min(n - 1, num_threads());
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (int i = 0; i < helpers; ++i) queue_.push_back(drain);
  }
  cv_.notify_all();
  drain();
  {
    std::unique_lock<std::mutex> lock(state->mutex);
    state->cv.wait(lock, [&] { return state->remaining == 0; });
  }
  for (auto& st : state->results) {
    if (!st.ok()) return st;
  }
  return Status::OK();
}

ThreadPool& ThreadPool::Default() {
  static ThreadPool pool(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  return pool;
}

}  // namespace runnel::base
