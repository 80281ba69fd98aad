#include <gtest/gtest.h>

#include "sql/parser.h"

namespace runnel::sql {
namespace {

std::string Q(std::string_view text) {
  auto statement = ParseStatement(text);
  return statement.ok() ? statement->ToString() : "ERROR: " + statement.status().message();
}

QueryPtr ParsedQuery(std::string_view text) {
  auto statement = ParseStatement(text);
  EXPECT_TRUE(statement.ok()) << statement.status().ToString();
  if (!statement.ok()) return nullptr;
  return std::get<QueryStatement>(statement->node).query;
}

TEST(QueryParserTest, SelectClauses) {
  EXPECT_EQ(Q("select a, b as c, d e, f AS `from` from t where a > 1 group by a, 2 having "
              "count(*) > 1 order by a desc, b nulls last, c desc nulls first limit 10 offset 5"),
            "SELECT a, b AS c, d AS e, f AS `from` FROM t WHERE (a > 1) GROUP BY a, 2 HAVING "
            "(count(*) > 1) ORDER BY a DESC NULLS LAST, b ASC NULLS LAST, c DESC NULLS FIRST "
            "LIMIT 10 OFFSET 5");
  EXPECT_EQ(Q("SELECT DISTINCT a FROM t"), "SELECT DISTINCT a FROM t");
  EXPECT_EQ(Q("SELECT ALL a FROM t"), "SELECT a FROM t");
  EXPECT_EQ(Q("SELECT *, t.* FROM t"), "SELECT *, t.* FROM t");
  EXPECT_EQ(Q("SELECT 1"), "SELECT 1");
  EXPECT_EQ(Q("SELECT a, sum(b) FROM t GROUP BY ALL"), "SELECT a, sum(b) FROM t GROUP BY ALL");
  EXPECT_EQ(Q("SELECT a FROM t ORDER BY a LIMIT ALL"), "SELECT a FROM t ORDER BY a ASC NULLS FIRST");
  EXPECT_EQ(Q("SELECT explode(m) AS (k, v) FROM t"), "SELECT explode(m) AS (k, v) FROM t");
  // Keywords that are not reserved are names, as in Spark.
  EXPECT_EQ(Q("SELECT user, date, window, count FROM stream"),
            "SELECT user, date, window, count FROM stream");
}

TEST(QueryParserTest, SelectItemsKeepStructure) {
  QueryPtr query = ParsedQuery("SELECT a + 1 AS b FROM t GROUP BY 1");
  ASSERT_NE(query, nullptr);
  ASSERT_EQ(query->body->kind(), QueryTermKind::kSelect);
  const auto& select = query->body->As<SelectTerm>();
  ASSERT_EQ(select.items.size(), 1u);
  EXPECT_EQ(select.items[0].alias, "b");
  EXPECT_EQ(select.items[0].expr->kind(), ExprKind::kBinary);
  ASSERT_EQ(select.group_by.size(), 1u);
  EXPECT_EQ(select.group_by[0]->As<Literal>().value.int_value(), 1);
  ASSERT_EQ(select.from.size(), 1u);
  EXPECT_EQ(select.from[0]->As<TableRelation>().name, std::vector<std::string>{"t"});
}

TEST(QueryParserTest, Joins) {
  EXPECT_EQ(Q("SELECT * FROM a JOIN b ON a.id = b.id"), "SELECT * FROM (a JOIN b ON (a.id = b.id))");
  EXPECT_EQ(Q("SELECT * FROM a INNER JOIN b USING (id, k)"), "SELECT * FROM (a JOIN b USING (id, k))");
  EXPECT_EQ(Q("SELECT * FROM a LEFT OUTER JOIN b ON x LEFT JOIN c ON y"),
            "SELECT * FROM ((a LEFT JOIN b ON x) LEFT JOIN c ON y)");
  EXPECT_EQ(Q("SELECT * FROM a RIGHT JOIN b ON x FULL OUTER JOIN c ON y"),
            "SELECT * FROM ((a RIGHT JOIN b ON x) FULL JOIN c ON y)");
  EXPECT_EQ(Q("SELECT * FROM a LEFT SEMI JOIN b ON x SEMI JOIN c ON y"),
            "SELECT * FROM ((a LEFT SEMI JOIN b ON x) LEFT SEMI JOIN c ON y)");
  EXPECT_EQ(Q("SELECT * FROM a LEFT ANTI JOIN b ON x ANTI JOIN c ON y"),
            "SELECT * FROM ((a LEFT ANTI JOIN b ON x) LEFT ANTI JOIN c ON y)");
  EXPECT_EQ(Q("SELECT * FROM a CROSS JOIN b"), "SELECT * FROM (a CROSS JOIN b)");
  EXPECT_EQ(Q("SELECT * FROM a x, b AS y WHERE x.k = y.k"),
            "SELECT * FROM a AS x, b AS y WHERE (x.k = y.k)");
  EXPECT_EQ(Q("SELECT * FROM (a JOIN b ON x) JOIN c ON y"),
            "SELECT * FROM ((a JOIN b ON x) JOIN c ON y)");
  EXPECT_NE(Q("SELECT * FROM a NATURAL JOIN b").find("NATURAL joins are not supported"),
            std::string::npos);
}

TEST(QueryParserTest, RelationKinds) {
  EXPECT_EQ(Q("SELECT * FROM STREAM(clicks) c"), "SELECT * FROM STREAM(clicks) AS c");
  EXPECT_EQ(Q("SELECT * FROM STREAM clicks"), "SELECT * FROM STREAM(clicks)");
  EXPECT_EQ(Q("SELECT * FROM parquet.`data/dir` AS p"), "SELECT * FROM parquet.`data/dir` AS p");
  EXPECT_EQ(Q("SELECT * FROM csv.`a.csv`"), "SELECT * FROM csv.`a.csv`");
  EXPECT_EQ(Q("SELECT * FROM (SELECT a FROM t) AS s(x)"), "SELECT * FROM (SELECT a FROM t) AS s(x)");
  EXPECT_EQ(Q("SELECT * FROM (SELECT a FROM t)"), "SELECT * FROM (SELECT a FROM t)");
  EXPECT_EQ(Q("SELECT * FROM VALUES (1, 'a'), (2, 'b') AS t(id, name)"),
            "SELECT * FROM (VALUES (1, 'a'), (2, 'b')) AS t(id, name)");
  EXPECT_EQ(Q("SELECT * FROM range(10) r"), "SELECT * FROM range(10) AS r");
  EXPECT_EQ(Q("SELECT * FROM db.t"), "SELECT * FROM db.t");
  EXPECT_EQ(Q("SELECT c FROM t LATERAL VIEW explode(xs) e AS c"),
            "SELECT c FROM t LATERAL VIEW explode(xs) e AS c");
  EXPECT_EQ(Q("SELECT k, v FROM t LATERAL VIEW OUTER explode(m) e AS k, v LATERAL VIEW "
              "explode(ys) f y"),
            "SELECT k, v FROM t LATERAL VIEW OUTER explode(m) e AS k, v LATERAL VIEW "
            "explode(ys) f AS y");

  QueryPtr query = ParsedQuery("SELECT * FROM parquet.`p`, STREAM(s)");
  const auto& select = query->body->As<SelectTerm>();
  EXPECT_EQ(select.from[0]->kind(), RelationKind::kFile);
  EXPECT_EQ(select.from[0]->As<FileRelation>().path, "p");
  EXPECT_TRUE(select.from[1]->As<TableRelation>().streaming);
}

TEST(QueryParserTest, Watermark) {
  EXPECT_EQ(Q("SELECT window(ts, '1 minute') AS w, count(*) FROM STREAM(clean) WATERMARK ts "
              "DELAY OF INTERVAL 30 SECONDS GROUP BY window(ts, '1 minute')"),
            "SELECT window(ts, '1 minute') AS w, count(*) FROM STREAM(clean) WATERMARK ts DELAY "
            "OF INTERVAL '0 00:00:30' DAY TO SECOND GROUP BY window(ts, '1 minute')");
  EXPECT_EQ(Q("SELECT * FROM STREAM(a) x WATERMARK x.ts DELAY OF INTERVAL 1 MINUTE JOIN b ON k"),
            "SELECT * FROM (STREAM(a) AS x WATERMARK x.ts DELAY OF INTERVAL '0 00:01:00' DAY TO "
            "SECOND JOIN b ON k)");
  QueryPtr query = ParsedQuery("SELECT * FROM STREAM(s) WATERMARK ts DELAY OF INTERVAL 5 SECONDS");
  const auto& relation = query->body->As<SelectTerm>().from[0];
  ASSERT_EQ(relation->kind(), RelationKind::kWatermark);
  const auto& watermark = relation->As<WatermarkRelation>();
  EXPECT_EQ(watermark.event_time->ToString(), "ts");
  EXPECT_EQ(watermark.delay->As<Literal>().value.bigint_value(), 5000000);
  EXPECT_NE(Q("SELECT * FROM STREAM(s) WATERMARK ts INTERVAL 5 SECONDS")
                .find("expected DELAY OF after the watermark column, found 'INTERVAL'"),
            std::string::npos);
}

TEST(QueryParserTest, SetOperationPrecedence) {
  EXPECT_EQ(Q("SELECT 1 UNION SELECT 2 INTERSECT SELECT 3"),
            "(SELECT 1) UNION ((SELECT 2) INTERSECT (SELECT 3))");
  EXPECT_EQ(Q("SELECT 1 UNION ALL SELECT 2 EXCEPT SELECT 3"),
            "((SELECT 1) UNION ALL (SELECT 2)) EXCEPT (SELECT 3)");
  EXPECT_EQ(Q("SELECT 1 MINUS SELECT 2 UNION DISTINCT SELECT 3"),
            "((SELECT 1) EXCEPT (SELECT 2)) UNION (SELECT 3)");
  EXPECT_EQ(Q("(SELECT 1 UNION SELECT 2) INTERSECT ALL SELECT 3"),
            "((SELECT 1) UNION (SELECT 2)) INTERSECT ALL (SELECT 3)");
  EXPECT_EQ(Q("SELECT a FROM t UNION SELECT b FROM u ORDER BY 1 LIMIT 3"),
            "(SELECT a FROM t) UNION (SELECT b FROM u) ORDER BY 1 ASC NULLS FIRST LIMIT 3");
  EXPECT_EQ(Q("(SELECT a FROM t LIMIT 1) UNION ALL (SELECT b FROM u)"),
            "((SELECT a FROM t LIMIT 1)) UNION ALL (SELECT b FROM u)");
  EXPECT_EQ(Q("VALUES (1, 2), (3, 4)"), "VALUES (1, 2), (3, 4)");
}

TEST(QueryParserTest, CommonTableExpressions) {
  EXPECT_EQ(Q("WITH a AS (SELECT 1 AS x), b(y) AS (SELECT x FROM a) SELECT y FROM b"),
            "WITH a AS (SELECT 1 AS x), b(y) AS (SELECT x FROM a) SELECT y FROM b");
  QueryPtr query = ParsedQuery("WITH a AS (SELECT 1) SELECT * FROM a");
  ASSERT_EQ(query->ctes.size(), 1u);
  EXPECT_EQ(query->ctes[0].name, "a");
}

TEST(QueryParserTest, Subqueries) {
  EXPECT_EQ(Q("SELECT (SELECT max(b) FROM u) AS m FROM t WHERE a IN (SELECT a FROM u) AND "
              "EXISTS (SELECT 1 FROM v)"),
            "SELECT (SELECT max(b) FROM u) AS m FROM t WHERE ((a IN (SELECT a FROM u)) AND "
            "EXISTS (SELECT 1 FROM v))");
}

}  // namespace
}  // namespace runnel::sql
