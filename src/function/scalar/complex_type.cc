// Constructors and accessors of ARRAY, MAP and STRUCT values:
//   struct(a, ...) -> STRUCT with a field per argument, named after the argument when it is a
//   column, a struct field or an alias (Spark's CreateStruct), else col1, col2, ...;
//   named_struct('n1', v1, ...) (constant names);
//   array(a, ...) -> ARRAY<CommonType>; map(k1, v1, ...) -> MAP<CommonType(keys),
//   CommonType(values)>; size(array|map) -> INT, -1 for NULL (Spark's non-ANSI default);
//   element_at(array, i) 1-based, negative from the end, out of range or 0 -> NULL;
//   element_at(map, key); get_item(array, i) 0-based (arr[i]) / get_item(map, key) (m[key]);
//   get_field(struct, 'name'); map_keys, map_values; array_contains(array, v) (three-valued);
//   sort_array(array[, asc]) (NULLs first ascending, last descending); array_distinct(array).
// Deviations: map() with a NULL key yields a NULL map and duplicate keys keep the last value
// (Spark fails the query on both); element_at(array, 0) is NULL (Spark fails).
#include <algorithm>

#include "function/coercion.h"
#include "function/registry.h"
#include "function/scalar/definition.h"
#include "function/scalar/row_compare.h"
#include "function/scalar/row_gather.h"
#include "function/scalar/row_kernel.h"
#include "vector/column_builder.h"
#include "vector/selection.h"

namespace runnel::function {

using type::DataTypePtr;
using type::TypeId;
using vector::Column;
using vector::ColumnBuilder;
using vector::ColumnPtr;

namespace {

Status WrongType(const BindArgs& args, size_t i, const char* expected) {
  return Status::Analysis("Function '" + args.name + "' needs " + expected + " as argument " +
                          std::to_string(i + 1) + ", got " + args.types[i]->ToString() + ".");
}

// A STRUCT column over `children` (each `n` rows), never NULL itself.
ColumnPtr MakeStruct(const DataTypePtr& t, std::vector<ColumnPtr> children, int64_t n) {
  return std::make_shared<Column>(t, n, 0, std::vector<vector::BufferPtr>{nullptr},
                                  std::move(children));
}

Result<BoundScalar> BindStruct(const BindArgs& args) {
  std::vector<type::Field> fields;
  for (size_t i = 0; i < args.types.size(); ++i) {
    std::string name = i < args.names.size() ? args.names[i] : "";
    if (name.empty()) name = "col" + std::to_string(i + 1);
    fields.push_back({std::move(name), args.types[i], true});
  }
  DataTypePtr t = type::Struct(fields);
  return MakeBoundScalar(
      t, args.types,
      [t](const std::vector<ColumnPtr>& c, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        return MakeStruct(t, c, n);
      });
}

Result<BoundScalar> BindNamedStruct(const BindArgs& args) {
  if (args.types.size() % 2 != 0) {
    return Status::Analysis("named_struct needs name/value pairs; got an odd number of arguments.");
  }
  std::vector<type::Field> fields;
  for (size_t i = 0; i < args.types.size(); i += 2) {
    const auto& name = args.constants[i];
    if (!name || name->is_null() || args.types[i]->id() != TypeId::kString) {
      return Status::Analysis("named_struct needs constant string field names; argument " +
                              std::to_string(i + 1) + " is not one.");
    }
    fields.push_back({name->string_value(), args.types[i + 1], true});
  }
  DataTypePtr t = type::Struct(fields);
  return MakeBoundScalar(
      t, args.types,
      [t](const std::vector<ColumnPtr>& c, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        std::vector<ColumnPtr> values;
        for (size_t i = 1; i < c.size(); i += 2) values.push_back(c[i]);
        return MakeStruct(t, std::move(values), n);
      });
}

Result<DataTypePtr> CommonOf(const BindArgs& args, const std::vector<DataTypePtr>& types,
                             const char* what) {
  DataTypePtr t = CommonType(types);
  if (!t) return Status::Analysis("Function '" + args.name + "' needs " + what + " of one type.");
  return t;
}

Result<BoundScalar> BindArray(const BindArgs& args) {
  RUNNEL_ASSIGN_OR_RAISE(auto element, CommonOf(args, args.types, "elements"));
  DataTypePtr t = type::Array(element);
  return MakeBoundScalar(
      t, std::vector<DataTypePtr>(args.types.size(), element),
      [t](const std::vector<ColumnPtr>& c, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        ColumnBuilder builder(t);
        builder.Reserve(n);
        for (int64_t i = 0; i < n; ++i) {
          for (const auto& e : c) builder.child(0).AppendFrom(*e, i);
          builder.CloseList();
        }
        return builder.Finish();
      });
}

Result<BoundScalar> BindMap(const BindArgs& args) {
  if (args.types.size() % 2 != 0) {
    return Status::Analysis("map needs key/value pairs; got an odd number of arguments.");
  }
  std::vector<DataTypePtr> keys, values;
  for (size_t i = 0; i < args.types.size(); i += 2) {
    keys.push_back(args.types[i]);
    values.push_back(args.types[i + 1]);
  }
  RUNNEL_ASSIGN_OR_RAISE(auto k, CommonOf(args, keys, "keys"));
  RUNNEL_ASSIGN_OR_RAISE(auto v, CommonOf(args, values, "values"));
  DataTypePtr t = type::Map(k, v);
  std::vector<DataTypePtr> arg_types;
  for (size_t i = 0; i < args.types.size(); i += 2) {
    arg_types.push_back(k);
    arg_types.push_back(v);
  }
  return MakeBoundScalar(
      t, arg_types,
      [t](const std::vector<ColumnPtr>& c, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        ColumnBuilder builder(t);
        for (int64_t i = 0; i < n; ++i) {
          bool null_key = false;
          std::vector<size_t> kept;  // pairs, last duplicate wins
          for (size_t p = 0; p < c.size(); p += 2) {
            if (CellIsNull(*c[p], i)) null_key = true;
            if (null_key) break;
            auto dup = std::find_if(kept.begin(), kept.end(), [&](size_t q) {
              return CompareCells(*c[q], i, *c[p], i) == 0;
            });
            if (dup != kept.end()) {
              *dup = p;
            } else {
              kept.push_back(p);
            }
          }
          if (null_key) {
            builder.AppendNull();
            continue;
          }
          for (size_t p : kept) {
            builder.child(0).AppendFrom(*c[p], i);
            builder.child(1).AppendFrom(*c[p + 1], i);
          }
          builder.CloseList();
        }
        return builder.Finish();
      });
}

bool IsArrayOrMap(const type::DataType& t) {
  return t.id() == TypeId::kArray || t.id() == TypeId::kMap;
}

Result<BoundScalar> BindSize(const BindArgs& args) {
  DataTypePtr t = args.types[0];
  if (t->id() == TypeId::kNull) t = type::Array(type::Null());
  if (!IsArrayOrMap(*t)) return WrongType(args, 0, "an ARRAY or MAP");
  return MakeBoundScalar(
      type::Int(), {t},
      [](const std::vector<ColumnPtr>& c, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const Column& a = *c[0];
        const int32_t* o = a.offsets();
        std::vector<int32_t> out(n);
        for (int64_t i = 0; i < n; ++i) out[i] = a.IsNull(i) ? -1 : o[i + 1] - o[i];
        return vector::MakeFixedColumn<int32_t>(type::Int(), std::move(out));
      });
}

// The map value for each row's key, or NULL.
ColumnPtr MapLookup(const Column& map, const Column& key, const DataTypePtr& value_type) {
  int64_t n = map.length();
  const int32_t* o = map.offsets();
  const Column& keys = *map.child(0);
  std::vector<int32_t> index(n, -1);
  for (int64_t i = 0; i < n; ++i) {
    if (map.IsNull(i) || CellIsNull(key, i)) continue;
    // The last match, in case a map holds a key twice.
    for (int32_t j = o[i]; j < o[i + 1]; ++j) {
      if (!keys.IsNull(j) && CompareCells(keys, j, key, i) == 0) index[i] = j;
    }
  }
  return vector::Take(*map.child(1), index.data(), n);
}

// Array elements by index: `one_based` (element_at, negative from the end) or 0-based (a[i]).
ColumnPtr ArrayLookup(const Column& array, const Column& position, bool one_based) {
  int64_t n = array.length();
  const int32_t* o = array.offsets();
  const int32_t* pos = position.values<int32_t>();
  std::vector<int32_t> index(n, -1);
  for (int64_t i = 0; i < n; ++i) {
    if (array.IsNull(i) || position.IsNull(i)) continue;
    int64_t len = o[i + 1] - o[i];
    int64_t p = pos[i];
    if (one_based) p = p > 0 ? p - 1 : (p < 0 ? len + p : -1);
    if (p >= 0 && p < len) index[i] = static_cast<int32_t>(o[i] + p);
  }
  return vector::Take(*array.child(0), index.data(), n);
}

Result<BoundScalar> BindElementAt(const BindArgs& args, bool one_based) {
  DataTypePtr t = args.types[0];
  if (t->id() == TypeId::kArray) {
    if (!args.types[1]->is_integral() && args.types[1]->id() != TypeId::kNull) {
      return WrongType(args, 1, "an integer index");
    }
    return MakeBoundScalar(t->element_type(), {t, type::Int()},
                           [one_based](const std::vector<ColumnPtr>& c, int64_t,
                                       const KernelContext&) -> Result<ColumnPtr> {
                             return ArrayLookup(*c[0], *c[1], one_based);
                           });
  }
  if (t->id() == TypeId::kMap) {
    DataTypePtr value = t->value_type();
    return MakeBoundScalar(value, {t, t->key_type()},
                           [value](const std::vector<ColumnPtr>& c, int64_t, const KernelContext&)
                               -> Result<ColumnPtr> { return MapLookup(*c[0], *c[1], value); });
  }
  if (t->id() == TypeId::kNull) {
    return MakeBoundScalar(
        type::Null(), {t, args.types[1]},
        [](const std::vector<ColumnPtr>&, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
          return vector::MakeNullColumn(type::Null(), n);
        });
  }
  return WrongType(args, 0, "an ARRAY or MAP");
}

Result<BoundScalar> BindGetField(const BindArgs& args) {
  const DataTypePtr& t = args.types[0];
  if (t->id() != TypeId::kStruct) return WrongType(args, 0, "a STRUCT");
  const auto& name = args.constants[1];
  if (!name || name->is_null() || args.types[1]->id() != TypeId::kString) {
    return Status::Analysis("get_field needs a constant field name as its second argument.");
  }
  int index = t->FieldIndex(name->string_value());
  if (index < 0) {
    std::string names;
    for (const auto& f : t->fields()) names += (names.empty() ? "" : ", ") + f.name;
    return Status::Analysis("No field '" + name->string_value() + "' in " + t->ToString() +
                            ". Available: " + names);
  }
  DataTypePtr field = t->fields()[index].type;
  return MakeBoundScalar(field, {t, type::String()},
                         [index, field](const std::vector<ColumnPtr>& c, int64_t n,
                                        const KernelContext&) -> Result<ColumnPtr> {
                           const Column& s = *c[0];
                           ColumnPtr child = s.child(index);
                           if (!s.has_nulls()) return child;
                           std::vector<int32_t> choice(n);
                           for (int64_t i = 0; i < n; ++i) choice[i] = s.IsNull(i) ? -1 : 0;
                           return GatherRows(field, {child}, choice);
                         });
}

// map_keys / map_values: an ARRAY sharing the map's offsets and one of its children.
Result<BoundScalar> BindMapPart(const BindArgs& args, int part) {
  const DataTypePtr& t = args.types[0];
  if (t->id() != TypeId::kMap) return WrongType(args, 0, "a MAP");
  DataTypePtr result = type::Array(part == 0 ? t->key_type() : t->value_type());
  return MakeBoundScalar(result, {t},
                         [result, part](const std::vector<ColumnPtr>& c, int64_t,
                                        const KernelContext&) -> Result<ColumnPtr> {
                           const Column& m = *c[0];
                           return ColumnPtr(std::make_shared<Column>(
                               result, m.length(), m.null_count(),
                               std::vector<vector::BufferPtr>{m.buffers()[0], m.buffers()[1]},
                               std::vector<ColumnPtr>{m.child(part)}, m.offset()));
                         });
}

Result<BoundScalar> BindArrayContains(const BindArgs& args) {
  const DataTypePtr& t = args.types[0];
  if (t->id() != TypeId::kArray) return WrongType(args, 0, "an ARRAY");
  DataTypePtr element = CommonType(t->element_type(), args.types[1]);
  if (!element) return WrongType(args, 1, "a value of the array's element type");
  return MakeBoundScalar(
      type::Boolean(), {type::Array(element), element},
      [](const std::vector<ColumnPtr>& c, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const Column& a = *c[0];
        const Column& v = *c[1];
        const Column& e = *a.child(0);
        const int32_t* o = a.offsets();
        return MapRows<uint8_t>(type::Boolean(), n, CombinedValidity({&a, &v}, n),
                                [&](int64_t i, uint8_t* out) {
                                  bool saw_null = false;
                                  for (int32_t j = o[i]; j < o[i + 1]; ++j) {
                                    if (CellIsNull(e, j)) {
                                      saw_null = true;
                                    } else if (CompareCells(e, j, v, i) == 0) {
                                      *out = 1;
                                      return true;
                                    }
                                  }
                                  *out = 0;
                                  return !saw_null;
                                });
      });
}

// Rebuilds an ARRAY column whose row i holds the child elements listed in rows[i].
ColumnPtr ArrayFromIndices(const Column& array, const std::vector<std::vector<int32_t>>& rows) {
  std::vector<int32_t> offsets{0};
  std::vector<int32_t> indices;
  for (const auto& r : rows) {
    indices.insert(indices.end(), r.begin(), r.end());
    offsets.push_back(static_cast<int32_t>(indices.size()));
  }
  ColumnPtr child =
      vector::Take(*array.child(0), indices.data(), static_cast<int64_t>(indices.size()));
  int64_t nulls;
  vector::BufferPtr validity = vector::PackValidity(ValidityBytes(array), &nulls);
  return std::make_shared<Column>(
      array.type(), array.length(), nulls,
      std::vector<vector::BufferPtr>{validity, vector::Buffer::FromVector(std::move(offsets))},
      std::vector<ColumnPtr>{child});
}

Result<BoundScalar> BindSortArray(const BindArgs& args) {
  const DataTypePtr& t = args.types[0];
  if (t->id() != TypeId::kArray) return WrongType(args, 0, "an ARRAY");
  bool ascending = true;
  std::vector<DataTypePtr> arg_types{t};
  if (args.types.size() == 2) {
    const auto& c = args.constants[1];
    if (!c || c->is_null() || args.types[1]->id() != TypeId::kBoolean) {
      return Status::Analysis("sort_array needs a constant BOOLEAN as its second argument.");
    }
    ascending = c->bool_value();
    arg_types.push_back(type::Boolean());
  }
  return MakeBoundScalar(t, arg_types,
                         [ascending](const std::vector<ColumnPtr>& c, int64_t n,
                                     const KernelContext&) -> Result<ColumnPtr> {
                           const Column& a = *c[0];
                           const Column& e = *a.child(0);
                           const int32_t* o = a.offsets();
                           std::vector<std::vector<int32_t>> rows(n);
                           for (int64_t i = 0; i < n; ++i) {
                             if (a.IsNull(i)) continue;
                             auto& r = rows[i];
                             for (int32_t j = o[i]; j < o[i + 1]; ++j) r.push_back(j);
                             // NULLs first when ascending, last when descending (Spark's
                             // sort_array).
                             std::stable_sort(r.begin(), r.end(), [&](int32_t x, int32_t y) {
                               bool xn = CellIsNull(e, x), yn = CellIsNull(e, y);
                               if (xn || yn) return xn && !yn;
                               int cmp = CompareCells(e, x, e, y);
                               return ascending ? cmp < 0 : cmp > 0;
                             });
                             if (!ascending) {
                               std::stable_partition(r.begin(), r.end(),
                                                     [&](int32_t x) { return !CellIsNull(e, x); });
                             }
                           }
                           return ArrayFromIndices(a, rows);
                         });
}

Result<BoundScalar> BindArrayDistinct(const BindArgs& args) {
  const DataTypePtr& t = args.types[0];
  if (t->id() != TypeId::kArray) return WrongType(args, 0, "an ARRAY");
  return MakeBoundScalar(
      t, {t},
      [](const std::vector<ColumnPtr>& c, int64_t n, const KernelContext&) -> Result<ColumnPtr> {
        const Column& a = *c[0];
        const Column& e = *a.child(0);
        const int32_t* o = a.offsets();
        std::vector<std::vector<int32_t>> rows(n);
        for (int64_t i = 0; i < n; ++i) {
          if (a.IsNull(i)) continue;
          auto& r = rows[i];
          for (int32_t j = o[i]; j < o[i + 1]; ++j) {
            bool duplicate = std::any_of(r.begin(), r.end(), [&](int32_t k) {
              bool jn = CellIsNull(e, j), kn = CellIsNull(e, k);
              return (jn || kn) ? jn == kn : CompareCells(e, k, e, j) == 0;
            });
            if (!duplicate) r.push_back(j);
          }
        }
        return ArrayFromIndices(a, rows);
      });
}

}  // namespace

void RegisterComplexTypeFunctions(FunctionRegistry& registry) {
  registry.AddScalar(DefineScalar("struct", "struct(a, ...)",
                                  "A STRUCT with fields col1, col2, ...", 1, -1, BindStruct));
  registry.AddScalar(DefineScalar("named_struct", "named_struct('name', value, ...)",
                                  "A STRUCT with the given field names.", 2, -1, BindNamedStruct));
  registry.AddScalar(
      DefineScalar("array", "array(a, ...)", "An ARRAY of the arguments.", 0, -1, BindArray));
  registry.AddScalar(
      DefineScalar("map", "map(k1, v1, ...)", "A MAP of the key/value pairs.", 0, -1, BindMap));
  registry.AddScalar(DefineScalar("size", "size(array_or_map)", "Number of elements; -1 for NULL.",
                                  1, 1, BindSize));
  registry.AddAlias("cardinality", "size");
  registry.AddScalar(DefineScalar("element_at", "element_at(array, index) | element_at(map, key)",
                                  "Array element (1-based, negative from the end) or map value.", 2,
                                  2, [](const BindArgs& a) { return BindElementAt(a, true); }));
  registry.AddScalar(DefineScalar("get_item", "array[index] | map[key]",
                                  "Array element (0-based) or map value; NULL when absent.", 2, 2,
                                  [](const BindArgs& a) { return BindElementAt(a, false); }));
  registry.AddScalar(
      DefineScalar("get_field", "struct.field", "A struct's field by name.", 2, 2, BindGetField));
  registry.AddScalar(DefineScalar("map_keys", "map_keys(map)", "The keys of a map as an ARRAY.", 1,
                                  1, [](const BindArgs& a) { return BindMapPart(a, 0); }));
  registry.AddScalar(DefineScalar("map_values", "map_values(map)",
                                  "The values of a map as an ARRAY.", 1, 1,
                                  [](const BindArgs& a) { return BindMapPart(a, 1); }));
  registry.AddScalar(DefineScalar("array_contains", "array_contains(array, value)",
                                  "Whether the array holds value; NULL when not found and it holds "
                                  "a NULL.",
                                  2, 2, BindArrayContains));
  registry.AddScalar(DefineScalar("sort_array", "sort_array(array[, ascending])",
                                  "The array sorted (NULLs first ascending, last descending).", 1,
                                  2, BindSortArray));
  registry.AddScalar(DefineScalar("array_distinct", "array_distinct(array)",
                                  "The array without repeated elements.", 1, 1, BindArrayDistinct));
}

}  // namespace runnel::function
