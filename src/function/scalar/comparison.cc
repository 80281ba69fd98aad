// Comparisons: = <> < <= > >= <=> IN and BETWEEN. Both sides meet at ComparisonType (a STRING
// converts to the other side's type, as Spark's comparison coercion). Doubles follow Spark:
// NaN = NaN is true and NaN is greater than every other value. ARRAY and STRUCT compare
// element by element; MAP cannot be compared (as in Spark).
#include <string>
#include <string_view>
#include <unordered_set>

#include "function/cast.h"
#include "function/coercion.h"
#include "function/registry.h"
#include "function/scalar/definition.h"
#include "function/scalar/row_compare.h"
#include "function/scalar/row_gather.h"
#include "function/scalar/row_kernel.h"

namespace runnel::function {

using type::DataTypePtr;
using type::TypeId;
using vector::Column;
using vector::ColumnPtr;

namespace {

enum class CompareOp { kEqual, kNotEqual, kLess, kLessEqual, kGreater, kGreaterEqual };

template <typename T>
int ThreeWay(T x, T y) {
  return (x > y) - (x < y);
}

template <typename T, typename Three>
ColumnPtr CompareTyped(CompareOp op, const Column& a, const Column& b, Three three) {
  const auto& t = type::Boolean();
  switch (op) {
    case CompareOp::kEqual:
      return MapBinaryPure<T, uint8_t>(t, a, b,
                                       [three](T x, T y) -> uint8_t { return three(x, y) == 0; });
    case CompareOp::kNotEqual:
      return MapBinaryPure<T, uint8_t>(t, a, b,
                                       [three](T x, T y) -> uint8_t { return three(x, y) != 0; });
    case CompareOp::kLess:
      return MapBinaryPure<T, uint8_t>(t, a, b,
                                       [three](T x, T y) -> uint8_t { return three(x, y) < 0; });
    case CompareOp::kLessEqual:
      return MapBinaryPure<T, uint8_t>(t, a, b,
                                       [three](T x, T y) -> uint8_t { return three(x, y) <= 0; });
    case CompareOp::kGreater:
      return MapBinaryPure<T, uint8_t>(t, a, b,
                                       [three](T x, T y) -> uint8_t { return three(x, y) > 0; });
    case CompareOp::kGreaterEqual:
      return MapBinaryPure<T, uint8_t>(t, a, b,
                                       [three](T x, T y) -> uint8_t { return three(x, y) >= 0; });
  }
  return nullptr;
}

bool Holds(CompareOp op, int c) {
  switch (op) {
    case CompareOp::kEqual:
      return c == 0;
    case CompareOp::kNotEqual:
      return c != 0;
    case CompareOp::kLess:
      return c < 0;
    case CompareOp::kLessEqual:
      return c <= 0;
    case CompareOp::kGreater:
      return c > 0;
    case CompareOp::kGreaterEqual:
      return c >= 0;
  }
  return false;
}

ColumnPtr Compare(CompareOp op, const Column& a, const Column& b) {
  int64_t n = a.length();
  switch (a.type_id()) {
    case TypeId::kNull:
      return vector::MakeNullColumn(type::Boolean(), n);
    case TypeId::kInt:
    case TypeId::kDate:
      return CompareTyped<int32_t>(op, a, b, ThreeWay<int32_t>);
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kInterval:
      return CompareTyped<int64_t>(op, a, b, ThreeWay<int64_t>);
    case TypeId::kDouble:
      return CompareTyped<double>(op, a, b, CompareDouble);
    case TypeId::kDecimal:
      return CompareTyped<type::int128_t>(op, a, b, ThreeWay<type::int128_t>);
    case TypeId::kString:
    case TypeId::kBinary:
      return MapRows<uint8_t>(type::Boolean(), n, CombinedValidity({&a, &b}, n),
                              [&](int64_t i, uint8_t* out) {
                                int c = a.GetString(i).compare(b.GetString(i));
                                *out = Holds(op, c);
                                return true;
                              });
    default:
      return MapRows<uint8_t>(type::Boolean(), n, CombinedValidity({&a, &b}, n),
                              [&](int64_t i, uint8_t* out) {
                                *out = Holds(op, CompareCells(a, i, b, i));
                                return true;
                              });
  }
}

bool ContainsMap(const type::DataType& t) {
  if (t.id() == TypeId::kMap) return true;
  for (const auto& f : t.fields()) {
    if (ContainsMap(*f.type)) return true;
  }
  return false;
}

Result<DataTypePtr> ComparisonTypeOf(const BindArgs& args, const DataTypePtr& a,
                                     const DataTypePtr& b) {
  DataTypePtr t = ComparisonType(a, b);
  if (!t || ContainsMap(*t)) {
    return Status::Analysis("Cannot compare " + a->ToString() + " with " + b->ToString() + " in '" +
                            args.name + "'. Cast one side to the other's type.");
  }
  return t;
}

// A BOOLEAN-valued function whose arguments all convert to `arg`.
BoundScalar Predicate(DataTypePtr arg, size_t num_args, ScalarKernel kernel, bool null_intolerant) {
  return MakeBoundScalar(type::Boolean(), std::vector<DataTypePtr>(num_args, std::move(arg)),
                         std::move(kernel), null_intolerant);
}

ScalarFunction Comparison(const char* name, const char* symbol, CompareOp op) {
  ScalarFunction f;
  f.name = name;
  f.signature = std::string("a ") + symbol + " b";
  f.description = std::string("a ") + symbol + " b; NULL when either side is NULL.";
  f.min_args = f.max_args = 2;
  f.bind = [op](const BindArgs& args) -> Result<BoundScalar> {
    RUNNEL_ASSIGN_OR_RAISE(auto t, ComparisonTypeOf(args, args.types[0], args.types[1]));
    return Predicate(
        t, 2,
        [op](const std::vector<ColumnPtr>& c, int64_t, const KernelContext&) -> Result<ColumnPtr> {
          return Compare(op, *c[0], *c[1]);
        },
        true);
  };
  return f;
}

// a <=> b: true when both are NULL, false when one is, else a = b.
Result<BoundScalar> BindNullSafeEqual(const BindArgs& args) {
  RUNNEL_ASSIGN_OR_RAISE(auto t, ComparisonTypeOf(args, args.types[0], args.types[1]));
  return Predicate(
      t, 2,
      [](const std::vector<ColumnPtr>& c, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        ColumnPtr eq = Compare(CompareOp::kEqual, *c[0], *c[1]);
        std::vector<uint8_t> out(n);
        for (int64_t i = 0; i < n; ++i) {
          bool an = CellIsNull(*c[0], i), bn = CellIsNull(*c[1], i);
          out[i] = (an || bn) ? (an && bn) : eq->GetBool(i);
        }
        return vector::MakeBoolColumn(out);
      },
      false);
}

// value IN (list...): true if found; else NULL if the value or any list item is NULL; else false.
// IN over a list of constants of an integer-like or string type: a hash set lookup.
struct ConstantList {
  std::unordered_set<int64_t> integers;
  std::vector<std::string> texts;  // owns the bytes `text_set` points at
  std::unordered_set<std::string_view> text_set;
  bool has_null = false;
};

std::optional<ScalarKernel> ConstantInKernel(const BindArgs& args, const DataTypePtr& t) {
  TypeId id = t->id();
  bool narrow = id == TypeId::kInt || id == TypeId::kDate;
  bool wide = id == TypeId::kBigInt || id == TypeId::kTimestamp || id == TypeId::kInterval;
  bool text = id == TypeId::kString || id == TypeId::kBinary;
  if (!narrow && !wide && !text) return std::nullopt;
  auto list = std::make_shared<ConstantList>();
  for (size_t k = 1; k < args.constants.size(); ++k) {
    if (!args.constants[k]) return std::nullopt;
    auto item = CastValue(*args.constants[k], t);
    if (!item.ok()) return std::nullopt;
    if (item->is_null()) {
      list->has_null = true;
    } else if (text) {
      list->texts.push_back(item->string_value());
    } else {
      list->integers.insert(item->bigint_value());
    }
  }
  for (const auto& s : list->texts) list->text_set.insert(s);
  return ScalarKernel([list, narrow, text](const std::vector<ColumnPtr>& c, int64_t n,
                                           const KernelContext&) -> Result<ColumnPtr> {
    const Column& value = *c[0];
    return MapRows<uint8_t>(type::Boolean(), n, ValidityBytes(value), [&](int64_t i, uint8_t* out) {
      if (text) {
        *out = list->text_set.count(value.GetString(i)) > 0;
      } else {
        int64_t v = narrow ? value.values<int32_t>()[i] : value.values<int64_t>()[i];
        *out = list->integers.count(v) > 0;
      }
      return *out || !list->has_null;
    });
  });
}

Result<BoundScalar> BindIn(const BindArgs& args) {
  DataTypePtr t = CommonType(args.types);
  if (!t || ContainsMap(*t)) {
    return Status::Analysis("IN needs the value and list items to share a type; got " +
                            args.types[0]->ToString() + " and a list it does not match.");
  }
  if (auto kernel = ConstantInKernel(args, t)) {
    return Predicate(t, args.types.size(), std::move(*kernel), false);
  }
  return Predicate(
      t, args.types.size(),
      [](const std::vector<ColumnPtr>& c, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const Column& value = *c[0];
        return MapRows<uint8_t>(type::Boolean(), n, {}, [&](int64_t i, uint8_t* out) {
          if (CellIsNull(value, i)) return false;
          bool saw_null = false;
          for (size_t k = 1; k < c.size(); ++k) {
            if (CellIsNull(*c[k], i)) {
              saw_null = true;
            } else if (CompareCells(value, i, *c[k], i) == 0) {
              *out = 1;
              return true;
            }
          }
          *out = 0;
          return !saw_null;
        });
      },
      false);
}

// x BETWEEN lo AND hi == x >= lo AND x <= hi, with three-valued AND.
Result<BoundScalar> BindBetween(const BindArgs& args) {
  RUNNEL_ASSIGN_OR_RAISE(auto t1, ComparisonTypeOf(args, args.types[0], args.types[1]));
  RUNNEL_ASSIGN_OR_RAISE(auto t, ComparisonTypeOf(args, t1, args.types[2]));
  return Predicate(
      t, 3,
      [](const std::vector<ColumnPtr>& c, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        ColumnPtr lo = Compare(CompareOp::kGreaterEqual, *c[0], *c[1]);
        ColumnPtr hi = Compare(CompareOp::kLessEqual, *c[0], *c[2]);
        return MapRows<uint8_t>(type::Boolean(), n, {}, [&](int64_t i, uint8_t* out) {
          bool lv = !CellIsNull(*lo, i), hv = !CellIsNull(*hi, i);
          if ((lv && !lo->GetBool(i)) || (hv && !hi->GetBool(i))) {
            *out = 0;
            return true;
          }
          *out = 1;
          return lv && hv;
        });
      },
      false);
}

}  // namespace

void RegisterComparisonFunctions(FunctionRegistry& registry) {
  registry.AddScalar(Comparison("equal", "=", CompareOp::kEqual));
  registry.AddScalar(Comparison("not_equal", "<>", CompareOp::kNotEqual));
  registry.AddScalar(Comparison("less", "<", CompareOp::kLess));
  registry.AddScalar(Comparison("less_equal", "<=", CompareOp::kLessEqual));
  registry.AddScalar(Comparison("greater", ">", CompareOp::kGreater));
  registry.AddScalar(Comparison("greater_equal", ">=", CompareOp::kGreaterEqual));
  registry.AddScalar(DefineScalar("equal_null_safe", "a <=> b",
                                  "Equality where NULL <=> NULL is true and never NULL.", 2, 2,
                                  BindNullSafeEqual));
  registry.AddScalar(DefineScalar("in", "value IN (item, ...)",
                                  "Whether value equals an item; NULL when not found and a NULL is "
                                  "involved.",
                                  2, -1, BindIn));
  registry.AddScalar(
      DefineScalar("between", "x BETWEEN lo AND hi", "lo <= x AND x <= hi.", 3, 3, BindBetween));
}

}  // namespace runnel::function
