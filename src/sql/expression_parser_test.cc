#include <gtest/gtest.h>

#include "sql/parser.h"

namespace runnel::sql {
namespace {

std::string E(std::string_view text) {
  auto expr = ParseExpression(text);
  return expr.ok() ? (*expr)->ToString() : "ERROR: " + expr.status().message();
}

ExprPtr Parsed(std::string_view text) {
  auto expr = ParseExpression(text);
  EXPECT_TRUE(expr.ok()) << expr.status().ToString();
  return expr.ok() ? *expr : nullptr;
}

TEST(ExpressionParserTest, Precedence) {
  EXPECT_EQ(E("a OR b AND c"), "(a OR (b AND c))");
  EXPECT_EQ(E("NOT a = b AND c"), "((NOT (a = b)) AND c)");
  EXPECT_EQ(E("a = b + c * d"), "(a = (b + (c * d)))");
  EXPECT_EQ(E("a | b & c"), "(a | (b & c))");
  EXPECT_EQ(E("a | b ^ c & d"), "(a | (b ^ (c & d)))");
  EXPECT_EQ(E("a & b + c"), "(a & (b + c))");
  EXPECT_EQ(E("a + b || c - d"), "(((a + b) || c) - d)");
  EXPECT_EQ(E("a * b div c % d / e"), "((((a * b) div c) % d) / e)");
  EXPECT_EQ(E("-a * b"), "((- a) * b)");
  EXPECT_EQ(E("~a + -b"), "((~ a) + (- b))");
  EXPECT_EQ(E("-a[0].f"), "(- a[0].f)");
  EXPECT_EQ(E("a - b - c"), "((a - b) - c)");
  EXPECT_EQ(E("(a + b) * c"), "((a + b) * c)");
  EXPECT_EQ(E("a + 1 > b OR c IS NULL AND NOT d"), "(((a + 1) > b) OR ((c IS NULL) AND (NOT d)))");
  EXPECT_EQ(E("! a"), "(NOT a)");
  EXPECT_EQ(E("a = b = c"), "((a = b) = c)");
  EXPECT_EQ(E("a <=> b AND a != b AND a <> b AND a == b"),
            "((((a <=> b) AND (a <> b)) AND (a <> b)) AND (a = b))");
  EXPECT_EQ(E("x::INT + 1"), "(CAST(x AS INT) + 1)");
}

TEST(ExpressionParserTest, Predicates) {
  EXPECT_EQ(E("a IN (1, 2, 3)"), "(a IN (1, 2, 3))");
  EXPECT_EQ(E("a NOT IN (1)"), "(a NOT IN (1))");
  EXPECT_EQ(E("a IN (SELECT x FROM t)"), "(a IN (SELECT x FROM t))");
  EXPECT_EQ(E("a BETWEEN 1 AND 2 AND b"), "((a BETWEEN 1 AND 2) AND b)");
  EXPECT_EQ(E("a NOT BETWEEN b + 1 AND c"), "(a NOT BETWEEN (b + 1) AND c)");
  EXPECT_EQ(E("s LIKE 'a%'"), "(s LIKE 'a%')");
  EXPECT_EQ(E("s NOT ILIKE 'a!%' ESCAPE '!'"), "(s NOT ILIKE 'a!%' ESCAPE '!')");
  EXPECT_EQ(E("s RLIKE '^a' OR s REGEXP 'b'"), "((s RLIKE '^a') OR (s RLIKE 'b'))");
  EXPECT_EQ(E("a IS NOT NULL"), "(a IS NOT NULL)");
  EXPECT_EQ(E("a IS TRUE AND b IS NOT FALSE"), "((a IS TRUE) AND (b IS NOT FALSE))");
  EXPECT_EQ(E("a IS DISTINCT FROM b"), "(NOT (a <=> b))");
  EXPECT_EQ(E("a IS NOT DISTINCT FROM b"), "(a <=> b)");
  EXPECT_EQ(E("a + 1 IS NULL"), "((a + 1) IS NULL)");
  EXPECT_EQ(E("EXISTS (SELECT 1)"), "EXISTS (SELECT 1)");
  EXPECT_EQ(E("NOT EXISTS (SELECT 1 FROM t WHERE t.a = b)"),
            "(NOT EXISTS (SELECT 1 FROM t WHERE (t.a = b)))");
  EXPECT_EQ(E("(SELECT max(x) FROM t) + 1"), "((SELECT max(x) FROM t) + 1)");
}

TEST(ExpressionParserTest, Literals) {
  EXPECT_EQ(E("123"), "123");
  EXPECT_EQ(E("123L"), "123L");
  EXPECT_EQ(E("3000000000"), "3000000000L");
  EXPECT_EQ(E("1.5"), "1.5BD");
  EXPECT_EQ(E("1.5D"), "1.5D");
  EXPECT_EQ(E("1e3"), "1000.0D");
  EXPECT_EQ(E("1.50BD"), "1.50BD");
  EXPECT_EQ(E("'it''s'"), "'it\\'s'");
  EXPECT_EQ(E("'a' 'b'"), "'ab'");
  EXPECT_EQ(E("X'0A'"), "X'0A'");
  EXPECT_EQ(E("NULL"), "NULL");
  EXPECT_EQ(E("true AND FALSE"), "(TRUE AND FALSE)");
  EXPECT_EQ(E("DATE '2024-01-31'"), "DATE '2024-01-31'");
  EXPECT_EQ(E("TIMESTAMP '2024-01-31 10:00:00'"), "TIMESTAMP '2024-01-31 10:00:00'");

  auto type_of = [](std::string_view text) {
    ExprPtr e = Parsed(text);
    return e ? e->As<Literal>().value.type()->ToString() : "";
  };
  EXPECT_EQ(type_of("123"), "INT");
  EXPECT_EQ(type_of("2147483648"), "BIGINT");
  EXPECT_EQ(type_of("12345678901234567890"), "DECIMAL(20,0)");
  EXPECT_EQ(type_of("1.5"), "DECIMAL(2,1)");
  EXPECT_EQ(type_of("0.05"), "DECIMAL(2,2)");
  EXPECT_EQ(type_of("123.450"), "DECIMAL(6,3)");
  EXPECT_EQ(type_of(".5"), "DECIMAL(1,1)");
  EXPECT_EQ(type_of("1e3BD"), "DECIMAL(4,0)");
  EXPECT_EQ(type_of("1.5D"), "DOUBLE");
  EXPECT_EQ(type_of("1.5F"), "DOUBLE");
  EXPECT_EQ(type_of("7Y"), "INT");
  EXPECT_EQ(type_of("7S"), "INT");
  EXPECT_EQ(type_of("X'00'"), "BINARY");
  EXPECT_EQ(type_of("'x'"), "STRING");
}

TEST(ExpressionParserTest, LiteralErrors) {
  EXPECT_NE(E("128Y").find("out of range for TINYINT"), std::string::npos);
  EXPECT_NE(E("99999999999999999999L").find("out of range for BIGINT"), std::string::npos);
  EXPECT_NE(E("DATE '2024-13-45'").find("invalid DATE literal '2024-13-45'"), std::string::npos);
  EXPECT_NE(E("TIMESTAMP 'soon'").find("invalid TIMESTAMP literal"), std::string::npos);
  EXPECT_NE(E("1e999").find("out of range for DOUBLE"), std::string::npos);
}

int64_t IntervalMicros(std::string_view text) {
  ExprPtr e = Parsed(text);
  if (!e || e->kind() != ExprKind::kLiteral) return -1;
  return e->As<Literal>().value.bigint_value();
}

TEST(ExpressionParserTest, Intervals) {
  constexpr int64_t kSecond = 1000000;
  EXPECT_EQ(IntervalMicros("INTERVAL 10 SECONDS"), 10 * kSecond);
  EXPECT_EQ(IntervalMicros("INTERVAL '10' SECOND"), 10 * kSecond);
  EXPECT_EQ(IntervalMicros("INTERVAL 1 DAY 2 HOURS"), (24 + 2) * 3600 * kSecond);
  EXPECT_EQ(IntervalMicros("INTERVAL '1 02:03:04' DAY TO SECOND"),
            ((24 + 2) * 3600 + 3 * 60 + 4) * kSecond);
  EXPECT_EQ(IntervalMicros("INTERVAL '02:03' HOUR TO MINUTE"), (2 * 3600 + 3 * 60) * kSecond);
  EXPECT_EQ(IntervalMicros("INTERVAL '1 day 2 hours'"), 26 * 3600 * kSecond);
  EXPECT_EQ(IntervalMicros("INTERVAL -5 MINUTES"), -300 * kSecond);
  EXPECT_EQ(IntervalMicros("INTERVAL 1.5 SECONDS"), 1500000);
  EXPECT_EQ(IntervalMicros("INTERVAL 2 WEEKS 3 MILLISECONDS 4 MICROSECONDS"),
            14 * 86400 * kSecond + 3004);
  EXPECT_EQ(E("INTERVAL 30 SECONDS"), "INTERVAL '0 00:00:30' DAY TO SECOND");
  EXPECT_EQ(E("ts + INTERVAL 1 HOUR"), "(ts + INTERVAL '0 01:00:00' DAY TO SECOND)");
  EXPECT_EQ(E("interval"), "interval");  // a plain name when no value follows

  std::string months = E("INTERVAL 1 MONTH");
  EXPECT_EQ(months.rfind("ERROR: Not supported at line 1, column 12: year-month intervals", 0), 0u)
      << months;
  EXPECT_NE(E("INTERVAL '1 25:00:00' DAY TO SECOND").find("hours below 24"), std::string::npos);
  EXPECT_NE(E("INTERVAL 10").find("expected a unit"), std::string::npos);
}

TEST(ExpressionParserTest, NamesStarsAndCalls) {
  EXPECT_EQ(E("t.a.b"), "t.a.b");
  EXPECT_EQ(E("`my col` + `select`"), "(`my col` + `select`)");
  EXPECT_EQ(E("count(*)"), "count(*)");
  EXPECT_EQ(E("count(DISTINCT a, b)"), "count(DISTINCT a, b)");
  EXPECT_EQ(E("sum(ALL a)"), "sum(a)");
  EXPECT_EQ(E("now()"), "now()");
  EXPECT_EQ(E("db.f(1)"), "db.f(1)");
  EXPECT_EQ(E("left(s, 2) || right(s, 1)"), "(left(s, 2) || right(s, 1))");
  EXPECT_EQ(E("like(s, 'a%') AND ilike(s, 'A%', '!')"), "(like(s, 'a%') AND ilike(s, 'A%', '!'))");
  EXPECT_EQ(E("rlike(s, '^a') OR regexp(s, 'b')"), "(rlike(s, '^a') OR regexp(s, 'b'))");
  EXPECT_EQ(E("window(ts, '1 minute').start"), "window(ts, '1 minute').start");
  EXPECT_EQ(E("(a).b"), "(a).b");
  EXPECT_EQ(E("a[0][1]"), "a[0][1]");
  EXPECT_EQ(E("m['k'].f"), "m['k'].f");
  EXPECT_EQ(E("(a, b)"), "struct(a, b)");
  EXPECT_EQ(E("EXTRACT(YEAR FROM ts)"), "extract('YEAR', ts)");

  ExprPtr star = Parsed("*");
  EXPECT_EQ(star->kind(), ExprKind::kStar);
  ExprPtr qualified = Parsed("t.*");
  ASSERT_EQ(qualified->kind(), ExprKind::kStar);
  EXPECT_EQ(qualified->As<Star>().qualifier, std::vector<std::string>{"t"});
  ExprPtr call = Parsed("count(*)");
  EXPECT_TRUE(call->As<FunctionCall>().star);
}

TEST(ExpressionParserTest, CaseAndCast) {
  EXPECT_EQ(E("CASE WHEN a > 1 THEN 'x' WHEN a > 0 THEN 'y' ELSE 'z' END"),
            "CASE WHEN (a > 1) THEN 'x' WHEN (a > 0) THEN 'y' ELSE 'z' END");
  EXPECT_EQ(E("CASE a WHEN 1 THEN 'one' END"), "CASE a WHEN 1 THEN 'one' END");
  EXPECT_EQ(E("CAST(a AS DECIMAL(10, 2))"), "CAST(a AS DECIMAL(10,2))");
  EXPECT_EQ(E("TRY_CAST(s AS INT)"), "TRY_CAST(s AS INT)");
  EXPECT_EQ(E("CAST(x AS ARRAY<STRUCT<a: INT, b STRING>>)"),
            "CAST(x AS ARRAY<STRUCT<a: INT, b: STRING>>)");
  EXPECT_EQ(E("CAST(x AS MAP<STRING, ARRAY<BIGINT>>)"), "CAST(x AS MAP<STRING, ARRAY<BIGINT>>)");
  EXPECT_EQ(E("CAST(x AS VARCHAR(10))"), "CAST(x AS STRING)");
  EXPECT_EQ(E("CAST(x AS TIMESTAMP_NTZ)"), "CAST(x AS TIMESTAMP)");
  EXPECT_EQ(E("CAST(x AS LONG)"), "CAST(x AS BIGINT)");
  EXPECT_NE(E("CAST(x AS STRNG)").find("unknown type 'STRNG'. Did you mean 'STRING'?"),
            std::string::npos);
  EXPECT_NE(E("CAST(x AS DECIMAL(40, 2))").find("out of range"), std::string::npos);
  EXPECT_NE(E("CASE WHEN a THEN 1 ELSE 2").find("expected WHEN, ELSE or END, found end of input"), std::string::npos);
}

TEST(ExpressionParserTest, Positions) {
  ExprPtr e = Parsed("a +\n  f(b)");
  ASSERT_EQ(e->kind(), ExprKind::kBinary);
  const auto& binary = e->As<BinaryExpr>();
  EXPECT_EQ(binary.position().column, 3u);  // the operator
  EXPECT_EQ(binary.right->position().line, 2u);
  EXPECT_EQ(binary.right->position().column, 3u);
  EXPECT_EQ(binary.right->position().offset, 6u);
}

TEST(ExpressionParserTest, Errors) {
  EXPECT_EQ(E("a +"),
            "ERROR: Syntax error at line 1, column 4: expected an expression after '+', found end "
            "of input.\na +\n   ^");
  EXPECT_EQ(E("(a + b"),
            "ERROR: Syntax error at line 1, column 7: expected ')', found end of input.\n(a + b\n      ^");
  EXPECT_EQ(E("a b"),
            "ERROR: Syntax error at line 1, column 3: expected the end of the expression, found "
            "'b'.\na b\n  ^");
  EXPECT_NE(E("f(a,)").find("expected an expression after ',', found ')'"), std::string::npos);
  EXPECT_NE(E("sum(x) OVER (PARTITION BY y)").find("window functions"), std::string::npos);
}

TEST(ExpressionParserTest, DepthIsBounded) {
  std::string deep(5000, '(');
  deep += "1" + std::string(5000, ')');
  EXPECT_NE(E(deep).find("nested too deeply"), std::string::npos);
  std::string chain = "1";
  for (int i = 0; i < 5000; ++i) chain += " + 1";
  EXPECT_NE(E(chain).find("nested too deeply"), std::string::npos);
  std::string nots;
  for (int i = 0; i < 5000; ++i) nots += "NOT ";
  EXPECT_NE(E(nots + "a").find("nested too deeply"), std::string::npos);
  std::string long_chain = "a = 0";
  for (int i = 1; i < 900; ++i) long_chain += " OR a = " + std::to_string(i);
  EXPECT_EQ(E(long_chain).rfind("ERROR", 0), std::string::npos);  // generated IN-like lists parse
  std::string ok(200, '(');
  ok += "1" + std::string(200, ')');
  EXPECT_EQ(E(ok), "1");
}

}  // namespace
}  // namespace runnel::sql
