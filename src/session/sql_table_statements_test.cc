// Warehouse tables through Session::sql and the session's insert path, over a temporary
// warehouse directory.
#include "session/sql_table_statements.h"

#include <gtest/gtest.h>

#include <filesystem>

#include "runnel/runnel.h"
#include "session/sql_statements.h"

namespace runnel {
namespace {

using type::Value;

class SqlTableTest : public ::testing::Test {
 protected:
  void SetUp() override {
    root_ = std::filesystem::temp_directory_path() /
            ("runnel-sql-table-test-" + std::to_string(::getpid()) + "-" +
             ::testing::UnitTest::GetInstance()->current_test_info()->name());
    std::filesystem::remove_all(root_);
    session_ = Session::Make();
    ASSERT_TRUE(session_->setConf(kWarehouseDirConf, root_.string()).ok());
  }
  void TearDown() override { std::filesystem::remove_all(root_); }

  Status Sql(const std::string& text) { return session_->sql(text).status(); }

  void Ok(const std::string& text) {
    Status st = Sql(text);
    ASSERT_TRUE(st.ok()) << text << ": " << st.ToString();
  }

  // Every row of a table, rendered as Spark prints rows.
  std::vector<std::string> Rows(const std::string& table) {
    auto plan = LookupTable(session_->state(), {table});
    EXPECT_TRUE(plan.ok() && plan->has_value()) << table;
    auto rows = DataFrame(session_->state(), **plan).collect();
    EXPECT_TRUE(rows.ok()) << rows.status().ToString();
    std::vector<std::string> out;
    for (const auto& r : *rows) out.push_back(r.ToString());
    return out;
  }

  Status Insert(const std::string& table, const DataFrame& query, bool overwrite = false,
                std::vector<std::string> columns = {}) {
    return InsertIntoTable(session_->state(), InsertTarget{table, std::move(columns), false, overwrite}, query.plan());
  }

  std::filesystem::path root_;
  std::shared_ptr<Session> session_;
};

TEST_F(SqlTableTest, CreateListAndDrop) {
  Ok("CREATE TABLE clicks (user STRING, amount DOUBLE)");
  Ok("CREATE TABLE Other (x INT) USING csv OPTIONS (sep '|')");
  EXPECT_EQ(ListTables(session_->state()).ValueOrDie(), (std::vector<std::string>{"clicks", "other"}));
  EXPECT_TRUE(std::filesystem::exists(root_ / "clicks" / "_runnel_table.json"));
  auto table = SessionWarehouse(session_->state())->GetTable("other").ValueOrDie();
  EXPECT_EQ(table.metadata.format, "csv");
  EXPECT_EQ(table.metadata.options.at("sep"), "|");

  Status again = Sql("CREATE TABLE clicks (y INT)");
  EXPECT_EQ(again.code(), StatusCode::kAnalysis);
  EXPECT_NE(again.message().find("Table clicks already exists"), std::string::npos) << again.message();
  Ok("CREATE TABLE IF NOT EXISTS clicks (y INT)");
  Ok("CREATE OR REPLACE TABLE clicks (y INT)");
  EXPECT_EQ(SessionWarehouse(session_->state())->GetTable("clicks").ValueOrDie().metadata.schema->ToString(),
            "y INT");

  Ok("DROP TABLE clicks");
  Ok("DROP TABLE IF EXISTS clicks");
  EXPECT_EQ(Sql("DROP TABLE clicks").code(), StatusCode::kAnalysis);
  Ok("DROP TABLE default.other");
  EXPECT_EQ(ListTables(session_->state()).ValueOrDie(), std::vector<std::string>{});
  EXPECT_FALSE(LookupTable(session_->state(), {"clicks"}).ValueOrDie().has_value());
  EXPECT_EQ(Sql("DROP TABLE db.x").code(), StatusCode::kNotSupported);
}

TEST_F(SqlTableTest, RejectsWhatIsNotSupportedYet) {
  Status orc = Sql("CREATE TABLE t (x INT) USING orc");
  EXPECT_EQ(orc.code(), StatusCode::kNotSupported);
  EXPECT_NE(orc.message().find("USING parquet"), std::string::npos) << orc.message();
  Status partitioned = Sql("CREATE TABLE t (x INT, y INT) USING json PARTITIONED BY (z)");
  EXPECT_EQ(partitioned.code(), StatusCode::kAnalysis);
  EXPECT_NE(partitioned.message().find("PARTITIONED BY column 'z'"), std::string::npos) << partitioned.message();
  EXPECT_EQ(Sql("CREATE TABLE t (a ARRAY<INT>) USING csv").code(), StatusCode::kNotSupported);
  EXPECT_EQ(Sql("CREATE TABLE t USING json").code(), StatusCode::kAnalysis);
  EXPECT_EQ(ListTables(session_->state()).ValueOrDie(), std::vector<std::string>{});
}

TEST_F(SqlTableTest, WarehouseFollowsTheConf) {
  Ok("CREATE TABLE a (x INT)");
  auto other = root_ / "second";
  ASSERT_TRUE(session_->setConf(kWarehouseDirConf, other.string()).ok());
  EXPECT_EQ(ListTables(session_->state()).ValueOrDie(), std::vector<std::string>{});
  Ok("CREATE TABLE b (x INT)");
  EXPECT_TRUE(std::filesystem::exists(other / "b" / "_runnel_table.json"));
}

TEST_F(SqlTableTest, PartitionedTableIsPrunedByItsFilters) {
  Ok("CREATE TABLE sales (amount INT, day DATE, shop STRING) USING json PARTITIONED BY (day)");
  Ok("INSERT INTO sales VALUES (1, 'a', DATE '2024-01-01'), (2, 'b', DATE '2024-01-02'), (3, 'a', DATE '2024-01-02')");
  EXPECT_TRUE(std::filesystem::is_directory(root_ / "sales" / "day=2024-01-02"));
  auto df = session_->sql("SELECT shop, amount FROM sales WHERE day = DATE '2024-01-02' ORDER BY amount");
  ASSERT_TRUE(df.ok()) << df.status().ToString();
  auto rows = df->collect().ValueOrDie();
  ASSERT_EQ(rows.size(), 2u);
  EXPECT_EQ(rows[0].ToString(), "[b,2]");
  EXPECT_EQ(rows[1].ToString(), "[a,3]");
  // The filter reaches the scan, which skips the other day's directory.
  std::string plan = session_->sql("EXPLAIN SELECT * FROM sales WHERE day > DATE '2024-01-01'")
                         .ValueOrDie().collect().ValueOrDie()[0].ToString();
  EXPECT_NE(plan.find("PushedFilters"), std::string::npos) << plan;
  // Deleting the pruned directory's files proves they are not read.
  std::filesystem::remove_all(root_ / "sales" / "day=2024-01-01");
  EXPECT_EQ(session_->sql("SELECT count(*) FROM sales WHERE day = DATE '2024-01-02'")
                .ValueOrDie().collect().ValueOrDie()[0].ToString(), "[2]");
}

TEST_F(SqlTableTest, ExternalTableAtLocation) {
  auto location = root_ / "outside";
  Ok("CREATE TABLE ext (x INT) USING json LOCATION '" + location.string() + "'");
  ASSERT_TRUE(Insert("ext", session_->createDataFrame({Row({Value::Int(1)})}, "x INT")).ok());
  EXPECT_EQ(Rows("ext"), (std::vector<std::string>{"[1]"}));
  Ok("DROP TABLE ext");
  EXPECT_TRUE(std::filesystem::exists(location / "_runnel_manifest.json"));
  // Created again over the same location, it sees the data.
  Ok("CREATE TABLE ext2 USING json OPTIONS (path '" + location.string() + "')");
  EXPECT_EQ(Rows("ext2"), (std::vector<std::string>{"[1]"}));
}

TEST_F(SqlTableTest, InsertCastsByPositionAndOverwrites) {
  Ok("CREATE TABLE t (id BIGINT, name STRING, score DOUBLE)");
  auto rows = session_->createDataFrame({Row({Value::Int(1), Value::String("a"), Value::Int(10)}),
                                         Row({Value::Int(2), Value::NullOf(type::String()), Value::NullOf(type::Int())})},
                                        "n INT, s STRING, v INT");
  ASSERT_TRUE(Insert("t", rows).ok());
  ASSERT_TRUE(Insert("T", rows).ok());
  EXPECT_EQ(Rows("t"), (std::vector<std::string>{"[1,a,10.0]", "[2,NULL,NULL]", "[1,a,10.0]", "[2,NULL,NULL]"}));
  auto one = session_->createDataFrame({Row({Value::String("7"), Value::String("z"), Value::Double(0.5)})},
                                       "a STRING, b STRING, c DOUBLE");
  ASSERT_TRUE(Insert("t", one, /*overwrite=*/true).ok());
  EXPECT_EQ(Rows("t"), (std::vector<std::string>{"[7,z,0.5]"}));
}

TEST_F(SqlTableTest, InsertNamesBothColumnCountsOnMismatch) {
  Ok("CREATE TABLE t (id BIGINT, name STRING)");
  Status st = Insert("t", session_->createDataFrame({Row({Value::Int(1)})}, "n INT"));
  EXPECT_EQ(st.code(), StatusCode::kAnalysis);
  EXPECT_NE(st.message().find("expects 2 columns (id, name) but the query produces 1 (n)"), std::string::npos)
      << st.message();
  EXPECT_EQ(Insert("nope", session_->createDataFrame({Row({Value::Int(1)})}, "n INT")).code(), StatusCode::kAnalysis);
  EXPECT_TRUE(Rows("t").empty());
}

TEST_F(SqlTableTest, InsertIntoListedColumnsFillsTheRestWithNull) {
  Ok("CREATE TABLE t (a INT, b STRING, c INT)");
  auto query = session_->createDataFrame({Row({Value::Int(5), Value::Int(6)})}, "x INT, y INT");
  ASSERT_TRUE(Insert("t", query, false, {"c", "A"}).ok());
  EXPECT_EQ(Rows("t"), (std::vector<std::string>{"[6,NULL,5]"}));
  EXPECT_EQ(Insert("t", query, false, {"c", "zz"}).code(), StatusCode::kAnalysis);
  EXPECT_EQ(Insert("t", query, false, {"c", "c"}).code(), StatusCode::kAnalysis);
  EXPECT_EQ(Insert("t", query, false, {"c"}).code(), StatusCode::kAnalysis);
}

TEST_F(SqlTableTest, TableColumnsAreQualifiedByTheTableName) {
  Ok("CREATE TABLE t (x INT)");
  ASSERT_TRUE(Insert("t", session_->createDataFrame({Row({Value::Int(3)})}, "x INT")).ok());
  auto plan = LookupTable(session_->state(), {"default", "T"}).ValueOrDie();
  ASSERT_TRUE(plan.has_value());
  auto rows = DataFrame(session_->state(), *plan).select(functions::col("t.x")).collect();
  ASSERT_TRUE(rows.ok()) << rows.status().ToString();
  ASSERT_EQ(rows->size(), 1u);
  EXPECT_EQ((*rows)[0].ToString(), "[3]");
}

// The tests below go through the SQL query binder (sql::BindQuery), which another engineer is
// writing in parallel; until it is merged BindQuery returns NotSupported. Enable them after
// the merge.
TEST_F(SqlTableTest, InsertValuesAndSelect) {
  Ok("CREATE TABLE t (id BIGINT, name STRING) USING csv");
  Ok("INSERT INTO t VALUES (1, 'a'), (2, NULL)");
  Ok("INSERT INTO t SELECT id + 10, upper(name) FROM t");
  EXPECT_EQ(Rows("t"), (std::vector<std::string>{"[1,a]", "[2,NULL]", "[11,A]", "[12,NULL]"}));
  auto rows = session_->sql("SELECT t.name FROM t WHERE t.id = 11").ValueOrDie().collect().ValueOrDie();
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].ToString(), "[A]");
  Ok("INSERT OVERWRITE t SELECT id, name FROM t WHERE id > 10");
  EXPECT_EQ(Rows("t"), (std::vector<std::string>{"[11,A]", "[12,NULL]"}));
  Ok("INSERT INTO t (name, id) VALUES ('x', 9)");
  EXPECT_EQ(Rows("t").back(), "[9,x]");
  Status arity = Sql("INSERT INTO t VALUES (1)");
  EXPECT_EQ(arity.code(), StatusCode::kAnalysis);
  EXPECT_NE(arity.message().find("expects 2 columns"), std::string::npos) << arity.message();
}

TEST_F(SqlTableTest, CreateTableAsSelect) {
  Ok("CREATE TABLE src (x INT, s STRING)");
  Ok("INSERT INTO src VALUES (1, 'a'), (2, 'b')");
  Ok("CREATE TABLE dst USING json AS SELECT x * 2 AS y, array(x) AS xs FROM src");
  EXPECT_EQ(SessionWarehouse(session_->state())->GetTable("dst").ValueOrDie().metadata.schema->ToString(),
            "y INT, xs ARRAY<INT>");
  EXPECT_EQ(Rows("dst"), (std::vector<std::string>{"[2,[1]]", "[4,[2]]"}));
  EXPECT_EQ(Sql("CREATE TABLE dst AS SELECT 1 AS z").code(), StatusCode::kAnalysis);
  Ok("CREATE TABLE IF NOT EXISTS dst AS SELECT 1 AS z");
  Ok("CREATE OR REPLACE TABLE dst AS SELECT 1 AS z");
  EXPECT_EQ(Rows("dst"), (std::vector<std::string>{"[1]"}));
  EXPECT_EQ(Sql("CREATE TABLE bad (a INT) AS SELECT 1 AS z").code(), StatusCode::kAnalysis);
}

}  // namespace
}  // namespace runnel
