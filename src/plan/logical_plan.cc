#include "plan/logical_plan.h"

#include "base/spelling.h"

namespace runnel::plan {

const char* JoinTypeName(JoinType type) {
  switch (type) {
    case JoinType::kInner: return "Inner";
    case JoinType::kLeftOuter: return "LeftOuter";
    case JoinType::kRightOuter: return "RightOuter";
    case JoinType::kFullOuter: return "FullOuter";
    case JoinType::kLeftSemi: return "LeftSemi";
    case JoinType::kLeftAnti: return "LeftAnti";
    case JoinType::kCross: return "Cross";
  }
  return "?";
}

Result<JoinType> ParseJoinType(const std::string& how) {
  std::string h;
  for (char c : base::ToLower(how)) {
    if (c != '_') h += c;
  }
  if (h == "inner") return JoinType::kInner;
  if (h == "left" || h == "leftouter") return JoinType::kLeftOuter;
  if (h == "right" || h == "rightouter") return JoinType::kRightOuter;
  if (h == "full" || h == "outer" || h == "fullouter") return JoinType::kFullOuter;
  if (h == "leftsemi" || h == "semi") return JoinType::kLeftSemi;
  if (h == "leftanti" || h == "anti") return JoinType::kLeftAnti;
  if (h == "cross") return JoinType::kCross;
  return Status::InvalidArgument(
      "Unsupported join type '" + how +
      "'. Supported: inner, cross, outer, full, fullouter, full_outer, left, leftouter, "
      "left_outer, right, rightouter, right_outer, semi, leftsemi, left_semi, anti, leftanti, "
      "left_anti");
}

bool LogicalPlan::is_streaming() const {
  if (kind == PlanKind::kScan) return source->is_streaming();
  for (const auto& c : children) {
    if (c->is_streaming()) return true;
  }
  return false;
}

namespace {
std::string ExprList(const std::vector<expr::ExprPtr>& exprs) {
  std::vector<std::string> parts;
  for (const auto& e : exprs) parts.push_back(e->ToString());
  return base::JoinStrings(parts, ", ");
}
}  // namespace

std::string LogicalPlan::ToString(int indent) const {
  std::string pad(indent * 2, ' ');
  std::string line;
  switch (kind) {
    case PlanKind::kScan: {
      line = "Scan " + source->Describe();
      if (schema) line += " [" + base::JoinStrings(schema->names(), ", ") + "]";
      if (!pushed_filters.empty()) line += " PushedFilters: [" + ExprList(pushed_filters) + "]";
      break;
    }
    case PlanKind::kValues: line = "LocalRelation [" + (schema ? base::JoinStrings(schema->names(), ", ") : "") + "]"; break;
    case PlanKind::kProject: line = "Project [" + ExprList(exprs) + "]"; break;
    case PlanKind::kFilter: line = "Filter " + exprs[0]->ToString(); break;
    case PlanKind::kAggregate: {
      std::vector<std::string> aggs;
      for (const auto& a : aggregates) aggs.push_back(a.display);
      line = "Aggregate [" + ExprList(group_by) + "], [" +
             (aggregates.empty() && !exprs.empty() ? ExprList(exprs) : base::JoinStrings(aggs, ", ")) + "]";
      break;
    }
    case PlanKind::kJoin: {
      line = std::string("Join ") + JoinTypeName(join_type);
      if (!left_keys.empty()) {
        std::vector<std::string> keys;
        for (size_t i = 0; i < left_keys.size(); ++i) {
          keys.push_back(left_keys[i]->ToString() + " = " + right_keys[i]->ToString());
        }
        line += ", keys [" + base::JoinStrings(keys, ", ") + "]";
      }
      if (condition) line += ", " + condition->ToString();
      if (!using_columns.empty()) line += ", USING (" + base::JoinStrings(using_columns, ", ") + ")";
      break;
    }
    case PlanKind::kSort: line = "Sort [" + ExprList(exprs) + "]"; break;
    case PlanKind::kLimit:
      line = "Limit " + std::to_string(limit) + (offset ? " OFFSET " + std::to_string(offset) : "");
      break;
    case PlanKind::kUnion: line = "Union"; break;
    case PlanKind::kDistinct: line = "Distinct"; break;
    case PlanKind::kGenerate:
      line = std::string("Generate ") + (generator ? generator->ToString() : "") +
             (generator_outer ? " outer" : "") + " [" + base::JoinStrings(generator_names, ", ") + "]";
      break;
    case PlanKind::kSubqueryAlias: line = "SubqueryAlias " + alias; break;
    case PlanKind::kSessionize:
      line = "Sessionize [" + ExprList(group_by) + "] " + ExprList(exprs);
      break;
    case PlanKind::kEventTimeWatermark:
      line = "EventTimeWatermark " + exprs[0]->ToString() + ", " + std::to_string(delay_micros / 1000) + " ms";
      break;
  }
  std::string out = pad + line + "\n";
  for (const auto& c : children) out += c->ToString(indent + 1);
  return out;
}

namespace {
std::shared_ptr<LogicalPlan> Node(PlanKind kind, std::vector<PlanPtr> children = {}) {
  auto p = std::make_shared<LogicalPlan>();
  p->kind = kind;
  p->children = std::move(children);
  return p;
}
}  // namespace

PlanPtr Scan(DataSourcePtr source) {
  auto p = Node(PlanKind::kScan);
  p->source = std::move(source);
  return p;
}
PlanPtr Values(type::SchemaPtr schema, std::vector<vector::Batch> rows) {
  auto p = Node(PlanKind::kValues);
  p->schema = std::move(schema);
  p->rows = std::move(rows);
  return p;
}
PlanPtr Project(PlanPtr child, std::vector<expr::ExprPtr> exprs) {
  auto p = Node(PlanKind::kProject, {std::move(child)});
  p->exprs = std::move(exprs);
  return p;
}
PlanPtr Filter(PlanPtr child, expr::ExprPtr condition) {
  auto p = Node(PlanKind::kFilter, {std::move(child)});
  p->exprs = {std::move(condition)};
  return p;
}
PlanPtr Aggregate(PlanPtr child, std::vector<expr::ExprPtr> group_by,
                  std::vector<expr::ExprPtr> outputs) {
  auto p = Node(PlanKind::kAggregate, {std::move(child)});
  p->group_by = std::move(group_by);
  p->exprs = std::move(outputs);
  return p;
}
PlanPtr Join(PlanPtr left, PlanPtr right, JoinType type, expr::ExprPtr condition,
             std::vector<std::string> using_columns) {
  auto p = Node(PlanKind::kJoin, {std::move(left), std::move(right)});
  p->join_type = type;
  p->condition = std::move(condition);
  p->using_columns = std::move(using_columns);
  return p;
}
PlanPtr Sort(PlanPtr child, std::vector<expr::ExprPtr> keys) {
  auto p = Node(PlanKind::kSort, {std::move(child)});
  p->exprs = std::move(keys);
  return p;
}
PlanPtr Limit(PlanPtr child, int64_t limit, int64_t offset) {
  auto p = Node(PlanKind::kLimit, {std::move(child)});
  p->limit = limit;
  p->offset = offset;
  return p;
}
PlanPtr Union(PlanPtr left, PlanPtr right) {
  return Node(PlanKind::kUnion, {std::move(left), std::move(right)});
}
PlanPtr Distinct(PlanPtr child) { return Node(PlanKind::kDistinct, {std::move(child)}); }
PlanPtr SubqueryAlias(PlanPtr child, std::string alias) {
  auto p = Node(PlanKind::kSubqueryAlias, {std::move(child)});
  p->alias = std::move(alias);
  return p;
}

PlanPtr EventTimeWatermark(PlanPtr child, expr::ExprPtr event_time, int64_t delay_micros) {
  auto p = Node(PlanKind::kEventTimeWatermark, {std::move(child)});
  p->exprs = {std::move(event_time)};
  p->delay_micros = delay_micros;
  return p;
}

PlanPtr WithChildren(const PlanPtr& plan, std::vector<PlanPtr> children) {
  auto p = std::make_shared<LogicalPlan>(*plan);
  p->children = std::move(children);
  return p;
}

}  // namespace runnel::plan
