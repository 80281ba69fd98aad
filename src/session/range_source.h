// session.range(start, end, step): a BIGINT column "id" generated on the fly.
#pragma once

#include "plan/data_source.h"

namespace runnel {

class RangeSource final : public plan::DataSource {
 public:
  RangeSource(int64_t start, int64_t end, int64_t step);
  std::string Describe() const override;
  Result<type::SchemaPtr> schema() override { return schema_; }
  int NumPartitions() const override { return num_partitions_; }
  Result<std::unique_ptr<vector::BatchStream>> Open(int partition, const std::vector<int>& projection,
                                                    const std::vector<expr::ExprPtr>& filters) override;

 private:
  int64_t start_, end_, step_, count_;
  int num_partitions_;
  type::SchemaPtr schema_;
};

}  // namespace runnel
