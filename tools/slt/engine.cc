#include "slt/engine.h"

#include "slt/echo_engine.h"
#include "slt/runnel_engine.h"

namespace runnel::slt {

std::vector<std::string> EngineNames() { return {"runnel", "echo"}; }

Result<std::unique_ptr<SltEngine>> MakeEngine(std::string_view name) {
  if (name == "runnel") return MakeRunnelEngine(Session::Make());
  if (name == "echo") return MakeEchoEngine();
  return Status::InvalidArgument("Unknown engine '" + std::string(name) +
                                 "'. Use --engine runnel or --engine echo");
}

}  // namespace runnel::slt
