#include "catalog/table_metadata.h"

namespace runnel::catalog {

namespace {

void AppendQuotedName(const std::string& name, std::string* out) {
  out->push_back('`');
  for (char c : name) {
    if (c == '`') out->push_back('`');
    out->push_back(c);
  }
  out->push_back('`');
}

// DataType::ToString leaves struct field names bare; quoting every name keeps any name (and
// any name that is also a keyword) readable by type::ParseSchema.
void AppendTypeDdl(const type::DataType& t, std::string* out) {
  switch (t.id()) {
    case type::TypeId::kArray:
      out->append("ARRAY<");
      AppendTypeDdl(*t.element_type(), out);
      out->append(">");
      return;
    case type::TypeId::kMap:
      out->append("MAP<");
      AppendTypeDdl(*t.key_type(), out);
      out->append(", ");
      AppendTypeDdl(*t.value_type(), out);
      out->append(">");
      return;
    case type::TypeId::kStruct:
      out->append("STRUCT<");
      for (int i = 0; i < t.num_fields(); ++i) {
        if (i) out->append(", ");
        AppendQuotedName(t.fields()[i].name, out);
        out->append(": ");
        AppendTypeDdl(*t.fields()[i].type, out);
        if (!t.fields()[i].nullable) out->append(" NOT NULL");
      }
      out->append(">");
      return;
    default:
      out->append(t.ToString());
  }
}

}  // namespace

std::string SchemaToDdl(const type::Schema& schema) {
  std::string out;
  for (int i = 0; i < schema.num_fields(); ++i) {
    if (i) out += ", ";
    const type::Field& f = schema.field(i);
    AppendQuotedName(f.name, &out);
    out += ' ';
    AppendTypeDdl(*f.type, &out);
    if (!f.nullable) out += " NOT NULL";
  }
  return out;
}

}  // namespace runnel::catalog
