#include "streaming/source_provider.h"

#include "streaming/sources/file_stream_source.h"

namespace runnel::streaming {

namespace {
bool IsFileFormat(const std::string& format) {
  return format == "csv" || format == "json" || format == "text" || format == "parquet";
}
}  // namespace

Result<ResolvedSource> ResolveSource(const StreamSpec& spec, const std::shared_ptr<io::FileSystem>& fs) {
  if (IsFileFormat(spec.format)) {
    return ResolveFileStreamSource(spec, fs);
  }
  return Status::InvalidArgument("Unknown streaming source format '" + spec.format +
                                 "'. Streaming sources: csv, json, text, parquet (files), memory (MemoryStream)");
}

}  // namespace runnel::streaming
