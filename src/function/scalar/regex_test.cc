#include <gtest/gtest.h>

#include "function/scalar/test_scalar_eval.h"

namespace runnel::function {
namespace {

using namespace testing;  // NOLINT: test-only shorthands

TEST(RegexFunctionsTest, Like) {
  EXPECT_EQ(Show("like", {S("Spark"), S("Sp%")}), "true");
  EXPECT_EQ(Show("like", {S("Spark"), S("%ark")}), "true");
  EXPECT_EQ(Show("like", {S("Spark"), S("%par%")}), "true");
  EXPECT_EQ(Show("like", {S("Spark"), S("Spark")}), "true");
  EXPECT_EQ(Show("like", {S("Spark"), S("spark")}), "false");
  EXPECT_EQ(Show("like", {S("Spark"), S("S_a%k")}), "true");
  EXPECT_EQ(Show("like", {S("Sp\nark"), S("Sp_ark")}), "true");  // _ matches a newline
  EXPECT_EQ(Show("like", {S("héllo"), S("h_llo")}), "true");    // _ is one character
  EXPECT_EQ(Show("like", {S("a.c"), S("a_c")}), "true");
  EXPECT_EQ(Show("like", {S("abc"), S("a.c")}), "false");       // regex characters are literal
  EXPECT_EQ(Show("like", {S("50%"), S("50\\%")}), "true");
  EXPECT_EQ(Show("like", {S("500"), S("50\\%")}), "false");
  EXPECT_EQ(Show("like", {S("a_b"), S("a/_b"), S("/")}), "true");
  EXPECT_EQ(Show("like", {S(""), S("%")}), "true");
  EXPECT_EQ(Show("like", {Null(), S("%")}), "NULL");
  EXPECT_EQ(Show("ilike", {S("SPARK"), S("sp%")}), "true");
  EXPECT_EQ(CallRows("like", {{S("abc"), S("xbz"), S("q")}, {S("a%"), S("_b_"), S("a%")}}),
            (std::vector<std::string>{"true", "true", "false"}));
  const ScalarFunction* like = FunctionRegistry::Builtins().FindScalar("like");
  BindArgs bad{{type::String(), type::String()}, {std::nullopt, S("a\\b")}, "like"};
  EXPECT_EQ(like->bind(bad).status().code(), StatusCode::kAnalysis);
}

TEST(RegexFunctionsTest, Rlike) {
  EXPECT_EQ(Show("rlike", {S("Spark SQL"), S("SQ+")}), "true");
  EXPECT_EQ(Show("regexp", {S("Spark"), S("^park")}), "false");
  EXPECT_EQ(Show("regexp_like", {S("abc123"), S("\\d+")}), "true");
  EXPECT_EQ(Show("rlike", {S("a1"), S("\\p{Alpha}\\p{Digit}")}), "true");
  EXPECT_EQ(Show("rlike", {S("x"), S("[\\p{Punct}]")}), "false");
  EXPECT_EQ(CallRows("rlike", {{S("abc"), S("abc"), Null()}, {S("b"), S("^b"), S("x")}}),
            (std::vector<std::string>{"true", "false", "NULL"}));
  const ScalarFunction* rlike = FunctionRegistry::Builtins().FindScalar("rlike");
  BindArgs bad{{type::String(), type::String()}, {std::nullopt, S("(a")}, "rlike"};
  EXPECT_EQ(rlike->bind(bad).status().code(), StatusCode::kAnalysis);
}

TEST(RegexFunctionsTest, ExtractAndCount) {
  EXPECT_EQ(Show("regexp_extract", {S("100-200"), S("(\\d+)-(\\d+)"), I(1)}), "100");
  EXPECT_EQ(Show("regexp_extract", {S("100-200"), S("(\\d+)-(\\d+)"), I(2)}), "200");
  EXPECT_EQ(Show("regexp_extract", {S("100-200"), S("(\\d+)-(\\d+)"), I(0)}), "100-200");
  EXPECT_EQ(Show("regexp_extract", {S("100-200"), S("(\\d+)-(\\d+)")}), "100");
  EXPECT_EQ(Show("regexp_extract", {S("foo"), S("(\\d+)"), I(1)}), "");
  EXPECT_EQ(Show("regexp_extract", {S("ab"), S("(a)|(b)"), I(2)}), "");
  EXPECT_EQ(Show("regexp_extract_all", {S("100-200, 300-400"), S("(\\d+)-(\\d+)"), I(1)}),
            "[100, 300]");
  EXPECT_EQ(Show("regexp_extract_all", {S("abc"), S("(x)")}), "[]");
  EXPECT_EQ(Show("regexp_substr", {S("Steven Jones"), S("Ste(v|ph)en")}), "Steven");
  EXPECT_EQ(Show("regexp_substr", {S("Mary"), S("Ste(v|ph)en")}), "NULL");
  // Spark: nullif(regexp_extract(str, regex, 0), ''), so an empty match is NULL too.
  EXPECT_EQ(Show("regexp_substr", {S("abc"), S("x*")}), "NULL");
  EXPECT_EQ(Show("regexp_count", {S("Steven Jones and Stephen Smith"), S("Ste(v|ph)en")}), "2");
  EXPECT_EQ(Show("regexp_count", {S("abc"), S("")}), "4");
  // Group 2 of a one-group regex is an error, as in Spark.
  const ScalarFunction* extract = FunctionRegistry::Builtins().FindScalar("regexp_extract");
  BindArgs args{{type::String(), type::String(), type::Int()}, {}, "regexp_extract"};
  args.constants.resize(3);
  auto bound = extract->bind(args);
  ASSERT_TRUE(bound.ok());
  auto result = bound->kernel({vector::MakeConstantColumn(S("a1"), 1),
                               vector::MakeConstantColumn(S("(\\d)"), 1),
                               vector::MakeConstantColumn(I(2), 1)},
                              1, KernelContext{});
  EXPECT_EQ(result.status().code(), StatusCode::kInvalidArgument);
}

TEST(RegexFunctionsTest, Replace) {
  EXPECT_EQ(Show("regexp_replace", {S("100-200"), S("(\\d+)"), S("num")}), "num-num");
  EXPECT_EQ(Show("regexp_replace", {S("100-200"), S("(\\d+)-(\\d+)"), S("$2-$1")}), "200-100");
  EXPECT_EQ(Show("regexp_replace", {S("a.b"), S("\\."), S("\\$")}), "a$b");
  EXPECT_EQ(Show("regexp_replace", {S("abc"), S("x*"), S("-")}), "-a-b-c-");
  EXPECT_EQ(Show("regexp_replace", {S("héllo"), S("l"), S("L")}), "héLLo");
  EXPECT_EQ(Show("regexp_replace", {S("aaa"), S("a"), S("b"), I(2)}), "abb");
  EXPECT_EQ(Show("regexp_replace", {S("x"), S("(?<n>x)"), S("[${n}]")}), "[x]");
  EXPECT_EQ(Show("regexp_replace", {Null(), S("a"), S("b")}), "NULL");
  EXPECT_EQ(CallRows("regexp_replace", {{S("ab"), S("ab")}, {S("a"), S("b")}, {S("1"), S("2")}}),
            (std::vector<std::string>{"1b", "a2"}));
}

TEST(RegexFunctionsTest, SplitKeepsTrailingEmptyStrings) {
  EXPECT_EQ(Show("split", {S("oneAtwoBthreeC"), S("[ABC]")}), "[one, two, three, ]");
  EXPECT_EQ(Show("split", {S("oneAtwoBthreeC"), S("[ABC]"), I(-1)}), "[one, two, three, ]");
  EXPECT_EQ(Show("split", {S("oneAtwoBthreeC"), S("[ABC]"), I(2)}), "[one, twoBthreeC]");
  EXPECT_EQ(Show("split", {S("a,b,,c,,"), S(",")}), "[a, b, , c, , ]");
  EXPECT_EQ(Show("split", {S(",a"), S(",")}), "[, a]");
  EXPECT_EQ(Show("split", {S("héllo"), S("")}), "[h, é, l, l, o]");
  EXPECT_EQ(Show("split", {S("abc"), S(""), I(2)}), "[a, bc]");
  EXPECT_EQ(Show("split", {S(""), S(",")}), "[]");
  EXPECT_EQ(Show("split", {S("a b  c"), S("\\s+")}), "[a, b, c]");
  EXPECT_EQ(Show("split", {Null(), S(",")}), "NULL");
}

}  // namespace
}  // namespace runnel::function
