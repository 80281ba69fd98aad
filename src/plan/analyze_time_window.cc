// window(ts, duration[, slide[, start]]) in a SELECT list or a GROUP BY: Spark's TimeWindowing
// rule. A sliding window puts one row in several windows, which no scalar can express, so the
// call is planned as a Generate node below the Project/Aggregate:
//   Aggregate(group_by: window(ts, '10 minutes', '5 minutes'), k; count(*))
//   => Aggregate(group_by: __window AS window, k; count(*))
//        Generate(__time_windows(ts, 600000000, 300000000, 0) AS __window)
// __time_windows emits every window holding ts, and no row for a NULL ts (Spark filters NULL
// event times out, for tumbling windows too, so every window() call here takes this path).
#include "base/spelling.h"
#include "expr/binder.h"
#include "function/scalar/window_duration.h"
#include "plan/analyzer.h"

namespace runnel::plan {

using expr::ExprKind;
using expr::ExprPtr;

namespace {

// The generated column takes Spark's name, so `SELECT window.start ... GROUP BY window(...)`
// resolves, unless the input already has a column of that name (chained windows).
std::string GeneratedName(const LogicalPlan& child) {
  return child.schema->FieldIndex("window") >= 0 ? "__window" : "window";
}

bool IsWindowCall(const ExprPtr& e) {
  return e->kind == ExprKind::kCall && e->scalar == nullptr &&
         base::EqualsIgnoreCase(e->name, "window");
}

// The one window() call among `exprs` (nullptr if none). Spark rejects two different ones.
Result<ExprPtr> FindWindowCall(const std::vector<ExprPtr>& exprs, ExprPtr found) {
  Status status;
  for (const auto& root : exprs) {
    expr::Visit(root, [&](const ExprPtr& e) {
      if (!IsWindowCall(e)) return true;
      if (found == nullptr) {
        found = e;
      } else if (found->ToString() != e->ToString()) {
        status = Status::Analysis("Multiple time window expressions would result in a cartesian "
                                  "product of rows, therefore they are not supported: " +
                                  found->ToString() + ", " + e->ToString() + ".");
      }
      return false;
    });
  }
  RUNNEL_RETURN_NOT_OK(status);
  return found;
}

// Replaces the window call by the generated column; a top-level call keeps Spark's name.
std::vector<ExprPtr> ReplaceWindowCall(const std::vector<ExprPtr>& exprs, const ExprPtr& call,
                                       const std::string& column) {
  std::string key = call->ToString();
  std::vector<ExprPtr> out;
  for (const auto& e : exprs) {
    if (IsWindowCall(e) && e->ToString() == key) {
      out.push_back(expr::Alias(expr::Column(column), "window"));
      continue;
    }
    out.push_back(expr::Transform(e, [&](const ExprPtr& n) {
      return IsWindowCall(n) && n->ToString() == key ? expr::Column(column) : n;
    }));
  }
  return out;
}

}  // namespace

Result<PlanPtr> Analyzer::ExpandTimeWindow(const PlanPtr& node) const {
  RUNNEL_ASSIGN_OR_RAISE(ExprPtr call, FindWindowCall(node->group_by, nullptr));
  RUNNEL_ASSIGN_OR_RAISE(call, FindWindowCall(node->exprs, call));
  if (call == nullptr) return PlanPtr();
  const PlanPtr& child = node->children[0];
  if (call->children.size() < 2 || call->children.size() > 4) {
    return Status::Analysis("window() takes 2 to 4 arguments, got " +
                            std::to_string(call->children.size()) +
                            ". Usage: window(ts, duration[, slide[, start]])");
  }
  expr::ExprBinder binder({child->schema.get(), &child->qualifiers}, registry_);
  function::BindArgs args;
  args.name = "window";
  for (const auto& a : call->children) {
    RUNNEL_ASSIGN_OR_RAISE(ExprPtr b, binder.Bind(a));
    args.types.push_back(b->type);
    args.constants.push_back(b->kind == ExprKind::kLiteral ? std::optional<type::Value>(b->literal)
                                                           : std::nullopt);
  }
  RUNNEL_ASSIGN_OR_RAISE(function::TimeWindowSpec spec, function::BindTimeWindowSpec(args));
  ExprPtr generator = expr::Call(
      "__time_windows",
      {call->children[0], expr::Literal(type::Value::BigInt(spec.duration)),
       expr::Literal(type::Value::BigInt(spec.slide)), expr::Literal(type::Value::BigInt(spec.start))});
  std::string column = GeneratedName(*child);
  RUNNEL_ASSIGN_OR_RAISE(PlanPtr generate, ResolveGenerate(child, generator, {column}));
  auto rewritten = std::make_shared<LogicalPlan>(*node);
  rewritten->children = {generate};
  rewritten->group_by = ReplaceWindowCall(node->group_by, call, column);
  rewritten->exprs = ReplaceWindowCall(node->exprs, call, column);
  return PlanPtr(rewritten);
}

}  // namespace runnel::plan
