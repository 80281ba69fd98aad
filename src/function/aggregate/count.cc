// count(*), count(x, ...), count_if(cond). State: one BIGINT "count", never NULL.
#include "function/aggregate/argument_checks.h"
#include "function/aggregate/distinct.h"
#include "function/aggregate/registration.h"
#include "function/aggregate/valid_rows.h"

namespace runnel::function {
namespace {

using vector::ColumnPtr;

enum class CountMode {
  kAllNonNull,  // count(*) (no arguments) and count(x, y, ...): rows where every argument is set
  kTrue,        // count_if(cond): rows where cond is true
};

class CountAggregator final : public GroupedAggregator {
 public:
  explicit CountAggregator(CountMode mode) : mode_(mode) {}

  void Resize(int64_t num_groups) override {
    if (num_groups > static_cast<int64_t>(counts_.size())) counts_.resize(num_groups, 0);
  }

  Status Update(const std::vector<ColumnPtr>& args, const uint32_t* group_ids,
                int64_t num_rows) override {
    if (mode_ == CountMode::kTrue) {
      const vector::Column& cond = *args[0];
      ForEachValidRow(cond, num_rows, [&](int64_t i) { counts_[group_ids[i]] += cond.GetBool(i); });
      return Status::OK();
    }
    if (args.empty()) {
      for (int64_t i = 0; i < num_rows; ++i) ++counts_[group_ids[i]];
    } else if (args.size() == 1) {
      ForEachValidRow(*args[0], num_rows, [&](int64_t i) { ++counts_[group_ids[i]]; });
    } else {
      for (int64_t i = 0; i < num_rows; ++i) {
        bool all = true;
        for (const auto& a : args) all = all && RowHasValue(*a, i);
        counts_[group_ids[i]] += all;
      }
    }
    return Status::OK();
  }

  Status Merge(const std::vector<ColumnPtr>& states, const uint32_t* group_ids,
               int64_t num_rows) override {
    const vector::Column& counts = *states[0];
    const int64_t* values = counts.values<int64_t>();
    ForEachValidRow(counts, num_rows, [&](int64_t i) { counts_[group_ids[i]] += values[i]; });
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> States() override {
    return std::vector<ColumnPtr>{vector::MakeFixedColumn(type::BigInt(), counts_)};
  }

  Result<ColumnPtr> Finalize() override { return vector::MakeFixedColumn(type::BigInt(), counts_); }

 private:
  CountMode mode_;
  std::vector<int64_t> counts_;
};

BoundAggregate BindCountOf(std::vector<type::DataTypePtr> arg_types, CountMode mode) {
  BoundAggregate out;
  out.return_type = type::BigInt();
  out.arg_types = std::move(arg_types);
  out.state_fields = {{"count", type::BigInt(), false}};
  out.make = [mode] { return std::make_unique<CountAggregator>(mode); };
  return out;
}

}  // namespace

void RegisterCountAggregates(FunctionRegistry& registry) {
  registry.AddAggregate(
      SupportDistinct({"count", "count(*) | count([DISTINCT] expr[, expr...])",
                       "The number of rows, or of rows where every argument is not NULL.", 0, -1,
                       [](const BindArgs& args, bool) -> Result<BoundAggregate> {
                         return BindCountOf(args.types, CountMode::kAllNonNull);
                       }},
                      DistinctMode::kDeduplicate));
  registry.AddAggregate(SupportDistinct(
      {"count_if", "count_if(cond)", "The number of rows where the condition is true.", 1, 1,
       [](const BindArgs& args, bool) -> Result<BoundAggregate> {
         auto id = args.types[0]->id();
         if (id != type::TypeId::kBoolean && id != type::TypeId::kNull) {
           return ArgumentTypeError(args, 0, "a BOOLEAN");
         }
         return BindCountOf({type::Boolean()}, CountMode::kTrue);
       }},
      DistinctMode::kDeduplicate));
}

}  // namespace runnel::function
