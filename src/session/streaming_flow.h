// A streaming flow of the SQL surface (the flow feeding a streaming table, or CREATE FLOW):
// compiled from its defining statement in this session, then run with Trigger.AvailableNow
// against its checkpoint under the warehouse, ending with a one-line summary. CREATE runs it
// first; REFRESH compiles the stored statement again and runs it from where it stopped.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "catalog/pipeline_catalog.h"
#include "plan/logical_plan.h"
#include "session/session_state.h"
#include "sql/ast.h"
#include "streaming/sink.h"

namespace runnel {

struct CompiledFlow {
  catalog::FlowDefinition definition;
  std::string label;  // "streaming table clean", "flow alerts": the summary's subject
  plan::PlanPtr query;
  plan::OutputMode mode = plan::OutputMode::kAppend;
  streaming::SinkPtr sink;
  // After the query started: a memory sink's rows become readable as the sink's name.
  std::function<void()> after_start;
};

// The warehouse's pipeline definitions for this session's warehouse.
catalog::PipelineCatalog SessionPipelines(const std::shared_ptr<SessionState>& state);

// `text` is the statement as written (stored for REFRESH).
Result<CompiledFlow> CompileStreamingTable(const std::shared_ptr<SessionState>& state,
                                           const sql::CreateStreamingTableStatement& statement,
                                           const std::string& text);
Result<CompiledFlow> CompileFlow(const std::shared_ptr<SessionState>& state,
                                 const sql::CreateFlowStatement& statement,
                                 const std::string& text);
// Compiles a stored definition: its statement parsed and bound again in this session.
Result<CompiledFlow> CompileDefinition(const std::shared_ptr<SessionState>& state,
                                       const catalog::FlowDefinition& definition);

// Runs the flow over what is available now, then stops. `fresh`: a new flow, whose leftover
// checkpoint (from a crash during an earlier drop) is deleted first, and whose checkpoint is
// removed again when it cannot start. `save`: stores the definition once the query started.
// Returns the summary: "<label>: 3 batches, 120 rows".
Result<std::string> RunFlow(const std::shared_ptr<SessionState>& state, CompiledFlow flow,
                            bool fresh, bool save);

}  // namespace runnel
