// Test-only: a deliberately naive evaluator of resolved logical plans (whole relations in one
// batch, joins by comparing every pair of rows). Being independent of exec/ (which the
// optimizer layer may not use) makes it a reference for differential tests: a plan and its
// optimized form, or a plan and its physical execution, must give the same rows.
#pragma once

#include <algorithm>
#include <map>
#include <numeric>
#include <vector>

#include "expr/evaluator.h"
#include "plan/logical_plan.h"
#include "vector/column_builder.h"
#include "vector/selection.h"

namespace runnel::plan::testing {

class ReferenceEvaluator {
 public:
  Result<vector::Batch> Run(const plan::PlanPtr& p) {
    using plan::PlanKind;
    std::vector<vector::Batch> in;
    for (const auto& c : p->children) {
      RUNNEL_ASSIGN_OR_RAISE(vector::Batch b, Run(c));
      in.push_back(std::move(b));
    }
    switch (p->kind) {
      case PlanKind::kScan: return Scan(*p);
      case PlanKind::kValues: return vector::ConcatenateBatches(p->schema, p->rows);
      case PlanKind::kSubqueryAlias: return in[0];
      case PlanKind::kProject: return expr::EvaluateProjection(p->exprs, p->schema, in[0], ctx_);
      case PlanKind::kFilter: {
        RUNNEL_ASSIGN_OR_RAISE(vector::ColumnPtr mask, expr::Evaluate(*p->exprs[0], in[0], ctx_));
        return vector::FilterBatch(in[0], *mask);
      }
      case PlanKind::kJoin: return Join(*p, in[0], in[1]);
      case PlanKind::kAggregate: return Aggregate(*p, in[0]);
      case PlanKind::kSort: return Sort(*p, in[0]);
      case PlanKind::kLimit: {
        int64_t start = std::min(p->offset, in[0].num_rows());
        int64_t n = in[0].num_rows() - start;
        if (p->limit >= 0) n = std::min(n, p->limit);
        return in[0].Slice(start, n);
      }
      case PlanKind::kUnion: {
        std::vector<vector::Batch> parts;
        for (auto& b : in) parts.push_back(b.WithSchema(p->schema));
        return vector::ConcatenateBatches(p->schema, parts);
      }
      case PlanKind::kGenerate: return Generate(*p, in[0]);
      default: return Status::NotSupported("reference evaluator: node " + p->ToString());
    }
  }

 private:
  using Row = std::vector<type::Value>;

  Result<vector::Batch> Scan(const plan::LogicalPlan& p) {
    std::vector<vector::Batch> parts;
    for (int i = 0; i < p.source->NumPartitions(); ++i) {
      RUNNEL_ASSIGN_OR_RAISE(auto stream, p.source->Open(i, p.projection, p.pushed_filters));
      RUNNEL_ASSIGN_OR_RAISE(auto batches, vector::DrainStream(*stream));
      for (auto& b : batches) parts.push_back(b.WithSchema(p.schema));
    }
    return vector::ConcatenateBatches(p.schema, parts);
  }

  // The rows of `b` each paired with the rows of `keys` evaluated on it.
  Result<std::vector<Row>> KeyRows(const std::vector<expr::ExprPtr>& keys, const vector::Batch& b) {
    std::vector<Row> rows(b.num_rows());
    for (const auto& k : keys) {
      RUNNEL_ASSIGN_OR_RAISE(vector::ColumnPtr c, expr::Evaluate(*k, b, ctx_));
      for (int64_t i = 0; i < b.num_rows(); ++i) rows[i].push_back(c->GetValue(i));
    }
    return rows;
  }

  static bool KeysMatch(const Row& a, const Row& b) {
    for (size_t i = 0; i < a.size(); ++i) {
      if (a[i].is_null() || b[i].is_null() || !a[i].Equals(b[i])) return false;
    }
    return true;
  }

  Result<vector::Batch> Join(const plan::LogicalPlan& p, const vector::Batch& l, const vector::Batch& r) {
    RUNNEL_ASSIGN_OR_RAISE(auto lk, KeyRows(p.left_keys, l));
    RUNNEL_ASSIGN_OR_RAISE(auto rk, KeyRows(p.right_keys, r));
    std::vector<int32_t> li, ri;
    for (int32_t i = 0; i < l.num_rows(); ++i) {
      for (int32_t j = 0; j < r.num_rows(); ++j) {
        if (KeysMatch(lk[i], rk[j])) {
          li.push_back(i);
          ri.push_back(j);
        }
      }
    }
    if (p.condition) {
      vector::Batch pairs = Combine(l, r, li, ri);
      RUNNEL_ASSIGN_OR_RAISE(vector::ColumnPtr mask, expr::Evaluate(*p.condition, pairs, ctx_));
      std::vector<int32_t> l2, r2;
      for (size_t k = 0; k < li.size(); ++k) {
        if (mask->IsValid(static_cast<int64_t>(k)) && mask->GetBool(static_cast<int64_t>(k))) {
          l2.push_back(li[k]);
          r2.push_back(ri[k]);
        }
      }
      li = std::move(l2);
      ri = std::move(r2);
    }
    std::vector<uint8_t> lm(l.num_rows(), 0), rm(r.num_rows(), 0);
    for (int32_t i : li) lm[i] = 1;
    for (int32_t j : ri) rm[j] = 1;
    using plan::JoinType;
    JoinType t = p.join_type;
    if (t == JoinType::kLeftSemi || t == JoinType::kLeftAnti) {
      vector::SelectionVector keep;
      for (int32_t i = 0; i < l.num_rows(); ++i) {
        if (lm[i] == (t == JoinType::kLeftSemi)) keep.push_back(i);
      }
      return vector::TakeRows(l, keep).WithSchema(p.schema);
    }
    if (t == JoinType::kLeftOuter || t == JoinType::kFullOuter) {
      for (int32_t i = 0; i < l.num_rows(); ++i) {
        if (!lm[i]) li.push_back(i), ri.push_back(-1);
      }
    }
    if (t == JoinType::kRightOuter || t == JoinType::kFullOuter) {
      for (int32_t j = 0; j < r.num_rows(); ++j) {
        if (!rm[j]) li.push_back(-1), ri.push_back(j);
      }
    }
    return Combine(l, r, li, ri).WithSchema(p.schema);
  }

  static vector::Batch Combine(const vector::Batch& l, const vector::Batch& r, const std::vector<int32_t>& li,
                               const std::vector<int32_t>& ri) {
    std::vector<vector::ColumnPtr> cols;
    int64_t n = static_cast<int64_t>(li.size());
    for (const auto& c : l.columns()) cols.push_back(vector::Take(*c, li.data(), n));
    for (const auto& c : r.columns()) cols.push_back(vector::Take(*c, ri.data(), n));
    std::vector<type::Field> fields = l.schema()->fields();
    for (const auto& f : r.schema()->fields()) fields.push_back(f);
    return vector::Batch(std::make_shared<type::Schema>(fields), std::move(cols), n);
  }

  struct RowLess {
    bool operator()(const Row& a, const Row& b) const {
      for (size_t i = 0; i < a.size(); ++i) {
        int c = a[i].Compare(b[i]);
        if (c != 0) return c < 0;
      }
      return false;
    }
  };

  Result<vector::Batch> Aggregate(const plan::LogicalPlan& p, const vector::Batch& in) {
    RUNNEL_ASSIGN_OR_RAISE(auto keys, KeyRows(p.group_by, in));
    std::map<Row, uint32_t, RowLess> ids;
    std::vector<Row> distinct;
    std::vector<uint32_t> group(in.num_rows());
    for (int64_t i = 0; i < in.num_rows(); ++i) {
      auto [it, added] = ids.emplace(keys[i], static_cast<uint32_t>(distinct.size()));
      if (added) distinct.push_back(keys[i]);
      group[i] = it->second;
    }
    int64_t groups = p.group_by.empty() ? 1 : static_cast<int64_t>(distinct.size());
    std::vector<vector::ColumnPtr> columns;
    for (size_t k = 0; k < p.group_by.size(); ++k) {
      vector::ColumnBuilder b(p.group_by[k]->type);
      for (const auto& row : distinct) b.AppendValue(row[k]);
      columns.push_back(b.Finish());
    }
    for (const auto& a : p.aggregates) {
      auto agg = a.bound->make();
      agg->Resize(groups);
      std::vector<vector::ColumnPtr> args;
      for (const auto& e : a.args) {
        RUNNEL_ASSIGN_OR_RAISE(vector::ColumnPtr c, expr::Evaluate(*e, in, ctx_));
        args.push_back(std::move(c));
      }
      RUNNEL_RETURN_NOT_OK(agg->Update(args, group.data(), in.num_rows()));
      RUNNEL_ASSIGN_OR_RAISE(vector::ColumnPtr result, agg->Finalize());
      columns.push_back(std::move(result));
    }
    return vector::Batch(p.schema, std::move(columns), groups);
  }

  Result<vector::Batch> Sort(const plan::LogicalPlan& p, const vector::Batch& in) {
    RUNNEL_ASSIGN_OR_RAISE(auto keys, KeyRows(p.exprs, in));
    std::vector<int32_t> order(in.num_rows());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
      for (size_t k = 0; k < p.exprs.size(); ++k) {
        const type::Value &x = keys[a][k], &y = keys[b][k];
        if (x.is_null() != y.is_null()) return x.is_null() == p.exprs[k]->nulls_first;
        int c = x.Compare(y);
        if (c != 0) return p.exprs[k]->ascending ? c < 0 : c > 0;
      }
      return false;
    });
    return vector::TakeRows(in, order);
  }

  Result<vector::Batch> Generate(const plan::LogicalPlan& p, const vector::Batch& in) {
    std::vector<vector::ColumnPtr> args;
    for (const auto& a : p.generator_args) {
      RUNNEL_ASSIGN_OR_RAISE(vector::ColumnPtr c, expr::Evaluate(*a, in, ctx_));
      args.push_back(std::move(c));
    }
    RUNNEL_ASSIGN_OR_RAISE(function::GeneratorOutput out, p.bound_generator->kernel(args, in.num_rows()));
    std::vector<vector::ColumnPtr> columns = vector::TakeRows(in, out.source_rows).columns();
    for (auto& c : out.columns) columns.push_back(std::move(c));
    return vector::Batch(p.schema, std::move(columns), static_cast<int64_t>(out.source_rows.size()));
  }

  function::KernelContext ctx_;
};

}  // namespace runnel::plan::testing
