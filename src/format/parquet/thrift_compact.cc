#include "format/parquet/thrift_compact.h"

#include <fmt/format.h>

#include <cstring>
#include <limits>

#include "base/check.h"

namespace runnel::format::parquet {
namespace {

// Field headers: BOOLEAN_TRUE and BOOLEAN_FALSE. The element type of bools in a list, set or
// map is BOOLEAN_TRUE too: the spec document says 2, but the reference implementations (Java
// and C++) write 1, and readers accept both.
constexpr uint8_t kBoolTrueNibble = 1;
constexpr uint8_t kBoolFalseNibble = 2;

uint32_t ZigZag32(int32_t n) {
  return (static_cast<uint32_t>(n) << 1) ^ static_cast<uint32_t>(n >> 31);
}
uint64_t ZigZag64(int64_t n) {
  return (static_cast<uint64_t>(n) << 1) ^ static_cast<uint64_t>(n >> 63);
}
int32_t UnZigZag32(uint32_t n) { return static_cast<int32_t>((n >> 1) ^ (~(n & 1) + 1)); }
int64_t UnZigZag64(uint64_t n) { return static_cast<int64_t>((n >> 1) ^ (~(n & 1) + 1)); }

uint8_t ElementNibble(ThriftType type) {
  return type == ThriftType::kBool ? kBoolTrueNibble : static_cast<uint8_t>(type);
}

// The fewest bytes one element of `type` can take, which bounds how many elements the rest of
// the input can hold.
size_t MinEncodedBytes(ThriftType type) {
  switch (type) {
    case ThriftType::kDouble:
      return 8;
    case ThriftType::kUuid:
      return 16;
    default:
      return 1;
  }
}

}  // namespace

const char* ThriftTypeName(ThriftType type) {
  switch (type) {
    case ThriftType::kStop:
      return "stop";
    case ThriftType::kBool:
      return "bool";
    case ThriftType::kI8:
      return "i8";
    case ThriftType::kI16:
      return "i16";
    case ThriftType::kI32:
      return "i32";
    case ThriftType::kI64:
      return "i64";
    case ThriftType::kDouble:
      return "double";
    case ThriftType::kBinary:
      return "binary";
    case ThriftType::kList:
      return "list";
    case ThriftType::kSet:
      return "set";
    case ThriftType::kMap:
      return "map";
    case ThriftType::kStruct:
      return "struct";
    case ThriftType::kUuid:
      return "uuid";
  }
  return "unknown";
}

// ---- CompactWriter ----

void CompactWriter::WriteStructBegin() {
  last_field_ids_.push_back(last_field_id_);
  last_field_id_ = 0;
}

void CompactWriter::WriteStructEnd() {
  RUNNEL_DCHECK(!last_field_ids_.empty());
  last_field_id_ = last_field_ids_.back();
  last_field_ids_.pop_back();
}

void CompactWriter::WriteFieldHeader(uint8_t type_nibble, int16_t field_id) {
  int delta = static_cast<int>(field_id) - last_field_id_;
  if (delta > 0 && delta <= 15) {
    out_->push_back(static_cast<char>((delta << 4) | type_nibble));
  } else {
    out_->push_back(static_cast<char>(type_nibble));
    WriteI16(field_id);
  }
  last_field_id_ = field_id;
}

void CompactWriter::WriteFieldBegin(ThriftType type, int16_t field_id) {
  RUNNEL_DCHECK(type != ThriftType::kBool && type != ThriftType::kStop);
  WriteFieldHeader(static_cast<uint8_t>(type), field_id);
}

void CompactWriter::WriteBoolField(int16_t field_id, bool value) {
  // The value is the type nibble; no bytes follow.
  WriteFieldHeader(value ? kBoolTrueNibble : kBoolFalseNibble, field_id);
}

void CompactWriter::WriteFieldStop() { out_->push_back('\0'); }

void CompactWriter::WriteBool(bool value) { out_->push_back(value ? '\1' : '\0'); }

void CompactWriter::WriteI8(int8_t value) { out_->push_back(static_cast<char>(value)); }

void CompactWriter::WriteI16(int16_t value) { WriteVarint(ZigZag32(value)); }

void CompactWriter::WriteI32(int32_t value) { WriteVarint(ZigZag32(value)); }

void CompactWriter::WriteI64(int64_t value) { WriteVarint(ZigZag64(value)); }

void CompactWriter::WriteDouble(double value) {
  uint64_t bits;
  std::memcpy(&bits, &value, sizeof bits);
  // Little-endian, unlike the binary protocol (a historical accident the spec kept).
  for (int i = 0; i < 8; ++i) out_->push_back(static_cast<char>((bits >> (8 * i)) & 0xFF));
}

void CompactWriter::WriteBinary(std::string_view value) {
  WriteVarint(value.size());
  out_->append(value);
}

void CompactWriter::WriteCollectionBegin(ThriftType element_type, int32_t size) {
  RUNNEL_DCHECK(size >= 0);
  uint8_t nibble = ElementNibble(element_type);
  if (size < 15) {
    out_->push_back(static_cast<char>((size << 4) | nibble));
  } else {
    out_->push_back(static_cast<char>(0xF0 | nibble));
    WriteVarint(static_cast<uint32_t>(size));
  }
}

void CompactWriter::WriteListBegin(ThriftType element_type, int32_t size) {
  WriteCollectionBegin(element_type, size);
}

void CompactWriter::WriteSetBegin(ThriftType element_type, int32_t size) {
  WriteCollectionBegin(element_type, size);
}

void CompactWriter::WriteMapBegin(ThriftType key_type, ThriftType value_type, int32_t size) {
  RUNNEL_DCHECK(size >= 0);
  WriteVarint(static_cast<uint32_t>(size));
  // An empty map is the size alone.
  if (size > 0) {
    out_->push_back(static_cast<char>((ElementNibble(key_type) << 4) | ElementNibble(value_type)));
  }
}

void CompactWriter::WriteVarint(uint64_t value) {
  while (value >= 0x80) {
    out_->push_back(static_cast<char>((value & 0x7F) | 0x80));
    value >>= 7;
  }
  out_->push_back(static_cast<char>(value));
}

// ---- CompactReader ----

Status CompactReader::Truncated(size_t needed) const {
  return Status::Corruption(
      fmt::format("Thrift data is truncated: {} more bytes needed at offset {}, {} left", needed,
                  position_, remaining()));
}

Status CompactReader::Corrupt(const std::string& what) const {
  return Status::Corruption(
      fmt::format("Thrift data is corrupt: {} at offset {}", what, position_));
}

Result<uint8_t> CompactReader::ReadByte() {
  if (position_ >= bytes_.size()) return Truncated(1);
  return static_cast<uint8_t>(bytes_[position_++]);
}

Result<uint64_t> CompactReader::ReadVarint64() {
  uint64_t value = 0;
  for (int i = 0; i < 10; ++i) {
    RUNNEL_ASSIGN_OR_RAISE(uint8_t byte, ReadByte());
    // The tenth byte holds bit 63 only.
    if (i == 9 && byte > 1) return Corrupt("varint longer than 64 bits");
    value |= static_cast<uint64_t>(byte & 0x7F) << (7 * i);
    if ((byte & 0x80) == 0) return value;
  }
  return Corrupt("varint longer than 64 bits");
}

Result<uint32_t> CompactReader::ReadVarint32() {
  RUNNEL_ASSIGN_OR_RAISE(uint64_t value, ReadVarint64());
  if (value > std::numeric_limits<uint32_t>::max()) {
    return Corrupt(fmt::format("varint {} does not fit 32 bits", value));
  }
  return static_cast<uint32_t>(value);
}

Result<bool> CompactReader::ReadBool() {
  RUNNEL_ASSIGN_OR_RAISE(uint8_t byte, ReadByte());
  // 1 is true; Java writes false as 2 where the spec says 0.
  if (byte > 2) return Corrupt(fmt::format("bool element {}", byte));
  return byte == 1;
}

Result<int8_t> CompactReader::ReadI8() {
  RUNNEL_ASSIGN_OR_RAISE(uint8_t byte, ReadByte());
  return static_cast<int8_t>(byte);
}

Result<int16_t> CompactReader::ReadI16() {
  RUNNEL_ASSIGN_OR_RAISE(uint32_t raw, ReadVarint32());
  int32_t value = UnZigZag32(raw);
  if (value < std::numeric_limits<int16_t>::min() || value > std::numeric_limits<int16_t>::max()) {
    return Corrupt(fmt::format("i16 value {} out of range", value));
  }
  return static_cast<int16_t>(value);
}

Result<int32_t> CompactReader::ReadI32() {
  RUNNEL_ASSIGN_OR_RAISE(uint32_t raw, ReadVarint32());
  return UnZigZag32(raw);
}

Result<int64_t> CompactReader::ReadI64() {
  RUNNEL_ASSIGN_OR_RAISE(uint64_t raw, ReadVarint64());
  return UnZigZag64(raw);
}

Result<double> CompactReader::ReadDouble() {
  if (remaining() < 8) return Truncated(8);
  uint64_t bits = 0;
  for (int i = 0; i < 8; ++i) {
    bits |= static_cast<uint64_t>(static_cast<uint8_t>(bytes_[position_ + i])) << (8 * i);
  }
  position_ += 8;
  double value;
  std::memcpy(&value, &bits, sizeof value);
  return value;
}

Result<std::string_view> CompactReader::ReadBinary() {
  RUNNEL_ASSIGN_OR_RAISE(uint32_t length, ReadVarint32());
  if (length > static_cast<uint32_t>(std::numeric_limits<int32_t>::max())) {
    return Corrupt(fmt::format("negative binary length {}", static_cast<int32_t>(length)));
  }
  if (length > remaining()) return Truncated(length);
  std::string_view value = bytes_.substr(position_, length);
  position_ += length;
  return value;
}

Result<std::string> CompactReader::ReadString() {
  RUNNEL_ASSIGN_OR_RAISE(std::string_view value, ReadBinary());
  return std::string(value);
}

Status CompactReader::EnterNesting() {
  if (depth_ >= kMaxThriftNestingDepth) {
    return Corrupt(fmt::format("nesting deeper than {} levels", kMaxThriftNestingDepth));
  }
  ++depth_;
  return Status::OK();
}

Status CompactReader::ReadStructBegin() {
  RUNNEL_RETURN_NOT_OK(EnterNesting());
  last_field_ids_.push_back(last_field_id_);
  last_field_id_ = 0;
  return Status::OK();
}

Status CompactReader::ReadStructEnd() {
  if (last_field_ids_.empty()) return Status::Internal("ReadStructEnd without ReadStructBegin");
  last_field_id_ = last_field_ids_.back();
  last_field_ids_.pop_back();
  --depth_;
  return Status::OK();
}

Result<ThriftFieldHeader> CompactReader::ReadFieldBegin() {
  RUNNEL_ASSIGN_OR_RAISE(uint8_t byte, ReadByte());
  ThriftFieldHeader header;
  if (byte == 0) return header;  // stop
  uint8_t nibble = byte & 0x0F;
  if (nibble == 0 || nibble > static_cast<uint8_t>(ThriftType::kUuid)) {
    return Corrupt(fmt::format("unknown field type {}", nibble));
  }
  if (nibble == kBoolTrueNibble || nibble == kBoolFalseNibble) {
    header.type = ThriftType::kBool;
    header.bool_value = nibble == kBoolTrueNibble;
  } else {
    header.type = static_cast<ThriftType>(nibble);
  }
  int delta = byte >> 4;
  if (delta == 0) {
    RUNNEL_ASSIGN_OR_RAISE(header.id, ReadI16());
  } else {
    int id = last_field_id_ + delta;
    if (id > std::numeric_limits<int16_t>::max()) {
      return Corrupt(fmt::format("field id {} out of range", id));
    }
    header.id = static_cast<int16_t>(id);
  }
  last_field_id_ = header.id;
  return header;
}

Result<ThriftType> CompactReader::ElementType(uint8_t nibble) const {
  if (nibble == kBoolTrueNibble || nibble == kBoolFalseNibble) return ThriftType::kBool;
  if (nibble < static_cast<uint8_t>(ThriftType::kI8) ||
      nibble > static_cast<uint8_t>(ThriftType::kUuid)) {
    return Corrupt(fmt::format("unknown element type {}", nibble));
  }
  return static_cast<ThriftType>(nibble);
}

Status CompactReader::CheckCollectionSize(uint64_t size, size_t min_element_bytes) const {
  if (size > static_cast<uint64_t>(std::numeric_limits<int32_t>::max())) {
    return Corrupt(fmt::format("collection size {} out of range", size));
  }
  if (size * min_element_bytes > remaining()) {
    return Corrupt(
        fmt::format("collection of {} elements in the {} bytes left", size, remaining()));
  }
  return Status::OK();
}

Result<ThriftListHeader> CompactReader::ReadListBegin() {
  RUNNEL_ASSIGN_OR_RAISE(uint8_t byte, ReadByte());
  ThriftListHeader header;
  RUNNEL_ASSIGN_OR_RAISE(header.element_type, ElementType(byte & 0x0F));
  uint64_t size = byte >> 4;
  if (size == 15) {
    RUNNEL_ASSIGN_OR_RAISE(size, ReadVarint32());
  }
  RUNNEL_RETURN_NOT_OK(CheckCollectionSize(size, MinEncodedBytes(header.element_type)));
  header.size = static_cast<int32_t>(size);
  return header;
}

Result<ThriftMapHeader> CompactReader::ReadMapBegin() {
  RUNNEL_ASSIGN_OR_RAISE(uint64_t size, ReadVarint32());
  ThriftMapHeader header;
  if (size == 0) return header;
  RUNNEL_ASSIGN_OR_RAISE(uint8_t types, ReadByte());
  RUNNEL_ASSIGN_OR_RAISE(header.key_type, ElementType(types >> 4));
  RUNNEL_ASSIGN_OR_RAISE(header.value_type, ElementType(types & 0x0F));
  RUNNEL_RETURN_NOT_OK(CheckCollectionSize(
      size, MinEncodedBytes(header.key_type) + MinEncodedBytes(header.value_type)));
  header.size = static_cast<int32_t>(size);
  return header;
}

Status CompactReader::Skip(ThriftType type) {
  // A bool field's value was in its header: nothing follows it.
  if (type == ThriftType::kBool) return Status::OK();
  return SkipValue(type);
}

Status CompactReader::SkipValue(ThriftType type) {
  switch (type) {
    case ThriftType::kBool:
    case ThriftType::kI8:
      return ReadByte().status();
    case ThriftType::kI16:
    case ThriftType::kI32:
    case ThriftType::kI64:
      return ReadVarint64().status();
    case ThriftType::kDouble:
    case ThriftType::kUuid: {
      size_t size = MinEncodedBytes(type);
      if (remaining() < size) return Truncated(size);
      position_ += size;
      return Status::OK();
    }
    case ThriftType::kBinary:
      return ReadBinary().status();
    case ThriftType::kStruct: {
      RUNNEL_RETURN_NOT_OK(ReadStructBegin());
      while (true) {
        RUNNEL_ASSIGN_OR_RAISE(ThriftFieldHeader field, ReadFieldBegin());
        if (field.type == ThriftType::kStop) break;
        RUNNEL_RETURN_NOT_OK(Skip(field.type));
      }
      return ReadStructEnd();
    }
    case ThriftType::kList:
    case ThriftType::kSet: {
      RUNNEL_RETURN_NOT_OK(EnterNesting());
      RUNNEL_ASSIGN_OR_RAISE(ThriftListHeader list, ReadListBegin());
      for (int32_t i = 0; i < list.size; ++i) RUNNEL_RETURN_NOT_OK(SkipValue(list.element_type));
      --depth_;
      return Status::OK();
    }
    case ThriftType::kMap: {
      RUNNEL_RETURN_NOT_OK(EnterNesting());
      RUNNEL_ASSIGN_OR_RAISE(ThriftMapHeader map, ReadMapBegin());
      for (int32_t i = 0; i < map.size; ++i) {
        RUNNEL_RETURN_NOT_OK(SkipValue(map.key_type));
        RUNNEL_RETURN_NOT_OK(SkipValue(map.value_type));
      }
      --depth_;
      return Status::OK();
    }
    case ThriftType::kStop:
      break;
  }
  return Corrupt(fmt::format("cannot skip a value of type {}", ThriftTypeName(type)));
}

}  // namespace runnel::format::parquet
