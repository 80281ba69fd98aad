// Where a Scan's rows come from: in-memory tables, files, and (later) streaming sources. A
// source is split into partitions that can be read in parallel.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "expr/expr.h"
#include "type/schema.h"
#include "vector/batch_stream.h"

namespace runnel::plan {

class DataSource {
 public:
  virtual ~DataSource() = default;
  // For EXPLAIN: "csv [data/a.csv, data/b.csv]".
  virtual std::string Describe() const = 0;
  // Files may have to be listed or sampled to know the schema, so this can fail.
  virtual Result<type::SchemaPtr> schema() = 0;
  virtual bool is_streaming() const { return false; }
  virtual int NumPartitions() const = 0;
  // Reads one partition, producing only the columns in `projection` (indices into schema(), in
  // that order). `filters` are conditions the consumer applies to the rows anyway, bound to the
  // projected columns: a source may use them to skip data it can prove holds no matching row
  // (partition directories, Parquet row groups), but need not filter row by row.
  virtual Result<std::unique_ptr<vector::BatchStream>> Open(int partition, const std::vector<int>& projection,
                                                            const std::vector<expr::ExprPtr>& filters) = 0;
};

using DataSourcePtr = std::shared_ptr<DataSource>;

// A table held in memory, split into partitions of whole batches.
class InMemorySource final : public DataSource {
 public:
  InMemorySource(type::SchemaPtr schema, std::vector<vector::Batch> batches, std::string name = "memory");
  std::string Describe() const override { return name_; }
  Result<type::SchemaPtr> schema() override { return schema_; }
  int NumPartitions() const override;
  Result<std::unique_ptr<vector::BatchStream>> Open(int partition, const std::vector<int>& projection,
                                                    const std::vector<expr::ExprPtr>& filters) override;

 private:
  type::SchemaPtr schema_;
  std::vector<std::vector<vector::Batch>> partitions_;  // never empty
  std::string name_;
};

// Applies a projection to a batch (helper for sources that read whole rows).
vector::Batch ProjectColumns(const vector::Batch& batch, const type::SchemaPtr& schema,
                             const std::vector<int>& projection);
type::SchemaPtr ProjectSchema(const type::Schema& schema, const std::vector<int>& projection);

}  // namespace runnel::plan
