// Generators (table-valued per row): explode, explode_outer, posexplode.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "function/scalar_function.h"
#include "type/data_type.h"
#include "vector/column.h"

namespace runnel::function {

struct GeneratorOutput {
  std::vector<vector::ColumnPtr> columns;  // as BoundGenerator::output_fields
  std::vector<int32_t> source_rows;        // for each output row, the input row it came from
};

using GeneratorKernel = std::function<Result<GeneratorOutput>(
    const std::vector<vector::ColumnPtr>& args, int64_t num_rows)>;

struct BoundGenerator {
  // explode(array) -> col; explode(map) -> key, value; posexplode -> pos, col (Spark's names).
  std::vector<type::Field> output_fields;
  std::vector<type::DataTypePtr> arg_types;
  GeneratorKernel kernel;
};

struct GeneratorFunction {
  std::string name;
  std::string signature;
  std::string description;
  int min_args = 1;
  int max_args = 1;
  std::function<Result<BoundGenerator>(const BindArgs&)> bind;
};

}  // namespace runnel::function
