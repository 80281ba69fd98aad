#include "function/scalar/row_compare.h"

#include <algorithm>

namespace runnel::function {

using type::TypeId;

namespace {

template <typename T>
int Cmp(T x, T y) {
  return x < y ? -1 : (y < x ? 1 : 0);
}

int CompareNullable(const vector::Column& a, int64_t i, const vector::Column& b, int64_t j) {
  bool an = a.IsNull(i), bn = b.IsNull(j);
  if (an || bn) return an == bn ? 0 : (an ? -1 : 1);
  return CompareCells(a, i, b, j);
}

}  // namespace

int CompareCells(const vector::Column& a, int64_t i, const vector::Column& b, int64_t j) {
  switch (a.type_id()) {
    case TypeId::kNull:
      return 0;
    case TypeId::kBoolean:
      return Cmp(a.GetBool(i), b.GetBool(j));
    case TypeId::kInt:
    case TypeId::kDate:
      return Cmp(a.values<int32_t>()[i], b.values<int32_t>()[j]);
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kInterval:
      return Cmp(a.values<int64_t>()[i], b.values<int64_t>()[j]);
    case TypeId::kDouble:
      return CompareDouble(a.values<double>()[i], b.values<double>()[j]);
    case TypeId::kDecimal:
      return Cmp(a.values<type::int128_t>()[i], b.values<type::int128_t>()[j]);
    case TypeId::kString:
    case TypeId::kBinary: {
      int c = a.GetString(i).compare(b.GetString(j));
      return c < 0 ? -1 : (c > 0 ? 1 : 0);
    }
    case TypeId::kStruct:
      for (size_t f = 0; f < a.children().size(); ++f) {
        int c = CompareNullable(*a.child(f), i, *b.child(f), j);
        if (c) return c;
      }
      return 0;
    case TypeId::kArray:
    case TypeId::kMap: {
      const int32_t* oa = a.offsets();
      const int32_t* ob = b.offsets();
      int32_t la = oa[i + 1] - oa[i], lb = ob[j + 1] - ob[j];
      for (int32_t k = 0; k < std::min(la, lb); ++k) {
        for (size_t c = 0; c < a.children().size(); ++c) {
          int r = CompareNullable(*a.child(c), oa[i] + k, *b.child(c), ob[j] + k);
          if (r) return r;
        }
      }
      return Cmp(la, lb);
    }
  }
  return 0;
}

}  // namespace runnel::function
