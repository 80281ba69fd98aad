#include "plan/analyzer.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plan/test_table.h"

namespace runnel::plan {
namespace {

using expr::Call;
using expr::Column;
using expr::ExprKind;
using expr::Literal;
using testing::MakeTable;
using ::testing::HasSubstr;
using type::Value;

class AnalyzerTest : public ::testing::Test {
 protected:
  Result<PlanPtr> Analyze(const PlanPtr& p) {
    return Analyzer(function::FunctionRegistry::Builtins()).Analyze(p);
  }
  PlanPtr Ok(const PlanPtr& p) {
    auto r = Analyze(p);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : nullptr;
  }
  Status Error(const PlanPtr& p) {
    auto r = Analyze(p);
    EXPECT_FALSE(r.ok()) << "expected an error, got\n" << (*r)->ToString();
    if (!r.ok()) {
      EXPECT_EQ(r.status().code(), StatusCode::kAnalysis) << r.status().ToString();
    }
    return r.ok() ? Status::OK() : r.status();
  }
  static std::string Names(const PlanPtr& p) { return p->schema->ToString(); }

  // t(k INT, a STRING), u(k BIGINT, b DOUBLE)
  PlanPtr T() { return SubqueryAlias(Scan(MakeTable("k INT, a STRING", {{"1,x"}})), "t"); }
  PlanPtr U() { return SubqueryAlias(Scan(MakeTable("k BIGINT, b DOUBLE", {{"1,2.0"}})), "u"); }
  PlanPtr TJoinU(JoinType type = JoinType::kInner) {
    return Join(T(), U(), type, Call("equal", {Column("t.k"), Column("u.k")}));
  }
};

TEST_F(AnalyzerTest, ResolvesQualifiedNames) {
  PlanPtr p = Ok(Project(TJoinU(), {Column("t.a"), Column("u.b"), Column("u.k")}));
  ASSERT_TRUE(p);
  EXPECT_EQ(Names(p), "a STRING, b DOUBLE, k BIGINT");
  EXPECT_EQ(p->exprs[0]->index, 1);
  EXPECT_EQ(p->exprs[1]->index, 3);
  EXPECT_EQ(p->exprs[2]->index, 2);
  EXPECT_EQ(p->qualifiers, (std::vector<std::string>{"t", "u", "u"}));
}

TEST_F(AnalyzerTest, UnqualifiedNameMatchingBothSidesIsAmbiguous) {
  Status s = Error(Project(TJoinU(), {Column("k")}));
  EXPECT_THAT(s.message(), HasSubstr("ambiguous"));
  // Unique names need no qualifier.
  EXPECT_TRUE(Ok(Project(TJoinU(), {Column("a"), Column("b")})));
}

TEST_F(AnalyzerTest, MissingColumnSuggestsCloseName) {
  Status s = Error(Project(T(), {Column("aa")}));
  EXPECT_THAT(s.message(), HasSubstr("Column 'aa' not found"));
  EXPECT_THAT(s.message(), HasSubstr("Did you mean"));
  Status q = Error(Project(T(), {Column("v.a")}));
  EXPECT_THAT(q.message(), HasSubstr("not found"));
}

TEST_F(AnalyzerTest, StructFieldAccess) {
  auto table = MakeTable("s STRUCT<x: INT, y: STRING>, n INT", {{}});
  PlanPtr p = Ok(Project(SubqueryAlias(Scan(table), "t"), {Column("s.x"), Column("t.s.y"), Column("t.n")}));
  ASSERT_TRUE(p);
  EXPECT_EQ(Names(p), "x INT, y STRING, n INT");
  EXPECT_EQ(p->exprs[0]->kind, ExprKind::kCall);
  EXPECT_EQ(p->exprs[0]->name, "get_field");
  Status s = Error(Project(Scan(table), {Column("s.z")}));
  EXPECT_THAT(s.message(), HasSubstr("No field 'z'"));
  Status n = Error(Project(Scan(table), {Column("n.z")}));
  EXPECT_THAT(n.message(), HasSubstr("not a STRUCT"));
}

TEST_F(AnalyzerTest, StarExpansion) {
  PlanPtr all = Ok(Project(TJoinU(), {expr::Star()}));
  ASSERT_TRUE(all);
  EXPECT_EQ(Names(all), "k INT, a STRING, k BIGINT, b DOUBLE");
  PlanPtr right = Ok(Project(TJoinU(), {expr::Star({"u"}), Column("a")}));
  ASSERT_TRUE(right);
  EXPECT_EQ(Names(right), "k BIGINT, b DOUBLE, a STRING");
  EXPECT_EQ(right->exprs[0]->index, 2);
  Status s = Error(Project(TJoinU(), {expr::Star({"zz"})}));
  EXPECT_THAT(s.message(), HasSubstr("no relation named 'zz'"));
}

TEST_F(AnalyzerTest, JoinSplitsEquiKeysFromResidualAndWidensKeyTypes) {
  PlanPtr j = Ok(Join(T(), U(), JoinType::kInner,
                      Call("and", {Call("equal", {Column("u.k"), Column("t.k")}),
                                   Call("greater", {Column("b"), Literal(Value::Double(1))})})));
  ASSERT_TRUE(j);
  ASSERT_EQ(j->kind, PlanKind::kJoin);
  ASSERT_EQ(j->left_keys.size(), 1u);
  // The INT key is cast to BIGINT to meet the other side; keys are re-based per side.
  EXPECT_EQ(j->left_keys[0]->ToString(), "CAST(k AS BIGINT)");
  EXPECT_EQ(j->left_keys[0]->type->id(), type::TypeId::kBigInt);
  EXPECT_EQ(j->right_keys[0]->kind, ExprKind::kBoundColumn);
  EXPECT_EQ(j->right_keys[0]->index, 0);
  ASSERT_TRUE(j->condition);
  EXPECT_EQ(j->condition->name, "greater");
  EXPECT_EQ(Names(j), "k INT, a STRING, k BIGINT, b DOUBLE");
  // A cross join with an equality becomes an inner join; semi joins output the left side only.
  PlanPtr semi = Ok(TJoinU(JoinType::kLeftSemi));
  EXPECT_EQ(Names(semi), "k INT, a STRING");
}

TEST_F(AnalyzerTest, UsingJoinOutputsJoinColumnsOnceFirst) {
  auto l = Scan(MakeTable("x INT, k INT, a STRING", {{}}));
  auto r = Scan(MakeTable("b DOUBLE, k INT", {{}}));
  PlanPtr inner = Ok(Join(l, r, JoinType::kInner, nullptr, {"k"}));
  ASSERT_TRUE(inner);
  EXPECT_EQ(Names(inner), "k INT, x INT, a STRING, b DOUBLE");
  EXPECT_EQ(inner->exprs[0]->index, 1);  // the left k
  PlanPtr right = Ok(Join(l, r, JoinType::kRightOuter, nullptr, {"k"}));
  EXPECT_EQ(Names(right), "k INT, x INT, a STRING, b DOUBLE");
  EXPECT_EQ(right->exprs[0]->children[0]->index, 4);  // the right k
  PlanPtr full = Ok(Join(l, r, JoinType::kFullOuter, nullptr, {"k"}));
  EXPECT_EQ(Names(full), "k INT, x INT, a STRING, b DOUBLE");
  EXPECT_EQ(full->exprs[0]->children[0]->name, "coalesce");
  PlanPtr semi = Ok(Join(l, r, JoinType::kLeftSemi, nullptr, {"k"}));
  EXPECT_EQ(Names(semi), "x INT, k INT, a STRING");
  Status s = Error(Join(l, r, JoinType::kInner, nullptr, {"a"}));
  EXPECT_THAT(s.message(), HasSubstr("USING column 'a' not found on the right"));
  // After USING, the join column is no longer ambiguous.
  EXPECT_TRUE(Ok(Project(Join(l, r, JoinType::kInner, nullptr, {"k"}), {Column("k")})));
}

TEST_F(AnalyzerTest, AggregateReusesGroupExpressionsAndLiftsAggregates) {
  auto table = Scan(MakeTable("k INT, v INT, s STRING", {{}}));
  PlanPtr p = Ok(Aggregate(table, {Call("add", {Column("k"), Literal(Value::Int(1))})},
                           {Call("add", {Column("k"), Literal(Value::Int(1))}),
                            expr::Alias(Call("add", {Call("sum", {Column("v")}), Literal(Value::Int(1))}), "s1"),
                            Call("count", {expr::Star()}), Call("count", {Literal(Value::Int(1))}),
                            Call("max", {Column("s")})}));
  ASSERT_TRUE(p);
  EXPECT_EQ(Names(p), "(k + 1) INT, s1 BIGINT, count(1) BIGINT, count(1) BIGINT, max(s) STRING");
  ASSERT_EQ(p->kind, PlanKind::kProject);
  const PlanPtr& agg = p->children[0];
  ASSERT_EQ(agg->kind, PlanKind::kAggregate);
  // count(*) and count(1) are one aggregate; the group expression is group column 0.
  ASSERT_EQ(agg->aggregates.size(), 3u);
  EXPECT_EQ(agg->aggregates[1].args.size(), 0u);
  EXPECT_EQ(p->exprs[0]->kind, ExprKind::kBoundColumn);
  EXPECT_EQ(p->exprs[0]->index, 0);
  // sum(v) + 1 is an addition over the aggregate's output column 1.
  ASSERT_EQ(p->exprs[1]->kind, ExprKind::kAlias);
  const expr::ExprPtr& add = p->exprs[1]->children[0];
  EXPECT_EQ(add->name, "add");
  EXPECT_EQ(add->children[0]->kind, ExprKind::kBoundColumn);
  EXPECT_EQ(add->children[0]->index, 1);
}

TEST_F(AnalyzerTest, ExpressionsOverGroupColumns) {
  auto table = Scan(MakeTable("k INT, v INT", {{}}));
  PlanPtr p = Ok(Aggregate(table, {Column("k")},
                           {Call("multiply", {Column("k"), Literal(Value::Int(2))}), Call("sum", {Column("v")})}));
  ASSERT_TRUE(p);
  EXPECT_EQ(p->exprs[0]->ToString(), "(k * 2)");
  EXPECT_EQ(p->exprs[0]->children[0]->index, 0);
}

TEST_F(AnalyzerTest, NonGroupedColumnMustAppearInGroupBy) {
  auto table = Scan(MakeTable("k INT, v INT", {{}}));
  Status s = Error(Aggregate(table, {Column("k")}, {Column("k"), Column("v")}));
  EXPECT_THAT(s.message(), HasSubstr("Column 'v' must appear in the GROUP BY"));
  Status inside = Error(Aggregate(table, {Column("k")}, {Call("add", {Column("v"), Column("k")})}));
  EXPECT_THAT(inside.message(), HasSubstr("'v' must appear in the GROUP BY"));
  Status nested = Error(Aggregate(table, {}, {Call("sum", {Call("max", {Column("v")})})}));
  EXPECT_THAT(nested.message(), HasSubstr("cannot be nested"));
  Status where = Error(Filter(table, Call("greater", {Call("sum", {Column("v")}), Literal(Value::Int(1))})));
  EXPECT_THAT(where.message(), HasSubstr("not allowed in WHERE"));
}

TEST_F(AnalyzerTest, GroupingByOneSideOfAJoinDoesNotCoverTheOtherSide) {
  // Both sides have a column named k; grouping by t.k does not make u.k a grouping column.
  Status s = Error(Aggregate(TJoinU(JoinType::kLeftOuter), {Column("t.k")}, {Column("u.k")}));
  EXPECT_THAT(s.message(), HasSubstr("must appear in the GROUP BY"));
  PlanPtr ok = Ok(Aggregate(TJoinU(JoinType::kLeftOuter), {Column("t.k")}, {Column("t.k"), Call("max", {Column("u.k")})}));
  EXPECT_TRUE(ok);
}

TEST_F(AnalyzerTest, SelectWithAggregatesIsAGlobalAggregation) {
  auto table = Scan(MakeTable("v INT", {{}}));
  PlanPtr p = Ok(Project(table, {Call("sum", {Column("v")}), Call("count", {})}));
  ASSERT_TRUE(p);
  EXPECT_EQ(Names(p), "sum(v) BIGINT, count(1) BIGINT");
  EXPECT_TRUE(p->children[0]->group_by.empty());
}

TEST_F(AnalyzerTest, DistinctBecomesAggregate) {
  PlanPtr p = Ok(Distinct(T()));
  ASSERT_TRUE(p);
  EXPECT_EQ(Names(p), "k INT, a STRING");
  EXPECT_EQ(p->children[0]->kind, PlanKind::kAggregate);
  EXPECT_EQ(p->children[0]->group_by.size(), 2u);
}

TEST_F(AnalyzerTest, UnionWidensTypesByPosition) {
  auto a = Scan(MakeTable("x INT, y STRING", {{}}));
  auto b = Scan(MakeTable("p BIGINT, q STRING", {{}}));
  PlanPtr u = Ok(Union(a, b));
  ASSERT_TRUE(u);
  EXPECT_EQ(Names(u), "x BIGINT, y STRING");
  ASSERT_EQ(u->children[0]->kind, PlanKind::kProject);
  EXPECT_EQ(u->children[0]->exprs[0]->ToString(), "CAST(x AS BIGINT) AS x");
  auto d = Scan(MakeTable("p DOUBLE, q STRING", {{}}));
  EXPECT_EQ(Names(Ok(Union(a, d))), "x DOUBLE, y STRING");
  // Same types: no projections.
  PlanPtr same = Ok(Union(a, a));
  EXPECT_EQ(same->children[0]->kind, PlanKind::kScan);
  Status count = Error(Union(a, Scan(MakeTable("x INT", {{}}))));
  EXPECT_THAT(count.message(), HasSubstr("same number of columns"));
  Status types = Error(Union(a, Scan(MakeTable("x ARRAY<INT>, y STRING", {{}}))));
  EXPECT_THAT(types.message(), HasSubstr("incompatible types"));
}

TEST_F(AnalyzerTest, GeneratorInSelectBecomesGenerateNode) {
  auto table = Scan(MakeTable("id INT, xs ARRAY<STRING>", {{}}));
  PlanPtr p = Ok(Project(table, {Column("id"), expr::Alias(Call("explode", {Column("xs")}), "x")}));
  ASSERT_TRUE(p);
  EXPECT_EQ(Names(p), "id INT, x STRING");
  ASSERT_EQ(p->children[0]->kind, PlanKind::kGenerate);
  EXPECT_EQ(Names(p->children[0]), "id INT, xs ARRAY<STRING>, x STRING");
  PlanPtr unnamed = Ok(Project(table, {Call("posexplode", {Column("xs")})}));
  EXPECT_EQ(Names(unnamed), "pos INT, col STRING");
  PlanPtr outer = Ok(Project(table, {Call("explode_outer", {Column("xs")})}));
  EXPECT_TRUE(outer->children[0]->generator_outer);
  Status aliases = Error(Project(table, {expr::Alias(Call("posexplode", {Column("xs")}), "p")}));
  EXPECT_THAT(aliases.message(), HasSubstr("produces 2 columns"));
  Status nested = Error(Project(table, {Call("upper", {Call("explode", {Column("xs")})})}));
  EXPECT_THAT(nested.message(), HasSubstr("only allowed as a top-level expression"));
}

TEST_F(AnalyzerTest, FilterMustBeBoolean) {
  Status s = Error(Filter(T(), Column("k")));
  EXPECT_THAT(s.message(), HasSubstr("must be BOOLEAN"));
  PlanPtr null_cond = Ok(Filter(T(), Literal(Value())));
  EXPECT_EQ(null_cond->exprs[0]->type->id(), type::TypeId::kBoolean);
}

TEST_F(AnalyzerTest, JoinOnNullIsABooleanCondition) {
  PlanPtr j = Ok(Join(T(), U(), JoinType::kLeftOuter, Literal(Value())));
  ASSERT_TRUE(j);
  ASSERT_TRUE(j->condition);
  EXPECT_EQ(j->condition->type->id(), type::TypeId::kBoolean);
  Status s = Error(Join(T(), U(), JoinType::kInner, Column("t.k")));
  EXPECT_THAT(s.message(), HasSubstr("must be BOOLEAN"));
}

TEST_F(AnalyzerTest, SortByColumnDroppedByProjection) {
  PlanPtr p = Ok(Sort(Project(T(), {Column("a")}), {expr::SortKey(Column("k"), false, false)}));
  ASSERT_TRUE(p);
  EXPECT_EQ(Names(p), "a STRING");
  ASSERT_EQ(p->children[0]->kind, PlanKind::kSort);
  EXPECT_EQ(p->children[0]->exprs[0]->ToString(), "k DESC NULLS LAST");
}

TEST_F(AnalyzerTest, NegativeLimitIsAnError) {
  Status s = Error(Limit(T(), -2));
  EXPECT_THAT(s.message(), HasSubstr("LIMIT must not be negative"));
}

}  // namespace
}  // namespace runnel::plan
