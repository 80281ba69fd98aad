// Boolean logic and conditionals: and, or, not (three-valued: false AND NULL = false, true OR
// NULL = true), isnull, isnotnull, coalesce, ifnull/nvl, nvl2, nullif, if, case_when, isnan,
// nanvl. Value arguments of the conditionals meet at CommonType (a STRING with a number widens
// to STRING, as Spark's CASE and COALESCE).
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

// BOOLEAN, STRING (cast as CAST does) or NULL.
Status CheckBoolean(const BindArgs& args, size_t i) {
  TypeId id = args.types[i]->id();
  if (id == TypeId::kBoolean || id == TypeId::kNull || id == TypeId::kString) return Status::OK();
  return Status::Analysis("Function '" + args.name + "' needs a BOOLEAN argument " +
                          std::to_string(i + 1) + ", got " + args.types[i]->ToString() + ".");
}

// Row i of a BOOLEAN column is TRUE (not NULL, not false).
bool IsTrue(const Column& c, int64_t i) { return !CellIsNull(c, i) && c.GetBool(i); }

Result<BoundScalar> BindAndOr(const BindArgs& args, bool is_and) {
  for (size_t i = 0; i < 2; ++i) RUNNEL_RETURN_NOT_OK(CheckBoolean(args, i));
  auto b = type::Boolean();
  return MakeBoundScalar(
      b, {b, b},
      [is_and](const std::vector<ColumnPtr>& c, int64_t n,
               const KernelContext&) -> Result<ColumnPtr> {
        const Column& x = *c[0];
        const Column& y = *c[1];
        // The dominant value (false for AND, true for OR) wins even against NULL.
        bool dominant = !is_and;
        return MapRows<uint8_t>(type::Boolean(), n, {}, [&](int64_t i, uint8_t* out) {
          bool xv = !CellIsNull(x, i), yv = !CellIsNull(y, i);
          if ((xv && x.GetBool(i) == dominant) || (yv && y.GetBool(i) == dominant)) {
            *out = dominant;
            return true;
          }
          *out = !dominant;
          return xv && yv;
        });
      });
}

Result<BoundScalar> BindNot(const BindArgs& args) {
  RUNNEL_RETURN_NOT_OK(CheckBoolean(args, 0));
  auto b = type::Boolean();
  return MakeBoundScalar(
      b, {b},
      [](const std::vector<ColumnPtr>& c, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const Column& x = *c[0];
        return MapRows<uint8_t>(type::Boolean(), n, ValidityBytes(x), [&](int64_t i, uint8_t* out) {
          *out = !x.GetBool(i);
          return true;
        });
      },
      true);
}

Result<BoundScalar> BindIsNull(const BindArgs& args, bool want_null) {
  return MakeBoundScalar(type::Boolean(), {args.types[0]},
                         [want_null](const std::vector<ColumnPtr>& c, int64_t n,
                                     const KernelContext&) -> Result<ColumnPtr> {
                           std::vector<uint8_t> out(n);
                           for (int64_t i = 0; i < n; ++i)
                             out[i] = CellIsNull(*c[0], i) == want_null;
                           return vector::MakeBoolColumn(out);
                         });
}

Result<DataTypePtr> CommonValueType(const BindArgs& args, const std::vector<DataTypePtr>& types) {
  DataTypePtr t = CommonType(types);
  if (!t) {
    std::string list;
    for (const auto& x : types) list += (list.empty() ? "" : ", ") + x->ToString();
    return Status::Analysis("Function '" + args.name +
                            "' needs values of one type, and these do not widen to one: " + list +
                            ". Cast them to a common type.");
  }
  return t;
}

// coalesce(a, b, ...): the first non-NULL argument.
Result<BoundScalar> BindCoalesce(const BindArgs& args) {
  RUNNEL_ASSIGN_OR_RAISE(auto t, CommonValueType(args, args.types));
  return MakeBoundScalar(
      t, std::vector<DataTypePtr>(args.types.size(), t),
      [t](const std::vector<ColumnPtr>& c, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        std::vector<int32_t> choice(n, -1);
        for (int64_t i = 0; i < n; ++i) {
          for (size_t k = 0; k < c.size(); ++k) {
            if (!CellIsNull(*c[k], i)) {
              choice[i] = static_cast<int32_t>(k);
              break;
            }
          }
        }
        return GatherRows(t, c, choice);
      });
}

// nvl2(a, b, c): b when a is not NULL, else c.
Result<BoundScalar> BindNvl2(const BindArgs& args) {
  RUNNEL_ASSIGN_OR_RAISE(auto t, CommonValueType(args, {args.types[1], args.types[2]}));
  return MakeBoundScalar(
      t, {args.types[0], t, t},
      [t](const std::vector<ColumnPtr>& c, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        std::vector<int32_t> choice(n);
        for (int64_t i = 0; i < n; ++i) choice[i] = CellIsNull(*c[0], i) ? 1 : 0;
        return GatherRows(t, {c[1], c[2]}, choice);
      });
}

// case_when(cond1, val1, ..., [else]) and if(cond, a, b).
Result<BoundScalar> BindCaseWhen(const BindArgs& args) {
  size_t num = args.types.size();
  if (num < 2) return Status::Analysis("CASE needs at least one WHEN ... THEN pair.");
  bool has_else = num % 2 == 1;
  std::vector<DataTypePtr> value_types;
  std::vector<DataTypePtr> arg_types(num);
  for (size_t i = 0; i + 1 < num; i += 2) {
    RUNNEL_RETURN_NOT_OK(CheckBoolean(args, i));
    arg_types[i] = type::Boolean();
    value_types.push_back(args.types[i + 1]);
  }
  if (has_else) value_types.push_back(args.types[num - 1]);
  RUNNEL_ASSIGN_OR_RAISE(auto t, CommonValueType(args, value_types));
  for (size_t i = 1; i < num; i += 2) arg_types[i] = t;
  if (has_else) arg_types[num - 1] = t;
  return MakeBoundScalar(t, arg_types,
                         [t, has_else](const std::vector<ColumnPtr>& c, int64_t n,
                                       const KernelContext&) -> Result<ColumnPtr> {
                           size_t pairs = c.size() / 2;
                           int32_t fallback = has_else ? static_cast<int32_t>(pairs) : -1;
                           std::vector<ColumnPtr> values;
                           for (size_t p = 0; p < pairs; ++p) values.push_back(c[2 * p + 1]);
                           if (has_else) values.push_back(c.back());
                           std::vector<int32_t> choice(n, fallback);
                           for (int64_t i = 0; i < n; ++i) {
                             for (size_t p = 0; p < pairs; ++p) {
                               if (IsTrue(*c[2 * p], i)) {
                                 choice[i] = static_cast<int32_t>(p);
                                 break;
                               }
                             }
                           }
                           return GatherRows(t, values, choice);
                         });
}

// nullif(a, b): NULL when a = b, else a (of a's type).
Result<BoundScalar> BindNullIf(const BindArgs& args) {
  DataTypePtr a = args.types[0], b = args.types[1];
  DataTypePtr cmp = ComparisonType(a, b);
  if (!cmp)
    return Status::Analysis("nullif cannot compare " + a->ToString() + " with " + b->ToString() +
                            ".");
  return MakeBoundScalar(
      a, {a, b},
      [a, cmp](const std::vector<ColumnPtr>& c, int64_t n,
               const KernelContext&) -> Result<ColumnPtr> {
        RUNNEL_ASSIGN_OR_RAISE(auto x, CastColumn(c[0], cmp));
        RUNNEL_ASSIGN_OR_RAISE(auto y, CastColumn(c[1], cmp));
        std::vector<int32_t> choice(n, 0);
        for (int64_t i = 0; i < n; ++i) {
          if (!CellIsNull(*x, i) && !CellIsNull(*y, i) && CompareCells(*x, i, *y, i) == 0)
            choice[i] = -1;
        }
        return GatherRows(a, {c[0]}, choice);
      });
}

Result<BoundScalar> BindIsNan(const BindArgs& args) {
  auto d = type::Double();
  return MakeBoundScalar(
      type::Boolean(), {d},
      [](const std::vector<ColumnPtr>& c, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const double* x = c[0]->values<double>();
        std::vector<uint8_t> out(n);
        for (int64_t i = 0; i < n; ++i) out[i] = !CellIsNull(*c[0], i) && x[i] != x[i];
        return vector::MakeBoolColumn(out);
      });
}

// nanvl(a, b): b when a is NaN, else a.
Result<BoundScalar> BindNanvl(const BindArgs& args) {
  auto d = type::Double();
  return MakeBoundScalar(
      d, {d, d},
      [d](const std::vector<ColumnPtr>& c, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const double* x = c[0]->values<double>();
        std::vector<int32_t> choice(n, 0);
        for (int64_t i = 0; i < n; ++i) {
          if (!CellIsNull(*c[0], i) && x[i] != x[i]) choice[i] = 1;
        }
        return GatherRows(d, c, choice);
      });
}

}  // namespace

void RegisterLogicalFunctions(FunctionRegistry& registry) {
  registry.AddScalar(DefineScalar("and", "a AND b", "Logical and (false AND NULL = false).", 2, 2,
                                  [](const BindArgs& a) { return BindAndOr(a, true); }));
  registry.AddScalar(DefineScalar("or", "a OR b", "Logical or (true OR NULL = true).", 2, 2,
                                  [](const BindArgs& a) { return BindAndOr(a, false); }));
  registry.AddScalar(DefineScalar("not", "NOT a", "Logical negation.", 1, 1, BindNot));
  registry.AddScalar(DefineScalar("isnull", "isnull(a)", "Whether a is NULL.", 1, 1,
                                  [](const BindArgs& a) { return BindIsNull(a, true); }));
  registry.AddScalar(DefineScalar("isnotnull", "isnotnull(a)", "Whether a is not NULL.", 1, 1,
                                  [](const BindArgs& a) { return BindIsNull(a, false); }));
  registry.AddScalar(DefineScalar("coalesce", "coalesce(a, b, ...)", "The first non-NULL argument.",
                                  1, -1, BindCoalesce));
  registry.AddScalar(
      DefineScalar("ifnull", "ifnull(a, b)", "a unless it is NULL, else b.", 2, 2, BindCoalesce));
  registry.AddAlias("nvl", "ifnull");
  registry.AddScalar(
      DefineScalar("nvl2", "nvl2(a, b, c)", "b when a is not NULL, else c.", 3, 3, BindNvl2));
  registry.AddScalar(DefineScalar(
      "case_when", "CASE WHEN c1 THEN v1 ... [ELSE e] END",
      "The value of the first true condition, else the ELSE value or NULL.", 2, -1, BindCaseWhen));
  registry.AddScalar(
      DefineScalar("if", "if(cond, a, b)", "a when cond is true, else b.", 3, 3, BindCaseWhen));
  registry.AddScalar(
      DefineScalar("nullif", "nullif(a, b)", "NULL when a = b, else a.", 2, 2, BindNullIf));
  registry.AddScalar(
      DefineScalar("isnan", "isnan(x)", "Whether x is NaN (false for NULL).", 1, 1, BindIsNan));
  registry.AddScalar(
      DefineScalar("nanvl", "nanvl(a, b)", "b when a is NaN, else a.", 2, 2, BindNanvl));
}

}  // namespace runnel::function
