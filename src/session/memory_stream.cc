#include "runnel/memory_stream.h"

#include <atomic>

#include "runnel/session.h"
#include "session/session_state.h"
#include "streaming/sources/memory_source.h"
#include "streaming/streaming_relation.h"
#include "type/ddl.h"
#include "vector/batch.h"

namespace runnel {

namespace {
std::string NextName() {
  static std::atomic<int> counter{0};
  return "MemoryStream" + std::to_string(counter++);
}
}  // namespace

std::shared_ptr<MemoryStream> MemoryStream::Make(const std::shared_ptr<Session>& session, const type::Schema& schema) {
  auto source = std::make_shared<streaming::MemorySource>(std::make_shared<type::Schema>(schema), NextName());
  return std::shared_ptr<MemoryStream>(new MemoryStream(session->state(), std::move(source)));
}

Result<std::shared_ptr<MemoryStream>> MemoryStream::Make(const std::shared_ptr<Session>& session,
                                                         const std::string& ddl_schema) {
  RUNNEL_ASSIGN_OR_RAISE(type::Schema schema, type::ParseSchema(ddl_schema));
  return Make(session, schema);
}

DataFrame MemoryStream::toDF() const {
  auto source = source_;
  auto relation = std::make_shared<streaming::StreamingRelation>(
      source->Describe(), source->schema(),
      [source](const streaming::SourceContext&) -> Result<streaming::SourcePtr> {
        source->ResetForNewQuery();
        return streaming::SourcePtr(source);
      });
  return DataFrame(session_, plan::Scan(relation));
}

Result<int64_t> MemoryStream::addData(const std::vector<Row>& rows) {
  const type::Schema& s = schema();
  std::vector<std::vector<type::Value>> values;
  values.reserve(rows.size());
  for (size_t i = 0; i < rows.size(); ++i) {
    if (rows[i].size() != static_cast<size_t>(s.num_fields())) {
      return Status::InvalidArgument("addData: row " + std::to_string(i) + " has " + std::to_string(rows[i].size()) +
                                     " values but the stream's schema has " + std::to_string(s.num_fields()) +
                                     " columns (" + s.ToString() + ")");
    }
    values.push_back(rows[i].values());
  }
  return source_->AddData(vector::Batch::FromRows(source_->schema(), values));
}

const type::Schema& MemoryStream::schema() const { return *source_->schema(); }

}  // namespace runnel
