#include "catalog/statistics_pruning.h"

#include <cmath>

#include "function/cast.h"

namespace runnel::catalog {

namespace {

// Three-valued answer over a range of rows: can some row give true? can some give false?
// (NULL is neither.) Tracking both makes NOT exact.
struct Possible {
  bool can_true = true;
  bool can_false = true;
};
constexpr Possible kUnknown{true, true};

bool IsNumeric(type::TypeId id) {
  return id == type::TypeId::kInt || id == type::TypeId::kBigInt || id == type::TypeId::kDouble ||
         id == type::TypeId::kDecimal;
}

// Casts that keep the order of values, so a range maps to the range of the casts.
bool IsOrderPreservingCast(const type::DataTypePtr& from, const type::DataTypePtr& to) {
  if (IsNumeric(from->id()) && IsNumeric(to->id())) {
    // Narrowing casts wrap around or round; only widening keeps order.
    if (to->id() == type::TypeId::kDouble) return true;
    if (to->id() == type::TypeId::kBigInt) return from->id() == type::TypeId::kInt || from->id() == type::TypeId::kBigInt;
    if (to->id() == type::TypeId::kDecimal && from->id() != type::TypeId::kDouble) {
      int needed = from->id() == type::TypeId::kInt ? 10 : from->id() == type::TypeId::kBigInt ? 19 : from->precision() - from->scale();
      int scale = from->id() == type::TypeId::kDecimal ? from->scale() : 0;
      return to->scale() >= scale && to->precision() - to->scale() >= needed;
    }
    return false;
  }
  return from->id() == type::TypeId::kDate && to->id() == type::TypeId::kTimestamp;
}

// The range of a column operand (a bound column, possibly under order-preserving casts), or
// nullopt when the operand is something else or nothing is known.
std::optional<ColumnRange> OperandRange(const expr::Expr& e, const RangeLookup& range_of) {
  if (e.kind == expr::ExprKind::kBoundColumn) {
    const ColumnRange* r = range_of(e.index);
    if (r == nullptr) return std::nullopt;
    return *r;
  }
  if (e.kind == expr::ExprKind::kCast && e.children.size() == 1) {
    const expr::Expr& child = *e.children[0];
    if (child.type == nullptr || !IsOrderPreservingCast(child.type, e.type)) return std::nullopt;
    std::optional<ColumnRange> inner = OperandRange(child, range_of);
    if (!inner) return std::nullopt;
    ColumnRange out = *inner;
    out.min.reset();
    out.max.reset();
    if (inner->min && inner->max) {
      auto lo = function::CastValue(*inner->min, e.type);
      auto hi = function::CastValue(*inner->max, e.type);
      if (lo.ok() && hi.ok() && !lo->is_null() && !hi->is_null()) {
        out.min = *lo;
        out.max = *hi;
      }
    }
    return out;
  }
  return std::nullopt;
}

const type::Value* LiteralOf(const expr::Expr& e) {
  return e.kind == expr::ExprKind::kLiteral ? &e.literal : nullptr;
}

bool HasMinMax(const ColumnRange& r) {
  if (!r.min || !r.max) return false;
  // NaN is greater than everything in Runnel's order, so a NaN max is a true upper bound (Parquet
  // statistics of doubles report one: NaNs are left out of their max). A NaN min says nothing.
  const type::Value& min = *r.min;
  return !(min.type()->id() == type::TypeId::kDouble && std::isnan(min.double_value()));
}

// column <op> literal, with op one of equal, less, less_equal, greater, greater_equal, not_equal.
Possible Compare(const std::string& op, const ColumnRange& r, const type::Value& lit, bool null_safe) {
  if (r.all_null) {
    if (null_safe) return lit.is_null() ? Possible{true, false} : Possible{false, true};
    return Possible{false, false};
  }
  if (lit.is_null()) {
    if (null_safe) return Possible{r.may_have_nulls, true};
    return Possible{false, false};
  }
  if (!HasMinMax(r) || lit.type()->id() != r.min->type()->id()) return kUnknown;
  if (lit.type()->id() == type::TypeId::kDouble && lit.double_value() != lit.double_value()) return kUnknown;
  int lo = r.min->Compare(lit);  // min vs literal
  int hi = r.max->Compare(lit);  // max vs literal
  bool null_false = null_safe && r.may_have_nulls;  // a NULL row makes <=> false
  Possible p;
  if (op == "equal") {
    p.can_true = lo <= 0 && hi >= 0;
    p.can_false = !(lo == 0 && hi == 0);
  } else if (op == "not_equal") {
    p.can_true = !(lo == 0 && hi == 0);
    p.can_false = lo <= 0 && hi >= 0;
  } else if (op == "less") {
    p.can_true = lo < 0;
    p.can_false = hi >= 0;
  } else if (op == "less_equal") {
    p.can_true = lo <= 0;
    p.can_false = hi > 0;
  } else if (op == "greater") {
    p.can_true = hi > 0;
    p.can_false = lo <= 0;
  } else if (op == "greater_equal") {
    p.can_true = hi >= 0;
    p.can_false = lo < 0;
  } else {
    return kUnknown;
  }
  p.can_false = p.can_false || null_false;
  return p;
}

std::string Mirror(const std::string& op) {
  if (op == "less") return "greater";
  if (op == "less_equal") return "greater_equal";
  if (op == "greater") return "less";
  if (op == "greater_equal") return "less_equal";
  return op;
}

Possible Evaluate(const expr::Expr& e, const RangeLookup& range_of) {
  if (e.kind == expr::ExprKind::kLiteral) {
    if (e.literal.is_null()) return Possible{false, false};
    if (e.literal.type()->id() == type::TypeId::kBoolean) {
      bool v = e.literal.bool_value();
      return Possible{v, !v};
    }
    return kUnknown;
  }
  if (e.kind != expr::ExprKind::kCall) return kUnknown;
  const std::string& f = e.name;
  const auto& args = e.children;
  if (f == "and" && args.size() == 2) {
    Possible a = Evaluate(*args[0], range_of), b = Evaluate(*args[1], range_of);
    return Possible{a.can_true && b.can_true, a.can_false || b.can_false};
  }
  if (f == "or" && args.size() == 2) {
    Possible a = Evaluate(*args[0], range_of), b = Evaluate(*args[1], range_of);
    return Possible{a.can_true || b.can_true, a.can_false && b.can_false};
  }
  if (f == "not" && args.size() == 1) {
    Possible a = Evaluate(*args[0], range_of);
    return Possible{a.can_false, a.can_true};
  }
  if ((f == "isnull" || f == "isnotnull") && args.size() == 1) {
    std::optional<ColumnRange> r = OperandRange(*args[0], range_of);
    if (!r) return kUnknown;
    bool some_null = r->may_have_nulls || r->all_null;
    bool some_value = !r->all_null;
    return f == "isnull" ? Possible{some_null, some_value} : Possible{some_value, some_null};
  }
  bool comparison = f == "equal" || f == "equal_null_safe" || f == "not_equal" || f == "less" ||
                    f == "less_equal" || f == "greater" || f == "greater_equal";
  if (comparison && args.size() == 2) {
    std::string op = f == "equal_null_safe" ? "equal" : f;
    bool null_safe = f == "equal_null_safe";
    if (const type::Value* lit = LiteralOf(*args[1])) {
      if (auto r = OperandRange(*args[0], range_of)) return Compare(op, *r, *lit, null_safe);
    } else if (const type::Value* lit0 = LiteralOf(*args[0])) {
      if (auto r = OperandRange(*args[1], range_of)) return Compare(Mirror(op), *r, *lit0, null_safe);
    }
    return kUnknown;
  }
  if (f == "in" && args.size() >= 2) {
    std::optional<ColumnRange> r = OperandRange(*args[0], range_of);
    if (!r) return kUnknown;
    Possible any{false, true};
    for (size_t i = 1; i < args.size(); ++i) {
      const type::Value* lit = LiteralOf(*args[i]);
      if (lit == nullptr) return kUnknown;
      Possible one = Compare("equal", *r, *lit, false);
      any.can_true = any.can_true || one.can_true;
    }
    return any;
  }
  return kUnknown;
}

}  // namespace

ColumnRange ColumnRange::Exactly(const type::Value& value) {
  ColumnRange r;
  if (value.is_null()) {
    r.all_null = true;
  } else {
    r.min = value;
    r.max = value;
    r.may_have_nulls = false;
  }
  return r;
}

bool MayMatch(const expr::Expr& filter, const RangeLookup& range_of) { return Evaluate(filter, range_of).can_true; }

bool AllMayMatch(const std::vector<expr::ExprPtr>& filters, const std::vector<std::optional<ColumnRange>>& ranges) {
  RangeLookup lookup = [&](int column) -> const ColumnRange* {
    if (column < 0 || column >= static_cast<int>(ranges.size()) || !ranges[column]) return nullptr;
    return &*ranges[column];
  };
  for (const auto& f : filters) {
    if (!MayMatch(*f, lookup)) return false;
  }
  return true;
}

}  // namespace runnel::catalog
