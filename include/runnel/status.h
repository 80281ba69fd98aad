// Status and Result<T>: the one error model of Runnel (as in Arrow and LevelDB).
// A code says whose fault an error is; the message states the problem first, then the values,
// then what to do.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace runnel {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,  // the caller passed something wrong
  kSyntax,           // text that does not parse (SQL, DDL, a format string)
  kAnalysis,         // a query that does not resolve or type-check
  kNotSupported,     // valid, but not implemented or not allowed here
  kIO,               // the file system or network failed
  kCorruption,       // stored bytes are not what their format says
  kInternal,         // a bug in Runnel
  kCancelled,        // the user or the engine stopped the work
};

const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message);

  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
  static Status Syntax(std::string m) { return {StatusCode::kSyntax, std::move(m)}; }
  static Status Analysis(std::string m) { return {StatusCode::kAnalysis, std::move(m)}; }
  static Status NotSupported(std::string m) { return {StatusCode::kNotSupported, std::move(m)}; }
  static Status IOError(std::string m) { return {StatusCode::kIO, std::move(m)}; }
  static Status Corruption(std::string m) { return {StatusCode::kCorruption, std::move(m)}; }
  static Status Internal(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
  static Status Cancelled(std::string m) { return {StatusCode::kCancelled, std::move(m)}; }

  bool ok() const { return state_ == nullptr; }
  StatusCode code() const { return ok() ? StatusCode::kOk : state_->code; }
  const std::string& message() const;
  // "Analysis error: Column 'x' not found ..."
  std::string ToString() const;
  // A copy with context put in front of the message: "reading 'a.csv': <message>".
  Status WithContext(const std::string& context) const;

 private:
  struct State {
    StatusCode code;
    std::string message;
  };
  std::shared_ptr<const State> state_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : value_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Status status) : status_(std::move(status)) {  // NOLINT: implicit by design
    if (status_.ok()) status_ = Status::Internal("Result constructed from an OK status");
  }

  bool ok() const { return value_.has_value(); }
  const Status& status() const { return status_; }
  T& operator*() & { return *value_; }
  const T& operator*() const& { return *value_; }
  T&& operator*() && { return std::move(*value_); }
  T* operator->() { return &*value_; }
  const T* operator->() const { return &*value_; }
  T& value() & { return *value_; }
  const T& value() const& { return *value_; }
  T&& value() && { return std::move(*value_); }
  T ValueOr(T fallback) const& { return ok() ? *value_ : std::move(fallback); }
  // For tests and examples: the value, or abort with the error printed.
  T ValueOrDie() &&;

 private:
  Status status_;
  std::optional<T> value_;
};

[[noreturn]] void DieWithStatus(const Status& status);

template <typename T>
T Result<T>::ValueOrDie() && {
  if (!ok()) DieWithStatus(status_);
  return std::move(*value_);
}

namespace internal {
inline const Status& GetStatus(const Status& s) { return s; }
template <typename T>
const Status& GetStatus(const Result<T>& r) {
  return r.status();
}
}  // namespace internal

}  // namespace runnel

#define RUNNEL_CONCAT_INNER(a, b) a##b
#define RUNNEL_CONCAT(a, b) RUNNEL_CONCAT_INNER(a, b)

#define RUNNEL_RETURN_NOT_OK(expr)                                     \
  do {                                                                 \
    const ::runnel::Status _st = ::runnel::internal::GetStatus((expr)); \
    if (!_st.ok()) return _st;                                         \
  } while (false)

#define RUNNEL_ASSIGN_OR_RAISE_IMPL(tmp, lhs, rexpr) \
  auto tmp = (rexpr);                                \
  if (!tmp.ok()) return tmp.status();                \
  lhs = std::move(tmp).value();

#define RUNNEL_ASSIGN_OR_RAISE(lhs, rexpr) \
  RUNNEL_ASSIGN_OR_RAISE_IMPL(RUNNEL_CONCAT(_result_, __COUNTER__), lhs, rexpr)
