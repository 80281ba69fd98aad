// Spark's implicit type coercion: which type two operands meet at, for comparisons, CASE,
// COALESCE, IN, UNION, array() and arithmetic.
//
// Spark has two rules that differ only for STRING:
//   CommonType      (Spark's findWiderTypeForTwo, used by CASE, COALESCE, IN, UNION, array(),
//                    greatest/least): STRING with a number, date or timestamp widens to STRING.
//   ComparisonType  (Spark's findCommonTypeForBinaryComparison, used by = < > ...): the STRING
//                    side converts to the other side's type (to DOUBLE against a DECIMAL).
#pragma once

#include <vector>

#include "base/status.h"
#include "type/data_type.h"

namespace runnel::function {

// The type both sides widen to: NULL widens to anything; INT < BIGINT < DECIMAL < DOUBLE
// (DECIMAL with DECIMAL keeps the wider integer part and the wider scale, capped at 38 digits);
// DATE < TIMESTAMP; STRING with any atomic type except BINARY and BOOLEAN -> STRING; ARRAY, MAP
// and STRUCT (same field names) widen element-wise. nullptr when there is none.
type::DataTypePtr CommonType(const type::DataTypePtr& a, const type::DataTypePtr& b);
// CommonType folded over a list (NULL for an empty list); nullptr when there is none.
type::DataTypePtr CommonType(const std::vector<type::DataTypePtr>& types);
// The type a comparison between `a` and `b` runs at; nullptr when they cannot be compared.
type::DataTypePtr ComparisonType(const type::DataTypePtr& a, const type::DataTypePtr& b);

// The DECIMAL type an integral type converts to without loss: INT -> DECIMAL(10,0),
// BIGINT -> DECIMAL(20,0). Other types are returned unchanged.
type::DataTypePtr DecimalForIntegral(const type::DataType& t);
// A DECIMAL holding both: max integer digits + max scale, bounded to 38 digits.
type::DataTypePtr WiderDecimal(const type::DataType& a, const type::DataType& b);
// Spark's DecimalType.adjustPrecisionScale with allowPrecisionLoss=true: a result type that
// needs more than 38 digits keeps its integer digits and gives up scale, but keeps at least
// min(scale, 6) fractional digits.
type::DataTypePtr AdjustedDecimal(int precision, int scale);

}  // namespace runnel::function
