// Streams in logical plans. A streaming DataFrame's plan holds a StreamingRelation (a source
// not yet started); when a query starts, each becomes a MicroBatchInput that the executor
// points at the rows of the current micro-batch, so the plan is analyzed, optimized and
// planned physically once and every trigger runs the same physical plan.
#pragma once

#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "plan/data_source.h"
#include "streaming/source.h"

namespace runnel::streaming {

class StreamingRelation final : public plan::DataSource {
 public:
  // `schema` may be an error (a file source without a schema): it surfaces at start().
  StreamingRelation(std::string name, Result<type::SchemaPtr> schema, SourceFactory factory)
      : name_(std::move(name)), schema_(std::move(schema)), factory_(std::move(factory)) {}

  std::string Describe() const override { return name_; }
  Result<type::SchemaPtr> schema() override { return schema_; }
  bool is_streaming() const override { return true; }
  int NumPartitions() const override { return 1; }
  Result<std::unique_ptr<vector::BatchStream>> Open(int, const std::vector<int>&,
                                                    const std::vector<expr::ExprPtr>&) override;
  const SourceFactory& factory() const { return factory_; }

 private:
  std::string name_;
  Result<type::SchemaPtr> schema_;
  SourceFactory factory_;
};

class MicroBatchInput final : public plan::DataSource {
 public:
  MicroBatchInput(std::string name, type::SchemaPtr schema) : name_(std::move(name)), schema_(std::move(schema)) {}

  std::string Describe() const override { return name_; }
  Result<type::SchemaPtr> schema() override { return schema_; }
  bool is_streaming() const override { return true; }
  int NumPartitions() const override;
  Result<std::unique_ptr<vector::BatchStream>> Open(int partition, const std::vector<int>& projection,
                                                    const std::vector<expr::ExprPtr>& filters) override;
  // This trigger's rows (nullptr: none). Set between runs of the plan, never during one.
  void Set(plan::DataSourcePtr batch);
  // Rows handed out since the last Set().
  int64_t rows_read() const { return rows_read_->load(); }

 private:
  std::string name_;
  type::SchemaPtr schema_;
  mutable std::mutex mutex_;
  plan::DataSourcePtr current_;
  std::shared_ptr<std::atomic<int64_t>> rows_read_ = std::make_shared<std::atomic<int64_t>>(0);
};

}  // namespace runnel::streaming
