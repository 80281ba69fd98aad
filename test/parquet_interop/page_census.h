// Counts what a writer configuration really produced, by walking the footer and every page
// header of the Parquet files in a directory: row groups, pages of each kind, codecs and value
// encodings. The driver checks it against the configuration (a v2 configuration must have
// written only v2 data pages, tiny pages must have cut many, ...).
#pragma once

#include <string>

namespace runnel::interop {

// One line of JSON: {"files":1,"row_groups":..,"leaves":..,"data_pages_v1":..,"data_pages_v2":..,
// "dictionary_pages":..,"codecs":[..],"encodings":[..]}. Throws on a file it cannot walk.
std::string PageCensus(const std::string& dir);

}  // namespace runnel::interop
