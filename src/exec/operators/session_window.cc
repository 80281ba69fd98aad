// Sessionize (session_window): per partition, which holds every row of its keys (the planner
// puts an exchange on the keys below it), rows are ordered by (keys, ts) and each gets the
// session it falls in. A session starts at an event and grows while the next event of the key
// comes at or before its end (ts + gap, the largest so far; Spark's MergingSessionsIterator
// merges a session starting exactly at the end): [first ts, max(ts + gap)). Rows with a
// NULL time or a NULL, zero or negative gap are dropped, as Spark filters them out.
#include <algorithm>
#include <numeric>

#include "base/spelling.h"
#include "exec/operators/operators.h"
#include "expr/evaluator.h"
#include "function/scalar/window_duration.h"
#include "vector/selection.h"

namespace runnel::exec {
namespace {

using vector::ColumnPtr;

class SessionWindowOp final : public PhysicalOp {
 public:
  SessionWindowOp(PhysicalOpPtr child, std::vector<expr::ExprPtr> keys, expr::ExprPtr ts,
                  expr::ExprPtr gap, type::SchemaPtr schema)
      : PhysicalOp(std::move(schema), {std::move(child)}), keys_(std::move(keys)),
        ts_(std::move(ts)), gap_(std::move(gap)) {}

  int NumPartitions() const override { return children()[0]->NumPartitions(); }
  Result<std::unique_ptr<vector::BatchStream>> Execute(int partition, ExecContext& ctx) override {
    RUNNEL_ASSIGN_OR_RAISE(auto input, children()[0]->Execute(partition, ctx));
    RUNNEL_ASSIGN_OR_RAISE(std::vector<vector::Batch> batches, vector::DrainStream(*input));
    std::vector<vector::Batch> out;
    if (!batches.empty()) {
      vector::Batch all = vector::ConcatenateBatches(children()[0]->schema(), batches);
      RUNNEL_ASSIGN_OR_RAISE(vector::Batch sessions, Sessionize(all, ctx));
      if (sessions.num_rows() > 0) out.push_back(std::move(sessions));
    }
    return std::unique_ptr<vector::BatchStream>(new vector::VectorBatchStream(std::move(out)));
  }
  std::string Describe() const override {
    std::vector<std::string> parts;
    for (const auto& k : keys_) parts.push_back(k->ToString());
    return "SessionWindow [" + base::JoinStrings(parts, ", ") + "] " + ts_->ToString() + ", " +
           gap_->ToString();
  }

 private:
  Result<vector::Batch> Sessionize(const vector::Batch& all, ExecContext& ctx) const {
    std::vector<std::vector<type::Value>> keys(static_cast<size_t>(all.num_rows()));
    for (const auto& k : keys_) {
      RUNNEL_ASSIGN_OR_RAISE(ColumnPtr c, expr::Evaluate(*k, all, ctx.kernel));
      for (int64_t i = 0; i < all.num_rows(); ++i) keys[i].push_back(c->GetValue(i));
    }
    RUNNEL_ASSIGN_OR_RAISE(ColumnPtr ts, expr::Evaluate(*ts_, all, ctx.kernel));
    RUNNEL_ASSIGN_OR_RAISE(ColumnPtr gap, expr::Evaluate(*gap_, all, ctx.kernel));
    std::vector<int32_t> rows;
    std::vector<int64_t> gaps(static_cast<size_t>(all.num_rows()));
    for (int64_t i = 0; i < all.num_rows(); ++i) {
      std::optional<int64_t> g = function::SessionGapMicros(*gap, i);
      if (ts->IsNull(i) || !g) continue;
      gaps[i] = *g;
      rows.push_back(static_cast<int32_t>(i));
    }
    const int64_t* times = ts->values<int64_t>();
    auto same_key = [&](int32_t a, int32_t b) {
      for (size_t k = 0; k < keys_.size(); ++k) {
        if (keys[a][k].Compare(keys[b][k]) != 0) return false;
      }
      return true;
    };
    std::stable_sort(rows.begin(), rows.end(), [&](int32_t a, int32_t b) {
      for (size_t k = 0; k < keys_.size(); ++k) {
        int r = keys[a][k].Compare(keys[b][k]);
        if (r != 0) return r < 0;
      }
      return times[a] < times[b];
    });
    std::vector<int64_t> starts(rows.size()), ends(rows.size());
    for (size_t first = 0; first < rows.size();) {
      size_t last = first + 1;
      int64_t end = times[rows[first]] + gaps[rows[first]];
      while (last < rows.size() && same_key(rows[first], rows[last]) && times[rows[last]] <= end) {
        end = std::max(end, times[rows[last]] + gaps[rows[last]]);
        ++last;
      }
      for (size_t j = first; j < last; ++j) {
        starts[j] = times[rows[first]];
        ends[j] = end;
      }
      first = last;
    }
    vector::Batch taken = vector::TakeRows(all, rows);
    std::vector<ColumnPtr> columns = taken.columns();
    int64_t n = static_cast<int64_t>(rows.size());
    columns.push_back(function::SessionColumn(schema()->field(schema()->num_fields() - 1).type,
                                              std::move(starts), std::move(ends)));
    return vector::Batch(schema(), std::move(columns), n);
  }

  std::vector<expr::ExprPtr> keys_;
  expr::ExprPtr ts_, gap_;
};

}  // namespace

PhysicalOpPtr MakeSessionWindow(PhysicalOpPtr child, std::vector<expr::ExprPtr> keys,
                                expr::ExprPtr ts, expr::ExprPtr gap, type::SchemaPtr schema) {
  return std::make_shared<SessionWindowOp>(std::move(child), std::move(keys), std::move(ts),
                                           std::move(gap), std::move(schema));
}

}  // namespace runnel::exec
