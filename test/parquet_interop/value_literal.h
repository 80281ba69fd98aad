// Values of the interop test's tables written as short literals, read against a type:
//   NULL   true   -42   1.5e300   nan   -inf   12.345 (DECIMAL: exact digits)
//   "text" with \" \\ \n \t \r \xHH escapes (STRING, BINARY)
//   "2024-02-29" (DATE)   "1969-12-31 23:59:59.999999" (TIMESTAMP, UTC)
//   [v, v] (ARRAY)   {v, v} (STRUCT, fields in order)   {k => v, k => v} (MAP)
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "runnel/data_type.h"
#include "runnel/status.h"
#include "runnel/value.h"

namespace runnel::interop {

// Throws std::invalid_argument naming the literal when it does not fit `type`: the literals are
// the test's own constants, so a bad one is a bug in the test.
type::Value ParseLiteral(std::string_view text, const type::DataTypePtr& type);

int64_t DaysFromCivil(int64_t year, int month, int day);

}  // namespace runnel::interop
