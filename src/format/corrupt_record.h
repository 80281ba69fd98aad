// Shared handling of malformed records (Spark's parse modes): the corrupt-record column of a
// user's schema and the FAILFAST error.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"
#include "format/options.h"
#include "type/schema.h"

namespace runnel::format {

// What the readers take from options mode and columnNameOfCorruptRecord, and the schema.
struct CorruptRecordPolicy {
  ParseMode mode = ParseMode::kPermissive;
  // Index in the schema of the corrupt-record column, or -1 when the schema has none.
  int column = -1;

  // Finds the column named by columnNameOfCorruptRecord (case-insensitive, as Spark resolves
  // names); it must be STRING.
  static Result<CorruptRecordPolicy> Make(const Options& options, const type::Schema& schema);
};

// "Malformed CSV record at data/a.csv:3: expected 3 fields, found 2. Use mode PERMISSIVE or
// DROPMALFORMED to keep going."
Status MalformedRecordError(std::string_view format_name, std::string_view path, int64_t line,
                            std::string_view problem);

}  // namespace runnel::format
