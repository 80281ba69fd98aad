// Factories of the physical operators, one per file in this folder.
#pragma once

#include <vector>

#include "exec/physical_op.h"
#include "expr/expr.h"
#include "plan/data_source.h"
#include "plan/logical_plan.h"

namespace runnel::exec {

// `filters` are the optimizer's pushed filters, passed to the source as hints.
PhysicalOpPtr MakeScan(plan::DataSourcePtr source, std::vector<int> projection, type::SchemaPtr schema,
                       std::vector<expr::ExprPtr> filters = {});
PhysicalOpPtr MakeFilter(PhysicalOpPtr child, expr::ExprPtr condition);
// Streaming: records event-time statistics (event_time_watermark.h).
PhysicalOpPtr MakeEventTimeWatermark(PhysicalOpPtr child, int column, int64_t delay_micros);
PhysicalOpPtr MakeProject(PhysicalOpPtr child, std::vector<expr::ExprPtr> exprs, type::SchemaPtr schema);

enum class AggregateMode { kPartial, kFinal, kComplete };
// kPartial: input rows -> [groups..., states...]; kFinal: [groups..., states...] -> [groups...,
// results...]; kComplete: input rows -> results in one step.
PhysicalOpPtr MakeHashAggregate(PhysicalOpPtr child, AggregateMode mode,
                                std::vector<expr::ExprPtr> group_by,
                                std::vector<plan::AggregateCall> aggregates,
                                type::SchemaPtr schema);
// The layout a partial aggregation produces.
type::SchemaPtr PartialAggregateSchema(const std::vector<expr::ExprPtr>& group_by,
                                       const type::Schema& group_names,
                                       const std::vector<plan::AggregateCall>& aggregates);

// Hash repartitioning on key expressions into `num_partitions`; no keys = a single partition.
PhysicalOpPtr MakeExchange(PhysicalOpPtr child, std::vector<expr::ExprPtr> keys, int num_partitions);

// Partition-wise hash join of two inputs hash-partitioned the same way on the keys.
PhysicalOpPtr MakeHashJoin(PhysicalOpPtr left, PhysicalOpPtr right, plan::JoinType type,
                           std::vector<expr::ExprPtr> left_keys, std::vector<expr::ExprPtr> right_keys,
                           expr::ExprPtr residual, type::SchemaPtr schema);
// Joins each left partition with the whole right side (single partition) row by row.
PhysicalOpPtr MakeNestedLoopJoin(PhysicalOpPtr left, PhysicalOpPtr right, plan::JoinType type,
                                 expr::ExprPtr condition, type::SchemaPtr schema);

PhysicalOpPtr MakeSort(PhysicalOpPtr child, std::vector<expr::ExprPtr> keys);
// Per partition: skip `offset` then keep `limit` rows (limit < 0: no limit).
PhysicalOpPtr MakeLimit(PhysicalOpPtr child, int64_t limit, int64_t offset);
PhysicalOpPtr MakeUnion(std::vector<PhysicalOpPtr> children, type::SchemaPtr schema);
PhysicalOpPtr MakeGenerate(PhysicalOpPtr child, std::shared_ptr<const function::BoundGenerator> generator,
                           std::vector<expr::ExprPtr> args, bool outer, type::SchemaPtr schema);
// session_window: appends each row's session STRUCT<start, end>; needs every row of a key in
// one partition (see session_window.cc).
PhysicalOpPtr MakeSessionWindow(PhysicalOpPtr child, std::vector<expr::ExprPtr> keys,
                                expr::ExprPtr ts, expr::ExprPtr gap, type::SchemaPtr schema);

}  // namespace runnel::exec
