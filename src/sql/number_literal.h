// Numeric literals with Spark's typing: 123 is INT (BIGINT, then DECIMAL(p,0), when it does not
// fit), 123L BIGINT, 1.5 DECIMAL(2,1), 1.5D / 1e3 / 1.5F DOUBLE, 1.5BD and 1e3BD DECIMAL.
// 12S and 12Y are range-checked as SMALLINT and TINYINT but typed INT (Runnel has no narrower
// integers).
#pragma once

#include <string_view>

#include "base/status.h"
#include "runnel/value.h"

namespace runnel::sql {

// `text` is a kNumber token as written. Errors (out of range) are kInvalidArgument, with a
// message that the parser places at the token.
Result<type::Value> ParseNumberLiteral(std::string_view text);

}  // namespace runnel::sql
