// explode, explode_outer, posexplode, posexplode_outer, inline, inline_outer: one output row
// per element of an array / entry of a map / struct of an array of structs, with Spark's column
// names (col; key, value; pos first for posexplode; the struct's field names for inline).
// A NULL or empty input yields no row, except in the _outer versions, which yield one row of
// NULLs (pos included).
#include "function/registry.h"
#include "vector/selection.h"

namespace runnel::function {
namespace {

using type::DataTypePtr;
using type::TypeId;
using vector::Column;
using vector::ColumnPtr;

enum class Shape { kArray, kMap, kInline };

struct ExplodeOptions {
  Shape shape;
  bool with_position;
  bool outer;
};

// Inline's struct fields, as positions into the element struct's children: a NULL struct
// element becomes a row of NULLs.
std::vector<int32_t> StructRows(const Column& structs, const std::vector<int32_t>& elements) {
  std::vector<int32_t> out(elements.size());
  for (size_t k = 0; k < elements.size(); ++k) {
    out[k] = elements[k] >= 0 && structs.IsValid(elements[k]) ? elements[k] : -1;
  }
  return out;
}

Result<GeneratorOutput> Explode(const Column& input, int64_t num_rows,
                                const ExplodeOptions& options) {
  GeneratorOutput out;
  std::vector<int32_t> elements;  // index into the child column(s), -1 for an outer NULL row
  std::vector<int32_t> positions;
  std::vector<uint8_t> position_valid;
  bool any_outer_row = false;
  const int32_t* offsets = input.offsets();
  for (int64_t row = 0; row < num_rows; ++row) {
    bool has_elements = input.IsValid(row) && offsets[row + 1] > offsets[row];
    if (has_elements) {
      for (int32_t j = offsets[row]; j < offsets[row + 1]; ++j) {
        out.source_rows.push_back(static_cast<int32_t>(row));
        elements.push_back(j);
        positions.push_back(j - offsets[row]);
        position_valid.push_back(1);
      }
    } else if (options.outer) {
      out.source_rows.push_back(static_cast<int32_t>(row));
      elements.push_back(-1);
      positions.push_back(0);
      position_valid.push_back(0);
      any_outer_row = true;
    }
  }
  int64_t count = static_cast<int64_t>(elements.size());
  if (options.with_position) {
    out.columns.push_back(
        vector::MakeFixedColumn(type::Int(), std::move(positions),
                                any_outer_row ? position_valid : std::vector<uint8_t>{}));
  }
  switch (options.shape) {
    case Shape::kArray:
      out.columns.push_back(vector::Take(*input.child(0), elements.data(), count));
      break;
    case Shape::kMap:
      out.columns.push_back(vector::Take(*input.child(0), elements.data(), count));
      out.columns.push_back(vector::Take(*input.child(1), elements.data(), count));
      break;
    case Shape::kInline: {
      const Column& structs = *input.child(0);
      std::vector<int32_t> rows = StructRows(structs, elements);
      for (const auto& field : structs.children()) {
        out.columns.push_back(vector::Take(*field, rows.data(), count));
      }
      break;
    }
  }
  return out;
}

Result<BoundGenerator> BindExplode(const BindArgs& args, bool with_position, bool outer,
                                   bool inline_structs) {
  const DataTypePtr& type = args.types[0];
  BoundGenerator out;
  out.arg_types = {type};
  if (with_position) out.output_fields.push_back({"pos", type::Int(), outer});
  ExplodeOptions options{Shape::kArray, with_position, outer};
  if (inline_structs) {
    if (type->id() != TypeId::kArray || type->element_type()->id() != TypeId::kStruct) {
      return Status::Analysis("Function '" + args.name +
                              "' argument 1 must be an ARRAY of STRUCT, got " + type->ToString() +
                              ".");
    }
    options.shape = Shape::kInline;
    for (const auto& f : type->element_type()->fields()) out.output_fields.push_back(f);
  } else if (type->id() == TypeId::kArray) {
    out.output_fields.push_back({"col", type->element_type(), true});
  } else if (type->id() == TypeId::kMap) {
    options.shape = Shape::kMap;
    out.output_fields.push_back({"key", type->key_type(), outer});
    out.output_fields.push_back({"value", type->value_type(), true});
  } else {
    return Status::Analysis("Function '" + args.name +
                            "' argument 1 must be an ARRAY or a MAP, got " + type->ToString() +
                            ".");
  }
  out.kernel = [options](const std::vector<ColumnPtr>& inputs, int64_t num_rows) {
    return Explode(*inputs[0], num_rows, options);
  };
  return out;
}

void Add(FunctionRegistry& registry, const std::string& name, const std::string& signature,
         const std::string& description, bool with_position, bool outer, bool inline_structs) {
  registry.AddGenerator({name, signature, description, 1, 1, [=](const BindArgs& args) {
                           return BindExplode(args, with_position, outer, inline_structs);
                         }});
}

}  // namespace

void RegisterGeneratorFunctions(FunctionRegistry& registry) {
  Add(registry, "explode", "explode(array | map)",
      "One row per array element (col) or map entry (key, value).", false, false, false);
  Add(registry, "explode_outer", "explode_outer(array | map)",
      "As explode, but a NULL or empty input gives one row of NULLs.", false, true, false);
  Add(registry, "posexplode", "posexplode(array | map)",
      "As explode, with the 0-based position first (pos).", true, false, false);
  Add(registry, "posexplode_outer", "posexplode_outer(array | map)",
      "As posexplode, but a NULL or empty input gives one row of NULLs.", true, true, false);
  Add(registry, "inline", "inline(array<struct>)",
      "One row per struct of the array, one column per struct field.", false, false, true);
  Add(registry, "inline_outer", "inline_outer(array<struct>)",
      "As inline, but a NULL or empty input gives one row of NULLs.", false, true, true);
}

}  // namespace runnel::function
