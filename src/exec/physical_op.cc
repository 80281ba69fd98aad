#include "exec/physical_op.h"

namespace runnel::exec {

Status PhysicalOp::Prepare(ExecContext& ctx) {
  for (auto& c : children_) RUNNEL_RETURN_NOT_OK(c->Prepare(ctx));
  return Status::OK();
}

std::string PhysicalOp::ToString(int indent) const {
  std::string out = std::string(indent * 2, ' ') + Describe() + "\n";
  for (const auto& c : children_) out += c->ToString(indent + 1);
  return out;
}

Status RunPartitions(PhysicalOp& op, ExecContext& ctx,
                     const std::function<Status(int, vector::Batch)>& sink) {
  return ctx.pool->ParallelFor(op.NumPartitions(), [&](int p) -> Status {
    RUNNEL_ASSIGN_OR_RAISE(auto stream, op.Execute(p, ctx));
    for (;;) {
      if (ctx.cancelled != nullptr && ctx.cancelled->load(std::memory_order_relaxed)) {
        return Status::Cancelled("Query cancelled");
      }
      RUNNEL_ASSIGN_OR_RAISE(std::optional<vector::Batch> b, stream->Next());
      if (!b) return Status::OK();
      if (b->num_rows() > 0) RUNNEL_RETURN_NOT_OK(sink(p, std::move(*b)));
    }
  });
}

Result<std::vector<vector::Batch>> CollectAll(const PhysicalOpPtr& root, ExecContext& ctx) {
  RUNNEL_RETURN_NOT_OK(root->Prepare(ctx));
  std::vector<std::vector<vector::Batch>> parts(root->NumPartitions());
  RUNNEL_RETURN_NOT_OK(RunPartitions(*root, ctx, [&](int p, vector::Batch b) {
    parts[p].push_back(std::move(b));  // each partition writes only its own slot
    return Status::OK();
  }));
  std::vector<vector::Batch> out;
  for (auto& p : parts) {
    for (auto& b : p) out.push_back(std::move(b));
  }
  return out;
}

}  // namespace runnel::exec
