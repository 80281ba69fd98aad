// Turns an analyzed, optimized logical plan into physical operators, choosing the partial /
// final split of aggregations, the exchanges (shuffles) and the join algorithm.
#pragma once

#include <functional>

#include "base/status.h"
#include "exec/physical_op.h"
#include "plan/logical_plan.h"

namespace runnel::exec {

Result<PhysicalOpPtr> PlanPhysical(const plan::PlanPtr& plan, int shuffle_partitions);

// Streaming replaces the final step of an aggregation over a stream by a stateful one that
// merges each batch into the state store: `stateful_aggregate(exchange, aggregate,
// partial_schema)` gets the shuffled partial aggregates and the logical Aggregate node. For an
// aggregation over session_window() the exchange keeps a key's sessions together (it hashes
// the other keys only), and `sessionize(child, node)` replaces the Sessionize node: a stream
// gives each row its own session and merges sessions in the state store.
struct PlannerHooks {
  std::function<Result<PhysicalOpPtr>(PhysicalOpPtr exchange, const plan::PlanPtr& aggregate,
                                      type::SchemaPtr partial_schema)>
      stateful_aggregate;
  std::function<Result<PhysicalOpPtr>(PhysicalOpPtr child, const plan::PlanPtr& sessionize)> sessionize;
};
Result<PhysicalOpPtr> PlanPhysical(const plan::PlanPtr& plan, int shuffle_partitions, const PlannerHooks& hooks);

}  // namespace runnel::exec
