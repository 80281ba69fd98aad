// Schema inference shared by the CSV and JSON readers: the narrowest type of one text value and
// the widening of two inferred types into one that holds both (as Spark's inference merges
// the types it saw across rows and files).
#pragma once

#include <string_view>

#include "format/cell_parser.h"
#include "type/data_type.h"
#include "type/schema.h"

namespace runnel::format {

// The narrowest type of a CSV cell, tried in Spark's order: INT, BIGINT, DECIMAL(p, 0) for
// integers beyond BIGINT, DOUBLE, BOOLEAN, DATE (date-only text, as Spark 3.5's prefersDate),
// TIMESTAMP, else STRING.
type::DataTypePtr InferTextType(std::string_view text, const CellParser& parser);

// A type that holds values of both: NULL yields to anything; INT < BIGINT < DECIMAL < DOUBLE;
// DATE < TIMESTAMP; structs merge field by field (fields sorted by name); arrays merge their
// elements; any other mix gives STRING.
type::DataTypePtr MergeInferredTypes(const type::DataTypePtr& a, const type::DataTypePtr& b);

// The last step of inference: NULL (no value seen) becomes STRING, also inside nested types;
// struct fields whose type is an empty struct are dropped, as Spark does.
type::DataTypePtr FinishInferredType(const type::DataTypePtr& t);

}  // namespace runnel::format
