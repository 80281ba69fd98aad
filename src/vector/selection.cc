#include "vector/selection.h"

#include "vector/column_builder.h"

namespace runnel::vector {

using type::TypeId;

namespace {

std::vector<uint8_t> TakeValidity(const Column& column, const int32_t* indices, int64_t count,
                                  bool* any_null) {
  std::vector<uint8_t> validity;
  *any_null = false;
  bool needs = column.has_nulls();
  for (int64_t i = 0; i < count && !needs; ++i) needs = indices[i] < 0;
  if (!needs) return validity;
  validity.resize(count);
  for (int64_t i = 0; i < count; ++i) {
    bool valid = indices[i] >= 0 && column.IsValid(indices[i]);
    validity[i] = valid;
    *any_null |= !valid;
  }
  return validity;
}

template <typename T>
ColumnPtr TakeFixed(const Column& column, const int32_t* indices, int64_t count) {
  const T* src = column.values<T>();
  std::vector<T> out(count);
  for (int64_t i = 0; i < count; ++i) out[i] = indices[i] >= 0 ? src[indices[i]] : T{};
  bool any_null;
  auto validity = TakeValidity(column, indices, count, &any_null);
  return MakeFixedColumn<T>(column.type(), std::move(out), validity);
}

ColumnPtr TakeStrings(const Column& column, const int32_t* indices, int64_t count) {
  std::vector<int32_t> offsets(count + 1);
  size_t total = 0;
  for (int64_t i = 0; i < count; ++i) {
    if (indices[i] >= 0) total += column.GetString(indices[i]).size();
  }
  std::vector<char> bytes;
  bytes.reserve(total);
  offsets[0] = 0;
  for (int64_t i = 0; i < count; ++i) {
    if (indices[i] >= 0) {
      auto s = column.GetString(indices[i]);
      bytes.insert(bytes.end(), s.begin(), s.end());
    }
    offsets[i + 1] = static_cast<int32_t>(bytes.size());
  }
  bool any_null;
  auto validity = TakeValidity(column, indices, count, &any_null);
  return MakeStringColumn(column.type(), std::move(offsets), std::move(bytes), validity);
}

}  // namespace

ColumnPtr Take(const Column& column, const int32_t* indices, int64_t count) {
  switch (column.type_id()) {
    case TypeId::kInt:
    case TypeId::kDate: return TakeFixed<int32_t>(column, indices, count);
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kInterval: return TakeFixed<int64_t>(column, indices, count);
    case TypeId::kDouble: return TakeFixed<double>(column, indices, count);
    case TypeId::kDecimal: return TakeFixed<type::int128_t>(column, indices, count);
    case TypeId::kString:
    case TypeId::kBinary: return TakeStrings(column, indices, count);
    case TypeId::kStruct: {
      std::vector<ColumnPtr> children;
      for (const auto& c : column.children()) children.push_back(Take(*c, indices, count));
      bool any_null;
      auto validity = TakeValidity(column, indices, count, &any_null);
      int64_t nulls;
      BufferPtr bitmap = PackValidity(validity, &nulls);
      return std::make_shared<Column>(column.type(), count, nulls, std::vector<BufferPtr>{bitmap},
                                      std::move(children));
    }
    default: {
      // BOOLEAN, NULL, ARRAY, MAP: row by row.
      ColumnBuilder builder(column.type());
      builder.Reserve(count);
      for (int64_t i = 0; i < count; ++i) {
        if (indices[i] < 0) {
          builder.AppendNull();
        } else {
          builder.AppendFrom(column, indices[i]);
        }
      }
      return builder.Finish();
    }
  }
}

Batch TakeRows(const Batch& batch, const SelectionVector& indices) {
  std::vector<ColumnPtr> columns;
  columns.reserve(batch.num_columns());
  for (const auto& c : batch.columns()) {
    columns.push_back(Take(*c, indices.data(), static_cast<int64_t>(indices.size())));
  }
  return Batch(batch.schema(), std::move(columns), static_cast<int64_t>(indices.size()));
}

SelectionVector SelectTrue(const Column& mask) {
  SelectionVector out;
  int64_t n = mask.length();
  out.reserve(n);
  const uint8_t* values = mask.buffers()[1]->data();
  int64_t off = mask.offset();
  if (!mask.has_nulls()) {
    for (int64_t i = 0; i < n; ++i) {
      if (bits::Get(values, off + i)) out.push_back(static_cast<int32_t>(i));
    }
  } else {
    for (int64_t i = 0; i < n; ++i) {
      if (mask.IsValid(i) && bits::Get(values, off + i)) out.push_back(static_cast<int32_t>(i));
    }
  }
  return out;
}

Batch FilterBatch(const Batch& batch, const Column& mask) {
  SelectionVector selected = SelectTrue(mask);
  if (static_cast<int64_t>(selected.size()) == batch.num_rows()) return batch;
  return TakeRows(batch, selected);
}

ColumnPtr Concatenate(const std::vector<ColumnPtr>& columns, const type::DataTypePtr& type) {
  if (columns.size() == 1) return columns[0];
  ColumnBuilder builder(type);
  int64_t total = 0;
  for (const auto& c : columns) total += c->length();
  builder.Reserve(total);
  for (const auto& c : columns) {
    for (int64_t i = 0; i < c->length(); ++i) builder.AppendFrom(*c, i);
  }
  return builder.Finish();
}

Batch ConcatenateBatches(const type::SchemaPtr& schema, const std::vector<Batch>& batches) {
  if (batches.size() == 1) return batches[0].WithSchema(schema);
  std::vector<ColumnPtr> columns;
  int64_t rows = 0;
  for (const auto& b : batches) rows += b.num_rows();
  for (int c = 0; c < schema->num_fields(); ++c) {
    std::vector<ColumnPtr> parts;
    for (const auto& b : batches) parts.push_back(b.column(c));
    if (parts.empty()) {
      columns.push_back(MakeNullColumn(schema->field(c).type, 0));
    } else {
      columns.push_back(Concatenate(parts, schema->field(c).type));
    }
  }
  return Batch(schema, std::move(columns), rows);
}

}  // namespace runnel::vector
