// Spark's implicit type coercion: which type two operands meet at, for comparisons, CASE,
// COALESCE, IN, UNION and arithmetic.
#pragma once

#include "base/status.h"
#include "type/data_type.h"

namespace runnel::function {

// The type both sides widen to (INT < BIGINT < DECIMAL < DOUBLE; DATE < TIMESTAMP; NULL widens
// to anything; STRING compared with a number or date converts to that type, as Spark does).
// nullptr when there is none.
type::DataTypePtr CommonType(const type::DataTypePtr& a, const type::DataTypePtr& b);
// The DECIMAL type an integral type converts to without loss: INT -> DECIMAL(10,0),
// BIGINT -> DECIMAL(20,0).
type::DataTypePtr DecimalForIntegral(const type::DataType& t);

}  // namespace runnel::function
