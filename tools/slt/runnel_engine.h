// The production engine: runs golden files through a Runnel Session.
#pragma once

#include <memory>

#include "runnel/session.h"
#include "slt/engine.h"

namespace runnel::slt {

// Each statement runs through Session::sql; a query's rows are collected.
std::unique_ptr<SltEngine> MakeRunnelEngine(std::shared_ptr<Session> session);

}  // namespace runnel::slt
