// Parquet files DuckDB cannot write, put together page by page from Runnel's encoders and
// footer structs: INT96 timestamps (PLAIN and dictionary-encoded) and the delta encodings in
// both data page versions, DELTA_BYTE_ARRAY included, and BYTE_STREAM_SPLIT over integers and
// fixed-length byte arrays. DuckDB reads them as the referee (all but the last, which it cannot
// read): what it reads must equal the values they were made from (<name>.expected.txt), and so
// must Runnel.
#pragma once

#include <string>

namespace runnel::interop {

// Writes <name>.parquet and <name>.expected.txt into `out_dir`; returns 0 (a process exit code).
int WriteHandmadeFiles(const std::string& out_dir);

}  // namespace runnel::interop
