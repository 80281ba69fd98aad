// Turns an analyzed, optimized logical plan into physical operators, choosing the partial /
// final split of aggregations, the exchanges (shuffles) and the join algorithm.
#pragma once

#include "base/status.h"
#include "exec/physical_op.h"
#include "plan/logical_plan.h"

namespace runnel::exec {

Result<PhysicalOpPtr> PlanPhysical(const plan::PlanPtr& plan, int shuffle_partitions);

}  // namespace runnel::exec
