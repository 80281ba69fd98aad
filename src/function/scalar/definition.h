// Shorthands for defining scalar functions and their bound forms.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "function/scalar_function.h"

namespace runnel::function {

using BindFunction = std::function<Result<BoundScalar>(const BindArgs&)>;

inline ScalarFunction DefineScalar(std::string name, std::string signature, std::string description,
                                   int min_args, int max_args, BindFunction bind) {
  ScalarFunction f;
  f.name = std::move(name);
  f.signature = std::move(signature);
  f.description = std::move(description);
  f.min_args = min_args;
  f.max_args = max_args;
  f.bind = std::move(bind);
  return f;
}

// `null_intolerant`: a NULL argument always gives NULL (see BoundScalar).
inline BoundScalar MakeBoundScalar(type::DataTypePtr result, std::vector<type::DataTypePtr> args,
                                   ScalarKernel kernel, bool null_intolerant = false) {
  BoundScalar bound;
  bound.return_type = std::move(result);
  bound.arg_types = std::move(args);
  bound.kernel = std::move(kernel);
  bound.null_intolerant = null_intolerant;
  return bound;
}

}  // namespace runnel::function
