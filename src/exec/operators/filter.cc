// Filter: keeps the rows where the condition is true (NULL counts as false).
#include "exec/operators/map_stream.h"
#include "exec/operators/operators.h"
#include "expr/evaluator.h"
#include "vector/selection.h"

namespace runnel::exec {
namespace {

class FilterOp final : public PhysicalOp {
 public:
  FilterOp(PhysicalOpPtr child, expr::ExprPtr condition)
      : PhysicalOp(child->schema(), {child}), condition_(std::move(condition)) {}

  int NumPartitions() const override { return children()[0]->NumPartitions(); }
  Result<std::unique_ptr<vector::BatchStream>> Execute(int partition, ExecContext& ctx) override {
    RUNNEL_ASSIGN_OR_RAISE(auto input, children()[0]->Execute(partition, ctx));
    const function::KernelContext* kernel = &ctx.kernel;
    expr::ExprPtr cond = condition_;
    return std::unique_ptr<vector::BatchStream>(new MapStream(
        std::move(input), [cond, kernel](vector::Batch b) -> Result<std::optional<vector::Batch>> {
          RUNNEL_ASSIGN_OR_RAISE(vector::ColumnPtr mask, expr::Evaluate(*cond, b, *kernel));
          return std::optional<vector::Batch>(vector::FilterBatch(b, *mask));
        }));
  }
  std::string Describe() const override { return "Filter " + condition_->ToString(); }

 private:
  expr::ExprPtr condition_;
};

}  // namespace

PhysicalOpPtr MakeFilter(PhysicalOpPtr child, expr::ExprPtr condition) {
  return std::make_shared<FilterOp>(std::move(child), std::move(condition));
}

}  // namespace runnel::exec
