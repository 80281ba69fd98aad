// Column: an expression over a DataFrame's rows, built lazily (Spark's Column). Operators build
// bigger expressions; nothing is checked until the DataFrame is analyzed.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <type_traits>
#include <vector>

#include "runnel/value.h"

namespace runnel {

namespace expr {
struct Expr;
}

class Column {
 public:
  Column(const char* name);         // NOLINT: col("name") shorthand, as Spark's $"name"
  Column(const std::string& name);  // NOLINT
  explicit Column(std::shared_ptr<const expr::Expr> e) : expr_(std::move(e)) {}

  Column alias(const std::string& name) const;
  Column as(const std::string& name) const { return alias(name); }
  Column name(const std::string& name) const { return alias(name); }
  // A DDL type name: "INT", "DECIMAL(10,2)", "ARRAY<STRING>". An unknown type fails at analysis.
  Column cast(const std::string& type) const;
  Column cast(const type::DataTypePtr& type) const;

  Column isNull() const;
  Column isNotNull() const;
  Column isNaN() const;
  Column isin(const std::vector<Column>& values) const;
  Column isin(const std::vector<type::Value>& values) const;
  Column between(const Column& low, const Column& high) const;
  Column like(const std::string& pattern) const;
  Column rlike(const std::string& regex) const;
  Column startsWith(const Column& prefix) const;
  Column endsWith(const Column& suffix) const;
  Column contains(const Column& other) const;
  Column substr(int pos, int len) const;
  Column eqNullSafe(const Column& other) const;
  Column getField(const std::string& field) const;
  Column getItem(const Column& key) const;
  Column operator[](const Column& key) const { return getItem(key); }
  // CASE WHEN chains: when(cond, value).when(...).otherwise(value).
  Column when(const Column& condition, const Column& value) const;
  Column otherwise(const Column& value) const;

  Column asc() const;
  Column desc() const;
  Column asc_nulls_last() const;
  Column desc_nulls_first() const;

  std::string ToString() const;
  const std::shared_ptr<const expr::Expr>& expr() const { return expr_; }

 private:
  std::shared_ptr<const expr::Expr> expr_;
};

Column operator+(const Column& a, const Column& b);
Column operator-(const Column& a, const Column& b);
Column operator*(const Column& a, const Column& b);
Column operator/(const Column& a, const Column& b);
Column operator%(const Column& a, const Column& b);
Column operator-(const Column& a);
Column operator==(const Column& a, const Column& b);
Column operator!=(const Column& a, const Column& b);
Column operator<(const Column& a, const Column& b);
Column operator<=(const Column& a, const Column& b);
Column operator>(const Column& a, const Column& b);
Column operator>=(const Column& a, const Column& b);
Column operator&&(const Column& a, const Column& b);
Column operator||(const Column& a, const Column& b);
Column operator!(const Column& a);

// Literals mix with columns: col("x") + 1, col("name") == "bob", col("ok") == true.
// C++ int becomes INT, int64_t BIGINT, double DOUBLE, as Spark types Scala literals.
Column LiteralColumn(int32_t v);
Column LiteralColumn(int64_t v);
Column LiteralColumn(double v);
Column LiteralColumn(bool v);
Column LiteralColumn(const char* v);
Column LiteralColumn(const std::string& v);

template <typename T>
concept LiteralLike = std::is_arithmetic_v<T> || std::is_convertible_v<T, std::string>;

template <typename T>
Column ToColumn(const T& v) {
  if constexpr (std::is_same_v<T, bool>) {
    return LiteralColumn(v);
  } else if constexpr (std::is_integral_v<T> && sizeof(T) <= 4) {
    return LiteralColumn(static_cast<int32_t>(v));
  } else if constexpr (std::is_integral_v<T>) {
    return LiteralColumn(static_cast<int64_t>(v));
  } else if constexpr (std::is_floating_point_v<T>) {
    return LiteralColumn(static_cast<double>(v));
  } else {
    return LiteralColumn(std::string(v));
  }
}

#define RUNNEL_LITERAL_OPERATOR(op)                                        \
  template <LiteralLike T>                                                 \
  Column operator op(const Column& a, const T& b) { return a op ToColumn(b); } \
  template <LiteralLike T>                                                 \
  Column operator op(const T& a, const Column& b) { return ToColumn(a) op b; }
RUNNEL_LITERAL_OPERATOR(+)
RUNNEL_LITERAL_OPERATOR(-)
RUNNEL_LITERAL_OPERATOR(*)
RUNNEL_LITERAL_OPERATOR(/)
RUNNEL_LITERAL_OPERATOR(%)
RUNNEL_LITERAL_OPERATOR(==)
RUNNEL_LITERAL_OPERATOR(!=)
RUNNEL_LITERAL_OPERATOR(<)
RUNNEL_LITERAL_OPERATOR(<=)
RUNNEL_LITERAL_OPERATOR(>)
RUNNEL_LITERAL_OPERATOR(>=)
RUNNEL_LITERAL_OPERATOR(&&)
RUNNEL_LITERAL_OPERATOR(||)
#undef RUNNEL_LITERAL_OPERATOR

}  // namespace runnel
