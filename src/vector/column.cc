#include "vector/column.h"

#include "base/check.h"
#include "vector/column_builder.h"

namespace runnel::vector {

namespace bits {
int64_t CountSet(const uint8_t* bitmap, int64_t offset, int64_t length) {
  int64_t count = 0;
  int64_t i = offset, end = offset + length;
  for (; i < end && (i & 7); ++i) count += Get(bitmap, i);
  for (; i + 64 <= end; i += 64) {
    uint64_t word;
    std::memcpy(&word, bitmap + (i >> 3), 8);
    count += __builtin_popcountll(word);
  }
  for (; i < end; ++i) count += Get(bitmap, i);
  return count;
}
}  // namespace bits

Column::Column(type::DataTypePtr type, int64_t length, int64_t null_count,
               std::vector<BufferPtr> buffers, std::vector<ColumnPtr> children, int64_t offset)
    : type_(std::move(type)),
      length_(length),
      null_count_(null_count),
      offset_(offset),
      buffers_(std::move(buffers)),
      children_(std::move(children)) {
  if (buffers_.empty()) buffers_.push_back(nullptr);
  validity_ = buffers_[0] ? buffers_[0]->data() : nullptr;
  if (type_->id() == type::TypeId::kNull) {
    null_count_ = length_;
    validity_ = nullptr;
    all_null_ = true;
  }
}

ColumnPtr Column::Slice(int64_t offset, int64_t length) const {
  RUNNEL_CHECK(offset >= 0 && length >= 0 && offset + length <= length_);
  int64_t nulls = 0;
  if (type_->id() == type::TypeId::kNull) {
    nulls = length;
  } else if (validity_) {
    nulls = length - bits::CountSet(validity_, offset_ + offset, length);
  }
  std::vector<ColumnPtr> children = children_;
  if (type_->id() == type::TypeId::kStruct) {
    for (auto& c : children) c = c->Slice(offset, length);
  }
  return std::make_shared<Column>(type_, length, nulls, buffers_, std::move(children),
                                  offset_ + offset);
}

type::Value Column::GetValue(int64_t i) const {
  using type::TypeId;
  using type::Value;
  if (IsNull(i)) return Value::NullOf(type_);
  switch (type_->id()) {
    case TypeId::kNull: return Value::NullOf(type_);
    case TypeId::kBoolean: return Value::Boolean(GetBool(i));
    case TypeId::kInt: return Value::Int(values<int32_t>()[i]);
    case TypeId::kDate: return Value::Date(values<int32_t>()[i]);
    case TypeId::kBigInt: return Value::BigInt(values<int64_t>()[i]);
    case TypeId::kTimestamp: return Value::Timestamp(values<int64_t>()[i]);
    case TypeId::kInterval: return Value::Interval(values<int64_t>()[i]);
    case TypeId::kDouble: return Value::Double(values<double>()[i]);
    case TypeId::kDecimal:
      return Value::Decimal(values<type::int128_t>()[i], type_->precision(), type_->scale());
    case TypeId::kString: return Value::String(std::string(GetString(i)));
    case TypeId::kBinary: return Value::Binary(std::string(GetString(i)));
    case TypeId::kArray: {
      const int32_t* o = offsets();
      std::vector<Value> elements;
      for (int32_t j = o[i]; j < o[i + 1]; ++j) elements.push_back(children_[0]->GetValue(j));
      return Value::Array(type_->element_type(), std::move(elements));
    }
    case TypeId::kMap: {
      const int32_t* o = offsets();
      std::vector<Value> keys, vals;
      for (int32_t j = o[i]; j < o[i + 1]; ++j) {
        keys.push_back(children_[0]->GetValue(j));
        vals.push_back(children_[1]->GetValue(j));
      }
      return Value::Map(type_, std::move(keys), std::move(vals));
    }
    case TypeId::kStruct: {
      std::vector<Value> fields;
      for (const auto& c : children_) fields.push_back(c->GetValue(i));
      return Value::Struct(type_, std::move(fields));
    }
  }
  return Value::NullOf(type_);
}

BufferPtr PackValidity(const std::vector<uint8_t>& validity, int64_t* null_count) {
  *null_count = 0;
  if (validity.empty()) return nullptr;
  std::vector<uint8_t> bitmap(bits::BytesFor(static_cast<int64_t>(validity.size())), 0);
  int64_t nulls = 0;
  for (size_t i = 0; i < validity.size(); ++i) {
    if (validity[i]) {
      bits::Set(bitmap.data(), static_cast<int64_t>(i));
    } else {
      ++nulls;
    }
  }
  *null_count = nulls;
  if (nulls == 0) return nullptr;
  return Buffer::FromVector(std::move(bitmap));
}

template <typename T>
ColumnPtr MakeFixedColumn(type::DataTypePtr type, std::vector<T> values,
                          const std::vector<uint8_t>& validity) {
  int64_t nulls;
  BufferPtr valid = PackValidity(validity, &nulls);
  int64_t n = static_cast<int64_t>(values.size());
  return std::make_shared<Column>(std::move(type), n, nulls,
                                  std::vector<BufferPtr>{valid, Buffer::FromVector(std::move(values))},
                                  std::vector<ColumnPtr>{});
}

template ColumnPtr MakeFixedColumn<int32_t>(type::DataTypePtr, std::vector<int32_t>,
                                            const std::vector<uint8_t>&);
template ColumnPtr MakeFixedColumn<int64_t>(type::DataTypePtr, std::vector<int64_t>,
                                            const std::vector<uint8_t>&);
template ColumnPtr MakeFixedColumn<double>(type::DataTypePtr, std::vector<double>,
                                           const std::vector<uint8_t>&);
template ColumnPtr MakeFixedColumn<type::int128_t>(type::DataTypePtr, std::vector<type::int128_t>,
                                                   const std::vector<uint8_t>&);

ColumnPtr MakeBoolColumn(const std::vector<uint8_t>& values, const std::vector<uint8_t>& validity) {
  int64_t n = static_cast<int64_t>(values.size());
  std::vector<uint8_t> bitmap(bits::BytesFor(n), 0);
  for (int64_t i = 0; i < n; ++i) {
    if (values[i]) bits::Set(bitmap.data(), i);
  }
  int64_t nulls;
  BufferPtr valid = PackValidity(validity, &nulls);
  return std::make_shared<Column>(type::Boolean(), n, nulls,
                                  std::vector<BufferPtr>{valid, Buffer::FromVector(std::move(bitmap))},
                                  std::vector<ColumnPtr>{});
}

ColumnPtr MakeStringColumn(type::DataTypePtr type, std::vector<int32_t> offsets,
                           std::vector<char> bytes, const std::vector<uint8_t>& validity) {
  int64_t n = static_cast<int64_t>(offsets.size()) - 1;
  int64_t nulls;
  BufferPtr valid = PackValidity(validity, &nulls);
  return std::make_shared<Column>(
      std::move(type), n, nulls,
      std::vector<BufferPtr>{valid, Buffer::FromVector(std::move(offsets)),
                             Buffer::FromVector(std::move(bytes))},
      std::vector<ColumnPtr>{});
}

ColumnPtr MakeNullColumn(type::DataTypePtr type, int64_t length) {
  ColumnBuilder builder(type);
  builder.Reserve(length);
  for (int64_t i = 0; i < length; ++i) builder.AppendNull();
  return builder.Finish();
}

ColumnPtr MakeConstantColumn(const type::Value& value, int64_t length) {
  using type::TypeId;
  // Literals become whole columns once per batch: fill fixed-width ones directly.
  if (!value.is_null()) {
    switch (value.type()->id()) {
      case TypeId::kInt:
      case TypeId::kDate:
        return MakeFixedColumn(value.type(), std::vector<int32_t>(length, value.int_value()));
      case TypeId::kBigInt:
      case TypeId::kTimestamp:
      case TypeId::kInterval:
        return MakeFixedColumn(value.type(), std::vector<int64_t>(length, value.bigint_value()));
      case TypeId::kDouble:
        return MakeFixedColumn(value.type(), std::vector<double>(length, value.double_value()));
      case TypeId::kBoolean:
        return MakeBoolColumn(std::vector<uint8_t>(length, value.bool_value() ? 1 : 0));
      default:
        break;
    }
  }
  ColumnBuilder builder(value.type());
  builder.Reserve(length);
  for (int64_t i = 0; i < length; ++i) builder.AppendValue(value);
  return builder.Finish();
}

}  // namespace runnel::vector
