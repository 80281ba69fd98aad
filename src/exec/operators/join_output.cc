#include "exec/operators/join_output.h"

#include "expr/evaluator.h"
#include "vector/selection.h"

namespace runnel::exec {

using plan::JoinType;

void JoinAssembler::SetRight(vector::Batch right) {
  right_ = std::move(right);
  right_matched_.assign(right_.num_rows(), 0);
}

vector::Batch JoinAssembler::Combine(const vector::Batch& left, const std::vector<int32_t>& left_rows,
                                     const std::vector<int32_t>& right_rows) const {
  std::vector<vector::ColumnPtr> columns;
  int64_t n = static_cast<int64_t>(left_rows.size());
  for (const auto& c : left.columns()) columns.push_back(vector::Take(*c, left_rows.data(), n));
  for (const auto& c : right_.columns()) columns.push_back(vector::Take(*c, right_rows.data(), n));
  std::vector<type::Field> fields = left.schema()->fields();
  for (const auto& f : right_.schema()->fields()) fields.push_back(f);
  return vector::Batch(std::make_shared<type::Schema>(fields), std::move(columns), n);
}

Result<vector::Batch> JoinAssembler::Probe(const vector::Batch& left, std::vector<int32_t> left_rows,
                                           std::vector<int32_t> right_rows) {
  if (residual_ && !left_rows.empty()) {
    vector::Batch pairs = Combine(left, left_rows, right_rows);
    RUNNEL_ASSIGN_OR_RAISE(vector::ColumnPtr mask, expr::Evaluate(*residual_, pairs, kernel_));
    vector::SelectionVector keep = vector::SelectTrue(*mask);
    std::vector<int32_t> l, r;
    l.reserve(keep.size());
    r.reserve(keep.size());
    for (int32_t k : keep) {
      l.push_back(left_rows[k]);
      r.push_back(right_rows[k]);
    }
    left_rows = std::move(l);
    right_rows = std::move(r);
  }
  for (int32_t r : right_rows) right_matched_[r] = 1;
  if (type_ == JoinType::kLeftSemi || type_ == JoinType::kLeftAnti) {
    std::vector<uint8_t> matched(left.num_rows(), 0);
    for (int32_t l : left_rows) matched[l] = 1;
    vector::SelectionVector keep;
    for (int64_t i = 0; i < left.num_rows(); ++i) {
      if (matched[i] == (type_ == JoinType::kLeftSemi ? 1 : 0)) keep.push_back(static_cast<int32_t>(i));
    }
    return vector::TakeRows(left, keep).WithSchema(schema_);
  }
  if (type_ == JoinType::kLeftOuter || type_ == JoinType::kFullOuter) {
    // Keep left order: each left row's matches, or one row with NULLs on the right.
    std::vector<uint8_t> matched(left.num_rows(), 0);
    for (int32_t l : left_rows) matched[l] = 1;
    std::vector<std::vector<int32_t>> by_left(left.num_rows());
    for (size_t k = 0; k < left_rows.size(); ++k) by_left[left_rows[k]].push_back(right_rows[k]);
    std::vector<int32_t> l, r;
    for (int64_t i = 0; i < left.num_rows(); ++i) {
      if (!matched[i]) {
        l.push_back(static_cast<int32_t>(i));
        r.push_back(-1);
        continue;
      }
      for (int32_t x : by_left[i]) {
        l.push_back(static_cast<int32_t>(i));
        r.push_back(x);
      }
    }
    left_rows = std::move(l);
    right_rows = std::move(r);
  }
  return Combine(left, left_rows, right_rows).WithSchema(schema_);
}

Result<std::optional<vector::Batch>> JoinAssembler::FinishRight(const type::Schema& left_schema) {
  if (type_ != JoinType::kRightOuter && type_ != JoinType::kFullOuter) return std::optional<vector::Batch>();
  std::vector<int32_t> r;
  for (int64_t i = 0; i < right_.num_rows(); ++i) {
    if (!right_matched_[i]) r.push_back(static_cast<int32_t>(i));
  }
  if (r.empty()) return std::optional<vector::Batch>();
  std::vector<vector::ColumnPtr> columns;
  int64_t n = static_cast<int64_t>(r.size());
  for (const auto& f : left_schema.fields()) columns.push_back(vector::MakeNullColumn(f.type, n));
  for (const auto& c : right_.columns()) columns.push_back(vector::Take(*c, r.data(), n));
  return std::optional<vector::Batch>(vector::Batch(schema_, std::move(columns), n));
}

}  // namespace runnel::exec
