#include "streaming/source_provider.h"

namespace runnel::streaming {

Result<ResolvedSource> ResolveSource(const StreamSpec& spec, const std::shared_ptr<io::FileSystem>& fs) {
  return Status::InvalidArgument("Unknown streaming source format '" + spec.format +
                                 "'. Streaming sources: memory (MemoryStream)");
}

}  // namespace runnel::streaming
