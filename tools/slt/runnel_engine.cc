#include "slt/runnel_engine.h"

#include <string>

#include "runnel/dataframe.h"

namespace runnel::slt {
namespace {

class RunnelEngine final : public SltEngine {
 public:
  explicit RunnelEngine(std::shared_ptr<Session> session) : session_(std::move(session)) {}

  // Runs the statement through Session::sql and collects every row: commands run when sql()
  // returns, queries when they are collected.
  Result<StatementResult> Execute(std::string_view sql) override {
    RUNNEL_ASSIGN_OR_RAISE(DataFrame df, session_->sql(std::string(sql)));
    StatementResult result;
    RUNNEL_ASSIGN_OR_RAISE(result.schema, df.schema());
    RUNNEL_ASSIGN_OR_RAISE(result.rows, df.collect());
    return result;
  }

 private:
  std::shared_ptr<Session> session_;
};

}  // namespace

std::unique_ptr<SltEngine> MakeRunnelEngine(std::shared_ptr<Session> session) {
  return std::make_unique<RunnelEngine>(std::move(session));
}

}  // namespace runnel::slt
