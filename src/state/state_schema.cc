#include "state/state_schema.h"

#include <sstream>

#include "type/ddl.h"

namespace runnel::state {
namespace {

using type::DataType;
using type::Field;
using type::TypeId;

std::string QuoteName(const std::string& name) {
  std::string out = "`";
  for (char c : name) {
    out += c;
    if (c == '`') out += '`';
  }
  return out + "`";
}

std::string FieldsDdl(const std::vector<Field>& fields, const char* separator);

// Schema::ToString neither quotes names nor keeps nested NOT NULL; the file must round-trip.
std::string TypeDdl(const DataType& t) {
  switch (t.id()) {
    case TypeId::kArray: return "ARRAY<" + TypeDdl(*t.element_type()) + ">";
    case TypeId::kMap: return "MAP<" + TypeDdl(*t.key_type()) + ", " + TypeDdl(*t.value_type()) + ">";
    case TypeId::kStruct: return "STRUCT<" + FieldsDdl(t.fields(), ": ") + ">";
    default: return t.ToString();
  }
}

std::string FieldsDdl(const std::vector<Field>& fields, const char* separator) {
  std::string out;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += ", ";
    out += QuoteName(fields[i].name) + separator + TypeDdl(*fields[i].type);
    if (!fields[i].nullable) out += " NOT NULL";
  }
  return out;
}

std::string Names(const std::vector<Field>& fields) {
  std::string out;
  for (const auto& f : fields) out += (out.empty() ? "" : ", ") + f.name;
  return out;
}

SchemaComparison CompareFields(const std::vector<Field>& stored, const std::vector<Field>& current,
                               const std::string& path);

std::string FieldPath(const std::string& path, const std::string& name) {
  return path.empty() ? name : path + "." + name;
}

// A difference between two types, or kNone. `where` names the field for the description.
SchemaComparison CompareTypes(const DataType& stored, const DataType& current, const std::string& where) {
  if (stored.id() == current.id()) {
    switch (stored.id()) {
      case TypeId::kStruct: return CompareFields(stored.fields(), current.fields(), where);
      case TypeId::kArray: return CompareTypes(*stored.element_type(), *current.element_type(), where + ".element");
      case TypeId::kMap: {
        SchemaComparison keys = CompareTypes(*stored.key_type(), *current.key_type(), where + ".key");
        if (keys.change != SchemaChange::kNone) return keys;
        return CompareTypes(*stored.value_type(), *current.value_type(), where + ".value");
      }
      case TypeId::kDecimal:
        if (stored.precision() == current.precision() && stored.scale() == current.scale()) return {};
        break;
      default: return {};
    }
  }
  return {SchemaChange::kTypeChanged,
          "field '" + where + "' changed type from " + stored.ToString() + " to " + current.ToString()};
}

int FindByName(const std::vector<Field>& fields, const std::string& name) {
  for (size_t i = 0; i < fields.size(); ++i) {
    if (fields[i].name == name) return static_cast<int>(i);
  }
  return -1;
}

SchemaComparison CompareFields(const std::vector<Field>& stored, const std::vector<Field>& current,
                               const std::string& path) {
  if (stored.size() != current.size()) {
    bool added = current.size() > stored.size();
    const auto& more = added ? current : stored;
    const auto& fewer = added ? stored : current;
    std::string names;
    for (const auto& f : more) {
      if (FindByName(fewer, f.name) < 0) names += (names.empty() ? "'" : ", '") + FieldPath(path, f.name) + "'";
    }
    std::string where = path.empty() ? "" : " in '" + path + "'";
    if (names.empty()) {
      names = "the number of fields" + where + " went from " + std::to_string(stored.size()) + " to " +
              std::to_string(current.size());
    } else {
      names = "field" + std::string(names.find(',') == std::string::npos ? " " : "s ") + names + " " +
              (names.find(',') == std::string::npos ? "was" : "were") + (added ? " added" : " removed");
    }
    return {added ? SchemaChange::kFieldAdded : SchemaChange::kFieldRemoved, names};
  }
  for (size_t i = 0; i < stored.size(); ++i) {
    const Field& s = stored[i];
    const Field& c = current[i];
    std::string where = FieldPath(path, c.name);
    SchemaComparison types = CompareTypes(*s.type, *c.type, where);
    if (types.change != SchemaChange::kNone) {
      // The same names in another order explain it better than a type change.
      int moved = FindByName(stored, c.name);
      if (moved >= 0 && moved != static_cast<int>(i) && s.name != c.name) {
        return {SchemaChange::kFieldsReordered, "fields" + std::string(path.empty() ? "" : " of '" + path + "'") +
                                                    " were reordered from (" + Names(stored) + ") to (" +
                                                    Names(current) + ")"};
      }
      return types;
    }
    if (s.nullable && !c.nullable) {
      return {SchemaChange::kNullabilityChanged, "field '" + where + "' was nullable and is now NOT NULL"};
    }
  }
  return {};
}

Result<type::Schema> ParseStoredSchema(const std::string& ddl, const std::string& path) {
  if (ddl.empty()) return type::Schema();
  auto schema = type::ParseSchema(ddl);
  if (!schema.ok()) {
    return Status::Corruption("State schema file '" + path + "' is corrupt: " + schema.status().message());
  }
  return std::move(schema).value();
}

}  // namespace

const char* SchemaChangeName(SchemaChange change) {
  switch (change) {
    case SchemaChange::kNone: return "NONE";
    case SchemaChange::kFieldsReordered: return "FIELDS_REORDERED";
    case SchemaChange::kFieldAdded: return "FIELD_ADDED";
    case SchemaChange::kFieldRemoved: return "FIELD_REMOVED";
    case SchemaChange::kNullabilityChanged: return "NULLABILITY_CHANGED";
    case SchemaChange::kTypeChanged: return "TYPE_CHANGED";
  }
  return "?";
}

SchemaComparison CompareStateSchemas(const type::Schema& stored, const type::Schema& current) {
  return CompareFields(stored.fields(), current.fields(), "");
}

std::string StateSchemaPath(const StateStoreId& id) {
  StateStoreId first = id;
  first.partition_id = 0;
  return io::JoinPath(io::JoinPath(first.Directory(), "_metadata"), "schema");
}

Status CheckStateSchema(io::FileSystem& fs, const StateStoreId& id, const type::Schema& key,
                        const type::Schema& value) {
  std::string path = StateSchemaPath(id);
  std::string key_ddl = FieldsDdl(key.fields(), " "), value_ddl = FieldsDdl(value.fields(), " ");
  RUNNEL_ASSIGN_OR_RAISE(bool exists, fs.Exists(path));
  if (!exists) {
    RUNNEL_RETURN_NOT_OK(fs.CreateDirectories(io::ParentPath(path)));
    return fs.WriteFileAtomic(path, "v1\nkey: " + key_ddl + "\nvalue: " + value_ddl + "\n");
  }
  RUNNEL_ASSIGN_OR_RAISE(std::string text, fs.ReadFile(path));
  std::istringstream in(text);
  std::string version, key_line, value_line;
  std::getline(in, version);
  if (version != "v1") {
    return Status::NotSupported("State schema file '" + path + "' starts with '" + version +
                                "', not 'v1': it is corrupt or written by a newer Runnel");
  }
  if (!std::getline(in, key_line) || !key_line.starts_with("key: ") || !std::getline(in, value_line) ||
      !value_line.starts_with("value: ")) {
    return Status::Corruption("State schema file '" + path + "' is cut short or damaged");
  }
  RUNNEL_ASSIGN_OR_RAISE(type::Schema stored_key, ParseStoredSchema(key_line.substr(5), path));
  RUNNEL_ASSIGN_OR_RAISE(type::Schema stored_value, ParseStoredSchema(value_line.substr(7), path));
  for (int i = 0; i < 2; ++i) {
    const type::Schema& stored = i == 0 ? stored_key : stored_value;
    const type::Schema& current = i == 0 ? key : value;
    SchemaComparison cmp = CompareStateSchemas(stored, current);
    if (cmp.change == SchemaChange::kNone) continue;
    return Status::Analysis(std::string("The state ") + (i == 0 ? "key" : "value") + " schema of operator " +
                            std::to_string(id.operator_id) + " is not compatible with the one in '" + path +
                            "': " + cmp.description + " (" + SchemaChangeName(cmp.change) + "). Stored: " +
                            stored.ToString() + "; now: " + current.ToString() +
                            ". Revert the query change, or run the changed query from a new checkpoint location.");
  }
  return Status::OK();
}

}  // namespace runnel::state
