// Spark's ordering of single cells, for kernels that compare values of any type (nested types,
// greatest/least, IN lists, sort_array, map key lookup).
#pragma once

#include <cstdint>

#include "vector/column.h"

namespace runnel::function {

// Compares row i of `a` with row j of `b` (same type, both rows valid): -1, 0 or 1. Doubles:
// NaN equals NaN and is greater than every other value, -0.0 equals 0.0. Strings and binary:
// by bytes. ARRAY: element by element, then by length; STRUCT: field by field; MAP: entry by
// entry. A NULL inside a nested value sorts before any value.
int CompareCells(const vector::Column& a, int64_t i, const vector::Column& b, int64_t j);

// Three-way compare for doubles with Spark's NaN rule.
inline int CompareDouble(double x, double y) {
  bool xn = x != x, yn = y != y;
  if (xn || yn) return xn == yn ? 0 : (xn ? 1 : -1);
  return x < y ? -1 : (x > y ? 1 : 0);
}

}  // namespace runnel::function
