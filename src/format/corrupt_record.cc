#include "format/corrupt_record.h"

#include <fmt/format.h>

namespace runnel::format {

Result<CorruptRecordPolicy> CorruptRecordPolicy::Make(const Options& options,
                                                      const type::Schema& schema) {
  CorruptRecordPolicy policy;
  RUNNEL_ASSIGN_OR_RAISE(policy.mode, options.GetParseMode());
  std::string name = options.CorruptRecordColumn();
  policy.column = schema.FieldIndex(name);
  if (policy.column >= 0 && schema.field(policy.column).type->id() != type::TypeId::kString) {
    return Status::InvalidArgument(fmt::format(
        "The corrupt-record column '{}' must be STRING, got {}. Change its type in the schema or "
        "set option columnNameOfCorruptRecord",
        name, schema.field(policy.column).type->ToString()));
  }
  return policy;
}

Status MalformedRecordError(std::string_view format_name, std::string_view path, int64_t line,
                            std::string_view problem) {
  return Status::Corruption(fmt::format(
      "Malformed {} record at {}:{}: {}. Use mode PERMISSIVE or DROPMALFORMED to keep going.",
      format_name, path, line, problem));
}

}  // namespace runnel::format
