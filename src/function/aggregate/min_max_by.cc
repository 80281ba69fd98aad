// min_by(x, ord) and max_by(x, ord): the value of x on the row whose ord is smallest/largest
// (rows with a NULL ord are skipped; x itself may be NULL). Ties keep the earlier row.
// State (Spark's buffer): value (x's type), ordering (ord's type, NULL until a row arrives).
#include "function/aggregate/argument_checks.h"
#include "function/aggregate/distinct.h"
#include "function/aggregate/registration.h"
#include "vector/column_builder.h"

namespace runnel::function {
namespace {

using type::DataTypePtr;
using type::Value;
using vector::ColumnPtr;

template <bool kMax>
class ExtremumByAggregator final : public GroupedAggregator {
 public:
  ExtremumByAggregator(DataTypePtr value_type, DataTypePtr ordering_type)
      : value_type_(std::move(value_type)), ordering_type_(std::move(ordering_type)) {}

  void Resize(int64_t num_groups) override {
    if (num_groups <= static_cast<int64_t>(values_.size())) return;
    values_.resize(num_groups, Value::NullOf(value_type_));
    orderings_.resize(num_groups, Value::NullOf(ordering_type_));
  }
  Status Update(const std::vector<ColumnPtr>& args, const uint32_t* group_ids,
                int64_t num_rows) override {
    Fold(*args[0], *args[1], group_ids, num_rows);
    return Status::OK();
  }
  Status Merge(const std::vector<ColumnPtr>& states, const uint32_t* group_ids,
               int64_t num_rows) override {
    Fold(*states[0], *states[1], group_ids, num_rows);
    return Status::OK();
  }
  Result<std::vector<ColumnPtr>> States() override {
    return std::vector<ColumnPtr>{Build(value_type_, values_), Build(ordering_type_, orderings_)};
  }
  Result<ColumnPtr> Finalize() override { return Build(value_type_, values_); }

 private:
  void Fold(const vector::Column& values, const vector::Column& orderings,
            const uint32_t* group_ids, int64_t num_rows) {
    if (orderings.type_id() == type::TypeId::kNull) return;
    for (int64_t i = 0; i < num_rows; ++i) {
      if (orderings.IsNull(i)) continue;
      uint32_t g = group_ids[i];
      Value ordering = orderings.GetValue(i);
      if (!orderings_[g].is_null()) {
        int c = ordering.Compare(orderings_[g]);
        if (kMax ? c <= 0 : c >= 0) continue;
      }
      orderings_[g] = std::move(ordering);
      values_[g] = values.GetValue(i);
    }
  }

  static ColumnPtr Build(const DataTypePtr& type, const std::vector<Value>& values) {
    vector::ColumnBuilder builder(type);
    builder.Reserve(static_cast<int64_t>(values.size()));
    for (const auto& v : values) builder.AppendValue(v);
    return builder.Finish();
  }

  DataTypePtr value_type_;
  DataTypePtr ordering_type_;
  std::vector<Value> values_;
  std::vector<Value> orderings_;
};

template <bool kMax>
Result<BoundAggregate> BindExtremumBy(const BindArgs& args, bool) {
  if (!IsOrderable(*args.types[1])) {
    return ArgumentTypeError(args, 1, "an orderable value (not a MAP)");
  }
  BoundAggregate out;
  out.return_type = args.types[0];
  out.arg_types = args.types;
  out.state_fields = {{"value", args.types[0], true}, {"ordering", args.types[1], true}};
  out.make = [value_type = args.types[0], ordering_type = args.types[1]] {
    return std::make_unique<ExtremumByAggregator<kMax>>(value_type, ordering_type);
  };
  return out;
}

}  // namespace

void RegisterExtremumByAggregates(FunctionRegistry& registry) {
  registry.AddAggregate(SupportDistinct(
      {"min_by", "min_by(x, ord)", "The value of x on the row with the smallest ord.", 2, 2,
       BindExtremumBy<false>},
      DistinctMode::kSameResult));
  registry.AddAggregate(SupportDistinct(
      {"max_by", "max_by(x, ord)", "The value of x on the row with the largest ord.", 2, 2,
       BindExtremumBy<true>},
      DistinctMode::kSameResult));
}

}  // namespace runnel::function
