// Physical operators built directly over in-memory scans (no planner): filter, project, hash
// aggregation, sort, limit, union, generate.
#include <gtest/gtest.h>

#include "exec/operators/test_ops.h"

namespace runnel::exec {
namespace {

using namespace testing;  // NOLINT
using type::Value;
using Rows = std::vector<std::string>;

TEST(FilterProjectTest, FilterDropsFalseAndNullThenProjectEvaluates) {
  auto table = MakeTable("a INT, b STRING", {{"1,x", "2,NULL", "3,z"}, {"4,w", "NULL,v"}});
  PhysicalOpPtr scan = ScanOf(table);
  PhysicalOpPtr filter = MakeFilter(scan, Fn("greater", {Col(scan, 0), Lit(Value::Int(1))}));
  EXPECT_EQ(RunRows(filter), (Rows{"2,NULL", "3,z", "4,w"}));
  auto schema = plan::testing::MakeSchema("a1 INT, ub STRING");
  PhysicalOpPtr project = MakeProject(
      filter, {Fn("add", {Col(scan, 0), Lit(Value::Int(1))}), Fn("upper", {Col(scan, 1)})}, schema);
  EXPECT_EQ(project->NumPartitions(), 2);
  EXPECT_EQ(RunRows(project), (Rows{"3,NULL", "4,Z", "5,W"}));
}

TEST(FilterProjectTest, FilterThatRemovesEverything) {
  auto table = MakeTable("a INT", {{"1", "2"}, {}});
  PhysicalOpPtr scan = ScanOf(table);
  EXPECT_EQ(RunRows(MakeFilter(scan, Lit(Value::Boolean(false)))), Rows{});
  EXPECT_EQ(RunRows(MakeFilter(scan, Lit(Value::NullOf(type::Boolean())))), Rows{});
}

// partial -> exchange(keys, n) -> final, as the planner builds it.
PhysicalOpPtr TwoPhaseAggregate(PhysicalOpPtr input, std::vector<expr::ExprPtr> group_by,
                                std::vector<plan::AggregateCall> aggs, type::SchemaPtr schema, int n) {
  type::SchemaPtr partial_schema = PartialAggregateSchema(group_by, *schema, aggs);
  PhysicalOpPtr partial = MakeHashAggregate(input, AggregateMode::kPartial, group_by, aggs, partial_schema);
  std::vector<expr::ExprPtr> keys;
  for (size_t i = 0; i < group_by.size(); ++i) keys.push_back(Col(partial_schema, static_cast<int>(i)));
  PhysicalOpPtr exchange = MakeExchange(partial, keys, n);
  return MakeHashAggregate(exchange, AggregateMode::kFinal, group_by, aggs, schema);
}

TEST(HashAggregateTest, GroupedSameResultForAnyShufflePartitionCount) {
  auto table = MakeTable("k STRING, v INT",
                         {{"a,1", "b,2", "NULL,5"}, {"a,3", "NULL,NULL", "c,NULL"}, {"b,10", "a,NULL"}});
  PhysicalOpPtr scan = ScanOf(table);
  std::vector<plan::AggregateCall> aggs = {Agg("sum", {Col(scan, 1)}), Agg("count", {}),
                                           Agg("count", {Col(scan, 1)}), Agg("max", {Col(scan, 1)})};
  auto schema = plan::testing::MakeSchema("k STRING, s BIGINT, n BIGINT, nv BIGINT, m INT");
  Rows expected = {"NULL,5,2,1,5", "a,4,3,2,3", "b,12,2,2,10", "c,NULL,1,0,NULL"};
  for (int n : {1, 3, 8}) {
    SCOPED_TRACE(n);
    PhysicalOpPtr agg = TwoPhaseAggregate(scan, {Col(scan, 0)}, aggs, schema, n);
    EXPECT_EQ(agg->NumPartitions(), n);
    EXPECT_EQ(Sorted(RunRows(agg, n)), expected);
    // A plan runs again and again (micro-batches): the second run gives the same rows.
    EXPECT_EQ(Sorted(RunRows(agg, n)), expected);
  }
}

TEST(HashAggregateTest, CompleteModeMatchesTwoPhase) {
  auto table = MakeTable("k INT, v DOUBLE", {{"1,1.5", "2,2.0", "1,0.5"}});
  PhysicalOpPtr scan = ScanOf(table);
  std::vector<plan::AggregateCall> aggs = {Agg("sum", {Col(scan, 1)}), Agg("avg", {Col(scan, 1)})};
  auto schema = plan::testing::MakeSchema("k INT, s DOUBLE, a DOUBLE");
  PhysicalOpPtr agg = MakeHashAggregate(scan, AggregateMode::kComplete, {Col(scan, 0)}, aggs, schema);
  EXPECT_EQ(Sorted(RunRows(agg)), (Rows{"1,2.0,1.0", "2,2.0,2.0"}));
}

TEST(HashAggregateTest, MultiColumnGroupKeys) {
  auto table = MakeTable("a INT, b STRING, v BIGINT",
                         {{"1,x,1", "1,y,2", "NULL,x,4"}, {"1,x,8", "NULL,x,16", "1,NULL,32"}});
  PhysicalOpPtr scan = ScanOf(table);
  std::vector<plan::AggregateCall> aggs = {Agg("sum", {Col(scan, 2)})};
  auto schema = plan::testing::MakeSchema("a INT, b STRING, s BIGINT");
  for (int n : {1, 3, 8}) {
    PhysicalOpPtr agg = TwoPhaseAggregate(scan, {Col(scan, 0), Col(scan, 1)}, aggs, schema, n);
    EXPECT_EQ(Sorted(RunRows(agg, n)), (Rows{"1,NULL,32", "1,x,9", "1,y,2", "NULL,x,20"}));
  }
}

TEST(HashAggregateTest, DoubleKeysGroupNegativeZeroAndNaNAcrossPartitions) {
  auto table = MakeTable("d DOUBLE, v INT", {{"0.0,1", "NaN,2"}, {"-0.0,4", "NaN,8"}, {"NULL,16", "1.5,32"}});
  PhysicalOpPtr scan = ScanOf(table);
  auto schema = plan::testing::MakeSchema("d DOUBLE, s BIGINT");
  for (int n : {1, 3, 8}) {
    PhysicalOpPtr agg = TwoPhaseAggregate(scan, {Col(scan, 0)}, {Agg("sum", {Col(scan, 1)})}, schema, n);
    Rows rows = Sorted(RunRows(agg, n));
    ASSERT_EQ(rows.size(), 4u) << n;
    // Which zero represents the group depends on the order rows arrive in.
    EXPECT_TRUE(rows[0] == "-0.0,5" || rows[0] == "0.0,5") << rows[0];
    EXPECT_EQ(rows[1], "1.5,32");
    EXPECT_EQ(rows[2], "NULL,16");
    EXPECT_EQ(rows[3], "NaN,10");
  }
}

TEST(HashAggregateTest, CountDistinctMergesAcrossPartitions) {
  auto table = MakeTable("k INT, v STRING", {{"1,a", "1,b", "2,a"}, {"1,a", "2,NULL", "1,c"}, {"2,a"}});
  PhysicalOpPtr scan = ScanOf(table);
  auto schema = plan::testing::MakeSchema("k INT, n BIGINT");
  for (int n : {1, 3, 8}) {
    PhysicalOpPtr agg =
        TwoPhaseAggregate(scan, {Col(scan, 0)}, {Agg("count", {Col(scan, 1)}, /*distinct=*/true)}, schema, n);
    EXPECT_EQ(Sorted(RunRows(agg, n)), (Rows{"1,3", "2,1"}));
  }
}

TEST(HashAggregateTest, GlobalAggregateOverEmptyInputHasOneRow) {
  auto table = MakeTable("v INT", {{}, {}});
  PhysicalOpPtr scan = ScanOf(table);
  std::vector<plan::AggregateCall> aggs = {Agg("count", {}), Agg("sum", {Col(scan, 0)})};
  auto schema = plan::testing::MakeSchema("n BIGINT, s BIGINT");
  for (int n : {1, 3}) {
    EXPECT_EQ(RunRows(TwoPhaseAggregate(scan, {}, aggs, schema, n), n), (Rows{"0,NULL"}));
  }
}

TEST(HashAggregateTest, GlobalAggregateOverSeveralPartitions) {
  auto table = MakeTable("v INT", {{"1", "2"}, {"NULL"}, {"4"}});
  PhysicalOpPtr scan = ScanOf(table);
  std::vector<plan::AggregateCall> aggs = {Agg("count", {}), Agg("sum", {Col(scan, 0)}),
                                           Agg("min", {Col(scan, 0)})};
  auto schema = plan::testing::MakeSchema("n BIGINT, s BIGINT, m INT");
  EXPECT_EQ(RunRows(TwoPhaseAggregate(scan, {}, aggs, schema, 8), 8), (Rows{"4,7,1"}));
}

TEST(HashAggregateTest, GroupedAggregateOverEmptyInputHasNoRows) {
  auto table = MakeTable("k INT, v INT", {{}});
  PhysicalOpPtr scan = ScanOf(table);
  auto schema = plan::testing::MakeSchema("k INT, n BIGINT");
  EXPECT_EQ(RunRows(TwoPhaseAggregate(scan, {Col(scan, 0)}, {Agg("count", {})}, schema, 3)), Rows{});
}

PhysicalOpPtr Gather(PhysicalOpPtr op) { return MakeExchange(std::move(op), {}, 1); }

TEST(SortTest, SeveralKeysDirectionsAndNullOrdering) {
  auto table = MakeTable("i INT, d DOUBLE, s STRING",
                         {{"2,1.0,b", "NULL,3.0,a", "1,NaN,c"}, {"2,NULL,a", "1,-1.0,d", "2,NaN,e"},
                          {"1,NaN,a", "NULL,NULL,z", "2,1.0,a"}});
  PhysicalOpPtr scan = ScanOf(table);
  // i ASC NULLS LAST, d DESC NULLS FIRST, s ASC NULLS FIRST.
  PhysicalOpPtr sort = MakeSort(Gather(scan), {expr::SortKey(Col(scan, 0), true, false),
                                               expr::SortKey(Col(scan, 1), false, true),
                                               expr::SortKey(Col(scan, 2), true, true)});
  EXPECT_EQ(sort->NumPartitions(), 1);
  EXPECT_EQ(RunRows(sort), (Rows{"1,NaN,a", "1,NaN,c", "1,-1.0,d", "2,NULL,a", "2,NaN,e", "2,1.0,a",
                             "2,1.0,b", "NULL,NULL,z", "NULL,3.0,a"}));
}

TEST(SortTest, DoublesAscendingPutNaNLastAndNullsFirst) {
  auto table = MakeTable("d DOUBLE", {{"NaN", "1.5", "NULL", "-Infinity", "Infinity", "-0.0", "0.0"}});
  PhysicalOpPtr scan = ScanOf(table);
  PhysicalOpPtr sort = MakeSort(scan, {expr::SortKey(Col(scan, 0), true, true)});
  EXPECT_EQ(RunRows(sort), (Rows{"NULL", "-Infinity", "-0.0", "0.0", "1.5", "Infinity", "NaN"}));
  PhysicalOpPtr desc = MakeSort(scan, {expr::SortKey(Col(scan, 0), false, false)});
  EXPECT_EQ(RunRows(desc), (Rows{"NaN", "Infinity", "1.5", "-0.0", "0.0", "-Infinity", "NULL"}));
}

TEST(SortTest, StringsCompareByteWise) {
  auto table = MakeTable("s STRING", {{"b", "B", "", "ab", "a", "é"}});
  PhysicalOpPtr scan = ScanOf(table);
  PhysicalOpPtr sort = MakeSort(scan, {expr::SortKey(Col(scan, 0), true, true)});
  EXPECT_EQ(RunRows(sort), (Rows{"", "B", "a", "ab", "b", "é"}));
}

TEST(SortTest, SplitsOutputIntoBatchesOfBatchSize) {
  auto table = MakeTable("i INT", {{"5", "4", "3", "2", "1"}});
  PhysicalOpPtr scan = ScanOf(table);
  PhysicalOpPtr sort = MakeSort(scan, {expr::SortKey(Col(scan, 0), true, true)});
  ExecContext ctx;
  ctx.batch_size = 2;
  auto out = CollectAll(sort, ctx).ValueOrDie();
  ASSERT_EQ(out.size(), 3u);
  EXPECT_EQ(RowStrings(out), (Rows{"1", "2", "3", "4", "5"}));
}

// A global LIMIT over several partitions, as the planner builds it.
PhysicalOpPtr GlobalLimit(PhysicalOpPtr child, int64_t limit, int64_t offset) {
  PhysicalOpPtr local = MakeLimit(child, limit < 0 ? -1 : limit + offset, 0);
  return MakeLimit(Gather(local), limit, offset);
}

TEST(LimitTest, OffsetAndLimitAcrossPartitions) {
  auto table = MakeTable("i INT", {{"1", "2", "3"}, {"4", "5", "6"}, {"7", "8", "9"}});
  PhysicalOpPtr scan = ScanOf(table);
  EXPECT_EQ(RunRows(GlobalLimit(scan, 4, 2)), (Rows{"3", "4", "5", "6"}));
  EXPECT_EQ(RunRows(GlobalLimit(scan, 2, 0)), (Rows{"1", "2"}));
  EXPECT_EQ(RunRows(GlobalLimit(scan, 0, 0)), Rows{});
  EXPECT_EQ(RunRows(GlobalLimit(scan, 100, 7)), (Rows{"8", "9"}));
  EXPECT_EQ(RunRows(GlobalLimit(scan, 3, 20)), Rows{});
  EXPECT_EQ(RunRows(GlobalLimit(scan, -1, 5)), (Rows{"6", "7", "8", "9"}));
  // The offset spans whole batches of the gathered partition.
  EXPECT_EQ(RunRows(MakeLimit(Gather(scan), 2, 5)), (Rows{"6", "7"}));
}

TEST(LimitTest, PerPartitionLimit) {
  auto table = MakeTable("i INT", {{"1", "2", "3"}, {"4", "5", "6"}});
  PhysicalOpPtr scan = ScanOf(table);
  EXPECT_EQ(RunRows(MakeLimit(scan, 1, 1)), (Rows{"2", "5"}));
}

TEST(UnionTest, ConcatenatesPartitionsUnderTheFirstSchema) {
  auto left = MakeTable("a INT, b STRING", {{"1,x"}, {"2,y"}});
  auto right = MakeTable("c INT, d STRING", {{"3,z", "NULL,w"}});
  PhysicalOpPtr u = MakeUnion({ScanOf(left), ScanOf(right)}, left->schema().ValueOrDie());
  EXPECT_EQ(u->NumPartitions(), 3);
  EXPECT_EQ(RunRows(u), (Rows{"1,x", "2,y", "3,z", "NULL,w"}));
}

// Rows of (id INT, xs ARRAY<INT>).
std::shared_ptr<plan::InMemorySource> ArrayTable() {
  auto schema = plan::testing::MakeSchema("id INT, xs ARRAY<INT>");
  auto arr = [](std::vector<int> xs) {
    std::vector<Value> v;
    for (int x : xs) v.push_back(Value::Int(x));
    return Value::Array(type::Int(), std::move(v));
  };
  auto p0 = vector::Batch::FromRows(schema, {{Value::Int(1), arr({10, 20})},
                                             {Value::Int(2), arr({})},
                                             {Value::Int(3), Value::NullOf(type::Array(type::Int()))}});
  auto p1 = vector::Batch::FromRows(
      schema, {{Value::Int(4), Value::Array(type::Int(), {Value::NullOf(type::Int()), Value::Int(7)})}});
  return std::make_shared<plan::InMemorySource>(schema, std::vector<vector::Batch>{p0, p1});
}

PhysicalOpPtr Explode(const std::string& name, PhysicalOpPtr scan) {
  const function::GeneratorFunction* g = Registry().FindGenerator(name);
  EXPECT_NE(g, nullptr);
  function::BindArgs args;
  args.name = name;
  args.types = {scan->schema()->field(1).type};
  args.constants = {std::nullopt};
  auto bound = std::make_shared<function::BoundGenerator>(g->bind(args).ValueOrDie());
  std::vector<type::Field> fields = scan->schema()->fields();
  for (const auto& f : bound->output_fields) fields.push_back(f);
  bool outer = name.ends_with("_outer");
  return MakeGenerate(scan, bound, {Col(scan, 1)}, outer, std::make_shared<type::Schema>(fields));
}

TEST(GenerateTest, ExplodeRepeatsInputColumns) {
  PhysicalOpPtr scan = ScanOf(ArrayTable());
  PhysicalOpPtr gen = Explode("explode", scan);
  EXPECT_EQ(gen->schema()->field(2).name, "col");
  EXPECT_EQ(RunRows(gen), (Rows{"1,[10, 20],10", "1,[10, 20],20", "4,[NULL, 7],NULL", "4,[NULL, 7],7"}));
}

TEST(GenerateTest, ExplodeOuterKeepsEmptyAndNullArrays) {
  PhysicalOpPtr scan = ScanOf(ArrayTable());
  EXPECT_EQ(RunRows(Explode("explode_outer", scan)),
            (Rows{"1,[10, 20],10", "1,[10, 20],20", "2,[],NULL", "3,NULL,NULL", "4,[NULL, 7],NULL",
                  "4,[NULL, 7],7"}));
}

TEST(GenerateTest, PosExplodeNumbersElements) {
  PhysicalOpPtr scan = ScanOf(ArrayTable());
  PhysicalOpPtr gen = Explode("posexplode", scan);
  EXPECT_EQ(gen->schema()->field(2).name, "pos");
  EXPECT_EQ(RunRows(gen), (Rows{"1,[10, 20],0,10", "1,[10, 20],1,20", "4,[NULL, 7],0,NULL", "4,[NULL, 7],1,7"}));
}

}  // namespace
}  // namespace runnel::exec
