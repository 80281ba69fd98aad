// sum and avg (alias mean), with Spark's result types:
//   sum: INT/BIGINT -> BIGINT (wrapping on overflow), DOUBLE -> DOUBLE, INTERVAL -> INTERVAL,
//        DECIMAL(p,s) -> DECIMAL(min(38,p+10), s) (NULL on overflow); STRING/NULL read as DOUBLE.
//   avg: numbers -> DOUBLE; DECIMAL(p,s) -> DECIMAL(min(38,p+4), min(38,s+4)).
// States (Spark's aggregation buffers):
//   sum:          sum (result type, NULL until a value arrives)
//   sum decimal:  sum DECIMAL(min(38,p+10),s) (NULL after an overflow), is_empty BOOLEAN
//   avg:          sum DOUBLE, count BIGINT
//   avg decimal:  sum DECIMAL(min(38,p+10),s) (NULL after an overflow), count BIGINT
#include <algorithm>
#include <optional>

#include "function/aggregate/argument_checks.h"
#include "function/aggregate/distinct.h"
#include "function/aggregate/registration.h"
#include "function/aggregate/valid_rows.h"

namespace runnel::function {
namespace {

using type::DataTypePtr;
using type::int128_t;
using type::TypeId;
using vector::ColumnPtr;

// Integral sums wrap around as Java's long arithmetic does (no undefined behaviour here).
inline void AddTo(int64_t& acc, int64_t v) {
  acc = static_cast<int64_t>(static_cast<uint64_t>(acc) + static_cast<uint64_t>(v));
}
inline void AddTo(double& acc, double v) { acc += v; }

// sum over INT, BIGINT, INTERVAL (Acc = int64_t) or DOUBLE (Acc = double).
template <typename In, typename Acc>
class SumAggregator final : public GroupedAggregator {
 public:
  explicit SumAggregator(DataTypePtr result_type) : result_type_(std::move(result_type)) {}

  void Resize(int64_t num_groups) override {
    if (num_groups <= static_cast<int64_t>(sums_.size())) return;
    sums_.resize(num_groups, 0);
    seen_.resize(num_groups, 0);
  }

  Status Update(const std::vector<ColumnPtr>& args, const uint32_t* group_ids,
                int64_t num_rows) override {
    const In* values = args[0]->template values<In>();
    ForEachValidRow(*args[0], num_rows, [&](int64_t i) {
      uint32_t g = group_ids[i];
      AddTo(sums_[g], static_cast<Acc>(values[i]));
      seen_[g] = 1;
    });
    return Status::OK();
  }

  Status Merge(const std::vector<ColumnPtr>& states, const uint32_t* group_ids,
               int64_t num_rows) override {
    const Acc* values = states[0]->template values<Acc>();
    ForEachValidRow(*states[0], num_rows, [&](int64_t i) {
      uint32_t g = group_ids[i];
      AddTo(sums_[g], values[i]);
      seen_[g] = 1;
    });
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> States() override {
    return std::vector<ColumnPtr>{vector::MakeFixedColumn(result_type_, sums_, seen_)};
  }
  Result<ColumnPtr> Finalize() override {
    return vector::MakeFixedColumn(result_type_, sums_, seen_);
  }

 private:
  DataTypePtr result_type_;
  std::vector<Acc> sums_;
  std::vector<uint8_t> seen_;
};

// avg over INT, BIGINT or DOUBLE: the sum is kept as a DOUBLE, as Spark does.
template <typename In>
class AvgAggregator final : public GroupedAggregator {
 public:
  void Resize(int64_t num_groups) override {
    if (num_groups <= static_cast<int64_t>(sums_.size())) return;
    sums_.resize(num_groups, 0);
    counts_.resize(num_groups, 0);
  }

  Status Update(const std::vector<ColumnPtr>& args, const uint32_t* group_ids,
                int64_t num_rows) override {
    const In* values = args[0]->template values<In>();
    ForEachValidRow(*args[0], num_rows, [&](int64_t i) {
      uint32_t g = group_ids[i];
      sums_[g] += static_cast<double>(values[i]);
      ++counts_[g];
    });
    return Status::OK();
  }

  Status Merge(const std::vector<ColumnPtr>& states, const uint32_t* group_ids,
               int64_t num_rows) override {
    const double* sums = states[0]->values<double>();
    const int64_t* counts = states[1]->values<int64_t>();
    ForEachValidRow(*states[1], num_rows, [&](int64_t i) {
      uint32_t g = group_ids[i];
      sums_[g] += sums[i];
      counts_[g] += counts[i];
    });
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> States() override {
    return std::vector<ColumnPtr>{vector::MakeFixedColumn(type::Double(), sums_),
                                  vector::MakeFixedColumn(type::BigInt(), counts_)};
  }

  Result<ColumnPtr> Finalize() override {
    size_t n = sums_.size();
    std::vector<double> out(n);
    std::vector<uint8_t> valid(n);
    for (size_t g = 0; g < n; ++g) {
      valid[g] = counts_[g] != 0;
      out[g] = valid[g] ? sums_[g] / static_cast<double>(counts_[g]) : 0;
    }
    return vector::MakeFixedColumn(type::Double(), std::move(out), valid);
  }

 private:
  std::vector<double> sums_;
  std::vector<int64_t> counts_;
};

// The exact sum of DECIMAL values of one group, with Spark's overflow rule: once the sum needs
// more than the sum type's precision it is NULL for good.
struct DecimalSums {
  explicit DecimalSums(int precision) : bound(type::PowerOfTen(precision)) {}

  void Resize(int64_t num_groups) {
    if (num_groups <= static_cast<int64_t>(sums.size())) return;
    sums.resize(num_groups, 0);
    overflow.resize(num_groups, 0);
  }
  void Add(uint32_t g, int128_t v) {
    if (overflow[g]) return;
    if (__builtin_add_overflow(sums[g], v, &sums[g]) || sums[g] >= bound || sums[g] <= -bound) {
      overflow[g] = 1;
    }
  }
  // The sums as a column of `type`, NULL where a sum overflowed.
  ColumnPtr Column(const DataTypePtr& type) const {
    std::vector<uint8_t> valid(overflow.size());
    for (size_t g = 0; g < valid.size(); ++g) valid[g] = !overflow[g];
    return vector::MakeFixedColumn(type, sums, valid);
  }

  int128_t bound;
  std::vector<int128_t> sums;
  std::vector<uint8_t> overflow;
};

class DecimalSumAggregator final : public GroupedAggregator {
 public:
  explicit DecimalSumAggregator(DataTypePtr sum_type)
      : sum_type_(std::move(sum_type)), sums_(sum_type_->precision()) {}

  void Resize(int64_t num_groups) override {
    sums_.Resize(num_groups);
    if (num_groups > static_cast<int64_t>(empty_.size())) empty_.resize(num_groups, 1);
  }

  Status Update(const std::vector<ColumnPtr>& args, const uint32_t* group_ids,
                int64_t num_rows) override {
    const int128_t* values = args[0]->values<int128_t>();
    ForEachValidRow(*args[0], num_rows, [&](int64_t i) {
      sums_.Add(group_ids[i], values[i]);
      empty_[group_ids[i]] = 0;
    });
    return Status::OK();
  }

  Status Merge(const std::vector<ColumnPtr>& states, const uint32_t* group_ids,
               int64_t num_rows) override {
    const vector::Column& sums = *states[0];
    const vector::Column& empty = *states[1];
    const int128_t* values = sums.values<int128_t>();
    for (int64_t i = 0; i < num_rows; ++i) {
      if (empty.IsNull(i) || empty.GetBool(i)) continue;
      uint32_t g = group_ids[i];
      empty_[g] = 0;
      if (sums.IsNull(i)) {
        sums_.overflow[g] = 1;
      } else {
        sums_.Add(g, values[i]);
      }
    }
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> States() override {
    return std::vector<ColumnPtr>{sums_.Column(sum_type_), vector::MakeBoolColumn(empty_)};
  }

  Result<ColumnPtr> Finalize() override {
    std::vector<uint8_t> valid(empty_.size());
    for (size_t g = 0; g < valid.size(); ++g) valid[g] = !empty_[g] && !sums_.overflow[g];
    return vector::MakeFixedColumn(sum_type_, sums_.sums, valid);
  }

 private:
  DataTypePtr sum_type_;
  DecimalSums sums_;
  std::vector<uint8_t> empty_;
};

// sum / count at `extra_scale` more digits, rounded half up; nullopt when the quotient reaches
// `bound` (10^precision of the result). Long division digit by digit keeps every step in range.
std::optional<int128_t> DivideRounded(int128_t sum, int64_t count, int extra_scale,
                                      int128_t bound) {
  using U = unsigned __int128;
  bool negative = sum < 0;
  U magnitude = negative ? static_cast<U>(-sum) : static_cast<U>(sum);
  U divisor = static_cast<U>(count);
  U quotient = magnitude / divisor, remainder = magnitude % divisor;
  U limit = static_cast<U>(bound) / 10;
  for (int k = 0; k < extra_scale; ++k) {
    if (quotient >= limit) return std::nullopt;
    remainder *= 10;
    quotient = quotient * 10 + remainder / divisor;
    remainder %= divisor;
  }
  if (remainder * 2 >= divisor) ++quotient;
  if (quotient >= static_cast<U>(bound)) return std::nullopt;
  int128_t out = static_cast<int128_t>(quotient);
  return negative ? -out : out;
}

class DecimalAvgAggregator final : public GroupedAggregator {
 public:
  DecimalAvgAggregator(DataTypePtr sum_type, DataTypePtr result_type)
      : sum_type_(std::move(sum_type)),
        result_type_(std::move(result_type)),
        sums_(sum_type_->precision()) {}

  void Resize(int64_t num_groups) override {
    sums_.Resize(num_groups);
    if (num_groups > static_cast<int64_t>(counts_.size())) counts_.resize(num_groups, 0);
  }

  Status Update(const std::vector<ColumnPtr>& args, const uint32_t* group_ids,
                int64_t num_rows) override {
    const int128_t* values = args[0]->values<int128_t>();
    ForEachValidRow(*args[0], num_rows, [&](int64_t i) {
      sums_.Add(group_ids[i], values[i]);
      ++counts_[group_ids[i]];
    });
    return Status::OK();
  }

  Status Merge(const std::vector<ColumnPtr>& states, const uint32_t* group_ids,
               int64_t num_rows) override {
    const vector::Column& sums = *states[0];
    const int128_t* values = sums.values<int128_t>();
    const int64_t* counts = states[1]->values<int64_t>();
    ForEachValidRow(*states[1], num_rows, [&](int64_t i) {
      uint32_t g = group_ids[i];
      if (counts[i] == 0) return;
      counts_[g] += counts[i];
      if (sums.IsNull(i)) {
        sums_.overflow[g] = 1;
      } else {
        sums_.Add(g, values[i]);
      }
    });
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> States() override {
    return std::vector<ColumnPtr>{sums_.Column(sum_type_),
                                  vector::MakeFixedColumn(type::BigInt(), counts_)};
  }

  Result<ColumnPtr> Finalize() override {
    size_t n = counts_.size();
    std::vector<int128_t> out(n, 0);
    std::vector<uint8_t> valid(n, 0);
    int extra_scale = result_type_->scale() - sum_type_->scale();
    int128_t bound = type::PowerOfTen(result_type_->precision());
    for (size_t g = 0; g < n; ++g) {
      if (counts_[g] == 0 || sums_.overflow[g]) continue;
      auto q = DivideRounded(sums_.sums[g], counts_[g], extra_scale, bound);
      if (!q) continue;
      out[g] = *q;
      valid[g] = 1;
    }
    return vector::MakeFixedColumn(result_type_, std::move(out), valid);
  }

 private:
  DataTypePtr sum_type_;
  DataTypePtr result_type_;
  DecimalSums sums_;
  std::vector<int64_t> counts_;
};

template <typename Aggregator, typename... Args>
std::function<std::unique_ptr<GroupedAggregator>()> Maker(Args... args) {
  return [=] { return std::make_unique<Aggregator>(args...); };
}

Result<BoundAggregate> BindSum(const BindArgs& args, bool) {
  DataTypePtr input = NumericInputType(args.types[0]);
  if (!input && args.types[0]->id() == TypeId::kInterval) input = args.types[0];
  if (!input) return ArgumentTypeError(args, 0, "a numeric or interval value");
  BoundAggregate out;
  out.arg_types = {input};
  switch (input->id()) {
    case TypeId::kInt:
      out.return_type = type::BigInt();
      out.make = Maker<SumAggregator<int32_t, int64_t>>(out.return_type);
      break;
    case TypeId::kBigInt:
    case TypeId::kInterval:
      out.return_type = input;
      out.make = Maker<SumAggregator<int64_t, int64_t>>(out.return_type);
      break;
    case TypeId::kDouble:
      out.return_type = type::Double();
      out.make = Maker<SumAggregator<double, double>>(out.return_type);
      break;
    default: {  // DECIMAL
      out.return_type = type::Decimal(std::min(type::kMaxDecimalPrecision, input->precision() + 10),
                                      input->scale());
      out.state_fields = {{"sum", out.return_type, true}, {"is_empty", type::Boolean(), false}};
      out.make = Maker<DecimalSumAggregator>(out.return_type);
      return out;
    }
  }
  out.state_fields = {{"sum", out.return_type, true}};
  return out;
}

Result<BoundAggregate> BindAvg(const BindArgs& args, bool) {
  DataTypePtr input = NumericInputType(args.types[0]);
  if (!input) return ArgumentTypeError(args, 0, "a numeric value");
  BoundAggregate out;
  out.arg_types = {input};
  if (input->id() == TypeId::kDecimal) {
    int p = input->precision(), s = input->scale();
    auto sum_type = type::Decimal(std::min(type::kMaxDecimalPrecision, p + 10), s);
    out.return_type = type::Decimal(std::min(type::kMaxDecimalPrecision, p + 4),
                                    std::min(type::kMaxDecimalPrecision, s + 4));
    out.state_fields = {{"sum", sum_type, true}, {"count", type::BigInt(), false}};
    out.make = Maker<DecimalAvgAggregator>(sum_type, out.return_type);
    return out;
  }
  out.return_type = type::Double();
  out.state_fields = {{"sum", type::Double(), false}, {"count", type::BigInt(), false}};
  switch (input->id()) {
    case TypeId::kInt:
      out.make = Maker<AvgAggregator<int32_t>>();
      break;
    case TypeId::kBigInt:
      out.make = Maker<AvgAggregator<int64_t>>();
      break;
    default:
      out.make = Maker<AvgAggregator<double>>();
      break;
  }
  return out;
}

}  // namespace

void RegisterSumAggregates(FunctionRegistry& registry) {
  registry.AddAggregate(
      SupportDistinct({"sum", "sum([DISTINCT] expr)",
                       "The sum of the non-NULL values; NULL when there are none.", 1, 1, BindSum},
                      DistinctMode::kDeduplicate));
  registry.AddAggregate(
      SupportDistinct({"avg", "avg([DISTINCT] expr)",
                       "The mean of the non-NULL values; NULL when there are none.", 1, 1, BindAvg},
                      DistinctMode::kDeduplicate));
  registry.AddAlias("mean", "avg");
}

}  // namespace runnel::function
