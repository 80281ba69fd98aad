// `write-file PATH`: a golden file writes the input files its statements read (the files a
// streaming table picks up, a new one before REFRESH), into the engine's per-file test directory,
// which SQL names as __TEST_DIR__ (test/sql/README.md).
#pragma once

#include "slt/record_kinds.h"

namespace runnel::slt {

void RegisterFileRecordKinds(RecordKindRegistry& registry);

}  // namespace runnel::slt
