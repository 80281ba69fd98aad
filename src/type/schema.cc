#include "type/schema.h"

#include "base/spelling.h"

namespace runnel::type {

std::vector<std::string> Schema::names() const {
  std::vector<std::string> out;
  out.reserve(fields_.size());
  for (const auto& f : fields_) out.push_back(f.name);
  return out;
}

int Schema::FieldIndex(const std::string& name) const {
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (base::EqualsIgnoreCase(fields_[i].name, name)) return static_cast<int>(i);
  }
  return -1;
}

Result<int> Schema::Resolve(const std::string& name) const {
  int found = -1;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (!base::EqualsIgnoreCase(fields_[i].name, name)) continue;
    if (found >= 0) {
      return Status::Analysis("Column '" + name + "' is ambiguous: it matches more than one column. Available: " +
                              base::JoinStrings(names(), ", "));
    }
    found = static_cast<int>(i);
  }
  if (found < 0) {
    return Status::Analysis("Column '" + name + "' not found." + base::DidYouMean(name, names()) +
                            " Available: " + base::JoinStrings(names(), ", "));
  }
  return found;
}

bool Schema::Equals(const Schema& other) const {
  if (fields_.size() != other.fields_.size()) return false;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (fields_[i].name != other.fields_[i].name) return false;
    if (!fields_[i].type->Equals(*other.fields_[i].type)) return false;
  }
  return true;
}

std::string Schema::ToString() const {
  std::string out;
  for (size_t i = 0; i < fields_.size(); ++i) {
    if (i) out += ", ";
    out += fields_[i].name + " " + fields_[i].type->ToString();
    if (!fields_[i].nullable) out += " NOT NULL";
  }
  return out;
}

namespace {
// printSchema() uses Spark's internal type names: integer, long, string, array, struct, ...
std::string SparkTypeName(const DataType& t) {
  switch (t.id()) {
    case TypeId::kInt: return "integer";
    case TypeId::kBigInt: return "long";
    case TypeId::kInterval: return "interval day to second";
    case TypeId::kNull: return "void";
    case TypeId::kDecimal:
      return "decimal(" + std::to_string(t.precision()) + "," + std::to_string(t.scale()) + ")";
    case TypeId::kArray: return "array";
    case TypeId::kStruct: return "struct";
    case TypeId::kMap: return "map";
    default: return base::ToLower(t.ToString());
  }
}

void AppendTree(const DataType& type, const std::string& prefix, std::string* out) {
  if (type.id() == TypeId::kStruct) {
    for (const auto& f : type.fields()) {
      *out += prefix + " |-- " + f.name + ": " + SparkTypeName(*f.type) +
              " (nullable = " + (f.nullable ? "true" : "false") + ")\n";
      AppendTree(*f.type, prefix + " |   ", out);
    }
  } else if (type.id() == TypeId::kArray) {
    *out += prefix + " |-- element: " + SparkTypeName(*type.element_type()) +
            " (containsNull = true)\n";
    AppendTree(*type.element_type(), prefix + " |   ", out);
  } else if (type.id() == TypeId::kMap) {
    *out += prefix + " |-- key: " + SparkTypeName(*type.key_type()) + "\n";
    AppendTree(*type.key_type(), prefix + " |   ", out);
    *out += prefix + " |-- value: " + SparkTypeName(*type.value_type()) +
            " (valueContainsNull = true)\n";
    AppendTree(*type.value_type(), prefix + " |   ", out);
  }
}
}  // namespace

std::string Schema::ToTreeString() const {
  std::string out = "root\n";
  AppendTree(DataType(TypeId::kStruct, 0, 0, fields_), "", &out);
  return out;
}

}  // namespace runnel::type
