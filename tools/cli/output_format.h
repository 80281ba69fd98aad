// How `runnel sql` prints a statement's result: a boxed table like Spark's show(), CSV, or
// JSON Lines.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "type/schema.h"
#include "vector/batch.h"

namespace runnel::cli {

enum class OutputFormat {
  kTable,  // show()-like box, every row, values cut to 20 characters; nothing without columns
  kCsv,    // a header line, then rows (RFC 4180 quoting, NULL as an empty field)
  kJsonl,  // one JSON object per row, keys in column order, NULL as null
};

// "table", "csv" or "jsonl" (any case).
Result<OutputFormat> ParseOutputFormat(std::string_view name);
std::string_view OutputFormatName(OutputFormat format);

// The text to print for a result; empty when there is nothing to print (no columns, or no rows
// in csv and jsonl).
Result<std::string> RenderResult(const type::Schema& schema, const std::vector<vector::Batch>& batches,
                                 OutputFormat format);

// One CSV field: quoted when it holds a comma, a quote, CR or LF, or is empty (so an empty
// string differs from NULL, as Spark's CSV writer does), with quotes doubled inside.
void AppendCsvField(std::string_view text, std::string* out);

}  // namespace runnel::cli
