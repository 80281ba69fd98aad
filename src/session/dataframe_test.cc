// End-to-end tests of the DataFrame API over bundled data: each checks exact rows.
#include <gtest/gtest.h>

#include "runnel/runnel.h"

namespace runnel {
namespace {

using functions::col;
using functions::lit;

std::string DataPath(const std::string& name) {
  const char* root = std::getenv("RUNNEL_SOURCE_DIR");
  return std::string(root ? root : ".") + "/test/data/" + name;
}

// Rows rendered as "[a,b]" lines, in result order.
std::vector<std::string> Render(const Result<std::vector<Row>>& rows) {
  EXPECT_TRUE(rows.ok()) << rows.status().ToString();
  std::vector<std::string> out;
  if (!rows.ok()) return out;
  for (const auto& r : *rows) out.push_back(r.ToString());
  return out;
}

class DataFrameTest : public ::testing::Test {
 protected:
  void SetUp() override {
    session_ = Session::Make();
    people_ = session_->read().option("header", "true").option("inferSchema", "true").csv(DataPath("people.csv"));
    orders_ = session_->read().json(DataPath("orders.json"));
  }
  std::shared_ptr<Session> session_;
  std::optional<DataFrame> people_, orders_;
  DataFrame people() { return *people_; }
  DataFrame orders() { return *orders_; }
};

TEST_F(DataFrameTest, ReadsCsvWithInferredSchema) {
  auto schema = people().schema();
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  EXPECT_EQ(schema->ToString(), "id INT, name STRING, age INT, city STRING");
  EXPECT_EQ(*people().count(), 5);
}

TEST_F(DataFrameTest, SelectFilterWithColumn) {
  auto rows = people()
                  .filter(col("age") > 30)
                  .withColumn("next", col("age") + 1)
                  .select("name", "next")
                  .orderBy("name")
                  .collect();
  EXPECT_EQ(Render(rows), (std::vector<std::string>{"[alice,35]", "[dave,46]"}));
}

TEST_F(DataFrameTest, GroupByAggregates) {
  auto rows = people()
                  .groupBy("city")
                  .agg(functions::count(col("*")).alias("n"), functions::avg(col("age")).alias("avg_age"),
                       functions::max(col("name")).alias("last"))
                  .orderBy(col("n").desc(), col("city"))
                  .collect();
  EXPECT_EQ(Render(rows), (std::vector<std::string>{"[Portland,2,28.0,erin]", "[Seattle,2,34.0,carol]",
                                                    "[Boise,1,45.0,dave]"}));
}

TEST_F(DataFrameTest, GlobalAggregateOverEmptyInput) {
  auto rows = people().filter(col("age") > 100).agg({functions::count(col("*")), functions::sum(col("age"))}).collect();
  EXPECT_EQ(Render(rows), (std::vector<std::string>{"[0,NULL]"}));
}

TEST_F(DataFrameTest, JoinsOfEveryKind) {
  DataFrame p = people().select(col("id"), col("name"));
  DataFrame o = orders().select(col("person_id").alias("id"), col("order_id"));
  auto inner = p.join(o, "id").orderBy("order_id").collect();
  EXPECT_EQ(Render(inner), (std::vector<std::string>{"[1,alice,100]", "[1,alice,101]", "[2,bob,102]", "[4,dave,103]"}));
  auto left = p.join(o, "id", "left").filter(col("order_id").isNull()).orderBy("id").collect();
  EXPECT_EQ(Render(left), (std::vector<std::string>{"[3,carol,NULL]", "[5,erin,NULL]"}));
  auto full = p.join(o, "id", "full").filter(col("name").isNull()).collect();
  EXPECT_EQ(Render(full), (std::vector<std::string>{"[9,NULL,104]"}));
  auto semi = p.join(o, "id", "left_semi").orderBy("id").collect();
  EXPECT_EQ(Render(semi), (std::vector<std::string>{"[1,alice]", "[2,bob]", "[4,dave]"}));
  auto anti = p.join(o, "id", "left_anti").orderBy("id").collect();
  EXPECT_EQ(Render(anti), (std::vector<std::string>{"[3,carol]", "[5,erin]"}));
  auto on = p.alias("a")
                .join(o.alias("b"), col("a.id") == col("b.id") && col("b.order_id") > 100, "inner")
                .select(col("a.name"), col("b.order_id"))
                .orderBy("order_id")
                .collect();
  EXPECT_EQ(Render(on), (std::vector<std::string>{"[alice,101]", "[bob,102]", "[dave,103]"}));
}

TEST_F(DataFrameTest, CrossJoinAndThetaJoin) {
  DataFrame a = session_->range(3);
  DataFrame b = session_->range(2).withColumnRenamed("id", "j");
  EXPECT_EQ(*a.crossJoin(b).count(), 6);
  auto rows = a.join(b, col("id") < col("j"), "inner").orderBy("id", "j").collect();
  EXPECT_EQ(Render(rows), (std::vector<std::string>{"[0,1]"}));
}

TEST_F(DataFrameTest, UnionDistinctLimit) {
  DataFrame cities = people().select("city");
  auto rows = cities.union_(cities).distinct().orderBy("city").collect();
  EXPECT_EQ(Render(rows), (std::vector<std::string>{"[Boise]", "[Portland]", "[Seattle]"}));
  EXPECT_EQ(*people().limit(2).count(), 2);
  auto dedup = people().dropDuplicates({"city"}).orderBy("city").select("city").collect();
  EXPECT_EQ(Render(dedup), (std::vector<std::string>{"[Boise]", "[Portland]", "[Seattle]"}));
}

TEST_F(DataFrameTest, ExplodeArrays) {
  auto rows = orders()
                  .select(col("order_id"), functions::explode(col("items")).alias("item"))
                  .orderBy("order_id", "item")
                  .collect();
  EXPECT_EQ(Render(rows), (std::vector<std::string>{"[100,apple]", "[100,pear]", "[101,fig]", "[103,apple]"}));
}

TEST_F(DataFrameTest, AnalysisErrorsSuggestNames) {
  auto rows = people().select("nmae").collect();
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().code(), StatusCode::kAnalysis);
  EXPECT_NE(rows.status().message().find("Did you mean 'name'?"), std::string::npos) << rows.status().message();
  auto fn = people().select(functions::call_function("uper", {col("name")})).collect();
  ASSERT_FALSE(fn.ok());
  EXPECT_NE(fn.status().message().find("Did you mean 'upper'?"), std::string::npos) << fn.status().message();
  auto cast = people().select(col("age").cast("strng")).collect();
  ASSERT_FALSE(cast.ok());
  EXPECT_NE(cast.status().message().find("Did you mean 'STRING'?"), std::string::npos) << cast.status().message();
  auto how = people().join(people(), "id", "lefty").collect();
  ASSERT_FALSE(how.ok());
  EXPECT_NE(how.status().message().find("Unsupported join type 'lefty'"), std::string::npos) << how.status().message();
  auto group = people().groupBy("city").agg({col("name")}).collect();
  ASSERT_FALSE(group.ok());
  EXPECT_NE(group.status().message().find("GROUP BY"), std::string::npos);
}

TEST_F(DataFrameTest, ExplainShowsPushdownAndPruning) {
  auto plan = people().join(orders().withColumnRenamed("person_id", "id"), "id")
                  .filter(col("amount") > 20)
                  .select("name")
                  .explainString(true);
  ASSERT_TRUE(plan.ok()) << plan.status().ToString();
  EXPECT_NE(plan->find("PushedFilters: [(amount > "), std::string::npos) << *plan;
  EXPECT_NE(plan->find("HashJoin"), std::string::npos) << *plan;
}

TEST_F(DataFrameTest, ShowMatchesSpark) {
  auto s = people().select("name", "age").orderBy("id").showString(2);
  ASSERT_TRUE(s.ok());
  EXPECT_EQ(*s,
            "+-----+---+\n"
            "| name|age|\n"
            "+-----+---+\n"
            "|alice| 34|\n"
            "|  bob| 28|\n"
            "+-----+---+\n"
            "only showing top 2 rows\n");
}

TEST_F(DataFrameTest, StringAndDateFunctions) {
  auto rows = people()
                  .filter(col("id") == 1)
                  .select(functions::upper(col("name")), functions::concat_ws("-", {col("name"), col("city")}),
                          functions::date_format(functions::to_timestamp(lit("2024-03-05 14:07:09")), "yyyy/MM/dd"),
                          functions::when(col("age") > 30, lit("old")).otherwise(lit("young")))
                  .collect();
  EXPECT_EQ(Render(rows), (std::vector<std::string>{"[ALICE,alice-Seattle,2024/03/05,old]"}));
}

TEST_F(DataFrameTest, SqlExpressionsInTheApi) {
  auto rows = people()
                  .filter("age >= 30 AND city IN ('Seattle', 'Boise')")
                  .selectExpr({"upper(name) AS who", "age + 1 next_age",
                               "CASE WHEN age BETWEEN 40 AND 50 THEN 'forties' ELSE 'other' END AS band"})
                  .orderBy(functions::expr("who DESC"))
                  .collect();
  // expr("who DESC") is not an expression: ordering goes through Column::desc().
  EXPECT_FALSE(rows.ok());
  rows = people()
             .filter("age >= 30 AND city IN ('Seattle', 'Boise')")
             .selectExpr({"upper(name) AS who", "age + 1 next_age",
                          "CASE WHEN age BETWEEN 40 AND 50 THEN 'forties' ELSE 'other' END AS band"})
             .orderBy(col("who").desc())
             .collect();
  EXPECT_EQ(Render(rows), (std::vector<std::string>{"[DAVE,46,forties]", "[ALICE,35,other]"}));
  auto bad = people().selectExpr({"age +"}).collect();
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("^"), std::string::npos) << bad.status().message();
  auto cols = people().select(functions::expr("coalesce(age, -1)").alias("a"), functions::expr("name IS NULL"))
                  .orderBy("a")
                  .limit(2)
                  .collect();
  EXPECT_EQ(Render(cols), (std::vector<std::string>{"[-1,false]", "[28,false]"}));
}

TEST_F(DataFrameTest, TempViewsAndRange) {
  ASSERT_TRUE(session_->range(10).createOrReplaceTempView("ten").ok());
  auto t = session_->table("ten");
  ASSERT_TRUE(t.ok());
  auto rows = t->agg({functions::sum(col("id"))}).collect();
  EXPECT_EQ(Render(rows), (std::vector<std::string>{"[45]"}));
  EXPECT_FALSE(session_->table("tne").ok());
}

}  // namespace
}  // namespace runnel
