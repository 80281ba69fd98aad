// CAST between types, with Spark's non-ANSI semantics (spark.sql.ansi.enabled=false): a value
// that cannot be converted becomes NULL instead of failing the query. docs/sql.md (section CAST) lists the
// rules.
#pragma once

#include "base/status.h"
#include "type/data_type.h"
#include "type/value.h"
#include "vector/column.h"

namespace runnel::function {

// Whether CAST(from AS to) is allowed at all (an analysis error otherwise).
bool CanCast(const type::DataType& from, const type::DataType& to);
Result<vector::ColumnPtr> CastColumn(const vector::ColumnPtr& input, const type::DataTypePtr& to);
Result<type::Value> CastValue(const type::Value& value, const type::DataTypePtr& to);

}  // namespace runnel::function
