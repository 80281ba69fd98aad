// Generate: explode & co. Each input row yields zero or more rows: the input columns repeated,
// followed by the generator's columns.
#include "exec/operators/map_stream.h"
#include "exec/operators/operators.h"
#include "expr/evaluator.h"
#include "vector/selection.h"

namespace runnel::exec {
namespace {

class GenerateOp final : public PhysicalOp {
 public:
  GenerateOp(PhysicalOpPtr child, std::shared_ptr<const function::BoundGenerator> generator,
             std::vector<expr::ExprPtr> args, bool outer, type::SchemaPtr schema)
      : PhysicalOp(std::move(schema), {child}), generator_(std::move(generator)), args_(std::move(args)), outer_(outer) {}

  int NumPartitions() const override { return children()[0]->NumPartitions(); }
  Result<std::unique_ptr<vector::BatchStream>> Execute(int partition, ExecContext& ctx) override {
    RUNNEL_ASSIGN_OR_RAISE(auto input, children()[0]->Execute(partition, ctx));
    const function::KernelContext* kernel = &ctx.kernel;
    auto generator = generator_;
    auto args = args_;
    auto schema = this->schema();
    return std::unique_ptr<vector::BatchStream>(new MapStream(
        std::move(input), [=](vector::Batch b) -> Result<std::optional<vector::Batch>> {
          std::vector<vector::ColumnPtr> values;
          for (const auto& a : args) {
            RUNNEL_ASSIGN_OR_RAISE(vector::ColumnPtr c, expr::Evaluate(*a, b, *kernel));
            values.push_back(std::move(c));
          }
          RUNNEL_ASSIGN_OR_RAISE(function::GeneratorOutput out, generator->kernel(values, b.num_rows()));
          vector::Batch repeated = vector::TakeRows(b, out.source_rows);
          std::vector<vector::ColumnPtr> columns = repeated.columns();
          for (auto& c : out.columns) columns.push_back(std::move(c));
          return std::optional<vector::Batch>(
              vector::Batch(schema, std::move(columns), static_cast<int64_t>(out.source_rows.size())));
        }));
  }
  std::string Describe() const override {
    return std::string("Generate ") + (outer_ ? "outer " : "") + std::to_string(args_.size()) + " arg(s)";
  }

 private:
  std::shared_ptr<const function::BoundGenerator> generator_;
  std::vector<expr::ExprPtr> args_;
  bool outer_;
};

}  // namespace

PhysicalOpPtr MakeGenerate(PhysicalOpPtr child, std::shared_ptr<const function::BoundGenerator> generator,
                           std::vector<expr::ExprPtr> args, bool outer, type::SchemaPtr schema) {
  return std::make_shared<GenerateOp>(std::move(child), std::move(generator), std::move(args), outer,
                                      std::move(schema));
}

}  // namespace runnel::exec
