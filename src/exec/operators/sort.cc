// Sort: orders each partition's rows by the sort keys (the planner puts a single-partition
// exchange below it for a total order). Ascending puts NULLs first, descending last, unless
// the key says otherwise; NaN sorts above every other double, as in Spark.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "base/spelling.h"
#include "exec/operators/operators.h"
#include "expr/evaluator.h"
#include "vector/selection.h"

namespace runnel::exec {
namespace {

using type::TypeId;
using vector::ColumnPtr;

// Compares two rows of one key column, ignoring NULLs (handled by the caller).
int CompareCells(const vector::Column& c, int64_t a, int64_t b) {
  auto cmp = [](auto x, auto y) { return x < y ? -1 : (y < x ? 1 : 0); };
  switch (c.type_id()) {
    case TypeId::kBoolean: return cmp(c.GetBool(a), c.GetBool(b));
    case TypeId::kInt:
    case TypeId::kDate: return cmp(c.values<int32_t>()[a], c.values<int32_t>()[b]);
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kInterval: return cmp(c.values<int64_t>()[a], c.values<int64_t>()[b]);
    case TypeId::kDouble: {
      double x = c.values<double>()[a], y = c.values<double>()[b];
      bool xn = std::isnan(x), yn = std::isnan(y);
      if (xn || yn) return xn == yn ? 0 : (xn ? 1 : -1);
      return cmp(x, y);
    }
    case TypeId::kDecimal: return cmp(c.values<type::int128_t>()[a], c.values<type::int128_t>()[b]);
    case TypeId::kString:
    case TypeId::kBinary: {
      int r = c.GetString(a).compare(c.GetString(b));
      return r < 0 ? -1 : (r > 0 ? 1 : 0);
    }
    default: return c.GetValue(a).Compare(c.GetValue(b));
  }
}

class SortOp final : public PhysicalOp {
 public:
  SortOp(PhysicalOpPtr child, std::vector<expr::ExprPtr> keys)
      : PhysicalOp(child->schema(), {child}), keys_(std::move(keys)) {}

  int NumPartitions() const override { return children()[0]->NumPartitions(); }
  Result<std::unique_ptr<vector::BatchStream>> Execute(int partition, ExecContext& ctx) override {
    RUNNEL_ASSIGN_OR_RAISE(auto input, children()[0]->Execute(partition, ctx));
    RUNNEL_ASSIGN_OR_RAISE(std::vector<vector::Batch> batches, vector::DrainStream(*input));
    std::vector<vector::Batch> out;
    if (!batches.empty()) {
      vector::Batch all = vector::ConcatenateBatches(schema(), batches);
      RUNNEL_ASSIGN_OR_RAISE(vector::Batch sorted, SortBatch(all, ctx));
      for (int64_t off = 0; off < sorted.num_rows(); off += ctx.batch_size) {
        out.push_back(sorted.Slice(off, std::min(ctx.batch_size, sorted.num_rows() - off)));
      }
    }
    return std::unique_ptr<vector::BatchStream>(new vector::VectorBatchStream(std::move(out)));
  }
  std::string Describe() const override {
    std::vector<std::string> parts;
    for (const auto& k : keys_) parts.push_back(k->ToString());
    return "Sort [" + base::JoinStrings(parts, ", ") + "]";
  }

 private:
  Result<vector::Batch> SortBatch(const vector::Batch& all, ExecContext& ctx) const {
    std::vector<ColumnPtr> key_columns;
    for (const auto& k : keys_) {
      RUNNEL_ASSIGN_OR_RAISE(ColumnPtr c, expr::Evaluate(*k, all, ctx.kernel));
      key_columns.push_back(std::move(c));
    }
    std::vector<int32_t> order(all.num_rows());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
      for (size_t k = 0; k < keys_.size(); ++k) {
        const vector::Column& c = *key_columns[k];
        bool an = c.IsNull(a), bn = c.IsNull(b);
        int r;
        if (an || bn) {
          if (an == bn) continue;
          r = an == keys_[k]->nulls_first ? -1 : 1;
          return r < 0;
        }
        r = CompareCells(c, a, b);
        if (r == 0) continue;
        return keys_[k]->ascending ? r < 0 : r > 0;
      }
      return false;
    });
    return vector::TakeRows(all, order);
  }

  std::vector<expr::ExprPtr> keys_;
};

}  // namespace

PhysicalOpPtr MakeSort(PhysicalOpPtr child, std::vector<expr::ExprPtr> keys) {
  return std::make_shared<SortOp>(std::move(child), std::move(keys));
}

}  // namespace runnel::exec
