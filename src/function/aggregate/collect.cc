// collect_list(x) (alias array_agg) and collect_set(x) -> ARRAY<x's type>, skipping NULLs.
// collect_list keeps the order of arrival (partial states concatenated in merge order).
// collect_set returns its distinct values sorted ascending (type::Value order: NaN last), which
// is deterministic; Spark leaves the order unspecified.
// State: one ARRAY<T> field "buffer" (for collect_set, the distinct values so far).
#include <algorithm>

#include "function/aggregate/distinct.h"
#include "function/aggregate/registration.h"
#include "function/aggregate/valid_rows.h"
#include "function/aggregate/value_hash_set.h"
#include "vector/column_builder.h"

namespace runnel::function {
namespace {

using type::DataTypePtr;
using type::Value;
using vector::ColumnPtr;

class CollectAggregator final : public GroupedAggregator {
 public:
  CollectAggregator(DataTypePtr element_type, bool distinct)
      : element_type_(std::move(element_type)), distinct_(distinct) {}

  void Resize(int64_t num_groups) override {
    if (num_groups <= static_cast<int64_t>(lists_.size())) return;
    lists_.resize(num_groups);
    if (distinct_) sets_.resize(num_groups);
  }

  Status Update(const std::vector<ColumnPtr>& args, const uint32_t* group_ids,
                int64_t num_rows) override {
    const vector::Column& column = *args[0];
    ForEachValidRow(column, num_rows, [&](int64_t i) { Add(group_ids[i], column.GetValue(i)); });
    return Status::OK();
  }

  Status Merge(const std::vector<ColumnPtr>& states, const uint32_t* group_ids,
               int64_t num_rows) override {
    const vector::Column& lists = *states[0];
    const int32_t* offsets = lists.offsets();
    const vector::Column& elements = *lists.child(0);
    for (int64_t i = 0; i < num_rows; ++i) {
      if (lists.IsNull(i)) continue;
      for (int32_t j = offsets[i]; j < offsets[i + 1]; ++j) {
        if (RowHasValue(elements, j)) Add(group_ids[i], elements.GetValue(j));
      }
    }
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> States() override { return std::vector<ColumnPtr>{Build(false)}; }
  Result<ColumnPtr> Finalize() override { return Build(distinct_); }

 private:
  void Add(uint32_t g, Value v) {
    if (distinct_ && !sets_[g].insert(v).second) return;
    lists_[g].push_back(std::move(v));
  }

  ColumnPtr Build(bool sorted) const {
    vector::ColumnBuilder builder(type::Array(element_type_));
    builder.Reserve(static_cast<int64_t>(lists_.size()));
    for (const auto& list : lists_) {
      if (sorted) {
        std::vector<Value> copy = list;
        std::sort(copy.begin(), copy.end(),
                  [](const Value& a, const Value& b) { return a.Compare(b) < 0; });
        for (const auto& v : copy) builder.child(0).AppendValue(v);
      } else {
        for (const auto& v : list) builder.child(0).AppendValue(v);
      }
      builder.CloseList();
    }
    return builder.Finish();
  }

  DataTypePtr element_type_;
  bool distinct_;
  std::vector<std::vector<Value>> lists_;
  std::vector<ValueHashSet> sets_;
};

template <bool kDistinct>
Result<BoundAggregate> BindCollect(const BindArgs& args, bool) {
  const DataTypePtr& type = args.types[0];
  BoundAggregate out;
  out.return_type = type::Array(type);
  out.arg_types = {type};
  out.state_fields = {{"buffer", out.return_type, false}};
  out.make = [type] { return std::make_unique<CollectAggregator>(type, kDistinct); };
  return out;
}

}  // namespace

void RegisterCollectAggregates(FunctionRegistry& registry) {
  registry.AddAggregate(SupportDistinct(
      {"collect_list", "collect_list(expr)",
       "The non-NULL values in order of arrival, as an array.", 1, 1, BindCollect<false>},
      DistinctMode::kDeduplicate));
  registry.AddAggregate(SupportDistinct(
      {"collect_set", "collect_set(expr)",
       "The distinct non-NULL values, sorted ascending, as an array.", 1, 1, BindCollect<true>},
      DistinctMode::kSameResult));
  registry.AddAlias("array_agg", "collect_list");
}

}  // namespace runnel::function
