// Runs a DataFrame's plan: analyze, optimize, plan physically, execute. Also renders EXPLAIN.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "exec/physical_op.h"
#include "plan/logical_plan.h"
#include "session/session_state.h"

namespace runnel {

class QueryExecution {
 public:
  QueryExecution(const SessionState& session, plan::PlanPtr plan) : session_(session), plan_(std::move(plan)) {}

  Result<plan::PlanPtr> Analyzed();
  Result<plan::PlanPtr> Optimized();
  Result<exec::PhysicalOpPtr> Physical();
  Result<std::vector<vector::Batch>> Collect();
  Result<std::string> Explain(bool extended);

 private:
  const SessionState& session_;
  plan::PlanPtr plan_;
  plan::PlanPtr analyzed_, optimized_;
  exec::PhysicalOpPtr physical_;
};

}  // namespace runnel
