// UNION, INTERSECT and EXCEPT. Columns match by position and take the left side's names.
// INTERSECT and EXCEPT (DISTINCT) are NULL-safe, as in Spark: both sides are unioned with
// marker columns, grouped by every column (NULLs group together), and the groups kept whose
// markers show rows from the right sides.
#include "base/spelling.h"
#include "sql/binder.h"

namespace runnel::sql {

using EP = expr::ExprPtr;
using plan::PlanPtr;

namespace {

constexpr char kLeftMarker[] = "__runnel_in_left";
constexpr char kRightMarker[] = "__runnel_in_right";

std::string DataColumn(int i) { return "__runnel_c" + std::to_string(i); }

// The side's columns under private names, plus its two markers.
PlanPtr Marked(const PlanPtr& side, bool left) {
  std::vector<EP> exprs;
  for (int i = 0; i < side->schema->num_fields(); ++i) {
    const type::Field& f = side->schema->field(i);
    exprs.push_back(expr::Alias(expr::BoundColumn(i, f.type, f.name), DataColumn(i)));
  }
  exprs.push_back(expr::Alias(expr::Literal(type::Value::Int(left ? 1 : 0)), kLeftMarker));
  exprs.push_back(expr::Alias(expr::Literal(type::Value::Int(left ? 0 : 1)), kRightMarker));
  return plan::Project(side, std::move(exprs));
}

}  // namespace

Result<PlanPtr> Binder::BindSetOperation(const SetOperationTerm& term) const {
  RUNNEL_ASSIGN_OR_RAISE(PlanPtr left, BindTerm(*term.left));
  RUNNEL_ASSIGN_OR_RAISE(PlanPtr right, BindTerm(*term.right));
  if (term.op == SetOp::kUnion) {
    PlanPtr u = plan::Union(left, right);
    return term.all ? u : plan::Distinct(u);
  }
  const char* name = term.op == SetOp::kIntersect ? "INTERSECT" : "EXCEPT";
  if (term.all) {
    return Status::NotSupported(std::string(name) + " ALL is not supported yet " + PositionText(term.position()) +
                                "; use " + name + " (DISTINCT)");
  }
  RUNNEL_ASSIGN_OR_RAISE(PlanPtr l, Analyze(left));
  RUNNEL_ASSIGN_OR_RAISE(PlanPtr r, Analyze(right));
  int n = l->schema->num_fields();
  if (r->schema->num_fields() != n) {
    return Status::Analysis(std::string(name) + " needs the same number of columns on both sides: " + std::to_string(n) +
                            " (" + l->schema->ToString() + ") vs " + std::to_string(r->schema->num_fields()) + " (" +
                            r->schema->ToString() + ")");
  }
  std::vector<EP> groups, outputs, visible;
  for (int i = 0; i < n; ++i) {
    groups.push_back(expr::Column(DataColumn(i)));
    outputs.push_back(expr::Column(DataColumn(i)));
    visible.push_back(expr::Alias(expr::Column(DataColumn(i)), l->schema->field(i).name));
  }
  outputs.push_back(expr::Alias(expr::Call("max", {expr::Column(kLeftMarker)}), kLeftMarker));
  outputs.push_back(expr::Alias(expr::Call("max", {expr::Column(kRightMarker)}), kRightMarker));
  PlanPtr grouped = plan::Aggregate(plan::Union(Marked(l, true), Marked(r, false)), groups, outputs);
  EP one = expr::Literal(type::Value::Int(1));
  EP in_left = expr::Call("equal", {expr::Column(kLeftMarker), one});
  EP in_right = expr::Call("equal", {expr::Column(kRightMarker), one});
  EP keep = term.op == SetOp::kIntersect ? expr::Call("and", {in_left, in_right})
                                              : expr::Call("and", {in_left, expr::Call("not", {in_right})});
  return plan::Project(plan::Filter(grouped, keep), visible);
}

}  // namespace runnel::sql
