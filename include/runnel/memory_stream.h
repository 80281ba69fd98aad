// MemoryStream: a stream fed from C++, for embedding and tests (Spark's MemoryStream). Each
// addData() call is one offset; a query reads what was added since its last batch.
//
//   auto input = MemoryStream::Make(session, "user STRING, amount DOUBLE");
//   auto query = input->toDF().writeStream().format("memory").queryName("out").start();
//   input->addData({Row({Value::String("a"), Value::Double(1)})});
//   query->processAllAvailable();
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "runnel/dataframe.h"
#include "runnel/row.h"
#include "runnel/schema.h"
#include "runnel/status.h"

namespace runnel {

class Session;
namespace streaming {
class MemorySource;
}

class MemoryStream {
 public:
  static Result<std::shared_ptr<MemoryStream>> Make(const std::shared_ptr<Session>& session, const std::string& ddl_schema);
  static std::shared_ptr<MemoryStream> Make(const std::shared_ptr<Session>& session, const type::Schema& schema);

  // A streaming DataFrame over the rows added so far and from now on.
  DataFrame toDF() const;
  // Appends rows (one offset); returns the new offset. Rows must match the schema.
  Result<int64_t> addData(const std::vector<Row>& rows);
  const type::Schema& schema() const;
  const std::shared_ptr<streaming::MemorySource>& source() const { return source_; }

 private:
  MemoryStream(std::shared_ptr<SessionState> session, std::shared_ptr<streaming::MemorySource> source)
      : session_(std::move(session)), source_(std::move(source)) {}
  std::shared_ptr<SessionState> session_;
  std::shared_ptr<streaming::MemorySource> source_;
};

}  // namespace runnel
