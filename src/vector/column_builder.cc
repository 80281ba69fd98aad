#include "vector/column_builder.h"

#include <cstring>

#include "base/check.h"

namespace runnel::vector {

using type::TypeId;

ColumnBuilder::ColumnBuilder(type::DataTypePtr type) : type_(std::move(type)) {
  switch (type_->id()) {
    case TypeId::kArray:
      children_.push_back(std::make_unique<ColumnBuilder>(type_->element_type()));
      break;
    case TypeId::kMap:
      children_.push_back(std::make_unique<ColumnBuilder>(type_->key_type()));
      children_.push_back(std::make_unique<ColumnBuilder>(type_->value_type()));
      break;
    case TypeId::kStruct:
      for (const auto& f : type_->fields()) children_.push_back(std::make_unique<ColumnBuilder>(f.type));
      break;
    default:
      break;
  }
}

void ColumnBuilder::Reserve(int64_t n) {
  int width = type_->byte_width();
  if (width) fixed_.reserve(static_cast<size_t>(n) * width);
  if (type_->id() == TypeId::kBoolean) fixed_.reserve(n);
  if (type_->is_binary_like() || type_->id() == TypeId::kArray || type_->id() == TypeId::kMap) {
    offsets_.reserve(n + 1);
  }
}

void ColumnBuilder::AppendValidity(bool valid) {
  if (!valid && !any_null_) {
    any_null_ = true;
    validity_.assign(length_, 1);
  }
  if (any_null_) validity_.push_back(valid ? 1 : 0);
  ++length_;
}

void ColumnBuilder::AppendNull() {
  switch (type_->id()) {
    case TypeId::kBoolean: fixed_.push_back(0); break;
    case TypeId::kString:
    case TypeId::kBinary:
    case TypeId::kArray:
    case TypeId::kMap: offsets_.push_back(offsets_.back()); break;
    case TypeId::kStruct:
      for (auto& c : children_) c->AppendNull();
      break;
    default: fixed_.resize(fixed_.size() + type_->byte_width(), 0); break;
  }
  AppendValidity(false);
}

namespace {
template <typename T>
void PushFixed(std::vector<uint8_t>* out, T v) {
  size_t at = out->size();
  out->resize(at + sizeof(T));
  std::memcpy(out->data() + at, &v, sizeof(T));
}
}  // namespace

void ColumnBuilder::AppendBool(bool v) {
  fixed_.push_back(v ? 1 : 0);
  AppendValidity(true);
}
void ColumnBuilder::AppendInt(int32_t v) {
  PushFixed(&fixed_, v);
  AppendValidity(true);
}
void ColumnBuilder::AppendBigInt(int64_t v) {
  PushFixed(&fixed_, v);
  AppendValidity(true);
}
void ColumnBuilder::AppendDouble(double v) {
  PushFixed(&fixed_, v);
  AppendValidity(true);
}
void ColumnBuilder::AppendDecimal(type::int128_t v) {
  PushFixed(&fixed_, v);
  AppendValidity(true);
}
void ColumnBuilder::AppendString(std::string_view v) {
  bytes_.insert(bytes_.end(), v.begin(), v.end());
  offsets_.push_back(static_cast<int32_t>(bytes_.size()));
  AppendValidity(true);
}

void ColumnBuilder::CloseList() {
  offsets_.push_back(static_cast<int32_t>(children_[0]->length()));
  AppendValidity(true);
}

void ColumnBuilder::CloseStruct(bool valid) { AppendValidity(valid); }

void ColumnBuilder::AppendValue(const type::Value& v) {
  if (v.is_null()) {
    AppendNull();
    return;
  }
  switch (type_->id()) {
    case TypeId::kNull: AppendNull(); break;
    case TypeId::kBoolean: AppendBool(v.bool_value()); break;
    case TypeId::kInt:
    case TypeId::kDate: AppendInt(static_cast<int32_t>(v.AsInt64())); break;
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kInterval: AppendBigInt(v.AsInt64()); break;
    case TypeId::kDouble: AppendDouble(v.AsDouble()); break;
    case TypeId::kDecimal: AppendDecimal(v.decimal_value()); break;
    case TypeId::kString:
    case TypeId::kBinary: AppendString(v.string_value()); break;
    case TypeId::kArray:
      for (const auto& e : v.children()) children_[0]->AppendValue(e);
      CloseList();
      break;
    case TypeId::kMap:
      for (const auto& k : v.children()) children_[0]->AppendValue(k);
      for (const auto& x : v.map_values()) children_[1]->AppendValue(x);
      CloseList();
      break;
    case TypeId::kStruct:
      for (size_t i = 0; i < children_.size(); ++i) children_[i]->AppendValue(v.children()[i]);
      CloseStruct(true);
      break;
  }
}

void ColumnBuilder::AppendFrom(const Column& column, int64_t i) {
  if (column.IsNull(i)) {
    AppendNull();
    return;
  }
  switch (type_->id()) {
    case TypeId::kNull: AppendNull(); break;
    case TypeId::kBoolean: AppendBool(column.GetBool(i)); break;
    case TypeId::kInt:
    case TypeId::kDate: AppendInt(column.values<int32_t>()[i]); break;
    case TypeId::kBigInt:
    case TypeId::kTimestamp:
    case TypeId::kInterval: AppendBigInt(column.values<int64_t>()[i]); break;
    case TypeId::kDouble: AppendDouble(column.values<double>()[i]); break;
    case TypeId::kDecimal: AppendDecimal(column.values<type::int128_t>()[i]); break;
    case TypeId::kString:
    case TypeId::kBinary: AppendString(column.GetString(i)); break;
    case TypeId::kArray:
    case TypeId::kMap: {
      const int32_t* o = column.offsets();
      for (int32_t j = o[i]; j < o[i + 1]; ++j) {
        for (size_t c = 0; c < children_.size(); ++c) children_[c]->AppendFrom(*column.child(static_cast<int>(c)), j);
      }
      CloseList();
      break;
    }
    case TypeId::kStruct:
      for (size_t c = 0; c < children_.size(); ++c) children_[c]->AppendFrom(*column.child(static_cast<int>(c)), i);
      CloseStruct(true);
      break;
  }
}

ColumnPtr ColumnBuilder::Finish() {
  int64_t nulls = 0;
  BufferPtr validity = any_null_ ? PackValidity(validity_, &nulls) : nullptr;
  std::vector<BufferPtr> buffers{validity};
  std::vector<ColumnPtr> children;
  switch (type_->id()) {
    case TypeId::kNull: break;
    case TypeId::kBoolean: {
      std::vector<uint8_t> bitmap(bits::BytesFor(length_), 0);
      for (int64_t i = 0; i < length_; ++i) {
        if (fixed_[i]) bits::Set(bitmap.data(), i);
      }
      buffers.push_back(Buffer::FromVector(std::move(bitmap)));
      break;
    }
    case TypeId::kString:
    case TypeId::kBinary:
      buffers.push_back(Buffer::FromVector(std::move(offsets_)));
      buffers.push_back(Buffer::FromVector(std::move(bytes_)));
      break;
    case TypeId::kArray:
    case TypeId::kMap:
      buffers.push_back(Buffer::FromVector(std::move(offsets_)));
      for (auto& c : children_) children.push_back(c->Finish());
      break;
    case TypeId::kStruct:
      for (auto& c : children_) children.push_back(c->Finish());
      break;
    default: buffers.push_back(Buffer::FromVector(std::move(fixed_))); break;
  }
  auto column = std::make_shared<Column>(type_, length_, nulls, std::move(buffers), std::move(children));
  // Leave the builder empty and reusable.
  length_ = 0;
  validity_.clear();
  any_null_ = false;
  fixed_ = {};
  offsets_ = {0};
  bytes_ = {};
  for (auto& c : children_) c = std::make_unique<ColumnBuilder>(c->type());
  return column;
}

}  // namespace runnel::vector
