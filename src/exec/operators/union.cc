// Union (ALL): the children's partitions one after another.
#include "exec/operators/operators.h"

namespace runnel::exec {
namespace {

class UnionOp final : public PhysicalOp {
 public:
  UnionOp(std::vector<PhysicalOpPtr> children, type::SchemaPtr schema)
      : PhysicalOp(std::move(schema), std::move(children)) {}

  int NumPartitions() const override {
    int n = 0;
    for (const auto& c : children()) n += c->NumPartitions();
    return n;
  }
  Result<std::unique_ptr<vector::BatchStream>> Execute(int partition, ExecContext& ctx) override {
    for (const auto& c : children()) {
      if (partition < c->NumPartitions()) {
        RUNNEL_ASSIGN_OR_RAISE(auto stream, c->Execute(partition, ctx));
        return std::unique_ptr<vector::BatchStream>(new Renamed(std::move(stream), schema()));
      }
      partition -= c->NumPartitions();
    }
    return Status::Internal("union partition out of range");
  }
  std::string Describe() const override { return "Union"; }

 private:
  // Batches of later children carry their own column names; give them the union's.
  class Renamed final : public vector::BatchStream {
   public:
    Renamed(std::unique_ptr<vector::BatchStream> in, type::SchemaPtr schema)
        : in_(std::move(in)), schema_(std::move(schema)) {}
    Result<std::optional<vector::Batch>> Next() override {
      RUNNEL_ASSIGN_OR_RAISE(std::optional<vector::Batch> b, in_->Next());
      if (b) return std::optional<vector::Batch>(b->WithSchema(schema_));
      return b;
    }

   private:
    std::unique_ptr<vector::BatchStream> in_;
    type::SchemaPtr schema_;
  };
};

}  // namespace

PhysicalOpPtr MakeUnion(std::vector<PhysicalOpPtr> children, type::SchemaPtr schema) {
  return std::make_shared<UnionOp>(std::move(children), std::move(schema));
}

}  // namespace runnel::exec
