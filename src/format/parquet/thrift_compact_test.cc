#include "format/parquet/thrift_compact.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <string>

namespace runnel::format::parquet {
namespace {

std::string Bytes(std::initializer_list<uint8_t> bytes) {
  return std::string(bytes.begin(), bytes.end());
}

template <typename Write>
std::string Written(Write&& write) {
  std::string out;
  CompactWriter writer(&out);
  write(writer);
  return out;
}

void ExpectCorrupt(const Status& status, const std::string& fragment) {
  ASSERT_FALSE(status.ok());
  EXPECT_EQ(status.code(), StatusCode::kCorruption) << status.ToString();
  EXPECT_NE(status.message().find(fragment), std::string::npos) << status.ToString();
}

// ---- Known encodings, from the spec ----

TEST(ThriftCompactTest, ZigZagVarints) {
  EXPECT_EQ(Written([](CompactWriter& w) { w.WriteI32(0); }), Bytes({0x00}));
  EXPECT_EQ(Written([](CompactWriter& w) { w.WriteI32(-1); }), Bytes({0x01}));
  EXPECT_EQ(Written([](CompactWriter& w) { w.WriteI32(1); }), Bytes({0x02}));
  EXPECT_EQ(Written([](CompactWriter& w) { w.WriteI32(-2); }), Bytes({0x03}));
  EXPECT_EQ(Written([](CompactWriter& w) { w.WriteI32(64); }), Bytes({0x80, 0x01}));
  EXPECT_EQ(Written([](CompactWriter& w) { w.WriteI32(std::numeric_limits<int32_t>::max()); }),
            Bytes({0xFE, 0xFF, 0xFF, 0xFF, 0x0F}));
  EXPECT_EQ(Written([](CompactWriter& w) { w.WriteI32(std::numeric_limits<int32_t>::min()); }),
            Bytes({0xFF, 0xFF, 0xFF, 0xFF, 0x0F}));
  EXPECT_EQ(Written([](CompactWriter& w) { w.WriteI64(std::numeric_limits<int64_t>::min()); }),
            Bytes({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01}));
  EXPECT_EQ(Written([](CompactWriter& w) { w.WriteI16(-3); }), Bytes({0x05}));
  EXPECT_EQ(Written([](CompactWriter& w) { w.WriteI8(-1); }), Bytes({0xFF}));
  // The spec's varint example.
  EXPECT_EQ(Written([](CompactWriter& w) { w.WriteVarint(50399); }), Bytes({0xDF, 0x89, 0x03}));
}

TEST(ThriftCompactTest, DoubleIsLittleEndian) {
  EXPECT_EQ(Written([](CompactWriter& w) { w.WriteDouble(1.0); }),
            Bytes({0, 0, 0, 0, 0, 0, 0xF0, 0x3F}));
}

TEST(ThriftCompactTest, BinaryHasVarintLength) {
  EXPECT_EQ(Written([](CompactWriter& w) { w.WriteString("abc"); }), Bytes({0x03, 'a', 'b', 'c'}));
  EXPECT_EQ(Written([](CompactWriter& w) { w.WriteBinary(""); }), Bytes({0x00}));
}

TEST(ThriftCompactTest, FieldHeaderShortAndLongForm) {
  std::string bytes = Written([](CompactWriter& w) {
    w.WriteStructBegin();
    w.WriteFieldBegin(ThriftType::kI32, 1);  // delta 1: short
    w.WriteI32(5);
    w.WriteFieldBegin(ThriftType::kBinary, 3);  // delta 2: short
    w.WriteString("");
    w.WriteFieldBegin(ThriftType::kI64, 20);  // delta 17: long
    w.WriteI64(0);
    w.WriteFieldBegin(ThriftType::kI8, 2);  // negative delta: long
    w.WriteI8(7);
    w.WriteBoolField(3, true);   // short, type nibble 1
    w.WriteBoolField(4, false);  // short, type nibble 2
    w.WriteBoolField(40, true);  // long
    w.WriteFieldStop();
    w.WriteStructEnd();
  });
  EXPECT_EQ(bytes, Bytes({0x15, 0x0A,        // i32 field 1 = 5
                          0x28, 0x00,        // binary field 3 = ""
                          0x06, 0x28, 0x00,  // i64 field 20 (zigzag 40) = 0
                          0x03, 0x04, 0x07,  // i8 field 2 (zigzag 4) = 7
                          0x11,              // bool field 3 = true
                          0x12,              // bool field 4 = false
                          0x01, 0x50,        // bool field 40 (zigzag 80) = true
                          0x00}));
}

TEST(ThriftCompactTest, NestedStructsKeepTheirOwnFieldIds) {
  std::string bytes = Written([](CompactWriter& w) {
    w.WriteStructBegin();
    w.WriteFieldBegin(ThriftType::kStruct, 5);
    w.WriteStructBegin();
    w.WriteFieldBegin(ThriftType::kI32, 1);  // delta from 0, not from 5
    w.WriteI32(1);
    w.WriteFieldStop();
    w.WriteStructEnd();
    w.WriteFieldBegin(ThriftType::kI32, 6);  // delta from 5
    w.WriteI32(1);
    w.WriteFieldStop();
    w.WriteStructEnd();
  });
  EXPECT_EQ(bytes, Bytes({0x5C, 0x15, 0x02, 0x00, 0x15, 0x02, 0x00}));
}

TEST(ThriftCompactTest, CollectionHeaders) {
  EXPECT_EQ(Written([](CompactWriter& w) { w.WriteListBegin(ThriftType::kI32, 3); }),
            Bytes({0x35}));
  EXPECT_EQ(Written([](CompactWriter& w) { w.WriteListBegin(ThriftType::kStruct, 0); }),
            Bytes({0x0C}));
  EXPECT_EQ(Written([](CompactWriter& w) { w.WriteListBegin(ThriftType::kBinary, 14); }),
            Bytes({0xE8}));
  EXPECT_EQ(Written([](CompactWriter& w) { w.WriteListBegin(ThriftType::kBinary, 15); }),
            Bytes({0xF8, 0x0F}));
  EXPECT_EQ(Written([](CompactWriter& w) { w.WriteListBegin(ThriftType::kI64, 300); }),
            Bytes({0xF6, 0xAC, 0x02}));
  EXPECT_EQ(Written([](CompactWriter& w) { w.WriteSetBegin(ThriftType::kBool, 2); }),
            Bytes({0x21}));
  EXPECT_EQ(
      Written([](CompactWriter& w) { w.WriteMapBegin(ThriftType::kBinary, ThriftType::kI32, 0); }),
      Bytes({0x00}));
  EXPECT_EQ(
      Written([](CompactWriter& w) { w.WriteMapBegin(ThriftType::kBinary, ThriftType::kI32, 2); }),
      Bytes({0x02, 0x85}));
}

// ---- Reading back ----

TEST(ThriftCompactTest, ScalarsRoundTrip) {
  std::string bytes = Written([](CompactWriter& w) {
    w.WriteI8(-128);
    w.WriteI16(std::numeric_limits<int16_t>::min());
    w.WriteI32(std::numeric_limits<int32_t>::min());
    w.WriteI64(std::numeric_limits<int64_t>::max());
    w.WriteI64(std::numeric_limits<int64_t>::min());
    w.WriteDouble(-2.5);
    w.WriteString("hello");
    w.WriteBool(true);
    w.WriteBool(false);
  });
  CompactReader r(bytes);
  EXPECT_EQ(r.ReadI8().ValueOrDie(), -128);
  EXPECT_EQ(r.ReadI16().ValueOrDie(), std::numeric_limits<int16_t>::min());
  EXPECT_EQ(r.ReadI32().ValueOrDie(), std::numeric_limits<int32_t>::min());
  EXPECT_EQ(r.ReadI64().ValueOrDie(), std::numeric_limits<int64_t>::max());
  EXPECT_EQ(r.ReadI64().ValueOrDie(), std::numeric_limits<int64_t>::min());
  EXPECT_EQ(r.ReadDouble().ValueOrDie(), -2.5);
  EXPECT_EQ(r.ReadString().ValueOrDie(), "hello");
  EXPECT_TRUE(r.ReadBool().ValueOrDie());
  EXPECT_FALSE(r.ReadBool().ValueOrDie());
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(ThriftCompactTest, FieldHeadersRoundTrip) {
  std::string bytes = Written([](CompactWriter& w) {
    w.WriteStructBegin();
    w.WriteFieldBegin(ThriftType::kI32, 1);
    w.WriteI32(5);
    w.WriteFieldBegin(ThriftType::kI64, 200);
    w.WriteI64(-9);
    w.WriteBoolField(-3, false);
    w.WriteBoolField(-2, true);
    w.WriteFieldStop();
    w.WriteStructEnd();
  });
  CompactReader r(bytes);
  ASSERT_TRUE(r.ReadStructBegin().ok());
  auto f = r.ReadFieldBegin().ValueOrDie();
  EXPECT_EQ(f.type, ThriftType::kI32);
  EXPECT_EQ(f.id, 1);
  EXPECT_EQ(r.ReadI32().ValueOrDie(), 5);
  f = r.ReadFieldBegin().ValueOrDie();
  EXPECT_EQ(f.type, ThriftType::kI64);
  EXPECT_EQ(f.id, 200);
  EXPECT_EQ(r.ReadI64().ValueOrDie(), -9);
  f = r.ReadFieldBegin().ValueOrDie();
  EXPECT_EQ(f.type, ThriftType::kBool);
  EXPECT_EQ(f.id, -3);
  EXPECT_FALSE(f.bool_value);
  f = r.ReadFieldBegin().ValueOrDie();
  EXPECT_EQ(f.id, -2);
  EXPECT_TRUE(f.bool_value);
  EXPECT_EQ(r.ReadFieldBegin().ValueOrDie().type, ThriftType::kStop);
  EXPECT_TRUE(r.ReadStructEnd().ok());
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(ThriftCompactTest, CollectionHeadersRoundTrip) {
  std::string bytes = Written([](CompactWriter& w) {
    w.WriteListBegin(ThriftType::kBool, 20);
    for (int i = 0; i < 20; ++i) w.WriteBool(i % 2 == 0);
    w.WriteMapBegin(ThriftType::kBinary, ThriftType::kDouble, 1);
    w.WriteString("k");
    w.WriteDouble(0.5);
    w.WriteMapBegin(ThriftType::kI32, ThriftType::kI32, 0);
  });
  CompactReader r(bytes);
  auto list = r.ReadListBegin().ValueOrDie();
  EXPECT_EQ(list.element_type, ThriftType::kBool);
  ASSERT_EQ(list.size, 20);
  for (int i = 0; i < 20; ++i) EXPECT_EQ(r.ReadBool().ValueOrDie(), i % 2 == 0);
  auto map = r.ReadMapBegin().ValueOrDie();
  EXPECT_EQ(map.key_type, ThriftType::kBinary);
  EXPECT_EQ(map.value_type, ThriftType::kDouble);
  EXPECT_EQ(map.size, 1);
  EXPECT_EQ(r.ReadString().ValueOrDie(), "k");
  EXPECT_EQ(r.ReadDouble().ValueOrDie(), 0.5);
  EXPECT_EQ(r.ReadMapBegin().ValueOrDie().size, 0);
  EXPECT_EQ(r.remaining(), 0u);
}

TEST(ThriftCompactTest, BoolElementsAcceptJavaFalse) {
  // Java writes false elements as 2 where the spec says 0; both are false.
  std::string bytes = Bytes({0x00, 0x01, 0x02, 0x03});
  CompactReader r(bytes);
  EXPECT_FALSE(r.ReadBool().ValueOrDie());
  EXPECT_TRUE(r.ReadBool().ValueOrDie());
  EXPECT_FALSE(r.ReadBool().ValueOrDie());
  ExpectCorrupt(r.ReadBool().status(), "bool element 3");
}

TEST(ThriftCompactTest, BoolListWithElementTypeTwo) {
  // The spec's element type for bool is 2; reference implementations write 1. Accept both.
  std::string bytes = Bytes({0x22, 0x01, 0x00});
  CompactReader r(bytes);
  auto list = r.ReadListBegin().ValueOrDie();
  EXPECT_EQ(list.element_type, ThriftType::kBool);
  EXPECT_EQ(list.size, 2);
}

// ---- Skipping unknown fields ----

TEST(ThriftCompactTest, SkipsEveryKindOfValue) {
  std::string bytes = Written([](CompactWriter& w) {
    w.WriteStructBegin();
    w.WriteFieldBegin(ThriftType::kI32, 1);
    w.WriteI32(11);
    // Unknown fields of every type, nested.
    w.WriteBoolField(2, true);
    w.WriteFieldBegin(ThriftType::kI8, 3);
    w.WriteI8(1);
    w.WriteFieldBegin(ThriftType::kI16, 4);
    w.WriteI16(-300);
    w.WriteFieldBegin(ThriftType::kI64, 5);
    w.WriteI64(1LL << 60);
    w.WriteFieldBegin(ThriftType::kDouble, 6);
    w.WriteDouble(3.0);
    w.WriteFieldBegin(ThriftType::kBinary, 7);
    w.WriteString("skip me");
    w.WriteFieldBegin(ThriftType::kUuid, 8);
    for (int i = 0; i < 16; ++i) w.WriteI8(static_cast<int8_t>(i));
    w.WriteFieldBegin(ThriftType::kStruct, 9);
    w.WriteStructBegin();
    w.WriteBoolField(1, false);
    w.WriteFieldBegin(ThriftType::kList, 2);
    w.WriteListBegin(ThriftType::kStruct, 2);
    for (int i = 0; i < 2; ++i) {
      w.WriteStructBegin();
      w.WriteFieldBegin(ThriftType::kList, 1);
      w.WriteListBegin(ThriftType::kI64, 16);
      for (int j = 0; j < 16; ++j) w.WriteI64(j);
      w.WriteFieldStop();
      w.WriteStructEnd();
    }
    w.WriteFieldStop();
    w.WriteStructEnd();
    w.WriteFieldBegin(ThriftType::kMap, 10);
    w.WriteMapBegin(ThriftType::kBinary, ThriftType::kList, 2);
    w.WriteString("a");
    w.WriteListBegin(ThriftType::kBool, 2);
    w.WriteBool(true);
    w.WriteBool(false);
    w.WriteString("b");
    w.WriteListBegin(ThriftType::kDouble, 1);
    w.WriteDouble(1.5);
    w.WriteFieldBegin(ThriftType::kSet, 11);
    w.WriteSetBegin(ThriftType::kMap, 1);
    w.WriteMapBegin(ThriftType::kI32, ThriftType::kStruct, 1);
    w.WriteI32(1);
    w.WriteStructBegin();
    w.WriteFieldStop();
    w.WriteStructEnd();
    w.WriteFieldBegin(ThriftType::kMap, 12);
    w.WriteMapBegin(ThriftType::kI32, ThriftType::kI32, 0);
    // A known field after them all.
    w.WriteFieldBegin(ThriftType::kI32, 100);
    w.WriteI32(42);
    w.WriteFieldStop();
    w.WriteStructEnd();
  });
  CompactReader r(bytes);
  ASSERT_TRUE(r.ReadStructBegin().ok());
  std::vector<int> skipped;
  int32_t known = 0;
  while (true) {
    auto field = r.ReadFieldBegin().ValueOrDie();
    if (field.type == ThriftType::kStop) break;
    if (field.id == 1 || field.id == 100) {
      known += r.ReadI32().ValueOrDie();
    } else {
      skipped.push_back(field.id);
      ASSERT_TRUE(r.Skip(field.type).ok()) << "field " << field.id;
    }
  }
  EXPECT_TRUE(r.ReadStructEnd().ok());
  EXPECT_EQ(known, 53);
  EXPECT_EQ(skipped, (std::vector<int>{2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}));
  EXPECT_EQ(r.remaining(), 0u);
}

// ---- Malformed input ----

TEST(ThriftCompactTest, TruncatedValues) {
  ExpectCorrupt(CompactReader("").ReadI32().status(), "truncated");
  ExpectCorrupt(CompactReader(Bytes({0x80, 0x80})).ReadI64().status(), "truncated");
  ExpectCorrupt(CompactReader(Bytes({0, 0, 0})).ReadDouble().status(), "truncated");
  ExpectCorrupt(CompactReader(Bytes({0x05, 'a', 'b'})).ReadBinary().status(), "truncated");
  ExpectCorrupt(CompactReader("").ReadFieldBegin().status(), "truncated");
  // A long-form field header whose id is missing.
  ExpectCorrupt(CompactReader(Bytes({0x05})).ReadFieldBegin().status(), "truncated");
  ExpectCorrupt(CompactReader(Bytes({0xF5})).ReadListBegin().status(), "truncated");
  ExpectCorrupt(CompactReader(Bytes({0x02})).ReadMapBegin().status(), "truncated");
  ExpectCorrupt(CompactReader(Bytes({0x0C, 0x00})).Skip(ThriftType::kUuid), "truncated");
}

TEST(ThriftCompactTest, VarintOverflow) {
  // Eleven bytes, and ten bytes with more than bit 63 in the last.
  ExpectCorrupt(
      CompactReader(Bytes({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x81, 0x00}))
          .ReadI64()
          .status(),
      "longer than 64 bits");
  ExpectCorrupt(CompactReader(Bytes({0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x02}))
                    .ReadI64()
                    .status(),
                "longer than 64 bits");
  // i32 beyond 32 bits, i16 beyond 16.
  ExpectCorrupt(CompactReader(Bytes({0xFF, 0xFF, 0xFF, 0xFF, 0x1F})).ReadI32().status(),
                "does not fit 32 bits");
  ExpectCorrupt(CompactReader(Bytes({0x80, 0x80, 0x04})).ReadI16().status(), "out of range");
}

TEST(ThriftCompactTest, LengthsAndSizesBeyondTheInput) {
  // A binary of 2^31 - 1 bytes in a 6-byte input.
  ExpectCorrupt(CompactReader(Bytes({0xFF, 0xFF, 0xFF, 0xFF, 0x07, 'x'})).ReadBinary().status(),
                "truncated");
  ExpectCorrupt(CompactReader(Bytes({0xFF, 0xFF, 0xFF, 0xFF, 0x0F})).ReadBinary().status(),
                "negative binary length");
  // A list of a billion i32s.
  ExpectCorrupt(
      CompactReader(Bytes({0xF5, 0x80, 0x94, 0xEB, 0xDC, 0x03, 0x00})).ReadListBegin().status(),
      "collection of 1000000000 elements");
  // Two doubles in 15 bytes: each needs 8.
  std::string doubles = Bytes({0x27}) + std::string(15, '\0');
  ExpectCorrupt(CompactReader(doubles).ReadListBegin().status(), "collection of 2 elements");
  // A map of 100 pairs in 3 bytes.
  ExpectCorrupt(CompactReader(Bytes({0x64, 0x55, 0, 0, 0})).ReadMapBegin().status(),
                "collection of 100 elements");
  // A list size beyond int32.
  ExpectCorrupt(CompactReader(Bytes({0xF5, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F})).ReadListBegin().status(),
                "out of range");
}

TEST(ThriftCompactTest, BadTypes) {
  ExpectCorrupt(CompactReader(Bytes({0x1E})).ReadFieldBegin().status(), "unknown field type 14");
  ExpectCorrupt(CompactReader(Bytes({0x10})).ReadFieldBegin().status(), "unknown field type 0");
  ExpectCorrupt(CompactReader(Bytes({0x1F})).ReadListBegin().status(), "unknown element type 15");
  ExpectCorrupt(CompactReader(Bytes({0x10})).ReadListBegin().status(), "unknown element type 0");
  ExpectCorrupt(CompactReader(Bytes({0x01, 0xE5})).ReadMapBegin().status(),
                "unknown element type 14");
  ExpectCorrupt(CompactReader("").Skip(ThriftType::kStop), "cannot skip");
}

TEST(ThriftCompactTest, FieldIdOverflow) {
  // Field 32767 in long form, then a delta of 1.
  std::string bytes = Bytes({0x05, 0xFE, 0xFF, 0x03, 0x00, 0x15});
  CompactReader r(bytes);
  ASSERT_TRUE(r.ReadStructBegin().ok());
  EXPECT_EQ(r.ReadFieldBegin().ValueOrDie().id, 32767);
  ASSERT_TRUE(r.ReadI32().ok());
  ExpectCorrupt(r.ReadFieldBegin().status(), "field id 32768 out of range");
}

TEST(ThriftCompactTest, NestingDepthIsBounded) {
  // Structs nested through field 1, one level more than allowed.
  std::string deep;
  for (int i = 0; i < kMaxThriftNestingDepth; ++i) deep += '\x1C';
  deep += std::string(kMaxThriftNestingDepth + 1, '\0');
  CompactReader r(deep);
  ExpectCorrupt(r.Skip(ThriftType::kStruct), "nesting deeper than 64");

  // Lists of lists.
  std::string lists(1000, '\x19');
  ExpectCorrupt(CompactReader(lists).Skip(ThriftType::kList), "nesting deeper than 64");

  // Exactly at the limit is fine.
  std::string ok;
  for (int i = 0; i < kMaxThriftNestingDepth - 1; ++i) ok += '\x1C';
  ok += std::string(kMaxThriftNestingDepth, '\0');
  CompactReader fine(ok);
  EXPECT_TRUE(fine.Skip(ThriftType::kStruct).ok());
  EXPECT_EQ(fine.remaining(), 0u);
}

TEST(ThriftCompactTest, SkippingArbitraryBytesNeverCrashes) {
  // Every two-byte input and a spread of longer ones, skipped as every type.
  std::string input(2, '\0');
  for (int a = 0; a < 256; ++a) {
    for (int b = 0; b < 256; ++b) {
      input[0] = static_cast<char>(a);
      input[1] = static_cast<char>(b);
      for (int t = 1; t <= 13; ++t) {
        if (t == 2) continue;
        CompactReader r(input);
        (void)r.Skip(static_cast<ThriftType>(t));
        EXPECT_LE(r.position(), input.size());
      }
    }
  }
}

}  // namespace
}  // namespace runnel::format::parquet
