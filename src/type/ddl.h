// DDL schema strings, as Spark's StructType.fromDDL: "user STRING, ts TIMESTAMP,
// tags ARRAY<STRING>, loc STRUCT<lat: DOUBLE, lon: DOUBLE>, attrs MAP<STRING, INT>".
#pragma once

#include <string_view>

#include "base/status.h"
#include "type/schema.h"

namespace runnel::type {

// Errors are kSyntax and name the position: "at character 12 of 'a INT, b STRNG': unknown type
// 'STRNG'. Did you mean 'STRING'?".
Result<Schema> ParseSchema(std::string_view ddl);
Result<DataTypePtr> ParseDataType(std::string_view ddl);

}  // namespace runnel::type
