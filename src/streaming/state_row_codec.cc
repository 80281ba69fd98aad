#include "streaming/state_row_codec.h"

#include <cstring>

namespace runnel::streaming {

namespace {

template <typename T>
void PutFixed(T v, std::string* out) {
  char buf[sizeof(T)];
  std::memcpy(buf, &v, sizeof(T));
  out->append(buf, sizeof(T));
}

void Encode(const type::Value& v, std::string* out) {
  out->push_back(v.is_null() ? 0 : 1);
  if (v.is_null()) return;
  switch (v.type()->id()) {
    case type::TypeId::kNull: break;
    case type::TypeId::kBoolean: out->push_back(v.bool_value() ? 1 : 0); break;
    case type::TypeId::kInt:
    case type::TypeId::kDate: PutFixed<int32_t>(v.int_value(), out); break;
    case type::TypeId::kBigInt:
    case type::TypeId::kTimestamp:
    case type::TypeId::kInterval: PutFixed<int64_t>(v.bigint_value(), out); break;
    case type::TypeId::kDouble: PutFixed<double>(v.double_value(), out); break;
    case type::TypeId::kDecimal: PutFixed<type::int128_t>(v.decimal_value(), out); break;
    case type::TypeId::kString:
    case type::TypeId::kBinary:
      PutFixed<uint32_t>(static_cast<uint32_t>(v.string_value().size()), out);
      out->append(v.string_value());
      break;
    case type::TypeId::kArray:
    case type::TypeId::kStruct:
      PutFixed<uint32_t>(static_cast<uint32_t>(v.children().size()), out);
      for (const auto& c : v.children()) Encode(c, out);
      break;
    case type::TypeId::kMap:
      PutFixed<uint32_t>(static_cast<uint32_t>(v.children().size()), out);
      for (size_t i = 0; i < v.children().size(); ++i) {
        Encode(v.children()[i], out);
        Encode(v.map_values()[i], out);
      }
      break;
  }
}

class Reader {
 public:
  explicit Reader(std::string_view bytes) : bytes_(bytes) {}
  template <typename T>
  Result<T> Fixed() {
    if (bytes_.size() < sizeof(T)) return Truncated();
    T v;
    std::memcpy(&v, bytes_.data(), sizeof(T));
    bytes_.remove_prefix(sizeof(T));
    return v;
  }
  Result<std::string> Bytes(size_t n) {
    if (bytes_.size() < n) return Truncated();
    std::string s(bytes_.substr(0, n));
    bytes_.remove_prefix(n);
    return s;
  }
  bool done() const { return bytes_.empty(); }
  Status Truncated() const { return Status::Corruption("A state row ends too early: the state does not match the query's schema"); }

  Result<type::Value> Decode(const type::DataTypePtr& type) {
    RUNNEL_ASSIGN_OR_RAISE(uint8_t present, Fixed<uint8_t>());
    if (!present) return type::Value::NullOf(type);
    switch (type->id()) {
      case type::TypeId::kNull: return type::Value::NullOf(type);
      case type::TypeId::kBoolean: {
        RUNNEL_ASSIGN_OR_RAISE(uint8_t b, Fixed<uint8_t>());
        return type::Value::Boolean(b != 0);
      }
      case type::TypeId::kInt: {
        RUNNEL_ASSIGN_OR_RAISE(int32_t v, Fixed<int32_t>());
        return type::Value::Int(v);
      }
      case type::TypeId::kDate: {
        RUNNEL_ASSIGN_OR_RAISE(int32_t v, Fixed<int32_t>());
        return type::Value::Date(v);
      }
      case type::TypeId::kBigInt: {
        RUNNEL_ASSIGN_OR_RAISE(int64_t v, Fixed<int64_t>());
        return type::Value::BigInt(v);
      }
      case type::TypeId::kTimestamp: {
        RUNNEL_ASSIGN_OR_RAISE(int64_t v, Fixed<int64_t>());
        return type::Value::Timestamp(v);
      }
      case type::TypeId::kInterval: {
        RUNNEL_ASSIGN_OR_RAISE(int64_t v, Fixed<int64_t>());
        return type::Value::Interval(v);
      }
      case type::TypeId::kDouble: {
        RUNNEL_ASSIGN_OR_RAISE(double v, Fixed<double>());
        return type::Value::Double(v);
      }
      case type::TypeId::kDecimal: {
        RUNNEL_ASSIGN_OR_RAISE(type::int128_t v, Fixed<type::int128_t>());
        return type::Value::Decimal(v, type->precision(), type->scale());
      }
      case type::TypeId::kString:
      case type::TypeId::kBinary: {
        RUNNEL_ASSIGN_OR_RAISE(uint32_t n, Fixed<uint32_t>());
        RUNNEL_ASSIGN_OR_RAISE(std::string s, Bytes(n));
        return type->id() == type::TypeId::kString ? type::Value::String(std::move(s)) : type::Value::Binary(std::move(s));
      }
      case type::TypeId::kArray: {
        RUNNEL_ASSIGN_OR_RAISE(uint32_t n, Fixed<uint32_t>());
        std::vector<type::Value> items;
        for (uint32_t i = 0; i < n; ++i) {
          RUNNEL_ASSIGN_OR_RAISE(type::Value item, Decode(type->element_type()));
          items.push_back(std::move(item));
        }
        return type::Value::Array(type->element_type(), std::move(items));
      }
      case type::TypeId::kStruct: {
        RUNNEL_ASSIGN_OR_RAISE(uint32_t n, Fixed<uint32_t>());
        if (static_cast<int>(n) != type->num_fields()) return Truncated();
        std::vector<type::Value> fields;
        for (const auto& f : type->fields()) {
          RUNNEL_ASSIGN_OR_RAISE(type::Value item, Decode(f.type));
          fields.push_back(std::move(item));
        }
        return type::Value::Struct(type, std::move(fields));
      }
      case type::TypeId::kMap: {
        RUNNEL_ASSIGN_OR_RAISE(uint32_t n, Fixed<uint32_t>());
        std::vector<type::Value> keys, values;
        for (uint32_t i = 0; i < n; ++i) {
          RUNNEL_ASSIGN_OR_RAISE(type::Value k, Decode(type->key_type()));
          RUNNEL_ASSIGN_OR_RAISE(type::Value v, Decode(type->value_type()));
          keys.push_back(std::move(k));
          values.push_back(std::move(v));
        }
        return type::Value::Map(type, std::move(keys), std::move(values));
      }
    }
    return Status::Internal("unknown type in a state row");
  }

 private:
  std::string_view bytes_;
};

}  // namespace

void EncodeStateRow(const std::vector<type::Value>& row, std::string* out) {
  for (const auto& v : row) Encode(v, out);
}

Result<std::vector<type::Value>> DecodeStateRow(std::string_view bytes, const type::Schema& schema) {
  Reader reader(bytes);
  std::vector<type::Value> row;
  row.reserve(schema.num_fields());
  for (const auto& f : schema.fields()) {
    RUNNEL_ASSIGN_OR_RAISE(type::Value v, reader.Decode(f.type));
    row.push_back(std::move(v));
  }
  if (!reader.done()) return Status::Corruption("A state row is longer than the query's schema says: the state does not match the query");
  return row;
}

std::string EncodeBatchRow(const vector::Batch& batch, int first, int count, int64_t row) {
  std::string out;
  for (int c = first; c < first + count; ++c) Encode(batch.column(c)->GetValue(row), &out);
  return out;
}

}  // namespace runnel::streaming
