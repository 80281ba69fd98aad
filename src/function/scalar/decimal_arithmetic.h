// DECIMAL arithmetic with Spark's result types (DecimalPrecision, allowPrecisionLoss=true) and
// non-ANSI overflow: a result that does not fit its precision is NULL.
#pragma once

#include "type/data_type.h"
#include "type/decimal.h"
#include "vector/column.h"

namespace runnel::function {

enum class ArithmeticOp {
  kAdd,
  kSubtract,
  kMultiply,
  kDivide,
  kRemainder,
  kPmod,
  kIntegralDivide,
};

// The result type of `a op b` for DECIMAL operands; kIntegralDivide yields BIGINT.
type::DataTypePtr DecimalResultType(ArithmeticOp op, const type::DataType& a,
                                    const type::DataType& b);
// `a op b` row by row; a and b are DECIMAL columns, `result` is DecimalResultType's answer.
vector::ColumnPtr DecimalArithmetic(ArithmeticOp op, const vector::Column& a,
                                    const vector::Column& b, const type::DataTypePtr& result);

// `value` with its `digits` lowest decimal digits rounded away (HALF_UP, or HALF_EVEN when
// `half_even`): RoundDroppingDigits(125, 1, false) == 13.
type::int128_t RoundDroppingDigits(type::int128_t value, int digits, bool half_even);

}  // namespace runnel::function
