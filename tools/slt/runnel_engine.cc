#include "slt/runnel_engine.h"

#include <string>

namespace runnel::slt {
namespace {

class RunnelEngine final : public SltEngine {
 public:
  explicit RunnelEngine(std::shared_ptr<Session> session) : session_(std::move(session)) {}

  // The SQL issue plugs in here: parse and run `sql` on session_, then return
  // {dataframe.schema(), dataframe.collect()}.
  Result<StatementResult> Execute(std::string_view sql) override {
    return Status::NotSupported(
        "SQL is not available yet: Runnel has no SQL parser. Use --engine echo to exercise the "
        "runner itself. Statement: " +
        std::string(sql));
  }

 private:
  std::shared_ptr<Session> session_;
};

}  // namespace

std::unique_ptr<SltEngine> MakeRunnelEngine(std::shared_ptr<Session> session) {
  return std::make_unique<RunnelEngine>(std::move(session));
}

}  // namespace runnel::slt
