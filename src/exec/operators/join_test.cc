// Hash joins and nested-loop joins built directly over in-memory scans, for every join type.
#include <gtest/gtest.h>

#include "exec/operators/test_ops.h"

namespace runnel::exec {
namespace {

using namespace testing;  // NOLINT
using plan::JoinType;
using type::Value;
using Rows = std::vector<std::string>;

// left: k INT, lv STRING; right: k INT, rv STRING. NULL keys and duplicates on both sides.
std::shared_ptr<plan::InMemorySource> Left() {
  return MakeTable("k INT, lv STRING", {{"1,a", "2,b", "NULL,c"}, {"2,d", "4,e"}});
}
std::shared_ptr<plan::InMemorySource> Right() {
  return MakeTable("k INT, rv STRING", {{"2,x", "2,y", "3,z"}, {"NULL,n", "1,w"}});
}
std::shared_ptr<plan::InMemorySource> Empty(const std::string& ddl) { return MakeTable(ddl, {{}}); }

bool LeftOnly(JoinType t) { return t == JoinType::kLeftSemi || t == JoinType::kLeftAnti; }

type::SchemaPtr JoinSchema(const PhysicalOpPtr& l, const PhysicalOpPtr& r, JoinType t) {
  return LeftOnly(t) ? l->schema() : Concat(l->schema(), r->schema());
}

// Builds the hash join the planner builds: both sides hash-partitioned on the keys. `residual`
// gets the concatenated [left, right] schema.
PhysicalOpPtr HashJoin(std::shared_ptr<plan::InMemorySource> left, std::shared_ptr<plan::InMemorySource> right,
                       JoinType t, int partitions,
                       std::function<expr::ExprPtr(const type::SchemaPtr&)> residual = nullptr) {
  PhysicalOpPtr l = ScanOf(left), r = ScanOf(right);
  auto lk = std::vector<expr::ExprPtr>{Col(l, 0)};
  auto rk = std::vector<expr::ExprPtr>{Col(r, 0)};
  expr::ExprPtr cond = residual ? residual(Concat(l->schema(), r->schema())) : nullptr;
  return MakeHashJoin(MakeExchange(l, lk, partitions), MakeExchange(r, rk, partitions), t, lk, rk, cond,
                      JoinSchema(l, r, t));
}

const Rows kInner = {"1,a,1,w", "2,b,2,x", "2,b,2,y", "2,d,2,x", "2,d,2,y"};

Rows Plus(Rows a, const Rows& b) {
  a.insert(a.end(), b.begin(), b.end());
  return Sorted(a);
}

TEST(HashJoinTest, EveryJoinTypeWithNullAndDuplicateKeys) {
  struct Case {
    JoinType type;
    Rows expected;
  };
  std::vector<Case> cases = {
      {JoinType::kInner, Sorted(kInner)},
      {JoinType::kLeftOuter, Plus(kInner, {"NULL,c,NULL,NULL", "4,e,NULL,NULL"})},
      {JoinType::kRightOuter, Plus(kInner, {"NULL,NULL,3,z", "NULL,NULL,NULL,n"})},
      {JoinType::kFullOuter,
       Plus(kInner, {"NULL,c,NULL,NULL", "4,e,NULL,NULL", "NULL,NULL,3,z", "NULL,NULL,NULL,n"})},
      {JoinType::kLeftSemi, {"1,a", "2,b", "2,d"}},
      {JoinType::kLeftAnti, {"4,e", "NULL,c"}},
  };
  for (const auto& c : cases) {
    for (int n : {1, 3, 8}) {
      SCOPED_TRACE(std::string(plan::JoinTypeName(c.type)) + " partitions " + std::to_string(n));
      EXPECT_EQ(Sorted(RunRows(HashJoin(Left(), Right(), c.type, n), n)), c.expected);
    }
  }
}

TEST(HashJoinTest, ResidualConditionAppliesBeforeOuterPadding) {
  // ON l.k = r.k AND r.rv = 'y'
  auto rv_is_y = [](const type::SchemaPtr& s) { return Fn("equal", {Col(s, 3), Lit(Value::String("y"))}); };
  struct Case {
    JoinType type;
    Rows expected;
  };
  Rows matched = {"2,b,2,y", "2,d,2,y"};
  Rows left_unmatched = {"1,a,NULL,NULL", "4,e,NULL,NULL", "NULL,c,NULL,NULL"};
  Rows right_unmatched = {"NULL,NULL,1,w", "NULL,NULL,2,x", "NULL,NULL,3,z", "NULL,NULL,NULL,n"};
  std::vector<Case> cases = {
      {JoinType::kInner, matched},
      {JoinType::kLeftOuter, Plus(matched, left_unmatched)},
      {JoinType::kRightOuter, Plus(matched, right_unmatched)},
      {JoinType::kFullOuter, Plus(Plus(matched, left_unmatched), right_unmatched)},
      {JoinType::kLeftSemi, {"2,b", "2,d"}},
      {JoinType::kLeftAnti, {"1,a", "4,e", "NULL,c"}},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(plan::JoinTypeName(c.type));
    EXPECT_EQ(Sorted(RunRows(HashJoin(Left(), Right(), c.type, 3, rv_is_y), 3)), c.expected);
  }
}

TEST(HashJoinTest, EmptyBuildSide) {
  auto right = Empty("k INT, rv STRING");
  EXPECT_EQ(RunRows(HashJoin(Left(), right, JoinType::kInner, 3)), Rows{});
  Rows padded = {"1,a,NULL,NULL", "2,b,NULL,NULL", "2,d,NULL,NULL", "4,e,NULL,NULL", "NULL,c,NULL,NULL"};
  EXPECT_EQ(Sorted(RunRows(HashJoin(Left(), right, JoinType::kLeftOuter, 3))), padded);
  EXPECT_EQ(Sorted(RunRows(HashJoin(Left(), right, JoinType::kFullOuter, 3))), padded);
  EXPECT_EQ(RunRows(HashJoin(Left(), right, JoinType::kRightOuter, 3)), Rows{});
  EXPECT_EQ(RunRows(HashJoin(Left(), right, JoinType::kLeftSemi, 3)), Rows{});
  EXPECT_EQ(Sorted(RunRows(HashJoin(Left(), right, JoinType::kLeftAnti, 3))),
            (Rows{"1,a", "2,b", "2,d", "4,e", "NULL,c"}));
}

TEST(HashJoinTest, EmptyProbeSide) {
  auto left = Empty("k INT, lv STRING");
  Rows padded = {"NULL,NULL,1,w", "NULL,NULL,2,x", "NULL,NULL,2,y", "NULL,NULL,3,z", "NULL,NULL,NULL,n"};
  EXPECT_EQ(RunRows(HashJoin(left, Right(), JoinType::kInner, 3)), Rows{});
  EXPECT_EQ(RunRows(HashJoin(left, Right(), JoinType::kLeftOuter, 3)), Rows{});
  EXPECT_EQ(Sorted(RunRows(HashJoin(left, Right(), JoinType::kRightOuter, 3))), padded);
  EXPECT_EQ(Sorted(RunRows(HashJoin(left, Right(), JoinType::kFullOuter, 3))), padded);
  EXPECT_EQ(RunRows(HashJoin(left, Right(), JoinType::kLeftAnti, 3)), Rows{});
}

TEST(HashJoinTest, MultiColumnStringAndDoubleKeys) {
  auto left = MakeTable("s STRING, d DOUBLE, lv INT", {{"a,0.0,1", "a,NaN,2", "b,1.0,3"}, {"NULL,1.0,4"}});
  auto right = MakeTable("s STRING, d DOUBLE, rv INT", {{"a,-0.0,10", "a,NaN,20"}, {"b,2.0,30", "NULL,1.0,40"}});
  PhysicalOpPtr l = ScanOf(left), r = ScanOf(right);
  std::vector<expr::ExprPtr> lk = {Col(l, 0), Col(l, 1)}, rk = {Col(r, 0), Col(r, 1)};
  for (int n : {1, 3}) {
    PhysicalOpPtr j = MakeHashJoin(MakeExchange(l, lk, n), MakeExchange(r, rk, n), JoinType::kInner, lk, rk,
                                   nullptr, Concat(l->schema(), r->schema()));
    // Spark's join keys normalize -0.0 to 0.0 and NaN = NaN.
    EXPECT_EQ(Sorted(RunRows(j, n)), (Rows{"a,0.0,1,a,-0.0,10", "a,NaN,2,a,NaN,20"}));
  }
}

// The nested-loop join as the planner builds it: the right side gathered, and the left too for
// right and full outer joins.
PhysicalOpPtr LoopJoin(std::shared_ptr<plan::InMemorySource> left, std::shared_ptr<plan::InMemorySource> right,
                       JoinType t, std::function<expr::ExprPtr(const type::SchemaPtr&)> condition = nullptr) {
  PhysicalOpPtr l = ScanOf(left), r = ScanOf(right);
  expr::ExprPtr cond = condition ? condition(Concat(l->schema(), r->schema())) : nullptr;
  type::SchemaPtr schema = JoinSchema(l, r, t);
  if (t == JoinType::kRightOuter || t == JoinType::kFullOuter) l = MakeExchange(l, {}, 1);
  return MakeNestedLoopJoin(l, MakeExchange(r, {}, 1), t, cond, schema);
}

std::shared_ptr<plan::InMemorySource> Small() { return MakeTable("a INT", {{"1"}, {"5"}}); }
std::shared_ptr<plan::InMemorySource> Others() { return MakeTable("b INT", {{"2", "3"}, {"NULL"}}); }

TEST(NestedLoopJoinTest, CrossJoinPairsEveryRow) {
  EXPECT_EQ(Sorted(RunRows(LoopJoin(Small(), Others(), JoinType::kCross))),
            (Rows{"1,2", "1,3", "1,NULL", "5,2", "5,3", "5,NULL"}));
  EXPECT_EQ(RunRows(LoopJoin(Small(), Empty("b INT"), JoinType::kCross)), Rows{});
}

TEST(NestedLoopJoinTest, ThetaJoin) {
  auto less = [](const type::SchemaPtr& s) { return Fn("less", {Col(s, 0), Col(s, 1)}); };
  EXPECT_EQ(Sorted(RunRows(LoopJoin(Small(), Others(), JoinType::kInner, less))), (Rows{"1,2", "1,3"}));
  EXPECT_EQ(Sorted(RunRows(LoopJoin(Small(), Others(), JoinType::kLeftOuter, less))),
            (Rows{"1,2", "1,3", "5,NULL"}));
  EXPECT_EQ(Sorted(RunRows(LoopJoin(Small(), Others(), JoinType::kRightOuter, less))),
            (Rows{"1,2", "1,3", "NULL,NULL"}));
  EXPECT_EQ(Sorted(RunRows(LoopJoin(Small(), Others(), JoinType::kFullOuter, less))),
            (Rows{"1,2", "1,3", "5,NULL", "NULL,NULL"}));
  EXPECT_EQ(Sorted(RunRows(LoopJoin(Small(), Others(), JoinType::kLeftSemi, less))), (Rows{"1"}));
  EXPECT_EQ(Sorted(RunRows(LoopJoin(Small(), Others(), JoinType::kLeftAnti, less))), (Rows{"5"}));
}

TEST(NestedLoopJoinTest, OuterJoinsWithNoMatches) {
  auto never = [](const type::SchemaPtr&) { return Lit(Value::Boolean(false)); };
  EXPECT_EQ(RunRows(LoopJoin(Small(), Others(), JoinType::kInner, never)), Rows{});
  EXPECT_EQ(Sorted(RunRows(LoopJoin(Small(), Others(), JoinType::kLeftOuter, never))), (Rows{"1,NULL", "5,NULL"}));
  EXPECT_EQ(Sorted(RunRows(LoopJoin(Small(), Others(), JoinType::kRightOuter, never))),
            (Rows{"NULL,2", "NULL,3", "NULL,NULL"}));
  EXPECT_EQ(Sorted(RunRows(LoopJoin(Small(), Others(), JoinType::kFullOuter, never))),
            (Rows{"1,NULL", "5,NULL", "NULL,2", "NULL,3", "NULL,NULL"}));
  // An empty side.
  EXPECT_EQ(Sorted(RunRows(LoopJoin(Small(), Empty("b INT"), JoinType::kLeftOuter))), (Rows{"1,NULL", "5,NULL"}));
  EXPECT_EQ(Sorted(RunRows(LoopJoin(Empty("a INT"), Others(), JoinType::kFullOuter))),
            (Rows{"NULL,2", "NULL,3", "NULL,NULL"}));
  EXPECT_EQ(Sorted(RunRows(LoopJoin(Small(), Empty("b INT"), JoinType::kLeftAnti))), (Rows{"1", "5"}));
}

TEST(NestedLoopJoinTest, ManyPairsSpanSeveralSlices) {
  // 300 x 300 pairs exceed one slice of pairs; every pair must still be seen once.
  std::vector<std::string> rows;
  for (int i = 0; i < 300; ++i) rows.push_back(std::to_string(i));
  auto left = MakeTable("a INT", {rows});
  auto right = MakeTable("b INT", {rows});
  auto equal = [](const type::SchemaPtr& s) { return Fn("equal", {Col(s, 0), Col(s, 1)}); };
  Rows out = RunRows(LoopJoin(left, right, JoinType::kFullOuter, equal));
  EXPECT_EQ(out.size(), 300u);
  Rows cross = RunRows(LoopJoin(left, right, JoinType::kCross));
  EXPECT_EQ(cross.size(), 90000u);
}

}  // namespace
}  // namespace runnel::exec
