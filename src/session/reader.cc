#include "runnel/session.h"

#include "base/spelling.h"
#include "catalog/file_source.h"
#include "session/session_state.h"
#include "type/ddl.h"

namespace runnel {

DataFrameReader& DataFrameReader::format(const std::string& format) {
  format_ = base::ToLower(format);
  return *this;
}
DataFrameReader& DataFrameReader::option(const std::string& key, const std::string& value) {
  options_[key] = value;
  return *this;
}
DataFrameReader& DataFrameReader::options(const std::map<std::string, std::string>& options) {
  for (const auto& [k, v] : options) options_[k] = v;
  return *this;
}
DataFrameReader& DataFrameReader::schema(const std::string& ddl) {
  schema_ddl_ = ddl;
  return *this;
}
DataFrameReader& DataFrameReader::schema(const type::Schema& schema) {
  schema_ddl_ = schema.ToString();
  return *this;
}

DataFrame DataFrameReader::load(const std::string& path) const {
  return DataFrame(session_, plan::Scan(std::make_shared<catalog::FileSource>(format_, path, schema_ddl_, options_)));
}

}  // namespace runnel
