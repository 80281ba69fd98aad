// session_window(ts, gap) in a GROUP BY (Spark's SessionWindowing rule). Sessions need every
// row of a key at once, so the call becomes a Sessionize node below the Aggregate:
//   Aggregate(group_by: session_window(ts, '5 minutes'), user; count(*))
//   => Aggregate(group_by: __session AS session_window, user; count(*))
//        Sessionize(keys: user; ts, gap) -> child columns + __session
// The gap may be a per-row STRING or INTERVAL expression; a constant string is parsed here.
#include "base/spelling.h"
#include "expr/binder.h"
#include "function/scalar/window_duration.h"
#include "plan/analyzer.h"

namespace runnel::plan {

using expr::ExprKind;
using expr::ExprPtr;

namespace {

// The generated column takes Spark's name, so `SELECT session_window.start ... GROUP BY session_window(...)`
// resolves, unless the input already has a column of that name (chained windows).
std::string GeneratedName(const LogicalPlan& child) {
  return child.schema->FieldIndex("session_window") >= 0 ? "__session" : "session_window";
}

bool IsSessionCall(const ExprPtr& e) {
  const ExprPtr& inner = e->kind == ExprKind::kAlias ? e->children[0] : e;
  return inner->kind == ExprKind::kCall && base::EqualsIgnoreCase(inner->name, "session_window");
}

std::vector<ExprPtr> ReplaceSessionCall(const std::vector<ExprPtr>& exprs, const std::string& key,
                                        const std::string& column) {
  std::vector<ExprPtr> out;
  for (const auto& e : exprs) {
    if (IsSessionCall(e) && e->kind == ExprKind::kCall && e->ToString() == key) {
      out.push_back(expr::Alias(expr::Column(column), "session_window"));
      continue;
    }
    out.push_back(expr::Transform(e, [&](const ExprPtr& n) {
      return n->kind == ExprKind::kCall && n->ToString() == key ? expr::Column(column) : n;
    }));
  }
  return out;
}

}  // namespace

Result<PlanPtr> Analyzer::ExpandSessionWindow(const PlanPtr& node) const {
  ExprPtr call;
  std::vector<ExprPtr> keys;
  for (const auto& g : node->group_by) {
    if (!IsSessionCall(g)) {
      keys.push_back(g->kind == ExprKind::kAlias ? g->children[0] : g);
    } else if (call != nullptr) {
      return Status::Analysis("Multiple session window expressions are not supported: " +
                              call->ToString() + ", " + g->ToString() + ".");
    } else {
      call = g->kind == ExprKind::kAlias ? g->children[0] : g;
    }
  }
  if (call == nullptr) return PlanPtr();
  if (call->children.size() != 2) {
    return Status::Analysis("session_window() takes 2 arguments. Usage: session_window(ts, gap)");
  }
  const PlanPtr& child = node->children[0];
  expr::ExprBinder binder({child->schema.get(), &child->qualifiers}, registry_);
  RUNNEL_ASSIGN_OR_RAISE(ExprPtr ts, binder.Bind(call->children[0]));
  if (ts->type->id() != type::TypeId::kTimestamp) {
    return Status::Analysis("session_window() needs a TIMESTAMP as its first argument, got " +
                            ts->type->ToString() + ".");
  }
  RUNNEL_ASSIGN_OR_RAISE(ExprPtr gap, binder.Bind(call->children[1]));
  if (gap->kind == ExprKind::kLiteral && !gap->literal.is_null()) {
    RUNNEL_ASSIGN_OR_RAISE(int64_t micros,
                           function::WindowDurationMicros(gap->literal, "The session gap"));
    gap = expr::Literal(type::Value::Interval(micros));
  } else if (gap->type->id() != type::TypeId::kString &&
             gap->type->id() != type::TypeId::kInterval) {
    return Status::Analysis("The session gap must be a STRING such as '5 minutes' or an "
                            "INTERVAL, got " + gap->type->ToString() + ".");
  }
  std::vector<ExprPtr> bound_keys;
  for (const auto& k : keys) {
    RUNNEL_ASSIGN_OR_RAISE(ExprPtr b, binder.Bind(k));
    bound_keys.push_back(std::move(b));
  }
  auto sessionize = std::make_shared<LogicalPlan>();
  sessionize->kind = PlanKind::kSessionize;
  sessionize->children = {child};
  sessionize->group_by = std::move(bound_keys);
  sessionize->exprs = {ts, gap};
  std::vector<type::Field> fields = child->schema->fields();
  std::string column = GeneratedName(*child);
  fields.push_back({column,
                    type::Struct({{"start", type::Timestamp(), true},
                                  {"end", type::Timestamp(), true}}),
                    true});
  sessionize->schema = std::make_shared<type::Schema>(std::move(fields));
  sessionize->qualifiers = child->qualifiers;
  sessionize->qualifiers.push_back("");
  sessionize->resolved = true;

  auto rewritten = std::make_shared<LogicalPlan>(*node);
  rewritten->children = {sessionize};
  std::string key = call->ToString();
  rewritten->group_by = ReplaceSessionCall(node->group_by, key, column);
  rewritten->exprs = ReplaceSessionCall(node->exprs, key, column);
  return PlanPtr(rewritten);
}

}  // namespace runnel::plan
