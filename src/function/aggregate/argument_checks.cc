#include "function/aggregate/argument_checks.h"

namespace runnel::function {

Status ArgumentTypeError(const BindArgs& args, int index, const std::string& expected) {
  return Status::Analysis("Function '" + args.name + "' argument " + std::to_string(index + 1) +
                          " must be " + expected + ", got " + args.types[index]->ToString() + ".");
}

Result<bool> ConstantBoolArgument(const BindArgs& args, int index, bool fallback) {
  if (index >= static_cast<int>(args.types.size())) return fallback;
  const auto& constant = args.constants[index];
  if (!constant.has_value() || constant->type()->id() != type::TypeId::kBoolean ||
      constant->is_null()) {
    return ArgumentTypeError(args, index, "a literal BOOLEAN (true or false)");
  }
  return constant->bool_value();
}

Result<double> ConstantDoubleArgument(const BindArgs& args, int index, double fallback) {
  if (index >= static_cast<int>(args.types.size())) return fallback;
  const auto& constant = args.constants[index];
  if (!constant.has_value() || constant->is_null() || !constant->type()->is_numeric()) {
    return ArgumentTypeError(args, index, "a numeric literal");
  }
  return constant->AsDouble();
}

type::DataTypePtr NumericInputType(const type::DataTypePtr& type) {
  if (type->is_numeric()) return type;
  if (type->id() == type::TypeId::kString || type->id() == type::TypeId::kNull) {
    return type::Double();
  }
  return nullptr;
}

bool IsOrderable(const type::DataType& type) {
  if (type.id() == type::TypeId::kMap) return false;
  for (const auto& f : type.fields()) {
    if (!IsOrderable(*f.type)) return false;
  }
  return true;
}

}  // namespace runnel::function
