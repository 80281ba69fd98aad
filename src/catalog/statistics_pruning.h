// Skipping data by what is known of its values: the min, max and NULLs of a column in a Parquet
// row group, or the one value of a partition column in a directory. A filter is evaluated
// against those ranges in three-valued fashion; data is skipped only when no row in it can
// make the filter true.
#pragma once

#include <functional>
#include <optional>
#include <vector>

#include "expr/expr.h"
#include "type/value.h"

namespace runnel::catalog {

// What is known about one column over a set of rows. Absent fields are unknown.
struct ColumnRange {
  std::optional<type::Value> min, max;  // of the non-NULL values, in the column's type
  bool may_have_nulls = true;
  bool all_null = false;  // every row is NULL (min and max then mean nothing)

  // A column whose every row is `value` (a partition column).
  static ColumnRange Exactly(const type::Value& value);
};

// The range of the column a bound column index refers to, or nullptr when nothing is known.
using RangeLookup = std::function<const ColumnRange*(int column_index)>;

// False only when no row whose columns lie in their ranges can satisfy `filter` (a bound
// boolean expression). Understands comparisons of a column with a literal (=, <=>, <, <=, >,
// >=, !=), IN lists, IS [NOT] NULL, AND, OR and NOT, seeing through widening casts of the
// column; anything else may match.
bool MayMatch(const expr::Expr& filter, const RangeLookup& range_of);
// Whether every filter may match, with `ranges` indexed by the filters' bound columns (unset:
// nothing known).
bool AllMayMatch(const std::vector<expr::ExprPtr>& filters, const std::vector<std::optional<ColumnRange>>& ranges);

}  // namespace runnel::catalog
