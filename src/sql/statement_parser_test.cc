#include <gtest/gtest.h>

#include "sql/parser.h"

namespace runnel::sql {
namespace {

std::string S(std::string_view text) {
  auto statement = ParseStatement(text);
  return statement.ok() ? statement->ToString() : "ERROR: " + statement.status().message();
}

template <typename T>
T Node(std::string_view text) {
  auto statement = ParseStatement(text);
  EXPECT_TRUE(statement.ok()) << statement.status().ToString();
  if (!statement.ok() || !std::holds_alternative<T>(statement->node)) {
    ADD_FAILURE() << "wrong statement kind for " << text;
    return T{};
  }
  return std::get<T>(statement->node);
}

TEST(StatementParserTest, Explain) {
  EXPECT_EQ(S("EXPLAIN SELECT 1"), "EXPLAIN SELECT 1");
  EXPECT_EQ(S("EXPLAIN EXTENDED SELECT a FROM t"), "EXPLAIN EXTENDED SELECT a FROM t");
  EXPECT_EQ(S("explain formatted insert into t select 1"), "EXPLAIN FORMATTED INSERT INTO t SELECT 1");
  EXPECT_EQ(Node<ExplainStatement>("EXPLAIN EXTENDED SELECT 1").mode, ExplainMode::kExtended);
}

TEST(StatementParserTest, Views) {
  EXPECT_EQ(S("CREATE OR REPLACE TEMPORARY VIEW v (a, b) AS SELECT 1, 2"),
            "CREATE OR REPLACE TEMPORARY VIEW v (a, b) AS SELECT 1, 2");
  EXPECT_EQ(S("CREATE VIEW IF NOT EXISTS db.v AS SELECT * FROM t"),
            "CREATE VIEW IF NOT EXISTS db.v AS SELECT * FROM t");
  EXPECT_EQ(S("CREATE OR REPLACE TEMPORARY VIEW clicks USING json OPTIONS (path 'data/clicks', "
              "'schema' = 'user STRING, ts TIMESTAMP', multiLine true, samplingRatio 0.5, n -1)"),
            "CREATE OR REPLACE TEMPORARY VIEW clicks USING json OPTIONS ('path' = 'data/clicks', "
            "'schema' = 'user STRING, ts TIMESTAMP', 'multiLine' = 'true', 'samplingRatio' = "
            "'0.5', 'n' = '-1')");
  EXPECT_EQ(S("CREATE TEMP VIEW r (v BIGINT NOT NULL) USING rate OPTIONS (kafka.bootstrap.servers 'h:1')"),
            "CREATE TEMPORARY VIEW r (v BIGINT NOT NULL) USING rate OPTIONS "
            "('kafka.bootstrap.servers' = 'h:1')");
  auto view = Node<CreateSourceViewStatement>("CREATE TEMPORARY VIEW s USING socket");
  EXPECT_TRUE(view.temporary);
  EXPECT_EQ(view.format, "socket");
  EXPECT_TRUE(view.options.empty());
  EXPECT_NE(S("CREATE TEMPORARY TABLE t (a INT)").find("only views can be TEMPORARY"),
            std::string::npos);
}

TEST(StatementParserTest, CreateTable) {
  EXPECT_EQ(S("CREATE TABLE IF NOT EXISTS t (a INT NOT NULL COMMENT 'the key', b STRING, "
              "c ARRAY<DOUBLE>) USING parquet PARTITIONED BY (b) LOCATION '/tmp/t' OPTIONS "
              "(compression 'snappy') COMMENT 'a table' TBLPROPERTIES ('k' = 'v')"),
            "CREATE TABLE IF NOT EXISTS t (a INT NOT NULL COMMENT 'the key', b STRING, c "
            "ARRAY<DOUBLE>) USING parquet PARTITIONED BY (b) LOCATION '/tmp/t' OPTIONS "
            "('compression' = 'snappy') COMMENT 'a table' TBLPROPERTIES ('k' = 'v')");
  EXPECT_EQ(S("CREATE TABLE t USING parquet AS SELECT * FROM s"),
            "CREATE TABLE t USING parquet AS SELECT * FROM s");
  EXPECT_EQ(S("create table t location 'x' using csv"), "CREATE TABLE t USING csv LOCATION 'x'");
  auto table = Node<CreateTableStatement>("CREATE TABLE t (d DECIMAL(10,2), m MAP<STRING, INT>)");
  ASSERT_EQ(table.columns.size(), 2u);
  EXPECT_EQ(table.columns[0].type->ToString(), "DECIMAL(10,2)");
  EXPECT_EQ(table.columns[1].type->ToString(), "MAP<STRING, INT>");
  EXPECT_EQ(table.columns[1].position.column, 34u);
}

TEST(StatementParserTest, InsertDropShowDescribe) {
  EXPECT_EQ(S("INSERT INTO t SELECT * FROM s"), "INSERT INTO t SELECT * FROM s");
  EXPECT_EQ(S("INSERT INTO TABLE t (a, b) VALUES (1, 'x'), (2, 'y')"),
            "INSERT INTO t (a, b) VALUES (1, 'x'), (2, 'y')");
  EXPECT_EQ(S("INSERT OVERWRITE TABLE t SELECT 1"), "INSERT OVERWRITE t SELECT 1");
  EXPECT_EQ(S("INSERT INTO t (SELECT 1)"), "INSERT INTO t SELECT 1");
  EXPECT_EQ(S("INSERT INTO t BY NAME SELECT 1 AS a"), "INSERT INTO t BY NAME SELECT 1 AS a");
  EXPECT_EQ(S("DROP TABLE IF EXISTS t"), "DROP TABLE IF EXISTS t");
  EXPECT_EQ(S("DROP VIEW v"), "DROP VIEW v");
  EXPECT_EQ(S("DROP MATERIALIZED VIEW mv"), "DROP MATERIALIZED VIEW mv");
  EXPECT_EQ(S("DROP FLOW IF EXISTS f"), "DROP FLOW IF EXISTS f");
  EXPECT_EQ(S("DROP SINK s"), "DROP SINK s");
  EXPECT_EQ(S("SHOW TABLES"), "SHOW TABLES");
  EXPECT_EQ(S("SHOW TABLES IN db LIKE 'cl*'"), "SHOW TABLES IN db LIKE 'cl*'");
  EXPECT_EQ(S("SHOW TABLES 'x*'"), "SHOW TABLES LIKE 'x*'");
  EXPECT_EQ(S("SHOW FUNCTIONS"), "SHOW FUNCTIONS");
  EXPECT_EQ(S("DESCRIBE t"), "DESCRIBE TABLE t");
  EXPECT_EQ(S("DESC TABLE EXTENDED db.t"), "DESCRIBE TABLE EXTENDED db.t");
  EXPECT_EQ(S("DESCRIBE FUNCTION EXTENDED upper"), "DESCRIBE FUNCTION EXTENDED upper");
  EXPECT_EQ(S("DESCRIBE function"), "DESCRIBE TABLE function");
}

TEST(StatementParserTest, SetResetUse) {
  EXPECT_EQ(S("SET"), "SET");
  EXPECT_EQ(S("SET spark.sql.shuffle.partitions"), "SET spark.sql.shuffle.partitions");
  auto set = Node<SetStatement>("SET spark.sql.shuffle.partitions = 4");
  EXPECT_EQ(set.key, "spark.sql.shuffle.partitions");
  EXPECT_EQ(set.value, "4");
  set = Node<SetStatement>("SET spark.sql.session.timeZone='America/New_York';");
  EXPECT_EQ(set.key, "spark.sql.session.timeZone");
  EXPECT_EQ(set.value, "America/New_York");
  set = Node<SetStatement>("SET a.b-c = x y");
  EXPECT_EQ(set.key, "a.b-c");
  EXPECT_EQ(set.value, "x y");
  EXPECT_EQ(S("RESET"), "RESET");
  EXPECT_EQ(Node<ResetStatement>("RESET spark.sql.x").key, "spark.sql.x");
  EXPECT_EQ(S("USE db"), "USE db");
  EXPECT_EQ(S("USE DATABASE db"), "USE db");
}

TEST(StatementParserTest, PipelineStatements) {
  EXPECT_EQ(S("CREATE STREAMING TABLE clean AS SELECT user, ts, amount FROM STREAM(clicks) WHERE "
              "amount > 0"),
            "CREATE STREAMING TABLE clean AS SELECT user, ts, amount FROM STREAM(clicks) WHERE "
            "(amount > 0)");
  EXPECT_EQ(S("CREATE OR REFRESH STREAMING TABLE t (a INT) PARTITIONED BY (a) COMMENT 'c' "
              "TBLPROPERTIES (x = 1)"),
            "CREATE OR REFRESH STREAMING TABLE t (a INT) PARTITIONED BY (a) COMMENT 'c' "
            "TBLPROPERTIES ('x' = '1')");
  EXPECT_EQ(S("CREATE MATERIALIZED VIEW top_users AS SELECT user, sum(total) AS spent FROM "
              "per_minute GROUP BY user"),
            "CREATE MATERIALIZED VIEW top_users AS SELECT user, sum(total) AS spent FROM "
            "per_minute GROUP BY user");
  EXPECT_TRUE(Node<CreateMaterializedViewStatement>("CREATE OR REFRESH MATERIALIZED VIEW m AS SELECT 1")
                  .or_refresh);
  EXPECT_EQ(S("CREATE SINK alerts USING console OPTIONS (format 'jsonl')"),
            "CREATE SINK alerts USING console OPTIONS ('format' = 'jsonl')");
  EXPECT_EQ(S("CREATE FLOW big OUTPUT MODE UPDATE AS INSERT INTO alerts SELECT user, "
              "sum(amount) AS spent FROM STREAM(clean) GROUP BY user HAVING sum(amount) > 100"),
            "CREATE FLOW big OUTPUT MODE UPDATE AS INSERT INTO alerts SELECT user, sum(amount) "
            "AS spent FROM STREAM(clean) GROUP BY user HAVING (sum(amount) > 100)");
  auto flow = Node<CreateFlowStatement>("CREATE FLOW f AS INSERT INTO t BY NAME SELECT * FROM STREAM s");
  EXPECT_FALSE(flow.output_mode.has_value());
  EXPECT_TRUE(flow.by_name);
  EXPECT_EQ(flow.target, std::vector<std::string>{"t"});
  EXPECT_EQ(S("REFRESH STREAMING TABLE t"), "REFRESH STREAMING TABLE t");
  EXPECT_EQ(S("REFRESH FLOW f"), "REFRESH FLOW f");
  EXPECT_EQ(S("REFRESH MATERIALIZED VIEW m"), "REFRESH MATERIALIZED VIEW m");
  EXPECT_NE(S("CREATE FLOW f OUTPUT MODE SOMETIMES AS INSERT INTO t SELECT 1")
                .find("expected APPEND, UPDATE or COMPLETE after OUTPUT MODE, found 'SOMETIMES'"),
            std::string::npos);
}

TEST(StatementParserTest, Scripts) {
  const char* script =
      "-- a pipeline\n"
      "CREATE STREAMING TABLE a AS SELECT * FROM STREAM(s);;\n"
      "CREATE MATERIALIZED VIEW b AS SELECT count(*) FROM a;\n"
      "  SELECT ';' AS semi  ";
  auto statements = ParseStatements(script);
  ASSERT_TRUE(statements.ok()) << statements.status().ToString();
  ASSERT_EQ(statements->size(), 3u);
  EXPECT_EQ((*statements)[1].position.line, 3u);
  EXPECT_EQ((*statements)[2].text, "SELECT ';' AS semi");
  EXPECT_EQ((*statements)[0].text, "CREATE STREAMING TABLE a AS SELECT * FROM STREAM(s)");
  EXPECT_TRUE(ParseStatements("").ok());
  EXPECT_TRUE(ParseStatements(" ; -- nothing\n;")->empty());
  EXPECT_NE(S("SELECT 1; SELECT 2").find("expected one statement"), std::string::npos);
}

TEST(StatementParserTest, IsCompleteStatement) {
  EXPECT_TRUE(IsCompleteStatement("SELECT 1;"));
  EXPECT_TRUE(IsCompleteStatement("SELECT 1;  \n"));
  EXPECT_TRUE(IsCompleteStatement("SELECT 1; -- done\n"));
  EXPECT_TRUE(IsCompleteStatement("SELECT 1; /* done */"));
  EXPECT_TRUE(IsCompleteStatement("SELECT 'it''s;';"));
  EXPECT_FALSE(IsCompleteStatement(""));
  EXPECT_FALSE(IsCompleteStatement("SELECT 1"));
  EXPECT_FALSE(IsCompleteStatement("SELECT ';"));
  EXPECT_FALSE(IsCompleteStatement("SELECT 1 -- ;"));
  EXPECT_FALSE(IsCompleteStatement("SELECT 1 /* ; */"));
  EXPECT_FALSE(IsCompleteStatement("SELECT 1; SELECT 2"));
  EXPECT_FALSE(IsCompleteStatement("SELECT `a;"));
  EXPECT_FALSE(IsCompleteStatement("SELECT 'a\\';"));
}

}  // namespace
}  // namespace runnel::sql
