#include "function/scalar/row_gather.h"

#include "function/scalar/row_kernel.h"
#include "vector/column_builder.h"

namespace runnel::function {

using type::TypeId;
using vector::Column;
using vector::ColumnPtr;

namespace {

template <typename T>
ColumnPtr GatherFixed(const type::DataTypePtr& type, const std::vector<ColumnPtr>& sources,
                      const std::vector<int32_t>& choice) {
  int64_t n = static_cast<int64_t>(choice.size());
  std::vector<const T*> values;
  for (const auto& s : sources) values.push_back(s->values<T>());
  return MapRows<T>(type, n, {}, [&](int64_t i, T* out) {
    int32_t c = choice[i];
    if (c < 0 || sources[c]->IsNull(i)) return false;
    *out = values[c][i];
    return true;
  });
}

}  // namespace

ColumnPtr GatherRows(const type::DataTypePtr& type, const std::vector<ColumnPtr>& sources,
                     const std::vector<int32_t>& choice) {
  int64_t n = static_cast<int64_t>(choice.size());
  if (type->id() == TypeId::kNull) return vector::MakeNullColumn(type, n);
  switch (type->id()) {
    case TypeId::kInt:
    case TypeId::kDate:
      return GatherFixed<int32_t>(type, sources, choice);
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kInterval:
      return GatherFixed<int64_t>(type, sources, choice);
    case TypeId::kDouble:
      return GatherFixed<double>(type, sources, choice);
    case TypeId::kDecimal:
      return GatherFixed<type::int128_t>(type, sources, choice);
    case TypeId::kBoolean:
      return MapRows<uint8_t>(type, n, {}, [&](int64_t i, uint8_t* out) {
        int32_t c = choice[i];
        if (c < 0 || sources[c]->IsNull(i)) return false;
        *out = sources[c]->GetBool(i);
        return true;
      });
    default: {
      vector::ColumnBuilder builder(type);
      builder.Reserve(n);
      for (int64_t i = 0; i < n; ++i) {
        if (choice[i] < 0) {
          builder.AppendNull();
        } else {
          builder.AppendFrom(*sources[choice[i]], i);
        }
      }
      return builder.Finish();
    }
  }
}

}  // namespace runnel::function
