#include "runnel/column.h"

#include "expr/expr.h"
#include "runnel/functions.h"
#include "type/ddl.h"

namespace runnel {

using expr::ExprPtr;

namespace {
Column Call(const std::string& name, std::vector<Column> args) {
  std::vector<ExprPtr> exprs;
  for (const auto& a : args) exprs.push_back(a.expr());
  return Column(expr::Call(name, std::move(exprs)));
}
Column Lit(type::Value v) { return Column(expr::Literal(std::move(v))); }
}  // namespace

Column::Column(const char* name) : Column(std::string(name)) {}
Column::Column(const std::string& name)
    : expr_(name == "*" ? expr::Star() : expr::Column(name)) {}

Column Column::alias(const std::string& name) const { return Column(expr::Alias(expr_, name)); }

Column Column::cast(const std::string& type_name) const {
  auto t = type::ParseDataType(type_name);
  // An unknown type name cannot fail here (builders never fail): it becomes a call that the
  // analyzer rejects with the parse error's message.
  if (!t.ok()) return Column(expr::Invalid("Cannot cast " + ToString() + ": " + t.status().message()));
  return cast(*t);
}
Column Column::cast(const type::DataTypePtr& type) const { return Column(expr::Cast(expr_, type)); }

Column Column::isNull() const { return Call("isnull", {*this}); }
Column Column::isNotNull() const { return Call("isnotnull", {*this}); }
Column Column::isNaN() const { return Call("isnan", {*this}); }
Column Column::isin(const std::vector<Column>& values) const {
  std::vector<Column> args{*this};
  args.insert(args.end(), values.begin(), values.end());
  return Call("in", args);
}
Column Column::isin(const std::vector<type::Value>& values) const {
  std::vector<Column> cs;
  for (const auto& v : values) cs.push_back(Lit(v));
  return isin(cs);
}
Column Column::between(const Column& low, const Column& high) const {
  return (*this >= low) && (*this <= high);
}
Column Column::like(const std::string& pattern) const { return Call("like", {*this, Lit(type::Value::String(pattern))}); }
Column Column::rlike(const std::string& regex) const { return Call("rlike", {*this, Lit(type::Value::String(regex))}); }
Column Column::startsWith(const Column& prefix) const { return Call("startswith", {*this, prefix}); }
Column Column::endsWith(const Column& suffix) const { return Call("endswith", {*this, suffix}); }
Column Column::contains(const Column& other) const { return Call("contains", {*this, other}); }
Column Column::substr(int pos, int len) const {
  return Call("substring", {*this, Lit(type::Value::Int(pos)), Lit(type::Value::Int(len))});
}
Column Column::eqNullSafe(const Column& other) const { return Call("equal_null_safe", {*this, other}); }
Column Column::getField(const std::string& field) const {
  return Call("get_field", {*this, Lit(type::Value::String(field))});
}
Column Column::getItem(const Column& key) const { return Call("get_item", {*this, key}); }

Column Column::when(const Column& condition, const Column& value) const {
  // Extends a case_when chain built by functions::when.
  if (expr_->kind != expr::ExprKind::kCall || expr_->name != "case_when" || expr_->children.size() % 2 != 0) {
    return Column(expr::Invalid("when() must follow functions::when(...) or another when(): " + ToString()));
  }
  std::vector<ExprPtr> args = expr_->children;
  args.push_back(condition.expr());
  args.push_back(value.expr());
  return Column(expr::Call("case_when", std::move(args)));
}
Column Column::otherwise(const Column& value) const {
  if (expr_->kind != expr::ExprKind::kCall || expr_->name != "case_when" || expr_->children.size() % 2 != 0) {
    return Column(expr::Invalid("otherwise() must follow when(...): " + ToString()));
  }
  std::vector<ExprPtr> args = expr_->children;
  args.push_back(value.expr());
  return Column(expr::Call("case_when", std::move(args)));
}

Column Column::asc() const { return Column(expr::SortKey(expr_, true, true)); }
Column Column::desc() const { return Column(expr::SortKey(expr_, false, false)); }
Column Column::asc_nulls_last() const { return Column(expr::SortKey(expr_, true, false)); }
Column Column::desc_nulls_first() const { return Column(expr::SortKey(expr_, false, true)); }

std::string Column::ToString() const { return expr_->ToString(); }

#define RUNNEL_BINARY(op, fn) \
  Column operator op(const Column& a, const Column& b) { return Call(fn, {a, b}); }
RUNNEL_BINARY(+, "add")
RUNNEL_BINARY(-, "subtract")
RUNNEL_BINARY(*, "multiply")
RUNNEL_BINARY(/, "divide")
RUNNEL_BINARY(%, "remainder")
RUNNEL_BINARY(==, "equal")
RUNNEL_BINARY(!=, "not_equal")
RUNNEL_BINARY(<, "less")
RUNNEL_BINARY(<=, "less_equal")
RUNNEL_BINARY(>, "greater")
RUNNEL_BINARY(>=, "greater_equal")
RUNNEL_BINARY(&&, "and")
RUNNEL_BINARY(||, "or")
#undef RUNNEL_BINARY

Column operator-(const Column& a) { return Call("negative", {a}); }
Column operator!(const Column& a) { return Call("not", {a}); }

Column LiteralColumn(int32_t v) { return Lit(type::Value::Int(v)); }
Column LiteralColumn(int64_t v) { return Lit(type::Value::BigInt(v)); }
Column LiteralColumn(double v) { return Lit(type::Value::Double(v)); }
Column LiteralColumn(bool v) { return Lit(type::Value::Boolean(v)); }
Column LiteralColumn(const char* v) { return Lit(type::Value::String(v)); }
Column LiteralColumn(const std::string& v) { return Lit(type::Value::String(v)); }

}  // namespace runnel
