// The differential mode (`runnel-slt --differential duckdb`): runs a golden file on Runnel and
// on DuckDB and compares the rows of every query the two dialects agree on. The expected
// blocks in the file are not read here; the ordinary run checks those.
//
// Per record: `statement ok` runs on both engines (so views exist on both), `statement error`
// only on Runnel's ordinary run (not here), `query` runs on both and DuckDB's rows must equal
// Runnel's after CanonicalCell (canonical_cell.h), in the record's sort mode. A `# duckdb:`
// annotation (duckdb_annotation.h) skips a record or replaces its SQL for DuckDB.
#pragma once

#include <string>

#include "slt/duckdb_process.h"
#include "slt/engine.h"
#include "slt/record_kinds.h"
#include "slt/runner.h"

namespace runnel::slt {

// Runs `path` on `runnel` (a fresh engine) and on DuckDB through `helper`. The outcome's
// failures name file:line, the SQL, and DuckDB's rows against Runnel's.
FileOutcome RunDifferentialFile(const std::string& path, SltEngine& runnel,
                                const DuckDbHelper& helper, const RecordKindRegistry& registry);

}  // namespace runnel::slt
