// What the offset log (offsets/N) and the commit log (commits/N) hold, and their text forms
// (docs/formats/checkpoint.md).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace runnel::streaming {

// Settings that must not change across restarts; the checkpoint's values win over the session's.
struct OffsetSeqMetadata {
  int64_t batch_watermark_ms = 0;
  int64_t batch_timestamp_ms = 0;
  std::map<std::string, std::string> conf;
};

// offsets/N: where each source ends in batch N (a source's own JSON text; nullopt when the
// source has produced nothing yet), in source order.
struct OffsetSeq {
  std::vector<std::optional<std::string>> offsets;
  OffsetSeqMetadata metadata;

  // "{metadata json}\n<offset or ->\n..." (the body after the version line).
  std::string Serialize() const;
  static Result<OffsetSeq> Parse(const std::string& body, const std::string& path);
};

// commits/N: written after the sink committed batch N.
struct CommitMetadata {
  int64_t next_batch_watermark_ms = 0;

  std::string Serialize() const;
  static Result<CommitMetadata> Parse(const std::string& body, const std::string& path);
};

}  // namespace runnel::streaming
