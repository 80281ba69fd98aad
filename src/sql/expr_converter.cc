#include "sql/expr_converter.h"

#include "base/spelling.h"
#include "sql/parser.h"

namespace runnel::sql {

using EP = expr::ExprPtr;

namespace {

const char* BinaryFunction(BinaryOp op) {
  switch (op) {
    case BinaryOp::kOr: return "or";
    case BinaryOp::kAnd: return "and";
    case BinaryOp::kEq: return "equal";
    case BinaryOp::kNullSafeEq: return "equal_null_safe";
    case BinaryOp::kNotEq: return "not_equal";
    case BinaryOp::kLt: return "less";
    case BinaryOp::kLtEq: return "less_equal";
    case BinaryOp::kGt: return "greater";
    case BinaryOp::kGtEq: return "greater_equal";
    case BinaryOp::kBitwiseOr: return "bit_or";
    case BinaryOp::kBitwiseXor: return "bit_xor";
    case BinaryOp::kBitwiseAnd: return "bit_and";
    case BinaryOp::kAdd: return "add";
    case BinaryOp::kSubtract: return "subtract";
    case BinaryOp::kConcat: return "concat";
    case BinaryOp::kMultiply: return "multiply";
    case BinaryOp::kDivide: return "divide";
    case BinaryOp::kModulo: return "remainder";
    case BinaryOp::kIntegralDivide: return "div";
  }
  return "?";
}

EP Not(EP e) { return expr::Call("not", {std::move(e)}); }

Status Unsupported(const Expr& e, const std::string& what) {
  return Status::NotSupported(what + " is not supported yet (at line " + std::to_string(e.position().line) +
                              ", column " + std::to_string(e.position().column) + "): " + e.ToString());
}

Result<std::vector<EP>> ConvertAll(const std::vector<ExprPtr>& es) {
  std::vector<EP> out;
  for (const auto& e : es) {
    RUNNEL_ASSIGN_OR_RAISE(EP c, ConvertExpr(*e));
    out.push_back(std::move(c));
  }
  return out;
}

Result<EP> ConvertCase(const CaseExpr& c) {
  std::vector<EP> args;
  EP operand;
  if (c.operand) {
    RUNNEL_ASSIGN_OR_RAISE(operand, ConvertExpr(*c.operand));
  }
  for (const auto& w : c.whens) {
    RUNNEL_ASSIGN_OR_RAISE(EP cond, ConvertExpr(*w.condition));
    // CASE x WHEN v THEN ...: the condition is x = v.
    if (operand) cond = expr::Call("equal", {operand, cond});
    RUNNEL_ASSIGN_OR_RAISE(EP result, ConvertExpr(*w.result));
    args.push_back(std::move(cond));
    args.push_back(std::move(result));
  }
  if (c.else_result) {
    RUNNEL_ASSIGN_OR_RAISE(EP e, ConvertExpr(*c.else_result));
    args.push_back(std::move(e));
  }
  return expr::Call("case_when", std::move(args));
}

}  // namespace

Result<EP> ConvertExpr(const Expr& e) {
  switch (e.kind()) {
    case ExprKind::kColumnRef: return expr::ColumnParts(e.As<ColumnRef>().parts);
    case ExprKind::kLiteral: return expr::Literal(e.As<Literal>().value);
    case ExprKind::kStar: return expr::Star(e.As<Star>().qualifier);
    case ExprKind::kFunctionCall: {
      const auto& f = e.As<FunctionCall>();
      std::string name = base::JoinStrings(f.name, ".");
      if (f.star) {
        if (base::EqualsIgnoreCase(name, "count")) return expr::Call("count", {}, f.distinct);
        return Status::Analysis("'*' is only allowed as the argument of count(): " + e.ToString());
      }
      RUNNEL_ASSIGN_OR_RAISE(std::vector<EP> args, ConvertAll(f.args));
      return expr::Call(name, std::move(args), f.distinct);
    }
    case ExprKind::kUnary: {
      const auto& u = e.As<UnaryExpr>();
      RUNNEL_ASSIGN_OR_RAISE(EP operand, ConvertExpr(*u.operand));
      switch (u.op) {
        case UnaryOp::kNegate: return expr::Call("negative", {operand});
        case UnaryOp::kPlus: return operand;
        case UnaryOp::kBitwiseNot: return expr::Call("bit_not", {operand});
        case UnaryOp::kNot: return Not(operand);
      }
      return Status::Internal("unknown unary operator");
    }
    case ExprKind::kBinary: {
      const auto& b = e.As<BinaryExpr>();
      RUNNEL_ASSIGN_OR_RAISE(EP left, ConvertExpr(*b.left));
      RUNNEL_ASSIGN_OR_RAISE(EP right, ConvertExpr(*b.right));
      return expr::Call(BinaryFunction(b.op), {left, right});
    }
    case ExprKind::kCase: return ConvertCase(e.As<CaseExpr>());
    case ExprKind::kCast: {
      const auto& c = e.As<CastExpr>();
      // Casts never fail (ANSI mode off), so TRY_CAST is the same as CAST.
      RUNNEL_ASSIGN_OR_RAISE(EP operand, ConvertExpr(*c.operand));
      return expr::Cast(operand, c.type);
    }
    case ExprKind::kInList: {
      const auto& in = e.As<InListExpr>();
      RUNNEL_ASSIGN_OR_RAISE(EP operand, ConvertExpr(*in.operand));
      RUNNEL_ASSIGN_OR_RAISE(std::vector<EP> list, ConvertAll(in.list));
      list.insert(list.begin(), operand);
      EP call = expr::Call("in", std::move(list));
      return in.negated ? Not(call) : call;
    }
    case ExprKind::kBetween: {
      const auto& b = e.As<BetweenExpr>();
      RUNNEL_ASSIGN_OR_RAISE(EP x, ConvertExpr(*b.operand));
      RUNNEL_ASSIGN_OR_RAISE(EP low, ConvertExpr(*b.low));
      RUNNEL_ASSIGN_OR_RAISE(EP high, ConvertExpr(*b.high));
      EP call = expr::Call("and", {expr::Call("greater_equal", {x, low}), expr::Call("less_equal", {x, high})});
      return b.negated ? Not(call) : call;
    }
    case ExprKind::kLike: {
      const auto& l = e.As<LikeExpr>();
      RUNNEL_ASSIGN_OR_RAISE(EP x, ConvertExpr(*l.operand));
      RUNNEL_ASSIGN_OR_RAISE(EP pattern, ConvertExpr(*l.pattern));
      std::vector<EP> args{x, pattern};
      if (l.escape) args.push_back(expr::Literal(type::Value::String(std::string(1, *l.escape))));
      const char* fn = l.op == LikeOp::kLike ? "like" : l.op == LikeOp::kILike ? "ilike" : "rlike";
      EP call = expr::Call(fn, std::move(args));
      return l.negated ? Not(call) : call;
    }
    case ExprKind::kIs: {
      const auto& i = e.As<IsExpr>();
      RUNNEL_ASSIGN_OR_RAISE(EP x, ConvertExpr(*i.operand));
      if (i.what == IsWhat::kNull) return expr::Call(i.negated ? "isnotnull" : "isnull", {x});
      // x IS TRUE is never NULL: x <=> true.
      EP call = expr::Call("equal_null_safe", {x, expr::Literal(type::Value::Boolean(i.what == IsWhat::kTrue))});
      return i.negated ? Not(call) : call;
    }
    case ExprKind::kSubscript: {
      const auto& s = e.As<SubscriptExpr>();
      RUNNEL_ASSIGN_OR_RAISE(EP base, ConvertExpr(*s.operand));
      RUNNEL_ASSIGN_OR_RAISE(EP index, ConvertExpr(*s.index));
      return expr::Call("get_item", {base, index});
    }
    case ExprKind::kFieldAccess: {
      const auto& f = e.As<FieldAccessExpr>();
      RUNNEL_ASSIGN_OR_RAISE(EP base, ConvertExpr(*f.operand));
      return expr::Call("get_field", {base, expr::Literal(type::Value::String(f.field))});
    }
    case ExprKind::kInSubquery: return Unsupported(e, "IN (subquery)");
    case ExprKind::kExists: return Unsupported(e, "EXISTS (subquery)");
    case ExprKind::kScalarSubquery: return Unsupported(e, "A scalar subquery");
  }
  return Status::Internal("unknown SQL expression kind");
}

Result<EP> ConvertSelectItem(const SelectItem& item) {
  RUNNEL_ASSIGN_OR_RAISE(EP e, ConvertExpr(*item.expr));
  if (!item.alias.empty()) return expr::Alias(e, item.alias);
  return e;
}

Result<EP> ParseColumnExpression(std::string_view text) {
  RUNNEL_ASSIGN_OR_RAISE(ExprPtr parsed, ParseExpression(text));
  return ConvertExpr(*parsed);
}

Result<EP> ParseSelectItem(std::string_view text) {
  // A select item is an expression with an optional alias: parse it as a one-item SELECT.
  RUNNEL_ASSIGN_OR_RAISE(Statement statement, ParseStatement("SELECT " + std::string(text)));
  const auto* query = std::get_if<QueryStatement>(&statement.node);
  if (query && query->query->body->kind() == QueryTermKind::kSelect) {
    const auto& select = query->query->body->As<SelectTerm>();
    if (select.items.size() == 1 && select.from.empty() && !select.where && select.group_by.empty() &&
        query->query->order_by.empty() && !query->query->limit) {
      return ConvertSelectItem(select.items[0]);
    }
  }
  return Status::Syntax("Expected one expression with an optional alias, got: " + std::string(text));
}

}  // namespace runnel::sql
