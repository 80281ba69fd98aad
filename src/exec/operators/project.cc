// Project: evaluates one expression per output column.
#include "base/spelling.h"
#include "exec/operators/map_stream.h"
#include "exec/operators/operators.h"
#include "expr/evaluator.h"

namespace runnel::exec {
namespace {

class ProjectOp final : public PhysicalOp {
 public:
  ProjectOp(PhysicalOpPtr child, std::vector<expr::ExprPtr> exprs, type::SchemaPtr schema)
      : PhysicalOp(std::move(schema), {child}), exprs_(std::move(exprs)) {}

  int NumPartitions() const override { return children()[0]->NumPartitions(); }
  Result<std::unique_ptr<vector::BatchStream>> Execute(int partition, ExecContext& ctx) override {
    RUNNEL_ASSIGN_OR_RAISE(auto input, children()[0]->Execute(partition, ctx));
    const function::KernelContext* kernel = &ctx.kernel;
    auto exprs = exprs_;
    auto schema = this->schema();
    return std::unique_ptr<vector::BatchStream>(new MapStream(
        std::move(input), [exprs, schema, kernel](vector::Batch b) -> Result<std::optional<vector::Batch>> {
          RUNNEL_ASSIGN_OR_RAISE(vector::Batch out, expr::EvaluateProjection(exprs, schema, b, *kernel));
          return std::optional<vector::Batch>(std::move(out));
        }));
  }
  std::string Describe() const override {
    std::vector<std::string> parts;
    for (const auto& e : exprs_) parts.push_back(e->ToString());
    return "Project [" + base::JoinStrings(parts, ", ") + "]";
  }

 private:
  std::vector<expr::ExprPtr> exprs_;
};

}  // namespace

PhysicalOpPtr MakeProject(PhysicalOpPtr child, std::vector<expr::ExprPtr> exprs, type::SchemaPtr schema) {
  return std::make_shared<ProjectOp>(std::move(child), std::move(exprs), std::move(schema));
}

}  // namespace runnel::exec
