// A generated input and the schedule a stream runs it with: rows with event times out of order
// within a bound and some far behind (late), split into chunks (one MemoryStream addData each),
// interleaved with triggers, clean restarts and crashes at the engine's fault points.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "runnel/row.h"
#include "runnel/schema.h"

namespace runnel::consistency {

inline constexpr const char* kEventsSchema = "user STRING, ts TIMESTAMP, amount BIGINT, tags STRING";
inline constexpr int kTsColumn = 1;

struct Chunk {
  int source = 0;  // 0: events, 1: events2
  std::vector<Row> rows;
};

struct Step {
  enum class Kind { kAdd, kTrigger, kRestart, kCrash };
  Kind kind = Kind::kTrigger;
  int chunk = -1;     // kAdd
  std::string point;  // kCrash: "offsets write", "sink write", "sink commit", "commits write"
};

struct Scenario {
  uint64_t seed = 0;
  std::vector<Chunk> chunks;
  std::vector<Step> steps;  // then the harness triggers until no batch runs
  int shuffle_partitions = 1;
  std::string state_store = "memory";
  std::string Describe() const;
};

Scenario GenerateScenario(uint64_t seed, bool second_source);

// Event time in milliseconds, as the watermark counts it (SPARK_SEMANTICS 2.1.1).
int64_t EventTimeMs(const Row& row);

}  // namespace runnel::consistency
