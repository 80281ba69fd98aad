// min and max over any orderable type: numbers, strings, binary, booleans, dates, timestamps,
// intervals, decimals, and arrays/structs (compared as type::Value). NaN is larger than every
// other double, as in Spark. State: one field "min"/"max" of the input type, NULL until a value
// arrives; Merge is Update over the states.
#include <cmath>
#include <string>
#include <string_view>

#include "function/aggregate/argument_checks.h"
#include "function/aggregate/distinct.h"
#include "function/aggregate/registration.h"
#include "function/aggregate/valid_rows.h"
#include "vector/column_builder.h"

namespace runnel::function {
namespace {

using type::DataTypePtr;
using type::TypeId;
using vector::Column;
using vector::ColumnBuilder;
using vector::ColumnPtr;

// How one physical type is read, compared, kept and written back. Stored is what a group keeps;
// Read returns a cheap view compared against it, copied only when it wins.
template <typename T>
struct FixedSlot {
  using Stored = T;
  static T Read(const Column& c, int64_t i) { return c.values<T>()[i]; }
  static bool Less(T a, T b) { return a < b; }
  static void Store(T& dst, T v) { dst = v; }
  static ColumnPtr Build(const DataTypePtr& type, const std::vector<T>& v,
                         const std::vector<uint8_t>& seen) {
    return vector::MakeFixedColumn(type, v, seen);
  }
};

struct DoubleSlot : FixedSlot<double> {
  static bool Less(double a, double b) {
    if (std::isnan(b)) return !std::isnan(a);
    return !std::isnan(a) && a < b;
  }
};

struct BoolSlot {
  using Stored = uint8_t;
  static uint8_t Read(const Column& c, int64_t i) { return c.GetBool(i); }
  static bool Less(uint8_t a, uint8_t b) { return a < b; }
  static void Store(uint8_t& dst, uint8_t v) { dst = v; }
  static ColumnPtr Build(const DataTypePtr&, const std::vector<uint8_t>& v,
                         const std::vector<uint8_t>& seen) {
    return vector::MakeBoolColumn(v, seen);
  }
};

struct StringSlot {
  using Stored = std::string;
  static std::string_view Read(const Column& c, int64_t i) { return c.GetString(i); }
  static bool Less(std::string_view a, std::string_view b) { return a < b; }  // bytewise
  static void Store(std::string& dst, std::string_view v) { dst.assign(v); }
  static ColumnPtr Build(const DataTypePtr& type, const std::vector<std::string>& v,
                         const std::vector<uint8_t>& seen) {
    ColumnBuilder builder(type);
    for (size_t g = 0; g < v.size(); ++g) {
      seen[g] ? builder.AppendString(v[g]) : builder.AppendNull();
    }
    return builder.Finish();
  }
};

struct ValueSlot {
  using Stored = type::Value;
  static type::Value Read(const Column& c, int64_t i) { return c.GetValue(i); }
  static bool Less(const type::Value& a, const type::Value& b) { return a.Compare(b) < 0; }
  static void Store(type::Value& dst, type::Value v) { dst = std::move(v); }
  static ColumnPtr Build(const DataTypePtr& type, const std::vector<type::Value>& v,
                         const std::vector<uint8_t>& seen) {
    ColumnBuilder builder(type);
    for (size_t g = 0; g < v.size(); ++g) {
      seen[g] ? builder.AppendValue(v[g]) : builder.AppendNull();
    }
    return builder.Finish();
  }
};

template <typename Slot, bool kMax>
class ExtremumAggregator final : public GroupedAggregator {
 public:
  explicit ExtremumAggregator(DataTypePtr type) : type_(std::move(type)) {}

  void Resize(int64_t num_groups) override {
    if (num_groups <= static_cast<int64_t>(best_.size())) return;
    best_.resize(num_groups);
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
    return std::vector<ColumnPtr>{Slot::Build(type_, best_, seen_)};
  }
  Result<ColumnPtr> Finalize() override { return Slot::Build(type_, best_, seen_); }

 private:
  void Fold(const Column& column, const uint32_t* group_ids, int64_t num_rows) {
    ForEachValidRow(column, num_rows, [&](int64_t i) {
      uint32_t g = group_ids[i];
      auto v = Slot::Read(column, i);
      bool better = kMax ? Slot::Less(best_[g], v) : Slot::Less(v, best_[g]);
      if (!seen_[g] || better) {
        Slot::Store(best_[g], std::move(v));
        seen_[g] = 1;
      }
    });
  }

  DataTypePtr type_;
  std::vector<typename Slot::Stored> best_;
  std::vector<uint8_t> seen_;
};

template <bool kMax>
std::function<std::unique_ptr<GroupedAggregator>()> MakerFor(const DataTypePtr& type) {
  auto make = [type]<typename Slot>(Slot) -> std::function<std::unique_ptr<GroupedAggregator>()> {
    return [type] { return std::make_unique<ExtremumAggregator<Slot, kMax>>(type); };
  };
  switch (type->id()) {
    case TypeId::kBoolean:
      return make(BoolSlot{});
    case TypeId::kInt:
    case TypeId::kDate:
      return make(FixedSlot<int32_t>{});
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kInterval:
      return make(FixedSlot<int64_t>{});
    case TypeId::kDouble:
      return make(DoubleSlot{});
    case TypeId::kDecimal:
      return make(FixedSlot<type::int128_t>{});
    case TypeId::kString:
    case TypeId::kBinary:
      return make(StringSlot{});
    default:
      return make(ValueSlot{});
  }
}

template <bool kMax>
Result<BoundAggregate> BindExtremum(const BindArgs& args, bool) {
  const DataTypePtr& type = args.types[0];
  if (!IsOrderable(*type)) return ArgumentTypeError(args, 0, "an orderable value (not a MAP)");
  BoundAggregate out;
  out.return_type = type;
  out.arg_types = {type};
  out.state_fields = {{kMax ? "max" : "min", type, true}};
  out.make = MakerFor<kMax>(type);
  return out;
}

}  // namespace

void RegisterMinMaxAggregates(FunctionRegistry& registry) {
  registry.AddAggregate(SupportDistinct(
      {"min", "min(expr)", "The smallest non-NULL value.", 1, 1, BindExtremum<false>},
      DistinctMode::kSameResult));
  registry.AddAggregate(
      SupportDistinct({"max", "max(expr)", "The largest non-NULL value.", 1, 1, BindExtremum<true>},
                      DistinctMode::kSameResult));
}

}  // namespace runnel::function
