// What a streaming query reports after each micro-batch (Spark's StreamingQueryProgress) and
// what it is doing now (StreamingQueryStatus). json() uses Spark's field names.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace runnel {

struct SourceProgress {
  std::string description;
  std::string startOffset;   // the source's JSON offset text; "" for none (null)
  std::string endOffset;
  std::string latestOffset;
  int64_t numInputRows = 0;
  double inputRowsPerSecond = 0;
  double processedRowsPerSecond = 0;
  std::map<std::string, std::string> metrics;
};

struct SinkProgress {
  std::string description;
  int64_t numOutputRows = -1;  // -1: unknown
};

struct StateOperatorProgress {
  std::string operatorName;
  int64_t numRowsTotal = 0, numRowsUpdated = 0, numRowsRemoved = 0, numRowsDroppedByWatermark = 0;
  int64_t allUpdatesTimeMs = 0, allRemovalsTimeMs = 0, commitTimeMs = 0, memoryUsedBytes = 0;
  int64_t numShufflePartitions = 0, numStateStoreInstances = 0;
  std::map<std::string, int64_t> customMetrics;
};

struct StreamingQueryProgress {
  std::string id, runId;
  std::optional<std::string> name;
  std::string timestamp;  // trigger start, ISO-8601 UTC: "2026-11-24T17:30:00.123Z"
  int64_t batchId = 0;
  int64_t batchDuration = 0;  // ms
  int64_t numInputRows = 0;
  double inputRowsPerSecond = 0;
  double processedRowsPerSecond = 0;
  std::map<std::string, int64_t> durationMs;       // addBatch, getBatch, latestOffset, ...
  std::map<std::string, std::string> eventTime;    // min, max, avg, watermark (with a watermark)
  std::vector<StateOperatorProgress> stateOperators;
  std::vector<SourceProgress> sources;
  SinkProgress sink;

  // One line of JSON; prettyJson() indents it as Spark does.
  std::string json() const;
  std::string prettyJson() const;
};

struct StreamingQueryStatus {
  std::string message = "Initializing sources";
  bool isDataAvailable = false;
  bool isTriggerActive = false;
  std::string json() const;
};

}  // namespace runnel
