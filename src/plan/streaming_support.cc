#include "plan/streaming_support.h"

#include <algorithm>

#include "base/spelling.h"

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
  std::string lower = base::ToLower(text);
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

bool HasAggregation(const PlanPtr& plan);
void WatermarkColumns(const LogicalPlan& plan, std::vector<std::string>* names);

// Several stateful operators run chained only in Append mode (Spark 3.4+): each later operator
// sees the earlier one's final rows. In Update and Complete modes the earlier operator's output
// changes, and the later one cannot take rows back.
Status CheckChained(const LogicalPlan& node, OutputMode mode) {
  if (mode == OutputMode::kAppend) return Status::OK();
  bool below = std::any_of(node.children.begin(), node.children.end(), HasAggregation);
  if (!below) return Status::OK();
  if (!node.deduplicate) {
    return Unsupported("Multiple streaming aggregations are not supported with streaming DataFrames/Datasets in " +
                       std::string(OutputModeName(mode)) + " output mode: chain stateful operators in Append output mode");
  }
  return Unsupported("dropDuplicates after a streaming aggregation is not supported in " + std::string(OutputModeName(mode)) +
                     " output mode: chain stateful operators in Append output mode");
}

Status CheckSessionAggregate(const LogicalPlan& node, OutputMode mode) {
  if (mode == OutputMode::kUpdate) {
    return Unsupported("Update output mode not supported for session window on streaming DataFrames/DataSets");
  }
  if (node.group_by.size() == 1) {
    return Unsupported("Global aggregation with session window in streaming query is not supported: group by at least "
                       "one column besides session_window()");
  }
  return Status::OK();
}

Status CheckAggregate(const LogicalPlan& node, OutputMode mode) {
  RUNNEL_RETURN_NOT_OK(CheckChained(node, mode));
  if (node.session_key >= 0) RUNNEL_RETURN_NOT_OK(CheckSessionAggregate(node, mode));
  if (node.deduplicate) {
    std::vector<std::string> watermarked;
    for (const auto& c : node.children) WatermarkColumns(*c, &watermarked);
    if (node.within_watermark && watermarked.empty()) {
      return Unsupported("dropDuplicatesWithinWatermark is not supported on streaming DataFrames/DataSets without watermark");
    }
    // Complete mode needs an aggregation somewhere (CheckStreamingSupport); a dropDuplicates
    // below it is fine (its rows are final), one above it is rejected by CheckChained.
    return Status::OK();
  }
  if (mode == OutputMode::kAppend && EventTimeKeyIndex(node) < 0) {
    return Unsupported(
        "Append output mode not supported when there are streaming aggregations on streaming "
        "DataFrames/DataSets without watermark: group by a watermarked event-time column or a window over it, "
        "or use Update or Complete output mode");
  }
  return Status::OK();
}

Status CheckNode(const LogicalPlan& node, OutputMode mode) {
  if (!node.is_streaming()) return Status::OK();  // a static subtree runs as a batch each trigger
  RUNNEL_RETURN_NOT_OK(CheckExpressions(node));
  switch (node.kind) {
    case PlanKind::kAggregate: return CheckAggregate(node, mode);
    case PlanKind::kDistinct: return Status::Internal("Distinct must be analyzed away");
    case PlanKind::kSort:
      if (mode == OutputMode::kComplete && HasAggregation(node.children[0])) return Status::OK();
      return Unsupported(
          "Sorting is not supported on streaming DataFrames/Datasets, unless it is on aggregated DataFrame/Dataset "
          "in Complete output mode");
    case PlanKind::kLimit:
      return Unsupported(node.offset > 0 ? "Offset is not supported on streaming DataFrames/Datasets"
                                         : "Limit on a streaming DataFrame/Dataset is not supported yet");
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

Status CheckTree(const PlanPtr& plan, OutputMode mode) {
  RUNNEL_RETURN_NOT_OK(CheckNode(*plan, mode));
  for (const auto& c : plan->children) RUNNEL_RETURN_NOT_OK(CheckTree(c, mode));
  return Status::OK();
}

void WatermarkColumns(const LogicalPlan& plan, std::vector<std::string>* names) {
  if (plan.kind == PlanKind::kEventTimeWatermark) names->push_back(plan.exprs[0]->name);
  for (const auto& c : plan.children) WatermarkColumns(*c, names);
}

bool HasAggregation(const PlanPtr& plan) {
  if (plan->is_streaming() && plan->kind == PlanKind::kAggregate && !plan->deduplicate) return true;
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
  return CheckTree(analyzed, mode);
}

bool IsWatermarked(const LogicalPlan& node, const expr::ExprPtr& column) {
  if (column->kind != expr::ExprKind::kBoundColumn) return false;
  std::vector<std::string> watermarked;
  for (const auto& c : node.children) WatermarkColumns(*c, &watermarked);
  return std::any_of(watermarked.begin(), watermarked.end(),
                     [&](const std::string& name) { return base::EqualsIgnoreCase(name, column->name); });
}

int EventTimeKeyIndex(const LogicalPlan& aggregate) {
  if (aggregate.session_key >= 0) {
    // A session is event time only when its rows' time is the watermarked column.
    const LogicalPlan* sessionize = &aggregate;
    while (sessionize->kind != PlanKind::kSessionize && !sessionize->children.empty()) {
      sessionize = sessionize->children[0].get();
    }
    bool watermarked = sessionize->kind == PlanKind::kSessionize && IsWatermarked(*sessionize, sessionize->exprs[0]);
    return watermarked ? aggregate.session_key : -1;
  }
  std::vector<std::string> watermarked;
  for (const auto& c : aggregate.children) WatermarkColumns(*c, &watermarked);
  if (watermarked.empty()) return -1;
  for (size_t i = 0; i < aggregate.group_by.size(); ++i) {
    const auto& key = aggregate.group_by[i];
    const auto& type = key->type;
    if (type->id() == type::TypeId::kTimestamp && IsWatermarked(aggregate, key)) return static_cast<int>(i);
    // window() keys, also a window or session of an earlier aggregation: STRUCT<start, end TIMESTAMP>.
    if (type->id() == type::TypeId::kStruct && type->num_fields() == 2 &&
        type->fields()[1].type->id() == type::TypeId::kTimestamp && base::EqualsIgnoreCase(type->fields()[1].name, "end")) {
      return static_cast<int>(i);
    }
  }
  return -1;
}

}  // namespace runnel::plan
