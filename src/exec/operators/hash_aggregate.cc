// Hash aggregation. Rows are mapped to dense group ids by a KeyTable, and every aggregate keeps
// its per-group states in a GroupedAggregator. The planner splits an aggregation into a partial
// step before the shuffle and a final step after it; both consume their whole input before
// emitting, one batch per partition.
#include "base/spelling.h"
#include "exec/key_table.h"
#include "exec/operators/operators.h"
#include "expr/evaluator.h"

namespace runnel::exec {
namespace {

using vector::ColumnPtr;

class HashAggregateStream final : public vector::BatchStream {
 public:
  HashAggregateStream(std::unique_ptr<vector::BatchStream> input, AggregateMode mode,
                      const std::vector<expr::ExprPtr>& group_by,
                      const std::vector<plan::AggregateCall>& aggregates, type::SchemaPtr schema,
                      const function::KernelContext& kernel)
      : input_(std::move(input)), mode_(mode), group_by_(group_by), aggregates_(aggregates),
        schema_(std::move(schema)), kernel_(kernel) {
    std::vector<type::DataTypePtr> key_types;
    for (const auto& g : group_by_) key_types.push_back(g->type);
    keys_ = std::make_unique<KeyTable>(key_types);
    for (const auto& a : aggregates_) aggregators_.push_back(a.bound->make());
  }

  Result<std::optional<vector::Batch>> Next() override {
    if (done_) return std::optional<vector::Batch>();
    done_ = true;
    for (;;) {
      RUNNEL_ASSIGN_OR_RAISE(std::optional<vector::Batch> b, input_->Next());
      if (!b) break;
      RUNNEL_RETURN_NOT_OK(Consume(*b));
    }
    return Emit();
  }

 private:
  Status Consume(const vector::Batch& b) {
    int64_t n = b.num_rows();
    std::vector<ColumnPtr> key_columns;
    if (mode_ == AggregateMode::kFinal) {
      for (size_t i = 0; i < group_by_.size(); ++i) key_columns.push_back(b.column(static_cast<int>(i)));
    } else {
      for (const auto& g : group_by_) {
        RUNNEL_ASSIGN_OR_RAISE(ColumnPtr c, expr::Evaluate(*g, b, kernel_));
        key_columns.push_back(std::move(c));
      }
    }
    ids_.resize(n);
    if (group_by_.empty()) {
      std::fill(ids_.begin(), ids_.end(), 0u);
      num_groups_ = 1;
    } else {
      keys_->Insert(key_columns, n, ids_.data());
      num_groups_ = keys_->size();
    }
    int state_column = static_cast<int>(group_by_.size());
    for (size_t a = 0; a < aggregates_.size(); ++a) {
      auto& agg = *aggregators_[a];
      agg.Resize(num_groups_);
      std::vector<ColumnPtr> args;
      if (mode_ == AggregateMode::kFinal) {
        for (size_t s = 0; s < aggregates_[a].bound->state_fields.size(); ++s) args.push_back(b.column(state_column++));
        RUNNEL_RETURN_NOT_OK(agg.Merge(args, ids_.data(), n));
      } else {
        for (const auto& e : aggregates_[a].args) {
          RUNNEL_ASSIGN_OR_RAISE(ColumnPtr c, expr::Evaluate(*e, b, kernel_));
          args.push_back(std::move(c));
        }
        RUNNEL_RETURN_NOT_OK(agg.Update(args, ids_.data(), n));
      }
    }
    return Status::OK();
  }

  Result<std::optional<vector::Batch>> Emit() {
    // A global aggregate has exactly one row, even over no input (count(*) = 0).
    if (group_by_.empty()) num_groups_ = 1;
    if (num_groups_ == 0) return std::optional<vector::Batch>();
    std::vector<ColumnPtr> columns = group_by_.empty() ? std::vector<ColumnPtr>{} : keys_->KeyColumns();
    for (auto& agg : aggregators_) {
      agg->Resize(num_groups_);
      if (mode_ == AggregateMode::kPartial) {
        RUNNEL_ASSIGN_OR_RAISE(std::vector<ColumnPtr> states, agg->States());
        for (auto& s : states) columns.push_back(std::move(s));
      } else {
        RUNNEL_ASSIGN_OR_RAISE(ColumnPtr result, agg->Finalize());
        columns.push_back(std::move(result));
      }
    }
    return std::optional<vector::Batch>(vector::Batch(schema_, std::move(columns), num_groups_));
  }

  std::unique_ptr<vector::BatchStream> input_;
  AggregateMode mode_;
  const std::vector<expr::ExprPtr>& group_by_;
  const std::vector<plan::AggregateCall>& aggregates_;
  type::SchemaPtr schema_;
  const function::KernelContext& kernel_;
  std::unique_ptr<KeyTable> keys_;
  std::vector<std::unique_ptr<function::GroupedAggregator>> aggregators_;
  std::vector<uint32_t> ids_;
  int64_t num_groups_ = 0;
  bool done_ = false;
};

class HashAggregateOp final : public PhysicalOp {
 public:
  HashAggregateOp(PhysicalOpPtr child, AggregateMode mode, std::vector<expr::ExprPtr> group_by,
                  std::vector<plan::AggregateCall> aggregates, type::SchemaPtr schema)
      : PhysicalOp(std::move(schema), {child}), mode_(mode), group_by_(std::move(group_by)),
        aggregates_(std::move(aggregates)) {}

  int NumPartitions() const override { return children()[0]->NumPartitions(); }
  Result<std::unique_ptr<vector::BatchStream>> Execute(int partition, ExecContext& ctx) override {
    RUNNEL_ASSIGN_OR_RAISE(auto input, children()[0]->Execute(partition, ctx));
    return std::unique_ptr<vector::BatchStream>(
        new HashAggregateStream(std::move(input), mode_, group_by_, aggregates_, schema(), ctx.kernel));
  }
  std::string Describe() const override {
    static const char* kModes[] = {"partial", "final", "complete"};
    std::vector<std::string> keys, aggs;
    for (const auto& g : group_by_) keys.push_back(g->ToString());
    for (const auto& a : aggregates_) aggs.push_back(a.display);
    return std::string("HashAggregate(") + kModes[static_cast<int>(mode_)] + ") keys=[" +
           base::JoinStrings(keys, ", ") + "] functions=[" + base::JoinStrings(aggs, ", ") + "]";
  }

 private:
  AggregateMode mode_;
  std::vector<expr::ExprPtr> group_by_;
  std::vector<plan::AggregateCall> aggregates_;
};

}  // namespace

type::SchemaPtr PartialAggregateSchema(const std::vector<expr::ExprPtr>& group_by,
                                       const type::Schema& group_names,
                                       const std::vector<plan::AggregateCall>& aggregates) {
  std::vector<type::Field> fields;
  for (size_t i = 0; i < group_by.size(); ++i) {
    fields.push_back({group_names.field(static_cast<int>(i)).name, group_by[i]->type, true});
  }
  for (size_t a = 0; a < aggregates.size(); ++a) {
    for (const auto& f : aggregates[a].bound->state_fields) {
      fields.push_back({aggregates[a].display + "." + f.name, f.type, true});
    }
  }
  return std::make_shared<type::Schema>(std::move(fields));
}

PhysicalOpPtr MakeHashAggregate(PhysicalOpPtr child, AggregateMode mode, std::vector<expr::ExprPtr> group_by,
                                std::vector<plan::AggregateCall> aggregates, type::SchemaPtr schema) {
  return std::make_shared<HashAggregateOp>(std::move(child), mode, std::move(group_by),
                                           std::move(aggregates), std::move(schema));
}

}  // namespace runnel::exec
