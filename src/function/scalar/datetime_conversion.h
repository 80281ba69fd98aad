// The half of the datetime family that converts between instants and text or numbers:
// current_timestamp, to_timestamp, to_date, date_format, unix_timestamp, from_unixtime,
// timestamp_seconds/millis/micros, unix_seconds/millis/micros, unix_date, date_from_unix_date.
// RegisterDatetimeFunctions (datetime.cc) calls it.
#pragma once

#include "function/registry.h"

namespace runnel::function {

void RegisterDatetimeConversionFunctions(FunctionRegistry& registry);

}  // namespace runnel::function
