// The table Runnel writes for DuckDB to read: one column per type and nesting shape, first a
// row per edge value of every column (and a row of NULLs), then rows drawn at random (fixed
// seed) from the edge values and from random values, so that edge values also land in
// dictionaries, in later pages and in every row group.
#pragma once

#include <vector>

#include "runnel/row.h"
#include "runnel/schema.h"

namespace runnel::interop {

struct EdgeTable {
  type::Schema schema;
  std::vector<Row> rows;
};

// `num_rows` at least the number of edge rows (about 20).
EdgeTable MakeEdgeTable(int num_rows);

}  // namespace runnel::interop
