// A fixed-size pool of worker threads. ParallelFor runs n independent tasks and waits for all
// of them; tasks must not themselves wait on the pool (the executor schedules stage by stage,
// so they never need to).
#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <vector>

#include "base/status.h"

namespace runnel::base {

class ThreadPool {
 public:
  explicit ThreadPool(int num_threads);
  ~ThreadPool();
  ThreadPool(const ThreadPool&) = delete;
  ThreadPool& operator=(const ThreadPool&) = delete;

  int num_threads() const { return static_cast<int>(workers_.size()); }

  // Runs task(i) for i in [0, n); returns the first failure (by index) or OK.
  Status ParallelFor(int n, const std::function<Status(int)>& task);

  // The process-wide pool, sized to the hardware.
  static ThreadPool& Default();

 private:
  void WorkerLoop();

  std::mutex mutex_;
  std::condition_variable cv_;
  std::deque<std::function<void()>> queue_;
  bool stopping_ = false;
  std::vector<std::thread> workers_;
};

}  // namespace runnel::base
