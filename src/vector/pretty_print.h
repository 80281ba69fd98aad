// Renders rows as Spark's show() does: a boxed table, values truncated to 20 characters
// (right-aligned), "only showing top N rows" when cut.
#pragma once

#include <string>
#include <vector>

#include "vector/batch.h"

namespace runnel::vector {

// `truncate` = 0 shows whole values; otherwise the maximum width of a cell.
std::string FormatTable(const type::Schema& schema, const std::vector<Batch>& batches,
                        int64_t max_rows, int truncate = 20);

}  // namespace runnel::vector
