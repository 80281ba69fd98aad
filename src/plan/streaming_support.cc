#include "plan/streaming_support.h"

#include <algorithm>
#include <cctype>

namespace runnel::plan {

const char* OutputModeName(OutputMode mode) {
  switch (mode) {
    case OutputMode::kAppend: return "Append";
    case OutputMode::kUpdate: return "Update";
    case OutputMode::kComplete: return "Complete";
  }
  return "?";
}

Result<OutputMode> ParseOutputMode(const std::string& text) {
  std::string lower = text;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  if (lower == "append") return OutputMode::kAppend;
  if (lower == "update") return OutputMode::kUpdate;
  if (lower == "complete") return OutputMode::kComplete;
  return Status::InvalidArgument("Unknown output mode '" + text + "'. Accepted output modes are 'append', 'update', 'complete'");
}

namespace {

Status Unsupported(const std::string& what) { return Status::Analysis(what); }

bool HasNonDeterministicPartitionFunction(const expr::ExprPtr& e) {
  if (!e) return false;
  if (e->kind == expr::ExprKind::kCall &&
      (e->name == "monotonically_increasing_id" || e->name == "spark_partition_id")) {
    return true;
  }
  for (const auto& c : e->children) {
    if (HasNonDeterministicPartitionFunction(c)) return true;
  }
  return false;
}

Status CheckExpressions(const LogicalPlan& node) {
  std::vector<expr::ExprPtr> all = node.exprs;
  all.insert(all.end(), node.group_by.begin(), node.group_by.end());
  if (node.condition) all.push_back(node.condition);
  for (const auto& e : all) {
    if (HasNonDeterministicPartitionFunction(e)) {
      return Unsupported("Expression(s): " + e->ToString() +
                         " is not supported with streaming DataFrames/Datasets: its value depends on how a "
                         "micro-batch is split into partitions");
    }
  }
  return Status::OK();
}

Status CheckJoin(const LogicalPlan& node) {
  bool left = node.children[0]->is_streaming(), right = node.children[1]->is_streaming();
  if (left && right) {
    return Unsupported(std::string("Join between two streaming DataFrames/Datasets (") + JoinTypeName(node.join_type) +
                       ") is not supported yet: Runnel joins a stream with a static DataFrame only");
  }
  auto reject = [&](const char* side_desc) {
    return Unsupported(std::string(JoinTypeName(node.join_type)) + " join with " + side_desc +
                       " not supported: rows of the static side would need the whole stream to know they have no "
                       "match");
  };
  switch (node.join_type) {
    case JoinType::kInner:
    case JoinType::kCross: return Status::OK();
    case JoinType::kLeftOuter:
    case JoinType::kLeftSemi:
    case JoinType::kLeftAnti:
      if (right) return reject("a streaming DataFrame/Dataset on the right and a static DataFrame/Dataset on the left");
      return Status::OK();
    case JoinType::kRightOuter:
      if (left) return reject("a streaming DataFrame/Dataset on the left and a static DataFrame/Dataset on the right");
      return Status::OK();
    case JoinType::kFullOuter:
      return reject("a streaming DataFrame/Dataset and a static DataFrame/Dataset");
  }
  return Status::OK();
}

Status CheckNode(const LogicalPlan& node) {
  if (!node.is_streaming()) return Status::OK();  // a static subtree runs as a batch each trigger
  RUNNEL_RETURN_NOT_OK(CheckExpressions(node));
  switch (node.kind) {
    case PlanKind::kAggregate:
    case PlanKind::kDistinct:
      return Unsupported(
          "Aggregation on a streaming DataFrame/Dataset (" + node.ToString().substr(0, 120) +
          ") is not supported yet: streaming aggregations need the state store. Runnel runs stateless streaming "
          "queries now (select, filter, withColumn, explode, union, stream-static joins)");
    case PlanKind::kSessionize:
      return Unsupported("session_window on a streaming DataFrame/Dataset is not supported yet: it needs the state store");
    case PlanKind::kSort:
      return Unsupported(
          "Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated DataFrame/Dataset "
          "in Complete output mode");
    case PlanKind::kLimit:
      return Unsupported(node.offset > 0 ? "Offset is not supported on streaming DataFrames/Datasets"
                                         : "Limit on a streaming DataFrame/Dataset is not supported yet: it needs the state store");
    case PlanKind::kJoin: return CheckJoin(node);
    case PlanKind::kUnion: {
      bool any_static = std::any_of(node.children.begin(), node.children.end(),
                                    [](const PlanPtr& c) { return !c->is_streaming(); });
      if (any_static) return Unsupported("Union between streaming and batch DataFrames/Datasets is not supported");
      return Status::OK();
    }
    default: return Status::OK();
  }
}

Status CheckTree(const PlanPtr& plan) {
  RUNNEL_RETURN_NOT_OK(CheckNode(*plan));
  for (const auto& c : plan->children) RUNNEL_RETURN_NOT_OK(CheckTree(c));
  return Status::OK();
}

bool HasAggregation(const PlanPtr& plan) {
  if (plan->is_streaming() && (plan->kind == PlanKind::kAggregate || plan->kind == PlanKind::kDistinct)) return true;
  return std::any_of(plan->children.begin(), plan->children.end(), HasAggregation);
}

}  // namespace

Status CheckStreamingSupport(const PlanPtr& analyzed, OutputMode mode) {
  if (!analyzed->is_streaming()) {
    return Status::Analysis("Queries without streaming sources cannot be executed with writeStream.start()");
  }
  if (mode == OutputMode::kComplete && !HasAggregation(analyzed)) {
    return Status::Analysis(
        "Complete output mode not supported when there are no streaming aggregations on streaming "
        "DataFrames/Datasets");
  }
  return CheckTree(analyzed);
}

}  // namespace runnel::plan
