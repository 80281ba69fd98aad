// bool_and (alias every) and bool_or (aliases any, some) over BOOLEAN: NULL when the group has
// no non-NULL value. State: one BOOLEAN "value", NULL until a value arrives.
#include "function/aggregate/argument_checks.h"
#include "function/aggregate/distinct.h"
#include "function/aggregate/registration.h"
#include "function/aggregate/valid_rows.h"

namespace runnel::function {
namespace {

using vector::ColumnPtr;

template <bool kAnd>
class BooleanAggregator final : public GroupedAggregator {
 public:
  void Resize(int64_t num_groups) override {
    if (num_groups <= static_cast<int64_t>(values_.size())) return;
    values_.resize(num_groups, kAnd ? 1 : 0);
    seen_.resize(num_groups, 0);
  }
  Status Update(const std::vector<ColumnPtr>& args, const uint32_t* group_ids,
                int64_t num_rows) override {
    Fold(*args[0], group_ids, num_rows);
    return Status::OK();
  }
  Status Merge(const std::vector<ColumnPtr>& states, const uint32_t* group_ids,
               int64_t num_rows) override {
    Fold(*states[0], group_ids, num_rows);
    return Status::OK();
  }
  Result<std::vector<ColumnPtr>> States() override {
    return std::vector<ColumnPtr>{vector::MakeBoolColumn(values_, seen_)};
  }
  Result<ColumnPtr> Finalize() override { return vector::MakeBoolColumn(values_, seen_); }

 private:
  void Fold(const vector::Column& column, const uint32_t* group_ids, int64_t num_rows) {
    ForEachValidRow(column, num_rows, [&](int64_t i) {
      uint32_t g = group_ids[i];
      uint8_t v = column.GetBool(i);
      values_[g] = kAnd ? (values_[g] & v) : (values_[g] | v);
      seen_[g] = 1;
    });
  }

  std::vector<uint8_t> values_;
  std::vector<uint8_t> seen_;
};

template <bool kAnd>
Result<BoundAggregate> BindBoolean(const BindArgs& args, bool) {
  auto id = args.types[0]->id();
  if (id != type::TypeId::kBoolean && id != type::TypeId::kNull) {
    return ArgumentTypeError(args, 0, "a BOOLEAN");
  }
  BoundAggregate out;
  out.return_type = type::Boolean();
  out.arg_types = {type::Boolean()};
  out.state_fields = {{"value", type::Boolean(), true}};
  out.make = [] { return std::make_unique<BooleanAggregator<kAnd>>(); };
  return out;
}

}  // namespace

void RegisterBooleanAggregates(FunctionRegistry& registry) {
  registry.AddAggregate(
      SupportDistinct({"bool_and", "bool_and(expr)", "True when every non-NULL value is true.", 1,
                       1, BindBoolean<true>},
                      DistinctMode::kSameResult));
  registry.AddAggregate(
      SupportDistinct({"bool_or", "bool_or(expr)", "True when at least one non-NULL value is true.",
                       1, 1, BindBoolean<false>},
                      DistinctMode::kSameResult));
  registry.AddAlias("every", "bool_and");
  registry.AddAlias("any", "bool_or");
  registry.AddAlias("some", "bool_or");
}

}  // namespace runnel::function
