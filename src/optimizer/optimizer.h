// The rule-based optimizer: applies rules/ to a resolved logical plan until nothing changes
// (bounded), as Spark's Catalyst does.
#pragma once

#include "base/status.h"
#include "function/registry.h"
#include "plan/logical_plan.h"

namespace runnel::optimizer {

Result<plan::PlanPtr> Optimize(const plan::PlanPtr& plan, const function::FunctionRegistry& registry);

}  // namespace runnel::optimizer
