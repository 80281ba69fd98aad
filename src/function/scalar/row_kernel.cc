#include "function/scalar/row_kernel.h"

namespace runnel::function {

std::vector<uint8_t> ValidityBytes(const vector::Column& column) {
  if (!column.has_nulls()) return {};
  int64_t n = column.length();
  // A NULL-typed column has no validity bitmap although every row is NULL.
  if (column.type_id() == type::TypeId::kNull) return std::vector<uint8_t>(n, 0);
  std::vector<uint8_t> out(n);
  for (int64_t i = 0; i < n; ++i) out[i] = column.IsValid(i) ? 1 : 0;
  return out;
}

namespace {
template <typename Range>
std::vector<uint8_t> Combine(const Range& columns, int64_t num_rows) {
  std::vector<uint8_t> out;
  for (const auto& c : columns) {
    if (!c->has_nulls()) continue;
    if (out.empty()) {
      out = ValidityBytes(*c);
      continue;
    }
    for (int64_t i = 0; i < num_rows; ++i) out[i] &= c->IsValid(i) ? 1 : 0;
  }
  return out;
}
}  // namespace

std::vector<uint8_t> CombinedValidity(std::initializer_list<const vector::Column*> columns,
                                      int64_t num_rows) {
  return Combine(columns, num_rows);
}

std::vector<uint8_t> CombinedValidity(const std::vector<vector::ColumnPtr>& columns,
                                      int64_t num_rows) {
  return Combine(columns, num_rows);
}

}  // namespace runnel::function
