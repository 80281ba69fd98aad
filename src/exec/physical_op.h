// Physical operators. A plan is a tree of operators, each split into partitions that run in
// parallel. Execution is stage by stage, as in Spark: Prepare() materializes every exchange
// (shuffle) bottom-up, running the stage below it on the thread pool; then each partition of
// the root streams its batches. Operators keep no per-run state outside the streams they
// return, so a plan is built once and can be executed again and again (each micro-batch).
#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "base/thread_pool.h"
#include "function/scalar_function.h"
#include "type/schema.h"
#include "vector/batch_stream.h"

namespace runnel::exec {

struct ExecContext {
  base::ThreadPool* pool = &base::ThreadPool::Default();
  function::KernelContext kernel;
  int shuffle_partitions = 8;
  int64_t batch_size = 8192;
  // Raised by Session::interruptAll(); execution checks it between batches and stops with
  // kCancelled. Null when the caller cannot cancel.
  const std::atomic<bool>* cancelled = nullptr;
};

class PhysicalOp;
using PhysicalOpPtr = std::shared_ptr<PhysicalOp>;

class PhysicalOp {
 public:
  PhysicalOp(type::SchemaPtr schema, std::vector<PhysicalOpPtr> children)
      : schema_(std::move(schema)), children_(std::move(children)) {}
  virtual ~PhysicalOp() = default;

  const type::SchemaPtr& schema() const { return schema_; }
  const std::vector<PhysicalOpPtr>& children() const { return children_; }

  virtual int NumPartitions() const = 0;
  // Streams one partition's output. Safe to call for different partitions concurrently.
  virtual Result<std::unique_ptr<vector::BatchStream>> Execute(int partition, ExecContext& ctx) = 0;
  // Materializes the exchanges in this subtree (children first). Call before Execute.
  virtual Status Prepare(ExecContext& ctx);
  // One line for EXPLAIN.
  virtual std::string Describe() const = 0;

  std::string ToString(int indent = 0) const;

 private:
  type::SchemaPtr schema_;
  std::vector<PhysicalOpPtr> children_;
};

// Runs a whole plan and returns its output in partition order.
Result<std::vector<vector::Batch>> CollectAll(const PhysicalOpPtr& root, ExecContext& ctx);

// Runs every partition of `op` on the pool, handing each batch to `sink(partition, batch)`.
// Fails with kCancelled ("Query cancelled") once ctx.cancelled is raised.
Status RunPartitions(PhysicalOp& op, ExecContext& ctx,
                     const std::function<Status(int, vector::Batch)>& sink);

}  // namespace runnel::exec
