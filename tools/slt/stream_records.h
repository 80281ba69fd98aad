// The `stream ...` records of golden files (test/streaming/): steps modelled on Spark's
// StreamTest that the engine's StreamDriver carries out (test/sql/README.md, Streaming records).
#pragma once

#include "slt/record_kinds.h"

namespace runnel::slt {

// stream source | start | add_data | trigger | check_output | check_all | advance_clock |
// crash | restart | stop.
void RegisterStreamRecordKinds(RecordKindRegistry& registry);

}  // namespace runnel::slt
