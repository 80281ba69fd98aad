// Expression nodes of the SQL AST. The parser builds them; the binder resolves names and types.
// Each node records where it starts in the text, so later errors can point at it. ToString()
// prints a canonical, fully parenthesized form ("(a + (b * c))") used by tests and EXPLAIN.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "runnel/data_type.h"
#include "runnel/value.h"
#include "sql/position.h"

namespace runnel::sql {

struct Query;
using QueryPtr = std::shared_ptr<const Query>;

enum class ExprKind {
  kColumnRef,       // a, t.a, t.a.field: resolved by the binder
  kLiteral,         // 1, 'x', DATE '2024-01-01', INTERVAL 10 SECONDS, NULL, TRUE
  kStar,            // *, t.*
  kFunctionCall,    // f(a, b), count(*), count(DISTINCT a)
  kUnary,           // -a, ~a, NOT a
  kBinary,          // a + b, a AND b, a = b, ...
  kCase,            // CASE [x] WHEN ... THEN ... [ELSE ...] END
  kCast,            // CAST(x AS t), TRY_CAST(x AS t), x::t
  kInList,          // x [NOT] IN (a, b)
  kInSubquery,      // x [NOT] IN (SELECT ...)
  kBetween,         // x [NOT] BETWEEN a AND b
  kLike,            // x [NOT] LIKE|ILIKE|RLIKE p [ESCAPE 'c']
  kIs,              // x IS [NOT] NULL|TRUE|FALSE
  kExists,          // EXISTS (SELECT ...)
  kScalarSubquery,  // (SELECT ...)
  kSubscript,       // a[i], m['key']
  kFieldAccess,     // (expr).field, f(x).field, a[0].field
};

class Expr {
 public:
  virtual ~Expr() = default;
  ExprKind kind() const { return kind_; }
  const SourcePosition& position() const { return position_; }
  virtual std::string ToString() const = 0;

  template <typename T>
  const T& As() const {
    return static_cast<const T&>(*this);
  }

 protected:
  Expr(ExprKind kind, SourcePosition position) : kind_(kind), position_(position) {}

 private:
  ExprKind kind_;
  SourcePosition position_;
};

using ExprPtr = std::shared_ptr<const Expr>;

struct ColumnRef final : Expr {
  ColumnRef(SourcePosition p, std::vector<std::string> parts)
      : Expr(ExprKind::kColumnRef, p), parts(std::move(parts)) {}
  std::string ToString() const override;
  std::vector<std::string> parts;  // as written; names compare case-insensitively
};

struct Literal final : Expr {
  Literal(SourcePosition p, type::Value value) : Expr(ExprKind::kLiteral, p), value(std::move(value)) {}
  std::string ToString() const override;
  // INT, BIGINT, DECIMAL(p,s), DOUBLE, STRING, BINARY, BOOLEAN, DATE, TIMESTAMP, INTERVAL, or a
  // NULL of type VOID. 1Y and 1S are INT, 1F is DOUBLE: Runnel has no narrower types.
  type::Value value;
};

struct Star final : Expr {
  Star(SourcePosition p, std::vector<std::string> qualifier)
      : Expr(ExprKind::kStar, p), qualifier(std::move(qualifier)) {}
  std::string ToString() const override;
  std::vector<std::string> qualifier;  // empty for *, {"t"} for t.*
};

struct FunctionCall final : Expr {
  FunctionCall(SourcePosition p, std::vector<std::string> name, std::vector<ExprPtr> args,
               bool distinct, bool star)
      : Expr(ExprKind::kFunctionCall, p),
        name(std::move(name)),
        args(std::move(args)),
        distinct(distinct),
        star(star) {}
  std::string ToString() const override;
  std::vector<std::string> name;  // usually one part: {"count"}
  std::vector<ExprPtr> args;
  bool distinct = false;
  bool star = false;  // count(*): args is empty
};

enum class UnaryOp { kNegate, kPlus, kBitwiseNot, kNot };
const char* UnaryOpName(UnaryOp op);

struct UnaryExpr final : Expr {
  UnaryExpr(SourcePosition p, UnaryOp op, ExprPtr operand)
      : Expr(ExprKind::kUnary, p), op(op), operand(std::move(operand)) {}
  std::string ToString() const override;
  UnaryOp op;
  ExprPtr operand;
};

enum class BinaryOp {
  kOr, kAnd,
  kEq, kNullSafeEq, kNotEq, kLt, kLtEq, kGt, kGtEq,
  kBitwiseOr, kBitwiseXor, kBitwiseAnd,
  kAdd, kSubtract, kConcat,
  kMultiply, kDivide, kModulo, kIntegralDivide,  // DIV
};
const char* BinaryOpName(BinaryOp op);  // "+", "AND", "<=>", "div", ...

struct BinaryExpr final : Expr {
  BinaryExpr(SourcePosition p, BinaryOp op, ExprPtr left, ExprPtr right)
      : Expr(ExprKind::kBinary, p), op(op), left(std::move(left)), right(std::move(right)) {}
  std::string ToString() const override;
  BinaryOp op;
  ExprPtr left;
  ExprPtr right;
};

struct WhenClause {
  ExprPtr condition;  // a value to compare with the operand when the CASE has one
  ExprPtr result;
};

struct CaseExpr final : Expr {
  CaseExpr(SourcePosition p, ExprPtr operand, std::vector<WhenClause> whens, ExprPtr else_result)
      : Expr(ExprKind::kCase, p),
        operand(std::move(operand)),
        whens(std::move(whens)),
        else_result(std::move(else_result)) {}
  std::string ToString() const override;
  ExprPtr operand;  // null for a searched CASE
  std::vector<WhenClause> whens;
  ExprPtr else_result;  // null when there is no ELSE
};

struct CastExpr final : Expr {
  CastExpr(SourcePosition p, ExprPtr operand, type::DataTypePtr type, bool try_cast)
      : Expr(ExprKind::kCast, p), operand(std::move(operand)), type(std::move(type)), try_cast(try_cast) {}
  std::string ToString() const override;
  ExprPtr operand;
  type::DataTypePtr type;
  bool try_cast = false;
};

struct InListExpr final : Expr {
  InListExpr(SourcePosition p, ExprPtr operand, std::vector<ExprPtr> list, bool negated)
      : Expr(ExprKind::kInList, p), operand(std::move(operand)), list(std::move(list)), negated(negated) {}
  std::string ToString() const override;
  ExprPtr operand;
  std::vector<ExprPtr> list;
  bool negated = false;
};

struct InSubqueryExpr final : Expr {
  InSubqueryExpr(SourcePosition p, ExprPtr operand, QueryPtr query, bool negated)
      : Expr(ExprKind::kInSubquery, p), operand(std::move(operand)), query(std::move(query)), negated(negated) {}
  std::string ToString() const override;
  ExprPtr operand;
  QueryPtr query;
  bool negated = false;
};

struct BetweenExpr final : Expr {
  BetweenExpr(SourcePosition p, ExprPtr operand, ExprPtr low, ExprPtr high, bool negated)
      : Expr(ExprKind::kBetween, p),
        operand(std::move(operand)),
        low(std::move(low)),
        high(std::move(high)),
        negated(negated) {}
  std::string ToString() const override;
  ExprPtr operand;
  ExprPtr low;
  ExprPtr high;
  bool negated = false;
};

enum class LikeOp { kLike, kILike, kRLike };  // RLIKE and REGEXP are the same

struct LikeExpr final : Expr {
  LikeExpr(SourcePosition p, LikeOp op, ExprPtr operand, ExprPtr pattern, std::optional<char> escape,
           bool negated)
      : Expr(ExprKind::kLike, p),
        op(op),
        operand(std::move(operand)),
        pattern(std::move(pattern)),
        escape(escape),
        negated(negated) {}
  std::string ToString() const override;
  LikeOp op;
  ExprPtr operand;
  ExprPtr pattern;
  std::optional<char> escape;  // LIKE/ILIKE only; Spark's default is '\'
  bool negated = false;
};

enum class IsWhat { kNull, kTrue, kFalse };

struct IsExpr final : Expr {
  IsExpr(SourcePosition p, ExprPtr operand, IsWhat what, bool negated)
      : Expr(ExprKind::kIs, p), operand(std::move(operand)), what(what), negated(negated) {}
  std::string ToString() const override;
  ExprPtr operand;
  IsWhat what;
  bool negated = false;
};

struct ExistsExpr final : Expr {
  ExistsExpr(SourcePosition p, QueryPtr query) : Expr(ExprKind::kExists, p), query(std::move(query)) {}
  std::string ToString() const override;
  QueryPtr query;  // NOT EXISTS is NOT over this node
};

struct ScalarSubqueryExpr final : Expr {
  ScalarSubqueryExpr(SourcePosition p, QueryPtr query)
      : Expr(ExprKind::kScalarSubquery, p), query(std::move(query)) {}
  std::string ToString() const override;
  QueryPtr query;
};

struct SubscriptExpr final : Expr {
  SubscriptExpr(SourcePosition p, ExprPtr operand, ExprPtr index)
      : Expr(ExprKind::kSubscript, p), operand(std::move(operand)), index(std::move(index)) {}
  std::string ToString() const override;
  ExprPtr operand;
  ExprPtr index;  // 0-based for arrays (Spark's a[0]); a key for maps
};

struct FieldAccessExpr final : Expr {
  FieldAccessExpr(SourcePosition p, ExprPtr operand, std::string field)
      : Expr(ExprKind::kFieldAccess, p), operand(std::move(operand)), field(std::move(field)) {}
  std::string ToString() const override;
  ExprPtr operand;
  std::string field;
};

// An identifier as SQL text: bare when it is a simple word, else `back quoted`.
std::string QuoteIdentifier(const std::string& name);
std::string QuoteName(const std::vector<std::string>& parts);  // a.b.`c d`
// A literal as canonical SQL: 1, 1L, 1.50BD, 1.5D, 'it\'s', X'0A', DATE '2024-01-01',
// INTERVAL '0 00:00:10' DAY TO SECOND, NULL, TRUE.
std::string LiteralToSql(const type::Value& value);

}  // namespace runnel::sql
