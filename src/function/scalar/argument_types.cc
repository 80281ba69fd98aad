#include "function/scalar/argument_types.h"

namespace runnel::function {

using type::TypeId;

Status ArgumentTypeError(const BindArgs& args, size_t i, const std::string& expected) {
  return Status::Analysis("Function '" + args.name + "' argument " + std::to_string(i + 1) +
                          " must be " + expected + ", got " + args.types[i]->ToString() +
                          ". Cast the argument to " + expected + " or pass another column.");
}

Result<type::DataTypePtr> StringArgument(const BindArgs& args, size_t i) {
  if (args.types[i]->is_nested()) return ArgumentTypeError(args, i, "STRING");
  return type::String();
}

namespace {
bool IsNumberLike(TypeId id) {
  return id == TypeId::kNull || id == TypeId::kInt || id == TypeId::kBigInt ||
         id == TypeId::kDouble || id == TypeId::kDecimal || id == TypeId::kString;
}
bool IsDateLike(TypeId id) {
  return id == TypeId::kNull || id == TypeId::kDate || id == TypeId::kTimestamp ||
         id == TypeId::kString;
}
}  // namespace

Result<type::DataTypePtr> IntArgument(const BindArgs& args, size_t i) {
  if (!IsNumberLike(args.types[i]->id())) return ArgumentTypeError(args, i, "INT");
  return type::Int();
}

Result<type::DataTypePtr> BigIntArgument(const BindArgs& args, size_t i) {
  if (!IsNumberLike(args.types[i]->id())) return ArgumentTypeError(args, i, "BIGINT");
  return type::BigInt();
}

Result<type::DataTypePtr> DateArgument(const BindArgs& args, size_t i) {
  if (!IsDateLike(args.types[i]->id())) return ArgumentTypeError(args, i, "DATE");
  return type::Date();
}

Result<type::DataTypePtr> TimestampArgument(const BindArgs& args, size_t i) {
  if (!IsDateLike(args.types[i]->id())) return ArgumentTypeError(args, i, "TIMESTAMP");
  return type::Timestamp();
}

Result<std::vector<type::DataTypePtr>> BindArgumentTypes(
    const BindArgs& args, std::initializer_list<ArgumentKind> kinds) {
  std::vector<type::DataTypePtr> out;
  for (size_t i = 0; i < args.types.size(); ++i) {
    ArgumentKind kind = i < kinds.size() ? *(kinds.begin() + i) : *(kinds.end() - 1);
    RUNNEL_ASSIGN_OR_RAISE(type::DataTypePtr t, kind(args, i));
    out.push_back(std::move(t));
  }
  return out;
}

ScalarFunction SimpleScalar(std::string name, std::string signature, std::string description,
                            int min_args, int max_args, std::vector<ArgumentKind> kinds,
                            type::DataTypePtr return_type, ScalarKernel kernel) {
  ScalarFunction f;
  f.name = std::move(name);
  f.signature = std::move(signature);
  f.description = std::move(description);
  f.min_args = min_args;
  f.max_args = max_args;
  f.bind = [kinds = std::move(kinds), return_type = std::move(return_type),
            kernel = std::move(kernel)](const BindArgs& args) -> Result<BoundScalar> {
    BoundScalar bound;
    for (size_t i = 0; i < args.types.size(); ++i) {
      ArgumentKind kind = i < kinds.size() ? kinds[i] : kinds.back();
      RUNNEL_ASSIGN_OR_RAISE(type::DataTypePtr t, kind(args, i));
      bound.arg_types.push_back(std::move(t));
    }
    bound.return_type = return_type;
    bound.kernel = kernel;
    return bound;
  };
  return f;
}

const type::Value* ConstantArgument(const BindArgs& args, size_t i) {
  if (i >= args.constants.size() || !args.constants[i].has_value()) return nullptr;
  return &*args.constants[i];
}

std::optional<std::string> ConstantText(const BindArgs& args, size_t i) {
  const type::Value* v = ConstantArgument(args, i);
  if (v == nullptr || v->is_null()) return std::nullopt;
  if (v->type()->is_binary_like()) return v->string_value();
  return v->ToString();
}

bool IsConstantNull(const BindArgs& args, size_t i) {
  const type::Value* v = ConstantArgument(args, i);
  return v != nullptr && v->is_null();
}

}  // namespace runnel::function
