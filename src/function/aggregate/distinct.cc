#include "function/aggregate/distinct.h"

#include <utility>

#include "function/aggregate/value_hash_set.h"
#include "vector/column_builder.h"

namespace runnel::function {
namespace {

using type::DataTypePtr;
using type::Value;
using vector::ColumnBuilder;
using vector::ColumnPtr;

class DistinctAggregator final : public GroupedAggregator {
 public:
  DistinctAggregator(std::vector<DataTypePtr> arg_types, DataTypePtr tuple_type,
                     std::function<std::unique_ptr<GroupedAggregator>()> make_inner)
      : arg_types_(std::move(arg_types)),
        tuple_type_(std::move(tuple_type)),
        make_inner_(std::move(make_inner)) {}

  void Resize(int64_t num_groups) override {
    if (num_groups <= static_cast<int64_t>(sets_.size())) return;
    sets_.resize(num_groups);
    values_.resize(num_groups);
  }

  Status Update(const std::vector<ColumnPtr>& args, const uint32_t* group_ids,
                int64_t num_rows) override {
    for (int64_t i = 0; i < num_rows; ++i) Insert(group_ids[i], TupleAt(args, i));
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
        Insert(group_ids[i], elements.GetValue(j));
      }
    }
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> States() override {
    ColumnBuilder builder(type::Array(tuple_type_));
    builder.Reserve(static_cast<int64_t>(values_.size()));
    for (const auto& group_values : values_) {
      for (const auto& v : group_values) builder.child(0).AppendValue(v);
      builder.CloseList();
    }
    return std::vector<ColumnPtr>{builder.Finish()};
  }

  Result<ColumnPtr> Finalize() override {
    // All groups' distinct tuples go to the wrapped aggregate in one vectorized Update.
    std::vector<ColumnBuilder> builders;
    for (const auto& t : arg_types_) builders.emplace_back(t);
    std::vector<uint32_t> group_ids;
    bool single = arg_types_.size() == 1;
    for (size_t g = 0; g < values_.size(); ++g) {
      for (const auto& v : values_[g]) {
        if (single) {
          builders[0].AppendValue(v);
        } else {
          for (size_t k = 0; k < builders.size(); ++k) builders[k].AppendValue(v.children()[k]);
        }
        group_ids.push_back(static_cast<uint32_t>(g));
      }
    }
    std::vector<ColumnPtr> columns;
    for (auto& b : builders) columns.push_back(b.Finish());
    std::unique_ptr<GroupedAggregator> inner = make_inner_();
    inner->Resize(static_cast<int64_t>(values_.size()));
    RUNNEL_RETURN_NOT_OK(
        inner->Update(columns, group_ids.data(), static_cast<int64_t>(group_ids.size())));
    return inner->Finalize();
  }

 private:
  Value TupleAt(const std::vector<ColumnPtr>& args, int64_t i) const {
    if (args.size() == 1) return args[0]->GetValue(i);
    std::vector<Value> fields;
    fields.reserve(args.size());
    for (const auto& a : args) fields.push_back(a->GetValue(i));
    return Value::Struct(tuple_type_, std::move(fields));
  }

  void Insert(uint32_t group, Value v) {
    if (sets_[group].insert(v).second) values_[group].push_back(std::move(v));
  }

  std::vector<DataTypePtr> arg_types_;
  DataTypePtr tuple_type_;
  std::function<std::unique_ptr<GroupedAggregator>()> make_inner_;
  std::vector<ValueHashSet> sets_;
  // The same values in order of arrival, so the wrapped aggregate sees a stable order.
  std::vector<std::vector<Value>> values_;
};

}  // namespace

BoundAggregate MakeDistinctAggregate(BoundAggregate inner) {
  DataTypePtr tuple_type;
  if (inner.arg_types.size() == 1) {
    tuple_type = inner.arg_types[0];
  } else {
    std::vector<type::Field> fields;
    for (size_t k = 0; k < inner.arg_types.size(); ++k) {
      fields.push_back({"col" + std::to_string(k + 1), inner.arg_types[k], true});
    }
    tuple_type = type::Struct(std::move(fields));
  }
  BoundAggregate out;
  out.return_type = inner.return_type;
  out.arg_types = inner.arg_types;
  out.state_fields = {{"distinct_values", type::Array(tuple_type), true}};
  out.make = [arg_types = inner.arg_types, tuple_type, make_inner = inner.make] {
    return std::make_unique<DistinctAggregator>(arg_types, tuple_type, make_inner);
  };
  return out;
}

AggregateFunction SupportDistinct(AggregateFunction f, DistinctMode mode) {
  auto bind = std::move(f.bind);
  f.bind = [bind = std::move(bind), mode](const BindArgs& args,
                                          bool distinct) -> Result<BoundAggregate> {
    RUNNEL_ASSIGN_OR_RAISE(BoundAggregate inner, bind(args, false));
    if (!distinct || mode == DistinctMode::kSameResult) return inner;
    if (args.types.empty()) {
      return Status::Analysis("Function '" + args.name +
                              "' with DISTINCT needs at least one argument, got none.");
    }
    return MakeDistinctAggregate(std::move(inner));
  };
  return f;
}

}  // namespace runnel::function
