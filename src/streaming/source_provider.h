// Turns readStream()'s format, options and schema into a source: the schema now (so the
// DataFrame can be analyzed) and a factory that creates the source when a query starts.
#pragma once

#include <map>
#include <memory>
#include <string>

#include "io/file_system.h"
#include "plan/logical_plan.h"
#include "streaming/source.h"

namespace runnel::streaming {

struct StreamSpec {
  std::string format;                          // lower case: "json", "rate", ...
  std::map<std::string, std::string> options;  // including "path" for file sources
  std::string schema_ddl;                      // "" when the user gave none
  // runnel.sql.streaming.schemaInference: file sources may infer their schema.
  bool schema_inference = false;
};

struct ResolvedSource {
  type::SchemaPtr schema;
  SourceFactory factory;
};

// Errors: unknown format, bad or missing options, a file source without a schema.
Result<ResolvedSource> ResolveSource(const StreamSpec& spec, const std::shared_ptr<io::FileSystem>& fs);

// The plan of a stream read: a scan of a StreamingRelation over ResolveSource(spec), named
// "<format> [<path>]". readStream().load() and SQL's STREAM(view) both start from it. A source
// that does not resolve gives a relation holding the error, which analysis (start()) reports.
plan::PlanPtr StreamingScan(const StreamSpec& spec, const std::shared_ptr<io::FileSystem>& fs);

}  // namespace runnel::streaming
