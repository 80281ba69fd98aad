// Time as a dependency: streaming code asks a Clock, so tests can advance a ManualClock instead
// of sleeping.
#pragma once

#include <atomic>
#include <cstdint>

namespace runnel::base {

class Clock {
 public:
  virtual ~Clock() = default;
  // Microseconds since the Unix epoch.
  virtual int64_t NowMicros() const = 0;
  // Blocks until NowMicros() >= deadline (a manual clock returns at once).
  virtual void SleepUntil(int64_t deadline_micros) = 0;
};

class SystemClock final : public Clock {
 public:
  int64_t NowMicros() const override;
  void SleepUntil(int64_t deadline_micros) override;
  static SystemClock& Instance();
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(int64_t start_micros = 0) : now_(start_micros) {}
  int64_t NowMicros() const override { return now_.load(); }
  void SleepUntil(int64_t deadline_micros) override;
  void Advance(int64_t micros) { now_ += micros; }
  void Set(int64_t micros) { now_ = micros; }

 private:
  std::atomic<int64_t> now_;
};

}  // namespace runnel::base
