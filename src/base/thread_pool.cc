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
  std::vector<Status> results(n);
  std::mutex done_mutex;
  std::condition_variable done_cv;
  int remaining = n;
  // The calling thread takes part too, pulling indices from a shared counter, so a pool with
  // one thread still makes progress.
  std::atomic<int> next{0};
  auto drain = [&] {
    for (int i = next.fetch_add(1); i < n; i = next.fetch_add(1)) {
      results[i] = task(i);
      std::lock_guard<std::mutex> lock(done_mutex);
      if (--remaining == 0) done_cv.notify_all();
    }
  };
  int helpers = std::min(n - 1, num_threads());
  {
    std::lock_guard<std::mutex> lock(mutex_);
    for (int i = 0; i < helpers; ++i) queue_.push_back(drain);
  }
  cv_.notify_all();
  drain();
  {
    std::unique_lock<std::mutex> lock(done_mutex);
    done_cv.wait(lock, [&] { return remaining == 0; });
  }
  for (auto& st : results) {
    if (!st.ok()) return st;
  }
  return Status::OK();
}

ThreadPool& ThreadPool::Default() {
  static ThreadPool pool(static_cast<int>(std::max(1u, std::thread::hardware_concurrency())));
  return pool;
}

}  // namespace runnel::base
