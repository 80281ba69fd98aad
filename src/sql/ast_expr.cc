#include "sql/ast_expr.h"

#include <cctype>

#include "sql/ast_query.h"
#include "sql/keywords.h"

namespace runnel::sql {
namespace {

std::string JoinExprs(const std::vector<ExprPtr>& exprs) {
  std::string out;
  for (size_t i = 0; i < exprs.size(); ++i) {
    if (i > 0) out += ", ";
    out += exprs[i]->ToString();
  }
  return out;
}

const char* Not(bool negated) { return negated ? " NOT" : ""; }

bool IsSimpleName(const std::string& name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

// Function names print bare even when reserved: left(s, 2) is a call, not a join.
std::string FunctionName(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += '.';
    out += IsSimpleName(parts[i]) ? parts[i] : QuoteIdentifier(parts[i]);
  }
  return out;
}

}  // namespace

std::string QuoteIdentifier(const std::string& name) {
  if (IsSimpleName(name) && !IsReservedWord(name)) return name;
  std::string out = "`";
  for (char c : name) {
    out += c;
    if (c == '`') out += '`';
  }
  return out + "`";
}

std::string QuoteName(const std::vector<std::string>& parts) {
  std::string out;
  for (size_t i = 0; i < parts.size(); ++i) {
    if (i > 0) out += '.';
    out += QuoteIdentifier(parts[i]);
  }
  return out;
}

std::string LiteralToSql(const type::Value& value) {
  if (value.is_null()) return "NULL";
  switch (value.type()->id()) {
    case type::TypeId::kBoolean: return value.bool_value() ? "TRUE" : "FALSE";
    case type::TypeId::kDouble: return type::FormatDouble(value.double_value()) + "D";
    case type::TypeId::kString: {
      std::string out = "'";
      for (char c : value.string_value()) {
        if (c == '\n') {
          out += "\\n";
          continue;
        }
        if (c == '\'' || c == '\\') out += '\\';
        out += c;
      }
      return out + "'";
    }
    case type::TypeId::kBinary: {
      static constexpr char kHex[] = "0123456789ABCDEF";
      std::string out = "X'";
      for (unsigned char c : value.string_value()) {
        out += kHex[c >> 4];
        out += kHex[c & 15];
      }
      return out + "'";
    }
    default: return value.ToSqlLiteral();
  }
}

const char* UnaryOpName(UnaryOp op) {
  switch (op) {
    case UnaryOp::kNegate: return "-";
    case UnaryOp::kPlus: return "+";
    case UnaryOp::kBitwiseNot: return "~";
    case UnaryOp::kNot: return "NOT";
  }
  return "?";
}

const char* BinaryOpName(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr: return "OR";
    case BinaryOp::kAnd: return "AND";
    case BinaryOp::kEq: return "=";
    case BinaryOp::kNullSafeEq: return "<=>";
    case BinaryOp::kNotEq: return "<>";
    case BinaryOp::kLt: return "<";
    case BinaryOp::kLtEq: return "<=";
    case BinaryOp::kGt: return ">";
    case BinaryOp::kGtEq: return ">=";
    case BinaryOp::kBitwiseOr: return "|";
    case BinaryOp::kBitwiseXor: return "^";
    case BinaryOp::kBitwiseAnd: return "&";
    case BinaryOp::kAdd: return "+";
    case BinaryOp::kSubtract: return "-";
    case BinaryOp::kConcat: return "||";
    case BinaryOp::kMultiply: return "*";
    case BinaryOp::kDivide: return "/";
    case BinaryOp::kModulo: return "%";
    case BinaryOp::kIntegralDivide: return "div";
  }
  return "?";
}

std::string ColumnRef::ToString() const { return QuoteName(parts); }

std::string Literal::ToString() const { return LiteralToSql(value); }

std::string Star::ToString() const {
  return qualifier.empty() ? "*" : QuoteName(qualifier) + ".*";
}

std::string FunctionCall::ToString() const {
  std::string out = FunctionName(name) + "(";
  if (star) return out + "*)";
  if (distinct) out += "DISTINCT ";
  return out + JoinExprs(args) + ")";
}

std::string UnaryExpr::ToString() const {
  return std::string("(") + UnaryOpName(op) + " " + operand->ToString() + ")";
}

std::string BinaryExpr::ToString() const {
  return "(" + left->ToString() + " " + BinaryOpName(op) + " " + right->ToString() + ")";
}

std::string CaseExpr::ToString() const {
  std::string out = "CASE";
  if (operand) out += " " + operand->ToString();
  for (const WhenClause& when : whens) {
    out += " WHEN " + when.condition->ToString() + " THEN " + when.result->ToString();
  }
  if (else_result) out += " ELSE " + else_result->ToString();
  return out + " END";
}

std::string CastExpr::ToString() const {
  return std::string(try_cast ? "TRY_CAST(" : "CAST(") + operand->ToString() + " AS " +
         type->ToString() + ")";
}

std::string InListExpr::ToString() const {
  return "(" + operand->ToString() + Not(negated) + " IN (" + JoinExprs(list) + "))";
}

std::string InSubqueryExpr::ToString() const {
  return "(" + operand->ToString() + Not(negated) + " IN (" + query->ToString() + "))";
}

std::string BetweenExpr::ToString() const {
  return "(" + operand->ToString() + Not(negated) + " BETWEEN " + low->ToString() + " AND " +
         high->ToString() + ")";
}

std::string LikeExpr::ToString() const {
  const char* name = op == LikeOp::kLike ? " LIKE " : op == LikeOp::kILike ? " ILIKE " : " RLIKE ";
  std::string out = "(" + operand->ToString() + Not(negated) + name + pattern->ToString();
  if (escape) out += " ESCAPE " + LiteralToSql(type::Value::String(std::string(1, *escape)));
  return out + ")";
}

std::string IsExpr::ToString() const {
  const char* name = what == IsWhat::kNull ? " NULL" : what == IsWhat::kTrue ? " TRUE" : " FALSE";
  return "(" + operand->ToString() + " IS" + Not(negated) + name + ")";
}

std::string ExistsExpr::ToString() const { return "EXISTS (" + query->ToString() + ")"; }

std::string ScalarSubqueryExpr::ToString() const { return "(" + query->ToString() + ")"; }

std::string SubscriptExpr::ToString() const {
  return operand->ToString() + "[" + index->ToString() + "]";
}

std::string FieldAccessExpr::ToString() const {
  std::string base = operand->ToString();
  // A column reference would read as a longer dotted name.
  if (operand->kind() == ExprKind::kColumnRef) base = "(" + base + ")";
  return base + "." + QuoteIdentifier(field);
}

}  // namespace runnel::sql
