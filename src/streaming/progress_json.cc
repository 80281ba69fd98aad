// JSON forms of the public progress and status structs, with Spark's field names and layout
// (numbers as JSON numbers, offsets parsed as JSON when they are JSON, empty maps left out).
#include <cmath>
#include <nlohmann/json.hpp>

#include "runnel/streaming_progress.h"

namespace runnel {

namespace {
using nlohmann::ordered_json;

// Spark prints rates with one decimal, never in E-notation, and leaves out NaN or infinity.
void PutRate(ordered_json& out, const char* key, double value) {
  if (!std::isfinite(value)) return;
  out[key] = std::round(value * 10.0) / 10.0;
}

ordered_json OffsetJson(const std::string& text) {
  if (text.empty()) return nullptr;
  ordered_json parsed = ordered_json::parse(text, nullptr, /*allow_exceptions=*/false);
  return parsed.is_discarded() ? ordered_json(text) : parsed;
}

ordered_json ToJson(const StreamingQueryProgress& p) {
  ordered_json out;
  out["id"] = p.id;
  out["runId"] = p.runId;
  out["name"] = p.name ? ordered_json(*p.name) : ordered_json(nullptr);
  out["timestamp"] = p.timestamp;
  out["batchId"] = p.batchId;
  out["batchDuration"] = p.batchDuration;
  out["numInputRows"] = p.numInputRows;
  PutRate(out, "inputRowsPerSecond", p.inputRowsPerSecond);
  PutRate(out, "processedRowsPerSecond", p.processedRowsPerSecond);
  if (!p.durationMs.empty()) out["durationMs"] = p.durationMs;  // std::map: keys sorted
  if (!p.eventTime.empty()) out["eventTime"] = p.eventTime;
  out["stateOperators"] = ordered_json::array();
  for (const auto& op : p.stateOperators) {
    ordered_json o;
    o["operatorName"] = op.operatorName;
    o["numRowsTotal"] = op.numRowsTotal;
    o["numRowsUpdated"] = op.numRowsUpdated;
    o["allUpdatesTimeMs"] = op.allUpdatesTimeMs;
    o["numRowsRemoved"] = op.numRowsRemoved;
    o["allRemovalsTimeMs"] = op.allRemovalsTimeMs;
    o["commitTimeMs"] = op.commitTimeMs;
    o["memoryUsedBytes"] = op.memoryUsedBytes;
    o["numRowsDroppedByWatermark"] = op.numRowsDroppedByWatermark;
    o["numShufflePartitions"] = op.numShufflePartitions;
    o["numStateStoreInstances"] = op.numStateStoreInstances;
    if (!op.customMetrics.empty()) o["customMetrics"] = op.customMetrics;
    out["stateOperators"].push_back(o);
  }
  out["sources"] = ordered_json::array();
  for (const auto& s : p.sources) {
    ordered_json o;
    o["description"] = s.description;
    o["startOffset"] = OffsetJson(s.startOffset);
    o["endOffset"] = OffsetJson(s.endOffset);
    o["latestOffset"] = OffsetJson(s.latestOffset);
    o["numInputRows"] = s.numInputRows;
    PutRate(o, "inputRowsPerSecond", s.inputRowsPerSecond);
    PutRate(o, "processedRowsPerSecond", s.processedRowsPerSecond);
    if (!s.metrics.empty()) o["metrics"] = s.metrics;
    out["sources"].push_back(o);
  }
  out["sink"] = ordered_json{{"description", p.sink.description}, {"numOutputRows", p.sink.numOutputRows}};
  return out;
}
// Spark's prettyJson (Jackson's default pretty printer): `"key" : value`, objects one field per
// line, arrays inline (`[ {`, `}, {`, `} ]`), empty ones as `{ }` and `[ ]`.
void Pretty(const ordered_json& value, int indent, std::string& out) {
  if (value.is_object()) {
    if (value.empty()) {
      out += "{ }";
      return;
    }
    out += "{\n";
    bool first = true;
    for (const auto& [key, item] : value.items()) {
      if (!first) out += ",\n";
      first = false;
      out += std::string(indent + 2, ' ') + ordered_json(key).dump() + " : ";
      Pretty(item, indent + 2, out);
    }
    out += "\n" + std::string(indent, ' ') + "}";
  } else if (value.is_array()) {
    if (value.empty()) {
      out += "[ ]";
      return;
    }
    out += "[ ";
    bool first = true;
    for (const auto& item : value) {
      if (!first) out += ", ";
      first = false;
      Pretty(item, indent, out);
    }
    out += " ]";
  } else {
    out += value.dump();
  }
}

std::string PrettyJson(const ordered_json& value) {
  std::string out;
  Pretty(value, 0, out);
  return out;
}
}  // namespace

std::string StreamingQueryProgress::json() const { return ToJson(*this).dump(); }
std::string StreamingQueryProgress::prettyJson() const { return PrettyJson(ToJson(*this)); }

std::string StreamingQueryStatus::json() const {
  ordered_json out;
  out["message"] = message;
  out["isDataAvailable"] = isDataAvailable;
  out["isTriggerActive"] = isTriggerActive;
  return PrettyJson(out);
}

}  // namespace runnel
