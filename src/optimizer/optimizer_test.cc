#include "optimizer/optimizer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plan/reference_evaluator.h"
#include "optimizer/rules/rules.h"
#include "plan/analyzer.h"
#include "plan/test_table.h"

namespace runnel::optimizer {
namespace {

using expr::Call;
using expr::Column;
using expr::ExprKind;
using expr::Literal;
using plan::JoinType;
using plan::PlanKind;
using plan::PlanPtr;
using plan::testing::MakeTable;
using type::Value;

const function::FunctionRegistry& Registry() { return function::FunctionRegistry::Builtins(); }

PlanPtr Analyze(const PlanPtr& p) {
  auto r = plan::Analyzer(Registry()).Analyze(p);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : nullptr;
}

PlanPtr Optimized(const PlanPtr& unresolved) {
  PlanPtr analyzed = Analyze(unresolved);
  if (!analyzed) return nullptr;
  auto r = Optimize(analyzed, Registry());
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? *r : nullptr;
}

// The plan as EXPLAIN prints it, trimmed.
std::string Tree(const PlanPtr& p) { return p ? p->ToString() : "<null>"; }

expr::ExprPtr Int(int v) { return Literal(Value::Int(v)); }
expr::ExprPtr Str(const std::string& v) { return Literal(Value::String(v)); }
expr::ExprPtr Eq(expr::ExprPtr a, expr::ExprPtr b) { return Call("equal", {std::move(a), std::move(b)}); }
expr::ExprPtr Gt(expr::ExprPtr a, expr::ExprPtr b) { return Call("greater", {std::move(a), std::move(b)}); }
expr::ExprPtr And(expr::ExprPtr a, expr::ExprPtr b) { return Call("and", {std::move(a), std::move(b)}); }

// t(k INT, a STRING, v INT) and u(k INT, b DOUBLE, w STRING), two partitions each, NULL keys.
PlanPtr T() {
  static auto table = MakeTable("k INT, a STRING, v INT",
                                {{"1,x,10", "2,y,20", "NULL,x,30"}, {"3,z,NULL", "1,y,5"}}, "t");
  return plan::SubqueryAlias(plan::Scan(table), "t");
}
PlanPtr U() {
  static auto table = MakeTable("k INT, b DOUBLE, w STRING",
                                {{"1,1.5,p", "2,NULL,q"}, {"4,3.0,r", "NULL,0.5,s", "1,-1.0,t"}}, "u");
  return plan::SubqueryAlias(plan::Scan(table), "u");
}
PlanPtr TJoinU(JoinType type) { return plan::Join(T(), U(), type, Eq(Column("t.k"), Column("u.k"))); }

// Skips SubqueryAlias nodes (they vanish in execution).
const PlanPtr& Skip(const PlanPtr& p) {
  return p->kind == PlanKind::kSubqueryAlias ? Skip(p->children[0]) : p;
}
const plan::LogicalPlan* FindScan(const PlanPtr& p, const std::string& name) {
  if (p->kind == PlanKind::kScan && p->source->Describe() == name) return p.get();
  for (const auto& c : p->children) {
    if (auto* s = FindScan(c, name)) return s;
  }
  return nullptr;
}

std::vector<std::string> Rows(const PlanPtr& p) {
  plan::testing::ReferenceEvaluator eval;
  auto r = eval.Run(p);
  EXPECT_TRUE(r.ok()) << r.status().ToString() << "\n" << Tree(p);
  if (!r.ok()) return {};
  EXPECT_EQ(r->num_columns(), p->schema->num_fields());
  return plan::testing::Sorted(plan::testing::RowStrings({*r}));
}

TEST(FoldConstantsTest, ArithmeticAndCastsBecomeLiterals) {
  PlanPtr p = Optimized(plan::Project(
      T(), {expr::Alias(Call("add", {Int(1), Int(2)}), "three"), Column("k"),
            expr::Alias(expr::Cast(Str("5"), type::Int()), "five")}));
  ASSERT_TRUE(p);
  ASSERT_EQ(p->kind, PlanKind::kProject);
  const expr::ExprPtr& three = p->exprs[0]->children[0];
  ASSERT_EQ(three->kind, ExprKind::kLiteral);
  EXPECT_EQ(three->literal, Value::Int(3));
  EXPECT_EQ(p->exprs[2]->children[0]->kind, ExprKind::kLiteral);
  EXPECT_EQ(p->exprs[2]->children[0]->literal, Value::Int(5));
  EXPECT_EQ(Rows(p), (std::vector<std::string>{"3,1,5", "3,1,5", "3,2,5", "3,3,5", "3,NULL,5"}));
}

TEST(FoldConstantsTest, FoldsInsideConditionsButKeepsColumns) {
  PlanPtr p = Optimized(plan::Filter(T(), Gt(Column("v"), Call("multiply", {Int(2), Int(5)}))));
  ASSERT_TRUE(p);
  const PlanPtr& filter = Skip(p);
  ASSERT_EQ(filter->kind, PlanKind::kFilter) << Tree(p);
  const expr::ExprPtr& cond = filter->exprs[0];
  EXPECT_EQ(cond->children[0]->kind, ExprKind::kBoundColumn);
  ASSERT_EQ(cond->children[1]->kind, ExprKind::kLiteral);
  EXPECT_EQ(cond->children[1]->literal, Value::Int(10));
}

TEST(PushDownPredicatesTest, ThroughProjectionSubstitutingAliases) {
  PlanPtr p = Optimized(plan::Filter(
      plan::Project(T(), {expr::Alias(Call("add", {Column("k"), Int(1)}), "k1"), Column("a")}),
      Gt(Column("k1"), Int(2))));
  ASSERT_TRUE(p);
  ASSERT_EQ(p->kind, PlanKind::kProject) << Tree(p);
  const PlanPtr& filter = Skip(p->children[0]);
  ASSERT_EQ(filter->kind, PlanKind::kFilter) << Tree(p);
  EXPECT_EQ(filter->exprs[0]->ToString(), "((k + 1) > 2)");
  const PlanPtr& scan = Skip(filter->children[0]);
  ASSERT_EQ(scan->kind, PlanKind::kScan);
  ASSERT_EQ(scan->pushed_filters.size(), 1u);
  EXPECT_EQ(scan->pushed_filters[0]->ToString(), "((k + 1) > 2)");
  EXPECT_EQ(Rows(p), (std::vector<std::string>{"3,y", "4,z"}));
}

// For a filter over t JOIN u: whether the conjunct on t.a, on u.b and on both ended below the
// join (on the left, on the right) or stayed above it.
struct Placement {
  bool left_pushed, right_pushed;
  int conjuncts_above;
};

int CountConjuncts(const expr::ExprPtr& e) {
  return e->kind == ExprKind::kCall && e->name == "and" ? CountConjuncts(e->children[0]) + CountConjuncts(e->children[1])
                                                       : 1;
}

Placement Place(JoinType type) {
  expr::ExprPtr cond = And(And(Eq(Column("t.a"), Str("x")), Gt(Column("u.b"), Literal(Value::Double(0)))),
                           Gt(Column("t.v"), Column("u.b")));
  PlanPtr p = Optimized(plan::Filter(TJoinU(type), cond));
  EXPECT_TRUE(p);
  if (!p) return {};
  Placement out{false, false, 0};
  PlanPtr join = p;
  if (p->kind == PlanKind::kFilter) {
    out.conjuncts_above = CountConjuncts(p->exprs[0]);
    join = p->children[0];
  }
  EXPECT_EQ(join->kind, PlanKind::kJoin) << Tree(p);
  out.left_pushed = Skip(join->children[0])->kind == PlanKind::kFilter;
  out.right_pushed = Skip(join->children[1])->kind == PlanKind::kFilter;
  return out;
}

TEST(PushDownPredicatesTest, IntoJoinSidesRespectingOuterJoins) {
  Placement inner = Place(JoinType::kInner);
  EXPECT_TRUE(inner.left_pushed);
  EXPECT_TRUE(inner.right_pushed);
  EXPECT_EQ(inner.conjuncts_above, 1);  // t.v > u.b reads both sides
  // A filter on the null-supplying side of an outer join must stay above it: below, it would
  // turn "no match" rows back into NULL-padded rows.
  Placement left = Place(JoinType::kLeftOuter);
  EXPECT_TRUE(left.left_pushed);
  EXPECT_FALSE(left.right_pushed);
  EXPECT_EQ(left.conjuncts_above, 2);
  Placement right = Place(JoinType::kRightOuter);
  EXPECT_FALSE(right.left_pushed);
  EXPECT_TRUE(right.right_pushed);
  EXPECT_EQ(right.conjuncts_above, 2);
  Placement full = Place(JoinType::kFullOuter);
  EXPECT_FALSE(full.left_pushed);
  EXPECT_FALSE(full.right_pushed);
  EXPECT_EQ(full.conjuncts_above, 3);
}

TEST(PushDownPredicatesTest, IntoSemiJoinLeftSide) {
  PlanPtr p = Optimized(plan::Filter(TJoinU(JoinType::kLeftSemi), Eq(Column("a"), Str("x"))));
  ASSERT_TRUE(p);
  ASSERT_EQ(p->kind, PlanKind::kJoin) << Tree(p);
  EXPECT_EQ(Skip(p->children[0])->kind, PlanKind::kFilter);
  EXPECT_EQ(Rows(p), (std::vector<std::string>{"1,x,10"}));
}

TEST(PushDownPredicatesTest, BelowAggregateOnGroupingColumnsOnly) {
  PlanPtr p = Optimized(plan::Filter(
      plan::Aggregate(T(), {Column("a")}, {Column("a"), expr::Alias(Call("sum", {Column("v")}), "s")}),
      And(Eq(Column("a"), Str("x")), Gt(Column("s"), Int(5)))));
  ASSERT_TRUE(p);
  // Project [a, s] <- Filter (s > 5) <- Aggregate <- Filter (a = x) <- Scan
  ASSERT_EQ(p->kind, PlanKind::kProject) << Tree(p);
  const PlanPtr& above = p->children[0];
  ASSERT_EQ(above->kind, PlanKind::kFilter) << Tree(p);
  EXPECT_EQ(CountConjuncts(above->exprs[0]), 1);
  const PlanPtr& agg = above->children[0];
  ASSERT_EQ(agg->kind, PlanKind::kAggregate) << Tree(p);
  const PlanPtr& below = Skip(agg->children[0]);
  ASSERT_EQ(below->kind, PlanKind::kFilter) << Tree(p);
  EXPECT_EQ(below->exprs[0]->ToString(), "(a = x)");
  EXPECT_EQ(Rows(p), (std::vector<std::string>{"x,40"}));
}

TEST(PushDownPredicatesTest, NotBelowGlobalAggregateOrLimit) {
  PlanPtr global = Optimized(plan::Filter(plan::Aggregate(T(), {}, {expr::Alias(Call("count", {}), "n")}),
                                          Gt(Column("n"), Int(100))));
  ASSERT_TRUE(global);
  // Project [n] <- Filter (count(1) > 100) <- Aggregate: a global aggregate has a row even
  // over no input, so the filter must stay above it.
  ASSERT_EQ(global->kind, PlanKind::kProject) << Tree(global);
  EXPECT_EQ(global->children[0]->kind, PlanKind::kFilter) << Tree(global);
  EXPECT_EQ(global->children[0]->children[0]->kind, PlanKind::kAggregate) << Tree(global);
  EXPECT_EQ(Rows(global), std::vector<std::string>{});
  PlanPtr limited = Optimized(plan::Filter(
      plan::Limit(plan::Sort(T(), {expr::SortKey(Column("v"), false, false)}), 2), Eq(Column("a"), Str("x"))));
  ASSERT_TRUE(limited);
  EXPECT_EQ(limited->kind, PlanKind::kFilter) << Tree(limited);
  EXPECT_EQ(Rows(limited), (std::vector<std::string>{"NULL,x,30"}));
}

TEST(PruneColumnsTest, ScanReadsOnlyNeededColumns) {
  PlanPtr p = Optimized(plan::Project(T(), {Column("v")}));
  ASSERT_TRUE(p);
  const auto* scan = FindScan(p, "t");
  ASSERT_TRUE(scan);
  EXPECT_EQ(scan->projection, (std::vector<int>{2}));
  EXPECT_EQ(scan->schema->ToString(), "v INT");
  EXPECT_EQ(Rows(p), (std::vector<std::string>{"10", "20", "30", "5", "NULL"}));
}

TEST(PruneColumnsTest, FilterColumnsAreKeptForTheFilterOnly) {
  PlanPtr p = Optimized(plan::Project(plan::Filter(T(), Eq(Column("a"), Str("y"))), {Column("v")}));
  ASSERT_TRUE(p);
  EXPECT_EQ(FindScan(p, "t")->projection, (std::vector<int>{1, 2}));
  EXPECT_EQ(Rows(p), (std::vector<std::string>{"20", "5"}));
}

TEST(PruneColumnsTest, JoinKeysAndConditionRemapped) {
  PlanPtr p = Optimized(plan::Project(
      plan::Join(T(), U(), JoinType::kInner, And(Eq(Column("t.k"), Column("u.k")), Gt(Column("t.v"), Column("u.b")))),
      {Column("w")}));
  ASSERT_TRUE(p);
  EXPECT_EQ(FindScan(p, "t")->projection, (std::vector<int>{0, 2}));
  EXPECT_EQ(FindScan(p, "u")->projection, (std::vector<int>{0, 1, 2}));
  // k = 1 on both sides: (10, 5) x (1.5 p, -1.0 t), all with v > b.
  EXPECT_EQ(Rows(p), (std::vector<std::string>{"p", "p", "t", "t"}));
}

TEST(PruneColumnsTest, AggregateAndCountStar) {
  PlanPtr p = Optimized(plan::Aggregate(T(), {Column("a")}, {Column("a"), Call("max", {Column("v")})}));
  ASSERT_TRUE(p);
  EXPECT_EQ(FindScan(p, "t")->projection, (std::vector<int>{1, 2}));
  EXPECT_EQ(Rows(p), (std::vector<std::string>{"x,30", "y,20", "z,NULL"}));
  PlanPtr count = Optimized(plan::Aggregate(T(), {}, {Call("count", {expr::Star()})}));
  ASSERT_TRUE(count);
  EXPECT_TRUE(FindScan(count, "t")->projection.empty());
  EXPECT_EQ(Rows(count), (std::vector<std::string>{"5"}));
}

TEST(PruneColumnsTest, GenerateKeepsItsArgumentsOnly) {
  auto schema = plan::testing::MakeSchema("id INT, xs ARRAY<INT>, junk STRING");
  auto batch = vector::Batch::FromRows(
      schema, {{Value::Int(1), Value::Array(type::Int(), {Value::Int(7), Value::Int(8)}), Value::String("j")},
               {Value::Int(2), Value::Array(type::Int(), {}), Value::String("k")}});
  auto table = std::make_shared<plan::InMemorySource>(schema, std::vector<vector::Batch>{batch}, "g");
  PlanPtr p = Optimized(plan::Project(plan::Scan(table), {expr::Alias(Call("explode", {Column("xs")}), "x")}));
  ASSERT_TRUE(p);
  EXPECT_EQ(FindScan(p, "g")->projection, (std::vector<int>{1}));
  EXPECT_EQ(Rows(p), (std::vector<std::string>{"7", "8"}));
  PlanPtr with_id = Optimized(plan::Project(plan::Scan(table), {expr::Alias(Call("explode", {Column("xs")}), "x"), Column("id")}));
  ASSERT_TRUE(with_id);
  EXPECT_EQ(FindScan(with_id, "g")->projection, (std::vector<int>{0, 1}));
  EXPECT_EQ(Rows(with_id), (std::vector<std::string>{"7,1", "8,1"}));
}

// Sample queries whose optimized plans must return the same rows as the analyzed ones.
std::vector<PlanPtr> SampleQueries() {
  std::vector<PlanPtr> q;
  auto some_filter = And(And(Eq(Column("t.a"), Str("x")), Gt(Column("u.b"), Literal(Value::Double(0)))),
                         Gt(Column("t.v"), Column("u.b")));
  for (JoinType type : {JoinType::kInner, JoinType::kLeftOuter, JoinType::kRightOuter, JoinType::kFullOuter}) {
    q.push_back(plan::Filter(TJoinU(type), some_filter));
    q.push_back(plan::Project(plan::Filter(TJoinU(type), Call("isnull", {Column("u.k")})), {Column("t.a")}));
    q.push_back(plan::Filter(plan::Join(T(), U(), type, nullptr, {"k"}), Gt(Column("k"), Int(1))));
    q.push_back(plan::Project(plan::Filter(plan::Join(T(), U(), type, nullptr, {"k"}), Call("isnull", {Column("w")})),
                              {Column("k"), Column("a")}));
  }
  for (JoinType type : {JoinType::kLeftSemi, JoinType::kLeftAnti}) {
    q.push_back(plan::Filter(TJoinU(type), Gt(Column("v"), Int(6))));
  }
  q.push_back(plan::Filter(plan::Join(T(), U(), JoinType::kCross, nullptr), Eq(Column("t.k"), Column("u.k"))));
  q.push_back(plan::Filter(plan::Join(T(), U(), JoinType::kLeftOuter, Gt(Column("t.v"), Column("u.b"))),
                           Eq(Column("a"), Str("x"))));
  q.push_back(plan::Filter(
      plan::Aggregate(T(), {Column("a")}, {Column("a"), expr::Alias(Call("sum", {Column("v")}), "s")}),
      And(Call("not", {Eq(Column("a"), Str("z"))}), Gt(Column("s"), Int(5)))));
  q.push_back(plan::Filter(
      plan::Aggregate(TJoinU(JoinType::kLeftOuter), {Column("t.k")},
                      {Column("t.k"), expr::Alias(Call("count", {Column("w")}), "n")}),
      Gt(Column("k"), Int(0))));
  q.push_back(plan::Filter(plan::Limit(plan::Sort(T(), {expr::SortKey(Column("v"), false, false)}), 3, 1),
                           Eq(Column("a"), Str("x"))));
  q.push_back(plan::Filter(plan::Union(plan::Project(T(), {Column("k"), Column("a")}),
                                       plan::Project(U(), {Column("k"), Column("w")})),
                           Gt(Column("k"), Int(1))));
  q.push_back(plan::Filter(plan::Distinct(plan::Project(T(), {Column("a")})), Eq(Column("a"), Str("y"))));
  q.push_back(plan::Sort(plan::Filter(plan::Project(TJoinU(JoinType::kInner),
                                                    {expr::Alias(Call("add", {Column("t.v"), Int(1)}), "v1"),
                                                     Column("w"), Column("u.k")}),
                                      Gt(Column("v1"), Int(6))),
                         {expr::SortKey(Column("w"), true, true)}));
  q.push_back(plan::Aggregate(plan::Filter(TJoinU(JoinType::kFullOuter), Call("isnotnull", {Column("a")})), {},
                              {Call("count", {expr::Star()})}));
  q.push_back(plan::Filter(plan::Project(T(), {Column("a"), expr::Alias(Call("add", {Int(1), Int(2)}), "c")}),
                           Gt(Column("c"), Int(2))));
  return q;
}

TEST(OptimizerTest, OptimizedPlansReturnTheSameRows) {
  std::vector<PlanPtr> queries = SampleQueries();
  for (size_t i = 0; i < queries.size(); ++i) {
    PlanPtr analyzed = Analyze(queries[i]);
    ASSERT_TRUE(analyzed) << "query " << i;
    auto optimized = Optimize(analyzed, Registry());
    ASSERT_TRUE(optimized.ok()) << optimized.status().ToString();
    SCOPED_TRACE("query " + std::to_string(i) + "\nanalyzed:\n" + Tree(analyzed) + "optimized:\n" +
                 Tree(*optimized));
    EXPECT_EQ(Rows(*optimized), Rows(analyzed));
    EXPECT_TRUE((*optimized)->schema->Equals(*analyzed->schema));
  }
}

TEST(OptimizerTest, OptimizingTwiceChangesNothingMore) {
  for (const PlanPtr& q : SampleQueries()) {
    PlanPtr once = Optimized(q);
    ASSERT_TRUE(once);
    auto twice = Optimize(once, Registry());
    ASSERT_TRUE(twice.ok());
    EXPECT_EQ(Tree(*twice), Tree(once));
  }
}

}  // namespace
}  // namespace runnel::optimizer
