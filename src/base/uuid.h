// Random (version 4) UUIDs: a streaming query's id and each run's runId.
#pragma once

#include <string>

namespace runnel::base {

// "1ab1ee6f-993c-4a51-824c-1c7cc8202f62": 122 random bits from the OS's entropy source.
std::string RandomUuid();

}  // namespace runnel::base
