// Building blocks for column kernels: validity as one byte per row, and loops that produce a
// fixed-width (or BOOLEAN) column from a per-row function. Kernels that cannot produce NULLs
// of their own use the plain loops so the compiler can vectorize them.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <type_traits>
#include <vector>

#include "type/data_type.h"
#include "vector/column.h"

namespace runnel::function {

// One byte per row, 1 = valid; empty when the column has no NULLs.
std::vector<uint8_t> ValidityBytes(const vector::Column& column);
// Valid where every column is valid; empty when none has NULLs.
std::vector<uint8_t> CombinedValidity(std::initializer_list<const vector::Column*> columns,
                                      int64_t num_rows);
std::vector<uint8_t> CombinedValidity(const std::vector<vector::ColumnPtr>& columns,
                                      int64_t num_rows);

// A column of `type` from values stored one per row; for BOOLEAN, Out is uint8_t (0/1).
template <typename Out>
vector::ColumnPtr FinishFixed(const type::DataTypePtr& type, std::vector<Out> values,
                              const std::vector<uint8_t>& validity) {
  if constexpr (std::is_same_v<Out, uint8_t>) {
    return vector::MakeBoolColumn(values, validity);
  } else {
    return vector::MakeFixedColumn<Out>(type, std::move(values), validity);
  }
}

// For every row valid in `validity`, `f(i, &out)` computes the value and returns false to make
// the row NULL. Invalid rows are skipped.
template <typename Out, typename F>
vector::ColumnPtr MapRows(const type::DataTypePtr& type, int64_t num_rows,
                          std::vector<uint8_t> validity, F&& f) {
  std::vector<Out> out(num_rows);
  bool all_valid = validity.empty();
  for (int64_t i = 0; i < num_rows; ++i) {
    if (!all_valid && !validity[i]) continue;
    if (!f(i, &out[i])) {
      if (all_valid) {
        validity.assign(num_rows, 1);
        all_valid = false;
      }
      validity[i] = 0;
    }
  }
  return FinishFixed<Out>(type, std::move(out), validity);
}

// out[i] = op(a[i], b[i]) over every row (NULL rows compute garbage that is masked), then the
// combined validity. For operations that never produce NULL themselves.
template <typename In, typename Out, typename Op>
vector::ColumnPtr MapBinaryPure(const type::DataTypePtr& type, const vector::Column& a,
                                const vector::Column& b, Op op) {
  int64_t n = a.length();
  const In* x = a.values<In>();
  const In* y = b.values<In>();
  std::vector<Out> out(n);
  for (int64_t i = 0; i < n; ++i) out[i] = op(x[i], y[i]);
  return FinishFixed<Out>(type, std::move(out), CombinedValidity({&a, &b}, n));
}

template <typename In, typename Out, typename Op>
vector::ColumnPtr MapUnaryPure(const type::DataTypePtr& type, const vector::Column& a, Op op) {
  int64_t n = a.length();
  const In* x = a.values<In>();
  std::vector<Out> out(n);
  for (int64_t i = 0; i < n; ++i) out[i] = op(x[i]);
  return FinishFixed<Out>(type, std::move(out), ValidityBytes(a));
}

// Binary operation that may yield NULL: op(x, y, &out) returns false for NULL.
template <typename In, typename Out, typename Op>
vector::ColumnPtr MapBinary(const type::DataTypePtr& type, const vector::Column& a,
                            const vector::Column& b, Op op) {
  int64_t n = a.length();
  const In* x = a.values<In>();
  const In* y = b.values<In>();
  return MapRows<Out>(type, n, CombinedValidity({&a, &b}, n),
                      [&](int64_t i, Out* out) { return op(x[i], y[i], out); });
}

}  // namespace runnel::function
