// The Thrift compact protocol (doc/specs/thrift-compact-protocol.md in apache/thrift), which
// Parquet uses for its footer and page headers. Only what Parquet needs: structs, lists, sets,
// maps and the scalar types; no messages (Parquet never sends RPCs).
//
// CompactReader reads bytes from files we did not write, so every read checks its bounds and
// returns a Status: arbitrary input must give an error, never undefined behaviour, a crash or
// an allocation far larger than the input.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace runnel::format::parquet {

// A value's type as the compact protocol spells it on the wire. kBool stands for both field
// header types (BOOLEAN_TRUE = 1, BOOLEAN_FALSE = 2): a bool field's value lives in its header.
enum class ThriftType : uint8_t {
  kStop = 0,
  kBool = 1,
  kI8 = 3,
  kI16 = 4,
  kI32 = 5,
  kI64 = 6,
  kDouble = 7,
  kBinary = 8,  // binary and string
  kList = 9,
  kSet = 10,
  kMap = 11,
  kStruct = 12,  // structs and unions
  kUuid = 13,    // 16 bytes, no length prefix
};

const char* ThriftTypeName(ThriftType type);

// Nesting deeper than this (structs, lists, sets, maps) is refused as corrupt: Parquet's own
// structs nest about 5 deep, and a bound keeps a hostile input from exhausting the stack.
inline constexpr int kMaxThriftNestingDepth = 64;

class CompactWriter {
 public:
  // Appends to *out, which must outlive the writer.
  explicit CompactWriter(std::string* out) : out_(out) {}

  // Structs: field ids are written as deltas from the previous field of the same struct, so
  // each struct keeps its own last id.
  void WriteStructBegin();
  void WriteStructEnd();
  // The short form (one byte) when the id is 1..15 above the previous one, else the long form
  // (type byte, then the id as a zigzag varint). Use WriteBoolField for bool fields.
  void WriteFieldBegin(ThriftType type, int16_t field_id);
  // A bool field is only a header: its type nibble says true or false.
  void WriteBoolField(int16_t field_id, bool value);
  void WriteFieldStop();

  // Values (field values and list, set and map elements).
  void WriteBool(bool value);  // elements only: one byte, 1 or 0
  void WriteI8(int8_t value);
  void WriteI16(int16_t value);
  void WriteI32(int32_t value);
  void WriteI64(int64_t value);
  void WriteDouble(double value);
  void WriteBinary(std::string_view value);
  void WriteString(std::string_view value) { WriteBinary(value); }

  // Size in the header byte when below 15, else 0xF and a varint.
  void WriteListBegin(ThriftType element_type, int32_t size);
  void WriteSetBegin(ThriftType element_type, int32_t size);
  void WriteMapBegin(ThriftType key_type, ThriftType value_type, int32_t size);

  void WriteVarint(uint64_t value);

 private:
  void WriteFieldHeader(uint8_t type_nibble, int16_t field_id);
  void WriteCollectionBegin(ThriftType element_type, int32_t size);

  std::string* out_;
  std::vector<int16_t> last_field_ids_;
  int16_t last_field_id_ = 0;
};

struct ThriftFieldHeader {
  ThriftType type = ThriftType::kStop;  // kStop: the struct has no more fields
  int16_t id = 0;
  bool bool_value = false;  // the value of a kBool field
};

struct ThriftListHeader {
  ThriftType element_type = ThriftType::kStop;
  int32_t size = 0;
};

struct ThriftMapHeader {
  ThriftType key_type = ThriftType::kStop;
  ThriftType value_type = ThriftType::kStop;
  int32_t size = 0;
};

// After a read fails, the reader's position and nesting are unspecified: stop using it.
class CompactReader {
 public:
  // Reads `bytes`, which must outlive the reader and every view it returns.
  explicit CompactReader(std::string_view bytes) : bytes_(bytes) {}

  // Fails past kMaxThriftNestingDepth.
  Status ReadStructBegin();
  Status ReadStructEnd();
  // The next field's header; type kStop at the end of the struct.
  Result<ThriftFieldHeader> ReadFieldBegin();

  Result<bool> ReadBool();  // elements only; a bool field's value is in its header
  Result<int8_t> ReadI8();
  Result<int16_t> ReadI16();
  Result<int32_t> ReadI32();
  Result<int64_t> ReadI64();
  Result<double> ReadDouble();
  // A view into the input.
  Result<std::string_view> ReadBinary();
  Result<std::string> ReadString();

  // Lists, sets and maps: the size is checked against the bytes left (each element takes at
  // least one byte, some more), so a lying size fails here instead of driving a huge
  // allocation. Nothing to call at the end: the elements are simply read.
  Result<ThriftListHeader> ReadListBegin();
  Result<ThriftListHeader> ReadSetBegin() { return ReadListBegin(); }
  Result<ThriftMapHeader> ReadMapBegin();

  // Skips the value of the field whose header was just read, recursively: an unknown field of
  // a newer writer. A kBool field has nothing to skip (its value was in the header).
  Status Skip(ThriftType type);

  size_t position() const { return position_; }
  size_t remaining() const { return bytes_.size() - position_; }

  Result<uint64_t> ReadVarint64();
  Result<uint32_t> ReadVarint32();

 private:
  Status Truncated(size_t needed) const;
  Status Corrupt(const std::string& what) const;
  Result<uint8_t> ReadByte();
  Result<ThriftType> ElementType(uint8_t nibble) const;
  Status EnterNesting();
  Status CheckCollectionSize(uint64_t size, size_t min_element_bytes) const;
  Status SkipValue(ThriftType type);

  std::string_view bytes_;
  size_t position_ = 0;
  int depth_ = 0;
  std::vector<int16_t> last_field_ids_;
  int16_t last_field_id_ = 0;
};

}  // namespace runnel::format::parquet
