#include "format/parquet/parquet_schema.h"

#include <fmt/format.h>

namespace runnel::format::parquet {

namespace {

constexpr int kMaxDepth = 64;

// The flat element list as a tree.
struct RawNode {
  const SchemaElement* element = nullptr;
  std::vector<RawNode> children;
};

Status Corrupt(const std::string& file, const std::string& what) {
  return Status::Corruption("Parquet file " + file + ": invalid schema: " + what);
}

Status BuildTree(const std::vector<SchemaElement>& elements, size_t* next, RawNode* node, int depth,
                 const std::string& file) {
  if (depth > kMaxDepth) return Corrupt(file, "nested more than 64 levels deep");
  if (*next >= elements.size()) return Corrupt(file, "it ends before all groups have their children");
  node->element = &elements[(*next)++];
  int32_t children = node->element->num_children.value_or(0);
  if (children < 0 || static_cast<size_t>(children) > elements.size() - *next) {
    return Corrupt(file, fmt::format("group '{}' claims {} children", node->element->name, children));
  }
  if (!node->element->type.has_value() && children == 0 && depth > 0) {
    return Corrupt(file, fmt::format("'{}' is neither a primitive nor a group with children", node->element->name));
  }
  node->children.resize(children);
  for (auto& child : node->children) RUNNEL_RETURN_NOT_OK(BuildTree(elements, next, &child, depth + 1, file));
  return Status::OK();
}

bool HasLogical(const SchemaElement& e, LogicalType::Kind kind) {
  return e.logical_type.has_value() && e.logical_type->kind == kind;
}
bool HasConverted(const SchemaElement& e, ConvertedType type) {
  return e.converted_type.has_value() && *e.converted_type == type;
}
bool IsRepeated(const SchemaElement& e) {
  return e.repetition_type.has_value() && *e.repetition_type == FieldRepetitionType::kRepeated;
}
bool IsOptional(const SchemaElement& e) {
  return e.repetition_type.has_value() && *e.repetition_type == FieldRepetitionType::kOptional;
}

std::string JoinPath(const std::vector<std::string>& path) {
  std::string out;
  for (const auto& p : path) out += (out.empty() ? "" : ".") + p;
  return out;
}

class SchemaReader {
 public:
  SchemaReader(FileSchema* out, std::string file) : out_(out), file_(std::move(file)) {}

  // `as_required`: the node is the element of a list that the node itself makes repeated.
  Result<SchemaNode> Convert(const RawNode& raw, int16_t parent_def, int16_t parent_rep,
                             std::vector<std::string> path, bool as_required) {
    const SchemaElement& e = *raw.element;
    path.push_back(e.name);
    if (IsRepeated(e) && !as_required) {
      // A bare repeated field: a list that is never NULL, of required elements.
      SchemaNode list;
      list.kind = SchemaNode::Kind::kList;
      list.name = e.name;
      list.def = parent_def;
      list.entry_def = static_cast<int16_t>(parent_def + 1);
      list.rep = static_cast<int16_t>(parent_rep + 1);
      path.pop_back();
      RUNNEL_ASSIGN_OR_RAISE(SchemaNode element, Convert(raw, list.entry_def, list.rep, path, true));
      list.type = type::Array(element.type);
      list.children.push_back(std::move(element));
      return list;
    }
    SchemaNode node;
    node.name = e.name;
    node.nullable = !as_required && IsOptional(e);
    node.def = static_cast<int16_t>(parent_def + (node.nullable ? 1 : 0));
    if (!raw.children.empty() || !e.type.has_value()) {
      if (HasLogical(e, LogicalType::Kind::kList) || HasConverted(e, ConvertedType::kList)) {
        return ConvertList(raw, std::move(node), parent_rep, path);
      }
      if (HasLogical(e, LogicalType::Kind::kMap) || HasConverted(e, ConvertedType::kMap) ||
          HasConverted(e, ConvertedType::kMapKeyValue)) {
        return ConvertMap(raw, std::move(node), parent_rep, path);
      }
      return ConvertStruct(raw.children, std::move(node), parent_rep, path);
    }
    node.kind = SchemaNode::Kind::kPrimitive;
    auto type = PrimitiveType(e, JoinPath(path));
    if (!type.ok()) {
      return Status(type.status().code(), "Parquet file " + file_ + ": " + type.status().message());
    }
    node.type = std::move(*type);
    node.leaf = static_cast<int>(out_->leaves.size());
    out_->leaves.push_back(LeafColumn{path, e, node.def, parent_rep, node.type, field_});
    return node;
  }

  int field_ = 0;

 private:
  Result<SchemaNode> ConvertStruct(const std::vector<RawNode>& children, SchemaNode node, int16_t parent_rep,
                                   const std::vector<std::string>& path) {
    if (children.empty()) return Corrupt(file_, "group '" + JoinPath(path) + "' has no fields");
    node.kind = SchemaNode::Kind::kStruct;
    std::vector<type::Field> fields;
    for (const auto& child : children) {
      RUNNEL_ASSIGN_OR_RAISE(SchemaNode c, Convert(child, node.def, parent_rep, path, false));
      fields.push_back(type::Field{c.name, c.type, true});
      node.children.push_back(std::move(c));
    }
    node.type = type::Struct(std::move(fields));
    return node;
  }

  Result<SchemaNode> ConvertList(const RawNode& raw, SchemaNode node, int16_t parent_rep,
                                 const std::vector<std::string>& path) {
    if (raw.children.size() != 1 || !IsRepeated(*raw.children[0].element)) {
      return Corrupt(file_, "LIST '" + JoinPath(path) + "' must hold exactly one repeated field");
    }
    const RawNode& repeated = raw.children[0];
    node.kind = SchemaNode::Kind::kList;
    node.entry_def = static_cast<int16_t>(node.def + 1);
    node.rep = static_cast<int16_t>(parent_rep + 1);
    std::vector<std::string> inner = path;
    SchemaNode element;
    const std::string& name = repeated.element->name;
    if (repeated.children.empty()) {
      // Two-level list of primitives: the repeated field is the element.
      RUNNEL_ASSIGN_OR_RAISE(element, Convert(repeated, node.entry_def, node.rep, inner, true));
    } else if (repeated.children.size() > 1 || name == "array" || name == raw.element->name + "_tuple") {
      // Two-level list of structs: the repeated group is the element.
      RUNNEL_ASSIGN_OR_RAISE(element, Convert(repeated, node.entry_def, node.rep, inner, true));
    } else {
      inner.push_back(name);
      RUNNEL_ASSIGN_OR_RAISE(element, Convert(repeated.children[0], node.entry_def, node.rep, inner, false));
    }
    node.type = type::Array(element.type);
    node.children.push_back(std::move(element));
    return node;
  }

  Result<SchemaNode> ConvertMap(const RawNode& raw, SchemaNode node, int16_t parent_rep,
                                const std::vector<std::string>& path) {
    if (raw.children.size() != 1 || !IsRepeated(*raw.children[0].element) || raw.children[0].children.size() != 2) {
      return Corrupt(file_, "MAP '" + JoinPath(path) + "' must hold one repeated group of a key and a value");
    }
    const RawNode& entries = raw.children[0];
    node.kind = SchemaNode::Kind::kMap;
    node.entry_def = static_cast<int16_t>(node.def + 1);
    node.rep = static_cast<int16_t>(parent_rep + 1);
    std::vector<std::string> inner = path;
    inner.push_back(entries.element->name);
    RUNNEL_ASSIGN_OR_RAISE(SchemaNode key, Convert(entries.children[0], node.entry_def, node.rep, inner, false));
    RUNNEL_ASSIGN_OR_RAISE(SchemaNode value, Convert(entries.children[1], node.entry_def, node.rep, inner, false));
    node.type = type::Map(key.type, value.type);
    node.children.push_back(std::move(key));
    node.children.push_back(std::move(value));
    return node;
  }

  FileSchema* out_;
  std::string file_;
};

// Writing: appends the elements of one field and returns its node.
class SchemaWriter {
 public:
  SchemaWriter(FileSchema* out, std::vector<SchemaElement>* elements) : out_(out), elements_(elements) {}

  Result<SchemaNode> Append(const std::string& name, const type::DataTypePtr& t, FieldRepetitionType repetition,
                            int16_t parent_def, int16_t parent_rep, std::vector<std::string> path) {
    path.push_back(name);
    SchemaNode node;
    node.name = name;
    node.type = t;
    node.nullable = repetition == FieldRepetitionType::kOptional;
    node.def = static_cast<int16_t>(parent_def + (node.nullable ? 1 : 0));
    SchemaElement e;
    e.name = name;
    e.repetition_type = repetition;
    switch (t->id()) {
      case type::TypeId::kStruct: {
        node.kind = SchemaNode::Kind::kStruct;
        e.num_children = t->num_fields();
        elements_->push_back(e);
        for (const auto& f : t->fields()) {
          RUNNEL_ASSIGN_OR_RAISE(SchemaNode c, Append(f.name, f.type, FieldRepetitionType::kOptional, node.def,
                                                      parent_rep, path));
          node.children.push_back(std::move(c));
        }
        return node;
      }
      case type::TypeId::kArray:
      case type::TypeId::kMap: {
        bool is_map = t->id() == type::TypeId::kMap;
        node.kind = is_map ? SchemaNode::Kind::kMap : SchemaNode::Kind::kList;
        node.entry_def = static_cast<int16_t>(node.def + 1);
        node.rep = static_cast<int16_t>(parent_rep + 1);
        e.num_children = 1;
        e.logical_type = LogicalType::Of(is_map ? LogicalType::Kind::kMap : LogicalType::Kind::kList);
        e.converted_type = is_map ? ConvertedType::kMap : ConvertedType::kList;
        elements_->push_back(e);
        SchemaElement repeated;
        repeated.name = is_map ? "key_value" : "list";
        repeated.repetition_type = FieldRepetitionType::kRepeated;
        repeated.num_children = is_map ? 2 : 1;
        elements_->push_back(repeated);
        path.push_back(repeated.name);
        if (is_map) {
          RUNNEL_ASSIGN_OR_RAISE(SchemaNode key, Append("key", t->key_type(), FieldRepetitionType::kRequired,
                                                        node.entry_def, node.rep, path));
          RUNNEL_ASSIGN_OR_RAISE(SchemaNode value, Append("value", t->value_type(), FieldRepetitionType::kOptional,
                                                          node.entry_def, node.rep, path));
          node.children.push_back(std::move(key));
          node.children.push_back(std::move(value));
        } else {
          RUNNEL_ASSIGN_OR_RAISE(SchemaNode element, Append("element", t->element_type(),
                                                            FieldRepetitionType::kOptional, node.entry_def, node.rep,
                                                            path));
          node.children.push_back(std::move(element));
        }
        return node;
      }
      default:
        break;
    }
    node.kind = SchemaNode::Kind::kPrimitive;
    switch (t->id()) {
      case type::TypeId::kBoolean: e.type = Type::kBoolean; break;
      case type::TypeId::kInt: e.type = Type::kInt32; break;
      case type::TypeId::kBigInt: e.type = Type::kInt64; break;
      case type::TypeId::kDouble: e.type = Type::kDouble; break;
      case type::TypeId::kString:
        e.type = Type::kByteArray;
        e.logical_type = LogicalType::Of(LogicalType::Kind::kString);
        e.converted_type = ConvertedType::kUtf8;
        break;
      case type::TypeId::kBinary: e.type = Type::kByteArray; break;
      case type::TypeId::kDate:
        e.type = Type::kInt32;
        e.logical_type = LogicalType::Of(LogicalType::Kind::kDate);
        e.converted_type = ConvertedType::kDate;
        break;
      case type::TypeId::kTimestamp:
        e.type = Type::kInt64;
        e.logical_type = LogicalType::Timestamp(true, TimeUnit::kMicros);
        e.converted_type = ConvertedType::kTimestampMicros;
        break;
      case type::TypeId::kDecimal:
        // Spark's layout: the narrowest integer that holds the precision.
        if (t->precision() <= 9) {
          e.type = Type::kInt32;
        } else if (t->precision() <= 18) {
          e.type = Type::kInt64;
        } else {
          e.type = Type::kFixedLenByteArray;
          e.type_length = DecimalByteWidth(t->precision());
        }
        e.logical_type = LogicalType::Decimal(t->scale(), t->precision());
        e.converted_type = ConvertedType::kDecimal;
        e.scale = t->scale();
        e.precision = t->precision();
        break;
      default:
        return Status::NotSupported(fmt::format("Parquet cannot store column '{}' of type {}", JoinPath(path),
                                                t->ToString()));
    }
    elements_->push_back(e);
    node.leaf = static_cast<int>(out_->leaves.size());
    out_->leaves.push_back(LeafColumn{path, e, node.def, parent_rep, t, field_});
    return node;
  }

  int field_ = 0;

 private:
  FileSchema* out_;
  std::vector<SchemaElement>* elements_;
};

}  // namespace

int DecimalByteWidth(int precision) {
  // The fewest bytes whose signed range holds 10^precision - 1.
  int bytes = 1;
  while (bytes < 16) {
    // 2^(8*bytes - 1) > 10^precision  <=>  (8*bytes - 1) * log10(2) > precision
    if ((8.0 * bytes - 1) * 0.30102999566398120 >= precision) break;
    ++bytes;
  }
  return bytes;
}

Result<type::DataTypePtr> PrimitiveType(const SchemaElement& e, const std::string& column) {
  using K = LogicalType::Kind;
  auto unsupported = [&](const std::string& what) {
    return Status::NotSupported(fmt::format("Parquet column '{}' has type {}, which Runnel cannot read", column, what));
  };
  auto decimal = [&](int precision, int scale) -> Result<type::DataTypePtr> {
    if (precision < 1 || precision > type::kMaxDecimalPrecision || scale < 0 || scale > precision) {
      return unsupported(fmt::format("DECIMAL({}, {}) (Runnel reads precision 1 to 38)", precision, scale));
    }
    return type::Decimal(precision, scale);
  };
  const std::optional<LogicalType>& logical = e.logical_type;
  const K kind = logical ? logical->kind : K::kUnrecognized;
  if (kind == K::kNull) return type::Null();
  if (kind == K::kDecimal) return decimal(logical->precision, logical->scale);
  if (!logical && e.converted_type == ConvertedType::kDecimal) return decimal(e.precision.value_or(0), e.scale.value_or(0));
  if (!e.type) return Status::Corruption("Parquet column '" + column + "' has no physical type");
  switch (*e.type) {
    case Type::kBoolean: return type::Boolean();
    case Type::kInt32:
      if (kind == K::kDate || e.converted_type == ConvertedType::kDate) return type::Date();
      if (kind == K::kTime || e.converted_type == ConvertedType::kTimeMillis) return unsupported("TIME");
      if (kind == K::kInteger && !logical->is_signed && logical->bit_width == 32) return type::BigInt();
      if (!logical && e.converted_type == ConvertedType::kUint32) return type::BigInt();
      return type::Int();
    case Type::kInt64:
      if (kind == K::kTimestamp || e.converted_type == ConvertedType::kTimestampMillis ||
          e.converted_type == ConvertedType::kTimestampMicros) {
        return type::Timestamp();
      }
      if (kind == K::kTime || e.converted_type == ConvertedType::kTimeMicros) return unsupported("TIME");
      if ((kind == K::kInteger && !logical->is_signed) || (!logical && e.converted_type == ConvertedType::kUint64)) {
        return type::Decimal(20, 0);  // Spark's type for UINT64
      }
      return type::BigInt();
    case Type::kInt96: return type::Timestamp();
    case Type::kFloat:
    case Type::kDouble: return type::Double();
    case Type::kByteArray:
      if (kind == K::kString || kind == K::kEnum || kind == K::kJson ||
          (!logical && (e.converted_type == ConvertedType::kUtf8 || e.converted_type == ConvertedType::kEnum ||
                        e.converted_type == ConvertedType::kJson))) {
        return type::String();
      }
      return type::Binary();
    case Type::kFixedLenByteArray:
      if (kind == K::kUuid) return type::String();
      if (kind == K::kFloat16) {
        if (e.type_length != 2) {
          return Status::Corruption("Parquet column '" + column + "' is FLOAT16 but not 2 bytes wide");
        }
        return type::Double();
      }
      if (e.converted_type == ConvertedType::kInterval) return unsupported("INTERVAL");
      if (e.type_length.value_or(-1) < 0) {
        return Status::Corruption("Parquet column '" + column + "' is FIXED_LEN_BYTE_ARRAY without a valid length");
      }
      return type::Binary();
  }
  return unsupported(ToString(*e.type));
}

Result<FileSchema> ReadFileSchema(const std::vector<SchemaElement>& elements, const std::string& file) {
  if (elements.empty()) return Corrupt(file, "it has no root");
  RawNode root;
  size_t next = 0;
  RUNNEL_RETURN_NOT_OK(BuildTree(elements, &next, &root, 0, file));
  if (next != elements.size()) {
    return Corrupt(file, fmt::format("{} elements follow the root's last child", elements.size() - next));
  }
  FileSchema out;
  SchemaReader reader(&out, file);
  std::vector<type::Field> fields;
  for (size_t i = 0; i < root.children.size(); ++i) {
    reader.field_ = static_cast<int>(i);
    size_t first_leaf = out.leaves.size();
    RUNNEL_ASSIGN_OR_RAISE(SchemaNode node, reader.Convert(root.children[i], 0, 0, {}, false));
    fields.push_back(type::Field{node.name, node.type, true});
    std::vector<int> leaves;
    for (size_t l = first_leaf; l < out.leaves.size(); ++l) leaves.push_back(static_cast<int>(l));
    out.field_leaves.push_back(std::move(leaves));
    out.fields.push_back(std::move(node));
  }
  out.schema = std::make_shared<type::Schema>(std::move(fields));
  return out;
}

Result<FileSchema> WriteFileSchema(const type::Schema& schema, std::vector<SchemaElement>* elements) {
  FileSchema out;
  out.schema = std::make_shared<type::Schema>(schema);
  elements->clear();
  SchemaElement root;
  root.name = "runnel_schema";
  root.num_children = schema.num_fields();
  elements->push_back(root);
  SchemaWriter writer(&out, elements);
  for (int i = 0; i < schema.num_fields(); ++i) {
    writer.field_ = i;
    size_t first_leaf = out.leaves.size();
    const type::Field& f = schema.field(i);
    RUNNEL_ASSIGN_OR_RAISE(SchemaNode node, writer.Append(f.name, f.type, FieldRepetitionType::kOptional, 0, 0, {}));
    std::vector<int> leaves;
    for (size_t l = first_leaf; l < out.leaves.size(); ++l) leaves.push_back(static_cast<int>(l));
    out.field_leaves.push_back(std::move(leaves));
    out.fields.push_back(std::move(node));
  }
  return out;
}

}  // namespace runnel::format::parquet
