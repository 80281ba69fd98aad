#include "format/parquet/thrift_struct.h"

#include <fmt/format.h>

namespace runnel::format::parquet {

void WriteEmptyThriftStructField(CompactWriter& w, int16_t id) {
  w.WriteFieldBegin(ThriftType::kStruct, id);
  WriteThriftFields(w, [] {});
}

Status CheckThriftListElements(const ThriftListHeader& list, ThriftType expected) {
  if (list.size == 0 || list.element_type == expected) return Status::OK();
  return Status::Corruption(fmt::format("a list holds {} elements where {} were expected",
                                        ThriftTypeName(list.element_type),
                                        ThriftTypeName(expected)));
}

Status CheckRequiredFields(uint64_t seen, const char* struct_name,
                           std::initializer_list<RequiredField> required) {
  for (const RequiredField& field : required) {
    if ((seen & (uint64_t{1} << field.id)) == 0) {
      return Status::Corruption(
          fmt::format("{} is missing required field '{}'", struct_name, field.name));
    }
  }
  return Status::OK();
}

Status ThriftField::Expect(const char* name, ThriftType expected) {
  consumed_ = true;
  if (header_.type == expected) return Status::OK();
  return Status::Corruption(fmt::format("{} field '{}' (id {}) has type {}, expected {}",
                                        struct_name_, name, header_.id,
                                        ThriftTypeName(header_.type), ThriftTypeName(expected)));
}

Status ThriftField::ReadEmptyStruct(const char* name) {
  RUNNEL_RETURN_NOT_OK(Expect(name, ThriftType::kStruct));
  return reader_.Skip(ThriftType::kStruct);
}

}  // namespace runnel::format::parquet
