// first(x[, ignoreNulls]) and last(x[, ignoreNulls]) (aliases first_value, last_value;
// any_value is first): the first/last row in order of arrival, skipping NULLs when asked.
// State (Spark's buffer): value (the input type), value_set BOOLEAN. value_set tells a group
// that saw a NULL value (which counts when NULLs are not ignored) from one that saw nothing, so
// merging partial states in partition order gives the same answer as one pass.
#include "function/aggregate/argument_checks.h"
#include "function/aggregate/distinct.h"
#include "function/aggregate/registration.h"
#include "vector/column_builder.h"

namespace runnel::function {
namespace {

using type::DataTypePtr;
using type::Value;
using vector::ColumnPtr;

class FirstLastAggregator final : public GroupedAggregator {
 public:
  FirstLastAggregator(DataTypePtr type, bool last, bool ignore_nulls)
      : type_(std::move(type)), last_(last), ignore_nulls_(ignore_nulls) {}

  void Resize(int64_t num_groups) override {
    if (num_groups <= static_cast<int64_t>(values_.size())) return;
    values_.resize(num_groups, Value::NullOf(type_));
    set_.resize(num_groups, 0);
  }

  Status Update(const std::vector<ColumnPtr>& args, const uint32_t* group_ids,
                int64_t num_rows) override {
    const vector::Column& column = *args[0];
    for (int64_t i = 0; i < num_rows; ++i) {
      uint32_t g = group_ids[i];
      if (!last_ && set_[g]) continue;
      if (ignore_nulls_ && column.IsNull(i)) continue;
      Take(g, column, i);
    }
    return Status::OK();
  }

  Status Merge(const std::vector<ColumnPtr>& states, const uint32_t* group_ids,
               int64_t num_rows) override {
    const vector::Column& values = *states[0];
    const vector::Column& set = *states[1];
    for (int64_t i = 0; i < num_rows; ++i) {
      uint32_t g = group_ids[i];
      if (set.IsNull(i) || !set.GetBool(i)) continue;
      if (!last_ && set_[g]) continue;
      Take(g, values, i);
    }
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> States() override {
    RUNNEL_ASSIGN_OR_RAISE(ColumnPtr values, Finalize());
    return std::vector<ColumnPtr>{values, vector::MakeBoolColumn(set_)};
  }

  Result<ColumnPtr> Finalize() override {
    vector::ColumnBuilder builder(type_);
    builder.Reserve(static_cast<int64_t>(values_.size()));
    for (const auto& v : values_) builder.AppendValue(v);
    return builder.Finish();
  }

 private:
  void Take(uint32_t g, const vector::Column& column, int64_t i) {
    values_[g] = column.GetValue(i);
    set_[g] = 1;
  }

  DataTypePtr type_;
  bool last_;
  bool ignore_nulls_;
  std::vector<Value> values_;
  std::vector<uint8_t> set_;
};

template <bool kLast>
Result<BoundAggregate> BindFirstLast(const BindArgs& args, bool) {
  RUNNEL_ASSIGN_OR_RAISE(bool ignore_nulls, ConstantBoolArgument(args, 1, false));
  const DataTypePtr& type = args.types[0];
  BoundAggregate out;
  out.return_type = type;
  out.arg_types = args.types;
  out.state_fields = {{"value", type, true}, {"value_set", type::Boolean(), false}};
  out.make = [type, ignore_nulls] {
    return std::make_unique<FirstLastAggregator>(type, kLast, ignore_nulls);
  };
  return out;
}

}  // namespace

void RegisterFirstLastAggregates(FunctionRegistry& registry) {
  registry.AddAggregate(SupportDistinct(
      {"first", "first(expr[, ignoreNulls])",
       "The value of the first row of the group (the first non-NULL one if ignoreNulls).", 1, 2,
       BindFirstLast<false>},
      DistinctMode::kDeduplicate));
  registry.AddAggregate(SupportDistinct(
      {"last", "last(expr[, ignoreNulls])",
       "The value of the last row of the group (the last non-NULL one if ignoreNulls).", 1, 2,
       BindFirstLast<true>},
      DistinctMode::kDeduplicate));
  registry.AddAlias("first_value", "first");
  registry.AddAlias("any_value", "first");
  registry.AddAlias("last_value", "last");
}

}  // namespace runnel::function
