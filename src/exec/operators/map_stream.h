// A stream that transforms each batch of another stream (filter, project, generate, limit).
#pragma once

#include <functional>
#include <memory>

#include "vector/batch_stream.h"

namespace runnel::exec {

class MapStream final : public vector::BatchStream {
 public:
  // `fn` returns the transformed batch, or nullopt to end the stream early (limit).
  using Fn = std::function<Result<std::optional<vector::Batch>>(vector::Batch)>;
  MapStream(std::unique_ptr<vector::BatchStream> input, Fn fn)
      : input_(std::move(input)), fn_(std::move(fn)) {}

  Result<std::optional<vector::Batch>> Next() override {
    for (;;) {
      if (done_) return std::optional<vector::Batch>();
      RUNNEL_ASSIGN_OR_RAISE(std::optional<vector::Batch> in, input_->Next());
      if (!in) return in;
      RUNNEL_ASSIGN_OR_RAISE(std::optional<vector::Batch> out, fn_(std::move(*in)));
      if (!out) {
        done_ = true;
        return out;
      }
      if (out->num_rows() > 0) return out;
    }
  }

 private:
  std::unique_ptr<vector::BatchStream> input_;
  Fn fn_;
  bool done_ = false;
};

}  // namespace runnel::exec
