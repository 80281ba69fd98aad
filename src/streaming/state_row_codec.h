// Rows as state-store bytes: stateful operators keep a group's key and its aggregates' partial
// states as one encoded row each. Typed by the schema the reader gives, so the bytes carry no
// types: a null flag per value, then fixed-width little-endian numbers, length-prefixed bytes,
// and counts for nested values (docs/formats/state-store.md, "Row encoding").
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "type/schema.h"
#include "type/value.h"
#include "vector/batch.h"

namespace runnel::streaming {

void EncodeStateRow(const std::vector<type::Value>& row, std::string* out);
// Fails (Corruption) when the bytes do not hold a row of `schema`.
Result<std::vector<type::Value>> DecodeStateRow(std::string_view bytes, const type::Schema& schema);

// Row `row` of columns [first, first + count) of `batch`, encoded.
std::string EncodeBatchRow(const vector::Batch& batch, int first, int count, int64_t row);

}  // namespace runnel::streaming
