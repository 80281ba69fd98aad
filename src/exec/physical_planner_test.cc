// The physical planner end to end: analyzed plans run through PlanPhysical and CollectAll must
// give the rows of the naive reference evaluator, for any number of shuffle partitions.
#include "exec/physical_planner.h"

#include <gtest/gtest.h>

#include "plan/analyzer.h"
#include "plan/reference_evaluator.h"
#include "plan/test_table.h"

namespace runnel::exec {
namespace {

using expr::Call;
using expr::Column;
using expr::Literal;
using plan::JoinType;
using plan::PlanPtr;
using plan::testing::MakeTable;
using plan::testing::RowStrings;
using plan::testing::Sorted;
using type::Value;

expr::ExprPtr Int(int v) { return Literal(Value::Int(v)); }
expr::ExprPtr Str(const std::string& v) { return Literal(Value::String(v)); }
expr::ExprPtr Eq(expr::ExprPtr a, expr::ExprPtr b) { return Call("equal", {std::move(a), std::move(b)}); }
expr::ExprPtr Gt(expr::ExprPtr a, expr::ExprPtr b) { return Call("greater", {std::move(a), std::move(b)}); }

PlanPtr T() {
  static auto table = MakeTable("k INT, a STRING, v INT",
                                {{"1,x,10", "2,y,20", "NULL,x,30"}, {"3,z,NULL", "1,y,5"}, {"2,x,7"}}, "t");
  return plan::SubqueryAlias(plan::Scan(table), "t");
}
PlanPtr U() {
  static auto table = MakeTable("k BIGINT, b DOUBLE, w STRING",
                                {{"1,1.5,p", "2,NULL,q"}, {"4,3.0,r", "NULL,0.5,s", "1,-1.0,t"}}, "u");
  return plan::SubqueryAlias(plan::Scan(table), "u");
}

PlanPtr Analyze(const PlanPtr& p) {
  auto r = plan::Analyzer(function::FunctionRegistry::Builtins()).Analyze(p);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : nullptr;
}

std::vector<std::string> Reference(const PlanPtr& analyzed) {
  plan::testing::ReferenceEvaluator eval;
  auto r = eval.Run(analyzed);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? RowStrings({*r}) : std::vector<std::string>{};
}

std::vector<std::string> Execute(const PlanPtr& analyzed, int partitions) {
  auto op = PlanPhysical(analyzed, partitions);
  EXPECT_TRUE(op.ok()) << op.status().ToString();
  if (!op.ok()) return {};
  ExecContext ctx;
  ctx.shuffle_partitions = partitions;
  auto out = CollectAll(*op, ctx);
  EXPECT_TRUE(out.ok()) << out.status().ToString() << "\n" << (*op)->ToString();
  return out.ok() ? RowStrings(*out) : std::vector<std::string>{};
}

std::vector<PlanPtr> Queries() {
  std::vector<PlanPtr> q;
  for (JoinType type : {JoinType::kInner, JoinType::kLeftOuter, JoinType::kRightOuter, JoinType::kFullOuter,
                        JoinType::kLeftSemi, JoinType::kLeftAnti}) {
    // INT = BIGINT keys (a cast on the left), and an expression key with a residual.
    q.push_back(plan::Join(T(), U(), type, Eq(Column("t.k"), Column("u.k"))));
    q.push_back(plan::Join(T(), U(), type,
                           Call("and", {Eq(Call("add", {Column("t.k"), Int(1)}), Column("u.k")),
                                        Gt(Column("v"), Column("b"))})));
    // No equality at all: a nested-loop join.
    q.push_back(plan::Join(T(), U(), type, Gt(Column("v"), Column("b"))));
  }
  for (JoinType type : {JoinType::kInner, JoinType::kLeftOuter, JoinType::kRightOuter, JoinType::kFullOuter,
                        JoinType::kLeftSemi, JoinType::kLeftAnti}) {
    // Constant conditions, NULL among them (never true).
    q.push_back(plan::Join(T(), U(), type, Literal(Value())));
    q.push_back(plan::Join(T(), U(), type, Literal(Value::Boolean(true))));
    q.push_back(plan::Join(T(), U(), type, Eq(Column("a"), Column("w"))));
  }
  q.push_back(plan::Join(T(), U(), JoinType::kCross, nullptr));
  q.push_back(plan::Join(T(), U(), JoinType::kFullOuter, nullptr, {"k"}));
  q.push_back(plan::Aggregate(plan::Join(T(), U(), JoinType::kLeftOuter, Eq(Column("t.k"), Column("u.k"))),
                              {Column("a")},
                              {Column("a"), Call("count", {}), Call("count", {Column("w")}), Call("sum", {Column("b")}),
                               Call("max", {Column("v")})}));
  q.push_back(plan::Aggregate(T(), {}, {Call("count", {}), Call("sum", {Column("v")}), Call("min", {Column("a")})}));
  q.push_back(plan::Aggregate(T(), {Column("k"), Column("a")}, {Column("k"), Column("a"), Call("count", {})}));
  q.push_back(plan::Distinct(plan::Project(T(), {Column("a")})));
  q.push_back(plan::Union(plan::Project(T(), {Column("k"), Column("a")}), plan::Project(U(), {Column("k"), Column("w")})));
  q.push_back(plan::Filter(T(), Eq(Column("a"), Str("x"))));
  return q;
}

TEST(PhysicalPlannerTest, SameRowsAsTheReferenceForAnyPartitionCount) {
  std::vector<PlanPtr> queries = Queries();
  for (size_t i = 0; i < queries.size(); ++i) {
    PlanPtr analyzed = Analyze(queries[i]);
    ASSERT_TRUE(analyzed) << i;
    std::vector<std::string> expected = Sorted(Reference(analyzed));
    for (int n : {1, 3, 8}) {
      SCOPED_TRACE("query " + std::to_string(i) + ", partitions " + std::to_string(n) + "\n" + analyzed->ToString());
      EXPECT_EQ(Sorted(Execute(analyzed, n)), expected);
    }
  }
}

TEST(PhysicalPlannerTest, SortIsATotalOrderAndLimitTakesItsHead) {
  PlanPtr sorted = Analyze(plan::Sort(T(), {expr::SortKey(Column("v"), false, false), expr::SortKey(Column("a"), true, true)}));
  ASSERT_TRUE(sorted);
  std::vector<std::string> all = {"NULL,x,30", "2,y,20", "1,x,10", "2,x,7", "1,y,5", "3,z,NULL"};
  EXPECT_EQ(Reference(sorted), all);
  PlanPtr limited = Analyze(plan::Limit(sorted, 3, 2));
  for (int n : {1, 3, 8}) {
    EXPECT_EQ(Execute(sorted, n), all);
    EXPECT_EQ(Execute(limited, n), (std::vector<std::string>{"1,x,10", "2,x,7", "1,y,5"}));
  }
  // A limit without a sort takes some rows, but exactly that many.
  EXPECT_EQ(Execute(Analyze(plan::Limit(T(), 4)), 3).size(), 4u);
  EXPECT_EQ(Execute(Analyze(plan::Limit(T(), 4, 4)), 3).size(), 2u);
}

TEST(PhysicalPlannerTest, PlansRunAgainWithTheSameResult) {
  PlanPtr analyzed = Analyze(plan::Aggregate(T(), {Column("a")}, {Column("a"), Call("sum", {Column("v")})}));
  ASSERT_TRUE(analyzed);
  auto op = PlanPhysical(analyzed, 3).ValueOrDie();
  ExecContext ctx;
  auto first = Sorted(RowStrings(CollectAll(op, ctx).ValueOrDie()));
  auto second = Sorted(RowStrings(CollectAll(op, ctx).ValueOrDie()));
  EXPECT_EQ(first, (std::vector<std::string>{"x,47", "y,25", "z,NULL"}));
  EXPECT_EQ(second, first);
}

}  // namespace
}  // namespace runnel::exec
