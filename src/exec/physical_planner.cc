#include "exec/physical_planner.h"

#include "exec/operators/operators.h"

namespace runnel::exec {

using plan::JoinType;
using plan::PlanKind;

namespace {

class PhysicalPlanner {
 public:
  PhysicalPlanner(int partitions, PlannerHooks hooks) : partitions_(partitions), hooks_(std::move(hooks)) {}

  Result<PhysicalOpPtr> Plan(const plan::PlanPtr& p) {
    switch (p->kind) {
      case PlanKind::kScan: return MakeScan(p->source, p->projection, p->schema, p->pushed_filters);
      case PlanKind::kValues: {
        auto source = std::make_shared<plan::InMemorySource>(p->schema, p->rows, "LocalRelation");
        std::vector<int> all;
        for (int i = 0; i < p->schema->num_fields(); ++i) all.push_back(i);
        return MakeScan(source, all, p->schema);
      }
      case PlanKind::kSubqueryAlias: return Plan(p->children[0]);
      case PlanKind::kProject: {
        RUNNEL_ASSIGN_OR_RAISE(PhysicalOpPtr child, Plan(p->children[0]));
        return MakeProject(child, p->exprs, p->schema);
      }
      case PlanKind::kFilter: {
        RUNNEL_ASSIGN_OR_RAISE(PhysicalOpPtr child, Plan(p->children[0]));
        return MakeFilter(child, p->exprs[0]);
      }
      case PlanKind::kAggregate: return PlanAggregate(p);
      case PlanKind::kJoin: return PlanJoin(p);
      case PlanKind::kSort: {
        RUNNEL_ASSIGN_OR_RAISE(PhysicalOpPtr child, Plan(p->children[0]));
        return MakeSort(Gather(child), p->exprs);
      }
      case PlanKind::kLimit: {
        RUNNEL_ASSIGN_OR_RAISE(PhysicalOpPtr child, Plan(p->children[0]));
        if (child->NumPartitions() == 1) return MakeLimit(child, p->limit, p->offset);
        // Each partition keeps at most limit + offset rows before the gather.
        PhysicalOpPtr local = MakeLimit(child, p->limit < 0 ? -1 : p->limit + p->offset, 0);
        return MakeLimit(Gather(local), p->limit, p->offset);
      }
      case PlanKind::kUnion: {
        std::vector<PhysicalOpPtr> children;
        for (const auto& c : p->children) {
          RUNNEL_ASSIGN_OR_RAISE(PhysicalOpPtr op, Plan(c));
          children.push_back(std::move(op));
        }
        return MakeUnion(std::move(children), p->schema);
      }
      case PlanKind::kGenerate: {
        RUNNEL_ASSIGN_OR_RAISE(PhysicalOpPtr child, Plan(p->children[0]));
        return MakeGenerate(child, p->bound_generator, p->generator_args, p->generator_outer, p->schema);
      }
      case PlanKind::kSessionize: {
        // Every row of a key in one partition; a key-less session is global.
        RUNNEL_ASSIGN_OR_RAISE(PhysicalOpPtr child, Plan(p->children[0]));
        if (hooks_.sessionize && p->is_streaming()) return hooks_.sessionize(child, p);
        PhysicalOpPtr input = p->group_by.empty() ? Gather(child)
                                                  : MakeExchange(child, p->group_by, partitions_);
        return MakeSessionWindow(input, p->group_by, p->exprs[0], p->exprs[1], p->schema);
      }
      case PlanKind::kEventTimeWatermark: {
        RUNNEL_ASSIGN_OR_RAISE(PhysicalOpPtr child, Plan(p->children[0]));
        return MakeEventTimeWatermark(child, p->exprs[0]->index, p->delay_micros);
      }
      case PlanKind::kDistinct: return Status::Internal("Distinct must be analyzed away");
    }
    return Status::Internal("unknown plan node");
  }

 private:
  PhysicalOpPtr Gather(PhysicalOpPtr child) {
    if (child->NumPartitions() == 1) return child;
    return MakeExchange(std::move(child), {}, 1);
  }

  Result<PhysicalOpPtr> PlanAggregate(const plan::PlanPtr& p) {
    RUNNEL_ASSIGN_OR_RAISE(PhysicalOpPtr child, Plan(p->children[0]));
    type::SchemaPtr partial_schema = PartialAggregateSchema(p->group_by, *p->schema, p->aggregates);
    PhysicalOpPtr partial = MakeHashAggregate(child, AggregateMode::kPartial, p->group_by, p->aggregates,
                                              partial_schema);
    const bool stateful = hooks_.stateful_aggregate && p->children[0]->is_streaming();
    std::vector<expr::ExprPtr> keys;
    for (size_t i = 0; i < p->group_by.size(); ++i) {
      if (stateful && static_cast<int>(i) == p->session_key) continue;
      keys.push_back(expr::BoundColumn(static_cast<int>(i), p->group_by[i]->type,
                                       partial_schema->field(static_cast<int>(i)).name));
    }
    PhysicalOpPtr exchange = MakeExchange(partial, keys, partitions_);
    if (stateful) {
      return hooks_.stateful_aggregate(exchange, p, partial_schema);
    }
    return MakeHashAggregate(exchange, AggregateMode::kFinal, p->group_by, p->aggregates, p->schema);
  }

  Result<PhysicalOpPtr> PlanJoin(const plan::PlanPtr& p) {
    RUNNEL_ASSIGN_OR_RAISE(PhysicalOpPtr left, Plan(p->children[0]));
    RUNNEL_ASSIGN_OR_RAISE(PhysicalOpPtr right, Plan(p->children[1]));
    if (!p->left_keys.empty()) {
      return MakeHashJoin(MakeExchange(left, p->left_keys, partitions_),
                          MakeExchange(right, p->right_keys, partitions_), p->join_type, p->left_keys,
                          p->right_keys, p->condition, p->schema);
    }
    // No equality keys: every left row meets the whole right side. Right and full outer joins
    // must see all left rows in one place to know which right rows never matched.
    if (p->join_type == JoinType::kRightOuter || p->join_type == JoinType::kFullOuter) left = Gather(left);
    return MakeNestedLoopJoin(left, MakeExchange(right, {}, 1), p->join_type, p->condition, p->schema);
  }

  int partitions_;
  PlannerHooks hooks_;
};

}  // namespace

Result<PhysicalOpPtr> PlanPhysical(const plan::PlanPtr& plan, int shuffle_partitions) {
  return PhysicalPlanner(shuffle_partitions, PlannerHooks{}).Plan(plan);
}

Result<PhysicalOpPtr> PlanPhysical(const plan::PlanPtr& plan, int shuffle_partitions, const PlannerHooks& hooks) {
  return PhysicalPlanner(shuffle_partitions, hooks).Plan(plan);
}

}  // namespace runnel::exec
