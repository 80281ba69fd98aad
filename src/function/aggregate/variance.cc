// stddev_samp (aliases stddev, std), stddev_pop, var_samp (alias variance), var_pop -> DOUBLE.
// State (Spark's central moment buffer): n, avg, m2, all DOUBLE; rows are folded in with
// Welford's update and partial states combined with Chan et al.'s parallel formula, with the
// same operation order as Spark. The sample versions of a single row are NULL (Spark 3.5 with
// spark.sql.legacy.statisticalAggregate=false); every version is NULL for an empty group.
#include <cmath>

#include "function/aggregate/argument_checks.h"
#include "function/aggregate/distinct.h"
#include "function/aggregate/registration.h"
#include "function/aggregate/valid_rows.h"

namespace runnel::function {
namespace {

using vector::ColumnPtr;

enum class Moment { kVarSamp, kVarPop, kStddevSamp, kStddevPop };

class VarianceAggregator final : public GroupedAggregator {
 public:
  explicit VarianceAggregator(Moment moment) : moment_(moment) {}

  void Resize(int64_t num_groups) override {
    if (num_groups <= static_cast<int64_t>(n_.size())) return;
    n_.resize(num_groups, 0);
    avg_.resize(num_groups, 0);
    m2_.resize(num_groups, 0);
  }

  Status Update(const std::vector<ColumnPtr>& args, const uint32_t* group_ids,
                int64_t num_rows) override {
    const double* values = args[0]->values<double>();
    ForEachValidRow(*args[0], num_rows, [&](int64_t i) {
      uint32_t g = group_ids[i];
      double n = n_[g] + 1.0;
      double delta = values[i] - avg_[g];
      double delta_n = delta / n;
      avg_[g] += delta_n;
      m2_[g] += delta * (delta - delta_n);
      n_[g] = n;
    });
    return Status::OK();
  }

  Status Merge(const std::vector<ColumnPtr>& states, const uint32_t* group_ids,
               int64_t num_rows) override {
    const double* n2 = states[0]->values<double>();
    const double* avg2 = states[1]->values<double>();
    const double* m2_2 = states[2]->values<double>();
    ForEachValidRow(*states[0], num_rows, [&](int64_t i) {
      uint32_t g = group_ids[i];
      double n1 = n_[g];
      double n = n1 + n2[i];
      double delta = avg2[i] - avg_[g];
      double delta_n = n == 0 ? 0.0 : delta / n;
      avg_[g] += delta_n * n2[i];
      m2_[g] += m2_2[i] + delta * delta_n * n1 * n2[i];
      n_[g] = n;
    });
    return Status::OK();
  }

  Result<std::vector<ColumnPtr>> States() override {
    return std::vector<ColumnPtr>{vector::MakeFixedColumn(type::Double(), n_),
                                  vector::MakeFixedColumn(type::Double(), avg_),
                                  vector::MakeFixedColumn(type::Double(), m2_)};
  }

  Result<ColumnPtr> Finalize() override {
    size_t groups = n_.size();
    std::vector<double> out(groups, 0);
    std::vector<uint8_t> valid(groups, 0);
    bool sample = moment_ == Moment::kVarSamp || moment_ == Moment::kStddevSamp;
    bool root = moment_ == Moment::kStddevSamp || moment_ == Moment::kStddevPop;
    for (size_t g = 0; g < groups; ++g) {
      double divisor = sample ? n_[g] - 1.0 : n_[g];
      if (n_[g] == 0 || divisor == 0) continue;
      double variance = m2_[g] / divisor;
      out[g] = root ? std::sqrt(variance) : variance;
      valid[g] = 1;
    }
    return vector::MakeFixedColumn(type::Double(), std::move(out), valid);
  }

 private:
  Moment moment_;
  std::vector<double> n_, avg_, m2_;
};

template <Moment kMoment>
Result<BoundAggregate> BindVariance(const BindArgs& args, bool) {
  type::DataTypePtr input = NumericInputType(args.types[0]);
  if (!input) return ArgumentTypeError(args, 0, "a numeric value");
  BoundAggregate out;
  out.return_type = type::Double();
  out.arg_types = {type::Double()};
  out.state_fields = {
      {"n", type::Double(), false}, {"avg", type::Double(), false}, {"m2", type::Double(), false}};
  out.make = [] { return std::make_unique<VarianceAggregator>(kMoment); };
  return out;
}

void Add(FunctionRegistry& registry, const char* name, const char* description,
         std::function<Result<BoundAggregate>(const BindArgs&, bool)> bind) {
  registry.AddAggregate(
      SupportDistinct({name, std::string(name) + "(expr)", description, 1, 1, std::move(bind)},
                      DistinctMode::kDeduplicate));
}

}  // namespace

void RegisterVarianceAggregates(FunctionRegistry& registry) {
  Add(registry, "var_samp", "The sample variance of the non-NULL values.",
      BindVariance<Moment::kVarSamp>);
  Add(registry, "var_pop", "The population variance of the non-NULL values.",
      BindVariance<Moment::kVarPop>);
  Add(registry, "stddev_samp", "The sample standard deviation of the non-NULL values.",
      BindVariance<Moment::kStddevSamp>);
  Add(registry, "stddev_pop", "The population standard deviation of the non-NULL values.",
      BindVariance<Moment::kStddevPop>);
  registry.AddAlias("variance", "var_samp");
  registry.AddAlias("stddev", "stddev_samp");
  registry.AddAlias("std", "stddev_samp");
}

}  // namespace runnel::function
