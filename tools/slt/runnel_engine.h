// The production engine: runs golden files through a Runnel Session.
#pragma once

#include <memory>

#include "runnel/session.h"
#include "slt/engine.h"

namespace runnel::slt {

// Until Runnel parses SQL, every statement fails with NotSupported. The SQL front end replaces
// RunnelEngine::Execute (see runnel_engine.cc) and nothing else in the runner changes.
std::unique_ptr<SltEngine> MakeRunnelEngine(std::shared_ptr<Session> session);

}  // namespace runnel::slt
