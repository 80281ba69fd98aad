// Picks each output row from one of several same-typed columns (CASE, COALESCE, IF, NVL...).
#pragma once

#include <cstdint>
#include <vector>

#include "vector/column.h"

namespace runnel::function {

// Output row i is row i of sources[choice[i]], or NULL when choice[i] < 0. Every source has
// `type` and choice.size() rows.
vector::ColumnPtr GatherRows(const type::DataTypePtr& type,
                             const std::vector<vector::ColumnPtr>& sources,
                             const std::vector<int32_t>& choice);

// Whether row i of a column is NULL, including every row of a NULL-typed column.
inline bool CellIsNull(const vector::Column& column, int64_t i) {
  return column.type_id() == type::TypeId::kNull || column.IsNull(i);
}

}  // namespace runnel::function
