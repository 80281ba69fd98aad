// BatchLog moved to io/batch_log.h (catalog reads a file sink's manifest with it); these names
// keep streaming code that predates the move compiling.
#pragma once

#include "io/batch_log.h"

namespace runnel::streaming {

using io::BatchLog;
using io::ParseVersionedText;

}  // namespace runnel::streaming
