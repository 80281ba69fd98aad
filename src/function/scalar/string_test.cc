#include <gtest/gtest.h>

#include "function/scalar/test_scalar_eval.h"

namespace runnel::function {
namespace {

using namespace testing;  // NOLINT: test-only shorthands

TEST(StringFunctionsTest, CaseAndLength) {
  EXPECT_EQ(Show("upper", {S("abc Ünïcode ß")}), "ABC ÜNÏCODE ß");
  EXPECT_EQ(Show("ucase", {S("x")}), "X");
  EXPECT_EQ(Show("lower", {S("ÀBC")}), "àbc");
  EXPECT_EQ(Show("lcase", {Null()}), "NULL");
  EXPECT_EQ(Show("initcap", {S("sPark sql  rocks")}), "Spark Sql  Rocks");
  EXPECT_EQ(Show("reverse", {S("añb")}), "bña");
  EXPECT_EQ(Show("length", {S("añb")}), "3");
  EXPECT_EQ(Show("char_length", {S("")}), "0");
  EXPECT_EQ(Show("character_length", {Null()}), "NULL");
  EXPECT_EQ(Show("length", {type::Value::Binary("añb")}), "4");
  EXPECT_EQ(Show("octet_length", {S("añb")}), "4");
  EXPECT_EQ(Show("bit_length", {S("ab")}), "16");
}

TEST(StringFunctionsTest, SubstringFollowsSpark) {
  EXPECT_EQ(Show("substring", {S("Spark SQL"), I(5)}), "k SQL");
  EXPECT_EQ(Show("substring", {S("Spark SQL"), I(-3)}), "SQL");
  EXPECT_EQ(Show("substring", {S("Spark SQL"), I(5), I(1)}), "k");
  EXPECT_EQ(Show("substr", {S("Spark SQL"), I(0), I(2)}), "Sp");
  EXPECT_EQ(Show("substr", {S("Spark SQL"), I(1), I(2)}), "Sp");
  EXPECT_EQ(Show("substr", {S("Spark"), I(-10), I(7)}), "Sp");  // start clipped, length kept
  EXPECT_EQ(Show("substr", {S("Spark"), I(2), I(-1)}), "");
  EXPECT_EQ(Show("substr", {S("Spark"), I(10)}), "");
  EXPECT_EQ(Show("substr", {S("héllo"), I(2), I(3)}), "éll");
  EXPECT_EQ(Show("substr", {S("héllo"), Null()}), "NULL");
  EXPECT_EQ(Show("left", {S("héllo"), I(2)}), "hé");
  EXPECT_EQ(Show("left", {S("hello"), I(-1)}), "");
  EXPECT_EQ(Show("right", {S("héllo"), I(4)}), "éllo");
  EXPECT_EQ(Show("right", {S("hello"), I(10)}), "hello");
  EXPECT_EQ(Show("right", {S("hello"), I(0)}), "");
  EXPECT_EQ(CallRows("substr", {{S("abc"), S("defg"), Null()}, {I(2), I(-1), I(1)}}),
            (std::vector<std::string>{"bc", "g", "NULL"}));
}

TEST(StringFunctionsTest, ConcatAndConcatWs) {
  EXPECT_EQ(Show("concat", {S("a"), S("b"), S("c")}), "abc");
  EXPECT_EQ(Show("concat", {S("a"), Null()}), "NULL");
  EXPECT_EQ(Show("concat", {}), "");
  EXPECT_EQ(Show("concat_ws", {S(","), S("a"), Null(), S("c")}), "a,c");
  EXPECT_EQ(Show("concat_ws", {Null(), S("a")}), "NULL");
  EXPECT_EQ(Show("concat_ws", {S("-")}), "");
  auto array = type::Value::Array(type::String(), {S("x"), NullOf(type::String()), S("y")});
  EXPECT_EQ(Show("concat_ws", {S("/"), S("a"), array, S("b")}), "a/x/y/b");
}

TEST(StringFunctionsTest, Trim) {
  EXPECT_EQ(Show("trim", {S("  a b  ")}), "a b");
  EXPECT_EQ(Show("trim", {S("\ta ")}), "\ta");  // only spaces, as Spark
  EXPECT_EQ(Show("ltrim", {S("  a  ")}), "a  ");
  EXPECT_EQ(Show("rtrim", {S("  a  ")}), "  a");
  EXPECT_EQ(Show("trim", {S("xxaxyx"), S("xy")}), "a");
  EXPECT_EQ(Show("ltrim", {S("ééaé"), S("é")}), "aé");
  EXPECT_EQ(Show("btrim", {S("   ")}), "");
}

TEST(StringFunctionsTest, Search) {
  EXPECT_EQ(Show("instr", {S("SparkSQL"), S("SQL")}), "6");
  EXPECT_EQ(Show("instr", {S("héllo"), S("l")}), "3");
  EXPECT_EQ(Show("instr", {S("abc"), S("z")}), "0");
  EXPECT_EQ(Show("instr", {S("abc"), S("")}), "1");
  EXPECT_EQ(Show("locate", {S("bar"), S("foobarbar")}), "4");
  EXPECT_EQ(Show("locate", {S("bar"), S("foobarbar"), I(5)}), "7");
  EXPECT_EQ(Show("position", {S("bar"), S("foobarbar"), I(0)}), "0");
  EXPECT_EQ(Show("locate", {S("bar"), S("foobarbar"), NullOf(type::Int())}), "0");
  EXPECT_EQ(Show("locate", {Null(), S("foobarbar")}), "NULL");
  EXPECT_EQ(Show("startswith", {S("Spark"), S("Sp")}), "true");
  EXPECT_EQ(Show("startswith", {S("Spark"), S("sp")}), "false");
  EXPECT_EQ(Show("endswith", {S("Spark"), S("ark")}), "true");
  EXPECT_EQ(Show("endswith", {S("k"), S("ark")}), "false");
  EXPECT_EQ(Show("contains", {S("Spark"), S("par")}), "true");
  EXPECT_EQ(Show("contains", {S("Spark"), Null()}), "NULL");
}

TEST(StringFunctionsTest, PaddingAndRepeat) {
  EXPECT_EQ(Show("lpad", {S("hi"), I(5), S("??")}), "???hi");
  EXPECT_EQ(Show("lpad", {S("hi"), I(1), S("??")}), "h");
  EXPECT_EQ(Show("lpad", {S("hi"), I(5)}), "   hi");
  EXPECT_EQ(Show("rpad", {S("hi"), I(5), S("ab")}), "hiaba");
  EXPECT_EQ(Show("rpad", {S("hello"), I(3), S("")}), "hel");
  EXPECT_EQ(Show("rpad", {S("hi"), I(5), S("")}), "hi");
  EXPECT_EQ(Show("lpad", {S("hi"), I(-1), S("x")}), "");
  EXPECT_EQ(Show("lpad", {S("é"), I(3), S("ü")}), "üüé");
  EXPECT_EQ(Show("repeat", {S("ab"), I(3)}), "ababab");
  EXPECT_EQ(Show("repeat", {S("ab"), I(-1)}), "");
  EXPECT_EQ(Show("space", {I(2)}), "  ");
}

TEST(StringFunctionsTest, ReplaceTranslateAndCharacters) {
  EXPECT_EQ(Show("replace", {S("ABCabc"), S("abc"), S("DEF")}), "ABCDEF");
  EXPECT_EQ(Show("replace", {S("aaa"), S("a")}), "");
  EXPECT_EQ(Show("replace", {S("abc"), S(""), S("x")}), "abc");
  EXPECT_EQ(Show("translate", {S("AaBbCc"), S("abc"), S("123")}), "A1B2C3");
  EXPECT_EQ(Show("translate", {S("abcabc"), S("abca"), S("x")}), "xx");
  EXPECT_EQ(Show("translate", {S("héllo"), S("é"), S("e")}), "hello");
  EXPECT_EQ(Show("ascii", {S("222")}), "50");
  EXPECT_EQ(Show("ascii", {S("")}), "0");
  EXPECT_EQ(Show("ascii", {S("é")}), "233");
  EXPECT_EQ(Show("chr", {L(65)}), "A");
  EXPECT_EQ(Show("char", {L(256 + 66)}), "B");
  EXPECT_EQ(Show("chr", {L(-1)}), "");
  EXPECT_EQ(Show("chr", {L(233)}), "é");
}

TEST(StringFunctionsTest, BindRejectsNestedArguments) {
  const ScalarFunction* upper = FunctionRegistry::Builtins().FindScalar("upper");
  ASSERT_NE(upper, nullptr);
  BindArgs args{{type::Array(type::Int())}, {std::nullopt}, "upper"};
  auto bound = upper->bind(args);
  ASSERT_FALSE(bound.ok());
  EXPECT_EQ(bound.status().code(), StatusCode::kAnalysis);
  EXPECT_NE(bound.status().message().find("argument 1 must be STRING, got ARRAY<INT>"),
            std::string::npos)
      << bound.status().message();
  // Numbers are accepted: the binder casts them to STRING.
  BindArgs number{{type::Int()}, {std::nullopt}, "upper"};
  ASSERT_TRUE(upper->bind(number).ok());
  EXPECT_TRUE(type::TypesEqual(upper->bind(number)->arg_types[0], type::String()));
}

}  // namespace
}  // namespace runnel::function
