#include "streaming/source_provider.h"

#include "streaming/sources/file_stream_source.h"
#include "streaming/streaming_relation.h"
#include "streaming/sources/rate_per_micro_batch_source.h"
#include "streaming/sources/rate_source.h"
#include "streaming/sources/socket_source.h"

namespace runnel::streaming {

namespace {
bool IsFileFormat(const std::string& format) {
  return format == "csv" || format == "json" || format == "text" || format == "parquet";
}
}  // namespace

Result<ResolvedSource> ResolveSource(const StreamSpec& spec, const std::shared_ptr<io::FileSystem>& fs) {
  // Each source validates its own options (sources/*).
  if (IsFileFormat(spec.format)) return ResolveFileStreamSource(spec, fs);
  if (spec.format == "rate") return ResolveRateSource(spec);
  if (spec.format == "rate-micro-batch") return ResolveRatePerMicroBatchSource(spec);
  if (spec.format == "socket") return ResolveSocketSource(spec);
  return Status::InvalidArgument("Unknown streaming source format '" + spec.format +
                                 "'. Streaming sources: parquet, csv, json, text, rate, rate-micro-batch, socket, "
                                 "memory (MemoryStream)");
}

plan::PlanPtr StreamingScan(const StreamSpec& spec, const std::shared_ptr<io::FileSystem>& fs) {
  auto resolved = ResolveSource(spec, fs);
  std::string name = spec.format;
  if (auto it = spec.options.find("path"); it != spec.options.end()) name += " [" + it->second + "]";
  auto relation = resolved.ok() ? std::make_shared<StreamingRelation>(name, resolved->schema, resolved->factory)
                                : std::make_shared<StreamingRelation>(name, resolved.status(), nullptr);
  return plan::Scan(relation);
}

}  // namespace runnel::streaming
