#include <gtest/gtest.h>

#include "function/scalar/test_evaluator.h"

namespace runnel::function {
namespace {

using testing::Evaluate;
using type::Value;

Value Eval(const std::string& name, const std::vector<Value>& args) {
  return Evaluate(name, args).ValueOrDie();
}
Value Array123() { return Value::Array(type::Int(), {Value::Int(123)}); }

// Values published by Spark (SQL function reference and the brief).
TEST(HashTest, MatchesSparkPublishedValues) {
  EXPECT_EQ(Eval("hash", {Value::Int(1)}), Value::Int(-559580957));
  EXPECT_EQ(Eval("hash", {Value::String("Spark"), Array123(), Value::Int(2)}),
            Value::Int(-1321691492));
  EXPECT_EQ(Eval("xxhash64", {Value::String("Spark"), Array123(), Value::Int(2)}),
            Value::BigInt(5602566077635097486LL));
}

// Identities that follow from Spark's definition.
TEST(HashTest, TypesHashAsTheirJavaRepresentation) {
  EXPECT_EQ(Eval("hash", {Value::Date(1)}), Eval("hash", {Value::Int(1)}));
  EXPECT_EQ(Eval("hash", {Value::Boolean(true)}), Eval("hash", {Value::Int(1)}));
  EXPECT_EQ(Eval("hash", {Value::Timestamp(7)}), Eval("hash", {Value::BigInt(7)}));
  EXPECT_NE(Eval("hash", {Value::BigInt(1)}), Eval("hash", {Value::Int(1)}));
  EXPECT_EQ(Eval("hash", {Value::Double(-0.0)}), Eval("hash", {Value::Double(0.0)}));
  EXPECT_EQ(Eval("hash", {Value::Double(0.0)}), Eval("hash", {Value::BigInt(0)}));
  EXPECT_EQ(Eval("hash", {Value::Decimal(5, 10, 2)}), Eval("hash", {Value::BigInt(5)}));
  EXPECT_EQ(Eval("hash", {Value()}), Value::Int(42));
  EXPECT_EQ(Eval("hash", {Value::Int(1), Value()}), Eval("hash", {Value::Int(1)}));
  EXPECT_EQ(Eval("hash", {Array123()}), Eval("hash", {Value::Int(123)}));
  EXPECT_EQ(Eval("hash", {Value::String("ab")}), Eval("hash", {Value::Binary("ab")}));
  EXPECT_EQ(Eval("xxhash64", {Value()}), Value::BigInt(42));
  // DECIMAL wider than 18 digits hashes BigInteger.toByteArray: 1 -> {0x01}, -1 -> {0xFF},
  // 128 -> {0x00, 0x80}.
  EXPECT_EQ(Eval("hash", {Value::Decimal(1, 20, 0)}), Eval("hash", {Value::Binary("\x01")}));
  EXPECT_EQ(Eval("hash", {Value::Decimal(-1, 20, 0)}), Eval("hash", {Value::Binary("\xff")}));
  EXPECT_EQ(Eval("hash", {Value::Decimal(128, 20, 0)}),
            Eval("hash", {Value::Binary(std::string("\x00\x80", 2))}));
  EXPECT_FALSE(Evaluate("hash", {}).ok());
}

}  // namespace
}  // namespace runnel::function
