// The Runnel side of the `stream ...` records: MemoryStream sources, queries run one trigger at
// a time on a manual clock (no threads, no sleeps), a sink that keeps each batch's rows, and
// crashes injected through the engine's fault points.
#pragma once

#include <memory>
#include <string>

#include "runnel/session.h"
#include "slt/engine.h"

namespace runnel::slt {

// Checkpoints go under `scratch_dir`.
std::unique_ptr<StreamDriver> MakeRunnelStreamDriver(std::shared_ptr<Session> session, std::string scratch_dir);

}  // namespace runnel::slt
