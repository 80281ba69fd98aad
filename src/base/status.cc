#include "base/status.h"

#include <cstdio>
#include <cstdlib>

namespace runnel {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kInvalidArgument: return "Invalid argument";
    case StatusCode::kSyntax: return "Syntax error";
    case StatusCode::kAnalysis: return "Analysis error";
    case StatusCode::kNotSupported: return "Not supported";
    case StatusCode::kIO: return "I/O error";
    case StatusCode::kCorruption: return "Corruption";
    case StatusCode::kInternal: return "Internal error";
    case StatusCode::kCancelled: return "Cancelled";
  }
  return "Unknown";
}

Status::Status(StatusCode code, std::string message) {
  if (code != StatusCode::kOk) state_ = std::make_shared<State>(State{code, std::move(message)});
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return ok() ? kEmpty : state_->message;
}

std::string Status::ToString() const {
  if (ok()) return "OK";
  return std::string(StatusCodeName(state_->code)) + ": " + state_->message;
}

Status Status::WithContext(const std::string& context) const {
  if (ok()) return *this;
  return Status(state_->code, context + ": " + state_->message);
}

void DieWithStatus(const Status& status) {
  std::fprintf(stderr, "runnel: fatal: %s\n", status.ToString().c_str());
  std::abort();
}

}  // namespace runnel
