// Plain C++ structs read and written as Thrift structs, field by field, with the wire type
// taken from the member's C++ type (bool, int8_t .. int64_t, enums as i32, std::string as
// binary, std::vector as list, std::optional as an optional field, anything else a struct).
//
// A struct type S takes part by providing, in its own namespace (found by argument-dependent
// lookup):
//   Status ReadThriftStruct(CompactReader&, S*);
//   void WriteThriftStruct(CompactWriter&, const S&);
// written with ReadThriftFields and WriteThriftField below. parquet_metadata*.cc do this for
// Parquet's footer and page headers.
#pragma once

#include <algorithm>
#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

#include "base/status.h"
#include "format/parquet/thrift_compact.h"

namespace runnel::format::parquet {

namespace internal {
template <typename T>
struct IsVector : std::false_type {};
template <typename T>
struct IsVector<std::vector<T>> : std::true_type {};
}  // namespace internal

template <typename T>
constexpr ThriftType ThriftTypeOf() {
  if constexpr (std::is_same_v<T, bool>) {
    return ThriftType::kBool;
  } else if constexpr (std::is_same_v<T, int8_t>) {
    return ThriftType::kI8;
  } else if constexpr (std::is_same_v<T, int16_t>) {
    return ThriftType::kI16;
  } else if constexpr (std::is_same_v<T, int32_t> || std::is_enum_v<T>) {
    return ThriftType::kI32;  // Thrift enums are i32
  } else if constexpr (std::is_same_v<T, int64_t>) {
    return ThriftType::kI64;
  } else if constexpr (std::is_same_v<T, double>) {
    return ThriftType::kDouble;
  } else if constexpr (std::is_same_v<T, std::string>) {
    return ThriftType::kBinary;
  } else if constexpr (internal::IsVector<T>::value) {
    return ThriftType::kList;
  } else {
    return ThriftType::kStruct;
  }
}

// ---- Writing ----

// A value: a field's, or a list element's (where a bool is a byte).
template <typename T>
void WriteThriftValue(CompactWriter& w, const T& value) {
  if constexpr (std::is_same_v<T, bool>) {
    w.WriteBool(value);
  } else if constexpr (std::is_same_v<T, int8_t>) {
    w.WriteI8(value);
  } else if constexpr (std::is_same_v<T, int16_t>) {
    w.WriteI16(value);
  } else if constexpr (std::is_same_v<T, int32_t>) {
    w.WriteI32(value);
  } else if constexpr (std::is_enum_v<T>) {
    w.WriteI32(static_cast<int32_t>(value));
  } else if constexpr (std::is_same_v<T, int64_t>) {
    w.WriteI64(value);
  } else if constexpr (std::is_same_v<T, double>) {
    w.WriteDouble(value);
  } else if constexpr (std::is_same_v<T, std::string>) {
    w.WriteBinary(value);
  } else if constexpr (internal::IsVector<T>::value) {
    w.WriteListBegin(ThriftTypeOf<typename T::value_type>(), static_cast<int32_t>(value.size()));
    for (const auto& element : value) WriteThriftValue(w, element);
  } else {
    WriteThriftStruct(w, value);
  }
}

template <typename T>
void WriteThriftField(CompactWriter& w, int16_t id, const T& value) {
  if constexpr (std::is_same_v<T, bool>) {
    w.WriteBoolField(id, value);
  } else {
    w.WriteFieldBegin(ThriftTypeOf<T>(), id);
    WriteThriftValue(w, value);
  }
}

// An optional field: written only when set.
template <typename T>
void WriteThriftField(CompactWriter& w, int16_t id, const std::optional<T>& value) {
  if (value) WriteThriftField(w, id, *value);
}

// Runs `body` (which writes the fields) between a struct's begin and its stop field.
template <typename Body>
void WriteThriftFields(CompactWriter& w, Body&& body) {
  w.WriteStructBegin();
  body();
  w.WriteFieldStop();
  w.WriteStructEnd();
}

// A struct field whose value has no fields (a member of a union of empty structs).
void WriteEmptyThriftStructField(CompactWriter& w, int16_t id);

// ---- Reading ----

struct RequiredField {
  int16_t id;  // below 64
  const char* name;
};

// Corruption unless a non-empty list's elements have the expected type.
Status CheckThriftListElements(const ThriftListHeader& list, ThriftType expected);
// Corruption unless every required field's bit is set in `seen` (bit i: field id i).
Status CheckRequiredFields(uint64_t seen, const char* struct_name,
                           std::initializer_list<RequiredField> required);

// A value: a field's (other than a bool, which is in the field header) or a list element's.
template <typename T>
Status ReadThriftValue(CompactReader& r, T* out) {
  if constexpr (std::is_same_v<T, bool>) {
    RUNNEL_ASSIGN_OR_RAISE(*out, r.ReadBool());
  } else if constexpr (std::is_same_v<T, int8_t>) {
    RUNNEL_ASSIGN_OR_RAISE(*out, r.ReadI8());
  } else if constexpr (std::is_same_v<T, int16_t>) {
    RUNNEL_ASSIGN_OR_RAISE(*out, r.ReadI16());
  } else if constexpr (std::is_same_v<T, int32_t>) {
    RUNNEL_ASSIGN_OR_RAISE(*out, r.ReadI32());
  } else if constexpr (std::is_enum_v<T>) {
    RUNNEL_ASSIGN_OR_RAISE(int32_t value, r.ReadI32());
    *out = static_cast<T>(value);  // kept even when unknown, for the caller to name
  } else if constexpr (std::is_same_v<T, int64_t>) {
    RUNNEL_ASSIGN_OR_RAISE(*out, r.ReadI64());
  } else if constexpr (std::is_same_v<T, double>) {
    RUNNEL_ASSIGN_OR_RAISE(*out, r.ReadDouble());
  } else if constexpr (std::is_same_v<T, std::string>) {
    RUNNEL_ASSIGN_OR_RAISE(*out, r.ReadString());
  } else if constexpr (internal::IsVector<T>::value) {
    using Element = typename T::value_type;
    RUNNEL_ASSIGN_OR_RAISE(ThriftListHeader list, r.ReadListBegin());
    RUNNEL_RETURN_NOT_OK(CheckThriftListElements(list, ThriftTypeOf<Element>()));
    out->clear();
    // The size is bounded by the bytes left, not by the memory an element takes: reserve
    // only a little and let the vector grow with the elements actually read.
    out->reserve(std::min(list.size, 1024));
    for (int32_t i = 0; i < list.size; ++i) {
      Element element{};
      RUNNEL_RETURN_NOT_OK(ReadThriftValue(r, &element));
      out->push_back(std::move(element));
    }
  } else {
    RUNNEL_RETURN_NOT_OK(ReadThriftStruct(r, out));
  }
  return Status::OK();
}

// The field being read, handed to a struct's field callback. A field the callback does not
// read is skipped.
class ThriftField {
 public:
  ThriftField(CompactReader& reader, const char* struct_name, ThriftFieldHeader header)
      : reader_(reader), struct_name_(struct_name), header_(header) {}

  int16_t id() const { return header_.id; }
  ThriftType type() const { return header_.type; }
  bool consumed() const { return consumed_; }

  // Reads the value into *out; Corruption, naming the struct and `name`, if the wire type is
  // not the one T maps to.
  template <typename T>
  Status Read(const char* name, T* out) {
    RUNNEL_RETURN_NOT_OK(Expect(name, ThriftTypeOf<T>()));
    if constexpr (std::is_same_v<T, bool>) {
      *out = header_.bool_value;
      return Status::OK();
    } else {
      return ReadThriftValue(reader_, out);
    }
  }

  template <typename T>
  Status Read(const char* name, std::optional<T>* out) {
    T value{};
    RUNNEL_RETURN_NOT_OK(Read(name, &value));
    *out = std::move(value);
    return Status::OK();
  }

  // A struct-typed field read with its own field callback: for union members and small
  // structs without a C++ struct of their own (DecimalType, TimeUnit, ...).
  template <typename OnField>
  Status ReadNested(const char* name, const char* nested_struct_name,
                    std::initializer_list<RequiredField> required, OnField&& on_field);
  // A struct-typed field whose fields are all skipped (an empty union member).
  Status ReadEmptyStruct(const char* name);

 private:
  Status Expect(const char* name, ThriftType expected);

  CompactReader& reader_;
  const char* struct_name_;
  ThriftFieldHeader header_;
  bool consumed_ = false;
};

// Reads a struct's fields through `on_field` (Status(ThriftField&)), skips the fields it does
// not read, then checks that every required field was read: Corruption "<struct_name> is
// missing required field '<name>'" otherwise.
template <typename OnField>
Status ReadThriftFields(CompactReader& r, const char* struct_name,
                        std::initializer_list<RequiredField> required, OnField&& on_field) {
  uint64_t seen = 0;  // bit i: field id i was read
  RUNNEL_RETURN_NOT_OK(r.ReadStructBegin());
  while (true) {
    RUNNEL_ASSIGN_OR_RAISE(ThriftFieldHeader header, r.ReadFieldBegin());
    if (header.type == ThriftType::kStop) break;
    ThriftField field(r, struct_name, header);
    RUNNEL_RETURN_NOT_OK(on_field(field));
    if (!field.consumed()) {
      RUNNEL_RETURN_NOT_OK(r.Skip(header.type));
    } else if (header.id > 0 && header.id < 64) {
      seen |= uint64_t{1} << header.id;
    }
  }
  RUNNEL_RETURN_NOT_OK(r.ReadStructEnd());
  return CheckRequiredFields(seen, struct_name, required);
}

template <typename OnField>
Status ThriftField::ReadNested(const char* name, const char* nested_struct_name,
                               std::initializer_list<RequiredField> required, OnField&& on_field) {
  RUNNEL_RETURN_NOT_OK(Expect(name, ThriftType::kStruct));
  return ReadThriftFields(reader_, nested_struct_name, required, std::forward<OnField>(on_field));
}

}  // namespace runnel::format::parquet
