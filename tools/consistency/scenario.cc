#include "consistency/scenario.h"

#include <random>
#include <sstream>

#include "runnel/value.h"

namespace runnel::consistency {
namespace {

using type::Value;

constexpr int64_t kSecond = 1000 * 1000;
const char* const kUsers[] = {"a", "b", "c", "d"};  // `users` knows a, b and c
const char* const kTags[] = {"x", "x,y", "", "y,z,z", "z"};
const char* const kCrashPoints[] = {"offsets write", "sink write", "sink commit", "commits write"};

class Generator {
 public:
  explicit Generator(uint64_t seed) : rng_(seed) {}
  bool Chance(double p) { return std::uniform_real_distribution<double>(0, 1)(rng_) < p; }
  int64_t Between(int64_t lo, int64_t hi) { return std::uniform_int_distribution<int64_t>(lo, hi)(rng_); }
  template <typename T, size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[Between(0, N - 1)];
  }

  // Event times follow a frontier that moves forward by 0-3 s a row; most rows are up to 12 s
  // behind it (out of order around a 10 s delay, so some land exactly on the watermark), some
  // 10-40 s behind (late), some on a half second.
  Row NextRow() {
    frontier_ += Between(0, 3) * kSecond;
    int64_t ts = frontier_ - Between(0, 12) * kSecond;
    if (Chance(0.12)) ts = frontier_ - Between(10, 40) * kSecond;
    if (Chance(0.15)) ts += kSecond / 2;
    Value user = Chance(0.05) ? Value::NullOf(type::String()) : Value::String(Pick(kUsers));
    Value amount = Chance(0.05) ? Value::NullOf(type::BigInt()) : Value::BigInt(Between(-5, 99));
    return Row({user, Value::Timestamp(ts), amount, Value::String(Pick(kTags))});
  }

  void Crash(std::vector<Step>* steps) {
    Step s;
    s.kind = Step::Kind::kCrash;
    s.point = Pick(kCrashPoints);
    steps->push_back(s);
  }

 private:
  std::mt19937_64 rng_;
  int64_t frontier_ = 100 * kSecond;
};

}  // namespace

int64_t EventTimeMs(const Row& row) {
  int64_t us = row.get(kTsColumn).bigint_value();
  return us >= 0 ? us / 1000 : -((-us + 999) / 1000);  // floor
}

Scenario GenerateScenario(uint64_t seed, bool second_source) {
  Generator gen(seed);
  Scenario s;
  s.seed = seed;
  s.shuffle_partitions = static_cast<int>(gen.Between(1, 4));
  s.state_store = gen.Chance(0.25) ? "rocksdb" : "memory";
  int num_rows = static_cast<int>(gen.Between(10, 60));
  if (gen.Chance(0.3)) s.steps.push_back(Step{});  // a trigger before any data
  for (int added = 0; added < num_rows;) {
    Chunk chunk;
    chunk.source = second_source && gen.Chance(0.3) ? 1 : 0;
    if (added == 0) chunk.source = 0;  // events always gets rows
    int size = static_cast<int>(gen.Between(1, 6));
    for (int i = 0; i < size && added < num_rows; ++i, ++added) chunk.rows.push_back(gen.NextRow());
    Step add;
    add.kind = Step::Kind::kAdd;
    add.chunk = static_cast<int>(s.chunks.size());
    s.chunks.push_back(std::move(chunk));
    s.steps.push_back(add);
    if (gen.Chance(0.5)) s.steps.push_back(Step{});
    if (gen.Chance(0.15)) s.steps.push_back(Step{});  // often a no-data trigger
    if (gen.Chance(0.12)) gen.Crash(&s.steps);
    if (gen.Chance(0.08)) s.steps.push_back(Step{Step::Kind::kRestart, -1, ""});
  }
  if (gen.Chance(0.3)) gen.Crash(&s.steps);
  if (gen.Chance(0.2)) s.steps.push_back(Step{Step::Kind::kRestart, -1, ""});
  return s;
}

std::string Scenario::Describe() const {
  std::ostringstream out;
  out << "scenario seed " << seed << ", " << shuffle_partitions << " shuffle partition(s), " << state_store
      << " state store; steps:\n";
  for (const auto& step : steps) {
    switch (step.kind) {
      case Step::Kind::kAdd: {
        const Chunk& c = chunks[step.chunk];
        out << "  add_data " << (c.source == 0 ? "events" : "events2") << " #" << step.chunk << ":";
        for (const auto& r : c.rows) out << " " << r.ToString();
        out << "\n";
        break;
      }
      case Step::Kind::kTrigger: out << "  trigger\n"; break;
      case Step::Kind::kRestart: out << "  restart\n"; break;
      case Step::Kind::kCrash: out << "  crash before " << step.point << " (then restart at the next trigger)\n"; break;
    }
  }
  out << "  then trigger until no batch runs\n";
  return out.str();
}

}  // namespace runnel::consistency
