#include "base/spelling.h"
#include "expr/expr.h"
#include "io/file_system.h"
#include "runnel/data_stream.h"
#include "session/session_state.h"
#include "session/stream_relations.h"
#include "streaming/source_provider.h"
#include "streaming/streaming_relation.h"

namespace runnel {

DataStreamReader& DataStreamReader::format(const std::string& format) {
  format_ = base::ToLower(format);
  return *this;
}

DataStreamReader& DataStreamReader::option(const std::string& key, const std::string& value) {
  options_[key] = value;
  return *this;
}

DataStreamReader& DataStreamReader::options(const std::map<std::string, std::string>& options) {
  for (const auto& [k, v] : options) options_[k] = v;
  return *this;
}

DataStreamReader& DataStreamReader::schema(const std::string& ddl) {
  schema_ddl_ = ddl;
  return *this;
}

DataStreamReader& DataStreamReader::schema(const type::Schema& schema) {
  schema_ddl_ = schema.ToString();
  return *this;
}

DataFrame DataStreamReader::load() const {
  streaming::StreamSpec spec{format_, options_, schema_ddl_,
                             base::ToLower(session_->GetConf("runnel.sql.streaming.schemaInference", "false")) == "true"};
  // Builders never fail: a bad source reports its error when the query is analyzed (start()).
  return DataFrame(session_, streaming::StreamingScan(spec, session_->StreamingFileSystem()));
}

DataFrame DataStreamReader::load(const std::string& path) const {
  DataStreamReader copy = *this;
  copy.options_["path"] = path;
  return copy.load();
}

DataFrame DataStreamReader::table(const std::string& name) const {
  auto plan = ResolveStreamRelation(session_, expr::SplitName(name));
  if (plan.ok()) return DataFrame(session_, *plan);
  // Builders never fail: the error surfaces when the query is analyzed (start()).
  return DataFrame(session_, plan::Scan(std::make_shared<streaming::StreamingRelation>(name, plan.status(), nullptr)));
}

}  // namespace runnel
