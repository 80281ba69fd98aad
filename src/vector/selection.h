// Gathering rows: by index list (a selection vector), by boolean mask, and concatenation.
#pragma once

#include <cstdint>
#include <vector>

#include "vector/batch.h"
#include "vector/column.h"

namespace runnel::vector {

// Row indices into a column or batch. In Take, a negative index produces a NULL row (used by
// outer joins for the missing side).
using SelectionVector = std::vector<int32_t>;

ColumnPtr Take(const Column& column, const int32_t* indices, int64_t count);
Batch TakeRows(const Batch& batch, const SelectionVector& indices);
// Indices of the rows where a BOOLEAN column is true (NULL counts as false).
SelectionVector SelectTrue(const Column& mask);
Batch FilterBatch(const Batch& batch, const Column& mask);
ColumnPtr Concatenate(const std::vector<ColumnPtr>& columns, const type::DataTypePtr& type);
// Batches with the same schema into one.
Batch ConcatenateBatches(const type::SchemaPtr& schema, const std::vector<Batch>& batches);

}  // namespace runnel::vector
