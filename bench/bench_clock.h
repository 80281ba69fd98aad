// Clocks the benchmarks share: wall time on a steady clock, and the CPU time of the whole
// process (every thread, user and system), for "per CPU-second" figures.
#pragma once

#include <time.h>

#include <chrono>
#include <cstdint>

namespace runnel::bench {

inline int64_t NowMicros() {
  return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now().time_since_epoch())
      .count();
}

inline double ProcessCpuSeconds() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + t.tv_nsec * 1e-9;
}

}  // namespace runnel::bench
