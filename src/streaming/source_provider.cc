#include "streaming/source_provider.h"

#include "streaming/sources/rate_per_micro_batch_source.h"
#include "streaming/sources/rate_source.h"
#include "streaming/sources/socket_source.h"

namespace runnel::streaming {

Result<ResolvedSource> ResolveSource(const StreamSpec& spec, const std::shared_ptr<io::FileSystem>& fs) {
  // Generated and network sources: each validates its own options (sources/*_source.cc).
  if (spec.format == "rate") return ResolveRateSource(spec);
  if (spec.format == "rate-micro-batch") return ResolveRatePerMicroBatchSource(spec);
  if (spec.format == "socket") return ResolveSocketSource(spec);
  return Status::InvalidArgument("Unknown streaming source format '" + spec.format +
                                 "'. Streaming sources: rate, rate-micro-batch, socket, memory (MemoryStream)");
}

}  // namespace runnel::streaming
