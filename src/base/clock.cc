#include "base/clock.h"

#include <chrono>
#include <thread>

namespace runnel::base {

int64_t SystemClock::NowMicros() const {
  return std::chrono::duration_cast<std::chrono::microseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

void SystemClock::SleepUntil(int64_t deadline_micros) {
  int64_t now = NowMicros();
  if (deadline_micros > now) {
    std::this_thread::sleep_for(std::chrono::microseconds(deadline_micros - now));
  }
}

SystemClock& SystemClock::Instance() {
  static SystemClock clock;
  return clock;
}

void ManualClock::SleepUntil(int64_t deadline_micros) {
  // Time only moves when a test moves it; sleeping means jumping to the deadline.
  int64_t now = now_.load();
  if (deadline_micros > now) now_ = deadline_micros;
}

}  // namespace runnel::base
