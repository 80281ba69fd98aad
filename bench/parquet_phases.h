// Times the phases of Runnel's Parquet writer and reader from outside (format/parquet's own
// functions, one after another, on one thread): shredding, column-chunk encoding per column with
// and without compression and dictionaries, writing the file; reading ranges, decoding chunks,
// assembling columns and slicing batches. Comparing configurations isolates what a phase costs
// (the compression is the chunk time with the codec minus without it).
#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "type/schema.h"
#include "vector/batch.h"

namespace runnel::bench {

// Prints the phase tables for `batches` (all of schema `schema`), each figure the best of `runs`;
// scratch files go in `dir`.
Status PrintParquetPhases(const type::SchemaPtr& schema, const std::vector<vector::Batch>& batches,
                          const std::string& dir, int runs);

}  // namespace runnel::bench
