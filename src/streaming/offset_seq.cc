// nlohmann/json is a heavy header: only the checkpoint codecs include it.
#include "streaming/offset_seq.h"

#include <nlohmann/json.hpp>

namespace runnel::streaming {

using nlohmann::json;

std::string OffsetSeq::Serialize() const {
  // Spark's field order.
  nlohmann::ordered_json meta;
  meta["batchWatermarkMs"] = metadata.batch_watermark_ms;
  meta["batchTimestampMs"] = metadata.batch_timestamp_ms;
  meta["conf"] = metadata.conf;
  std::string out = meta.dump() + "\n";
  for (const auto& offset : offsets) out += (offset ? *offset : std::string("-")) + "\n";
  return out;
}

Result<OffsetSeq> OffsetSeq::Parse(const std::string& body, const std::string& path) {
  OffsetSeq seq;
  size_t start = 0;
  bool first = true;
  while (start < body.size()) {
    size_t eol = body.find('\n', start);
    if (eol == std::string::npos) eol = body.size();
    std::string line = body.substr(start, eol - start);
    start = eol + 1;
    if (first) {
      first = false;
      json meta = json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (!meta.is_object() || !meta.contains("batchWatermarkMs") || !meta["batchWatermarkMs"].is_number_integer() ||
          !meta.contains("batchTimestampMs") || !meta["batchTimestampMs"].is_number_integer()) {
        return Status::Corruption("The offset log file " + path +
                                  " has no valid metadata line (batchWatermarkMs, batchTimestampMs): '" +
                                  line.substr(0, 80) + "'");
      }
      seq.metadata.batch_watermark_ms = meta["batchWatermarkMs"].get<int64_t>();
      seq.metadata.batch_timestamp_ms = meta["batchTimestampMs"].get<int64_t>();
      if (meta.contains("conf") && meta["conf"].is_object()) {
        for (auto& [key, value] : meta["conf"].items()) {
          if (value.is_string()) seq.metadata.conf[key] = value.get<std::string>();
        }
      }
      continue;
    }
    if (line == "-") {
      seq.offsets.emplace_back();
    } else {
      seq.offsets.emplace_back(line);
    }
  }
  if (first) return Status::Corruption("The offset log file " + path + " has no metadata line");
  return seq;
}

std::string CommitMetadata::Serialize() const {
  return json{{"nextBatchWatermarkMs", next_batch_watermark_ms}}.dump() + "\n";
}

Result<CommitMetadata> CommitMetadata::Parse(const std::string& body, const std::string& path) {
  std::string line = body.substr(0, body.find('\n'));
  json meta = json::parse(line, nullptr, /*allow_exceptions=*/false);
  if (!meta.is_object() || !meta.contains("nextBatchWatermarkMs") || !meta["nextBatchWatermarkMs"].is_number_integer()) {
    return Status::Corruption("The commit log file " + path + " has no valid nextBatchWatermarkMs: '" +
                              line.substr(0, 80) + "'");
  }
  CommitMetadata commit;
  commit.next_batch_watermark_ms = meta["nextBatchWatermarkMs"].get<int64_t>();
  return commit;
}

}  // namespace runnel::streaming
