// foreachBatch: hands each micro-batch's rows to a C++ function as a batch DataFrame, with the
// batch id (a re-run batch comes again with the same id, for idempotent writes).
#pragma once

#include <memory>

#include "runnel/data_stream.h"
#include "streaming/sink.h"

namespace runnel {

class ForeachBatchSink final : public streaming::Sink {
 public:
  ForeachBatchSink(std::shared_ptr<SessionState> session, DataStreamWriter::BatchFunction fn)
      : session_(std::move(session)), fn_(std::move(fn)) {}
  std::string Describe() const override { return "ForeachBatchSink"; }
  Status AddBatch(int64_t batch_id, streaming::BatchOutput& output) override;

 private:
  std::shared_ptr<SessionState> session_;
  DataStreamWriter::BatchFunction fn_;
};

}  // namespace runnel
