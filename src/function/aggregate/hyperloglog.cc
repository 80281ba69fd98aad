// approx_count_distinct(x[, rsd]) -> BIGINT, with a HyperLogLog sketch per group.
// Precision as Spark's HyperLogLogPlusPlus: p = ceil(2 * log2(1.106 / rsd)) (rsd 0.05 -> p = 9,
// 512 registers), at least 4; here also at most 18 (rsd >= 0.0022) to bound the state size.
// State: one BINARY "sketch" of 2^p bytes, one register per byte (the largest rank seen in that
// bucket); Merge takes the register-wise maximum, so it is associative and exact.
// Estimate: Ertl's improved raw estimator ("New cardinality estimation algorithms for
// HyperLogLog sketches", 2017), which is unbiased over the whole range without the empirical
// bias tables of HLL++; results therefore differ slightly from Spark's.
#include <cmath>
#include <cstring>

#include "base/hash.h"
#include "function/aggregate/argument_checks.h"
#include "function/aggregate/distinct.h"
#include "function/aggregate/registration.h"
#include "function/aggregate/valid_rows.h"

namespace runnel::function {
namespace {

using type::TypeId;
using vector::Column;
using vector::ColumnPtr;

constexpr int kMinPrecision = 4;
constexpr int kMaxPrecision = 18;

double Sigma(double x) {
  if (x == 1.0) return INFINITY;
  double y = 1, z = x;
  while (true) {
    x *= x;
    double previous = z;
    z += x * y;
    y += y;
    if (z == previous) return z;
  }
}

double Tau(double x) {
  if (x == 0.0 || x == 1.0) return 0;
  double y = 1, z = 1 - x;
  while (true) {
    x = std::sqrt(x);
    double previous = z;
    y *= 0.5;
    z -= (1 - x) * (1 - x) * y;
    if (z == previous) return z / 3;
  }
}

// Numbers are hashed as their 8 bytes with XXH3 (INT and BIGINT of the same value agree).
uint64_t HashInt64(int64_t v) { return base::HashBytes(&v, sizeof v); }

uint64_t HashDouble(double d) {
  if (d == 0) d = 0;           // -0.0 counts as 0.0
  if (std::isnan(d)) d = NAN;  // one NaN
  return base::HashBytes(&d, sizeof d);
}

class HyperLogLogAggregator final : public GroupedAggregator {
 public:
  explicit HyperLogLogAggregator(int precision)
      : precision_(precision), num_registers_(int64_t{1} << precision) {}

  void Resize(int64_t num_groups) override {
    if (num_groups * num_registers_ > static_cast<int64_t>(registers_.size())) {
      registers_.resize(num_groups * num_registers_, 0);
    }
  }

  Status Update(const std::vector<ColumnPtr>& args, const uint32_t* group_ids,
                int64_t num_rows) override {
    const Column& c = *args[0];
    switch (c.type_id()) {
      case TypeId::kBoolean:
        return Fold(c, group_ids, num_rows, [&](int64_t i) { return base::HashInt(c.GetBool(i)); });
      case TypeId::kInt:
      case TypeId::kDate: {
        const int32_t* v = c.values<int32_t>();
        return Fold(c, group_ids, num_rows, [&](int64_t i) { return HashInt64(v[i]); });
      }
      case TypeId::kBigInt:
      case TypeId::kTimestamp:
      case TypeId::kInterval: {
        const int64_t* v = c.values<int64_t>();
        return Fold(c, group_ids, num_rows, [&](int64_t i) { return HashInt64(v[i]); });
      }
      case TypeId::kDouble: {
        const double* v = c.values<double>();
        return Fold(c, group_ids, num_rows, [&](int64_t i) { return HashDouble(v[i]); });
      }
      case TypeId::kDecimal: {
        const type::int128_t* v = c.values<type::int128_t>();
        return Fold(c, group_ids, num_rows,
                    [&](int64_t i) { return base::HashBytes(&v[i], sizeof v[i]); });
      }
      case TypeId::kString:
      case TypeId::kBinary:
        return Fold(c, group_ids, num_rows,
                    [&](int64_t i) { return base::HashString(c.GetString(i)); });
      default:
        return Fold(c, group_ids, num_rows,
                    [&](int64_t i) { return base::HashInt(c.GetValue(i).Hash()); });
    }
  }

  Status Merge(const std::vector<ColumnPtr>& states, const uint32_t* group_ids,
               int64_t num_rows) override {
    const Column& sketches = *states[0];
    for (int64_t i = 0; i < num_rows; ++i) {
      if (sketches.IsNull(i)) continue;
      std::string_view sketch = sketches.GetString(i);
      if (static_cast<int64_t>(sketch.size()) != num_registers_) {
        return Status::Corruption(
            "approx_count_distinct state has the wrong size for its precision; was it written "
            "with another rsd? Expected " +
            std::to_string(num_registers_) + " bytes, got " + std::to_string(sketch.size()));
      }
      uint8_t* group = &registers_[group_ids[i] * num_registers_];
      for (int64_t r = 0; r < num_registers_; ++r) {
        group[r] = std::max(group[r], static_cast<uint8_t>(sketch[r]));
      }
    }
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> States() override {
    int64_t groups = NumGroups();
    std::vector<int32_t> offsets(groups + 1);
    for (int64_t g = 0; g <= groups; ++g) offsets[g] = static_cast<int32_t>(g * num_registers_);
    std::vector<char> bytes(registers_.begin(), registers_.end());
    return std::vector<ColumnPtr>{
        vector::MakeStringColumn(type::Binary(), std::move(offsets), std::move(bytes))};
  }

  Result<ColumnPtr> Finalize() override {
    int64_t groups = NumGroups();
    std::vector<int64_t> out(groups);
    for (int64_t g = 0; g < groups; ++g) out[g] = std::llround(Estimate(g));
    return vector::MakeFixedColumn(type::BigInt(), std::move(out));
  }

 private:
  int64_t NumGroups() const { return static_cast<int64_t>(registers_.size()) / num_registers_; }

  template <typename HashFn>
  Status Fold(const Column& column, const uint32_t* group_ids, int64_t num_rows, HashFn hash) {
    int shift = 64 - precision_;
    ForEachValidRow(column, num_rows, [&](int64_t i) {
      uint64_t h = hash(i);
      uint64_t bucket = h >> shift;
      uint64_t rest = h << precision_;
      // The rank: position of the first 1 bit in the remaining 64 - p bits (q + 1 if none).
      uint8_t rank = rest == 0 ? static_cast<uint8_t>(shift + 1)
                               : static_cast<uint8_t>(__builtin_clzll(rest) + 1);
      uint8_t& reg = registers_[group_ids[i] * num_registers_ + bucket];
      if (rank > reg) reg = rank;
    });
    return Status::OK();
  }

  double Estimate(int64_t g) const {
    int q = 64 - precision_;
    std::vector<double> histogram(q + 2, 0);
    const uint8_t* group = &registers_[g * num_registers_];
    for (int64_t r = 0; r < num_registers_; ++r) histogram[group[r]] += 1;
    double m = static_cast<double>(num_registers_);
    double z = m * Tau(1 - histogram[q + 1] / m);
    for (int k = q; k >= 1; --k) z = 0.5 * (z + histogram[k]);
    z += m * Sigma(histogram[0] / m);
    return m * m / (2 * std::log(2.0) * z);
  }

  int precision_;
  int64_t num_registers_;
  std::vector<uint8_t> registers_;  // group g's registers at [g * 2^p, (g + 1) * 2^p)
};

Result<BoundAggregate> BindApproxCountDistinct(const BindArgs& args, bool) {
  RUNNEL_ASSIGN_OR_RAISE(double rsd, ConstantDoubleArgument(args, 1, 0.05));
  if (!(rsd > 0)) return ArgumentTypeError(args, 1, "a positive relative standard deviation");
  int precision = static_cast<int>(std::ceil(2.0 * std::log2(1.106 / rsd)));
  if (precision < kMinPrecision) {
    return Status::Analysis(
        "HLL++ requires at least 4 bits for addressing. Use a lower error, "
        "at most 39%. Got rsd " +
        std::to_string(rsd) + ".");
  }
  if (precision > kMaxPrecision) {
    return Status::NotSupported(
        "approx_count_distinct supports a relative error of at least "
        "0.0022 (2^18 registers). Got rsd " +
        std::to_string(rsd) + ".");
  }
  BoundAggregate out;
  out.return_type = type::BigInt();
  out.arg_types = args.types;
  out.state_fields = {{"sketch", type::Binary(), false}};
  out.make = [precision] { return std::make_unique<HyperLogLogAggregator>(precision); };
  return out;
}

}  // namespace

void RegisterHyperLogLogAggregates(FunctionRegistry& registry) {
  registry.AddAggregate(
      SupportDistinct({"approx_count_distinct", "approx_count_distinct(expr[, relativeSD])",
                       "An estimate of the number of distinct non-NULL values (HyperLogLog).", 1, 2,
                       BindApproxCountDistinct},
                      DistinctMode::kSameResult));
}

}  // namespace runnel::function
