// Row loops over a column's non-NULL rows, with a branch-free path for columns without NULLs.
#pragma once

#include <cstdint>

#include "vector/column.h"

namespace runnel::function {

// Whether row i holds a value. A column of type VOID (NULL) has no validity bitmap but every
// row is NULL, so it is checked by type.
inline bool RowHasValue(const vector::Column& column, int64_t i) {
  return column.type_id() != type::TypeId::kNull && column.IsValid(i);
}

// Calls f(i) for every non-NULL row i in [0, num_rows).
template <typename F>
inline void ForEachValidRow(const vector::Column& column, int64_t num_rows, F&& f) {
  if (column.type_id() == type::TypeId::kNull) return;
  if (!column.has_nulls()) {
    for (int64_t i = 0; i < num_rows; ++i) f(i);
    return;
  }
  for (int64_t i = 0; i < num_rows; ++i) {
    if (column.IsValid(i)) f(i);
  }
}

}  // namespace runnel::function
