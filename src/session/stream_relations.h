// What STREAM(name) in SQL and readStream().table(name) read: a view over a source (CREATE
// TEMPORARY VIEW v USING json OPTIONS (...)) or an external table over files, through the same
// streaming source readStream() would make from that format, options and schema; or a managed
// warehouse table, whose commits are read as they come (streaming::TableStreamSource).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "plan/logical_plan.h"
#include "session/session_state.h"

namespace runnel {

Result<plan::PlanPtr> ResolveStreamRelation(const std::shared_ptr<SessionState>& state,
                                            const std::vector<std::string>& name);

// The formats a view can stream but never read as a bounded table (rate, socket, ...).
bool IsStreamOnlyFormat(const std::string& format);

}  // namespace runnel
