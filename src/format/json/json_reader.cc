// The JSON reader and JSON schema inference: the one file that includes simdjson (a heavy
// header). Records are parsed with simdjson's DOM parser, one line at a time, straight out of
// one padded copy of the file.
#include "format/json/json_reader.h"

#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>
#include <unordered_map>

#include <fmt/format.h>

#include "format/cell_parser.h"
#include "format/corrupt_record.h"
#include "format/line_splitter.h"
#include "format/type_inference.h"
#include "type/datetime.h"
#include "vector/column_builder.h"

namespace runnel::format {

namespace {

namespace dom = simdjson::dom;
using type::DataType;
using type::TypeId;
using vector::ColumnBuilder;

constexpr int64_t kDefaultJsonBatchSize = 8192;

std::string JsonText(dom::element value) { return simdjson::minify(value); }

bool IsBlank(std::string_view text) {
  for (char c : text) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

// The JSON string values Spark accepts for DOUBLE.
std::optional<double> SpecialDouble(std::string_view text) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (text == "Infinity" || text == "+Infinity" || text == "INF" || text == "+INF") return kInf;
  if (text == "-Infinity" || text == "-INF") return -kInf;
  return std::nullopt;
}

// Converts DOM values to the types of a schema, appending to column builders; with a null
// builder it only checks. A value that does not fit its type becomes NULL and is remembered as
// the record's problem (Spark keeps the rest of the record: "partial results").
class JsonConverter {
 public:
  explicit JsonConverter(const CellParser* parser) : parser_(parser) {}

  bool Convert(dom::element value, const DataType& type, ColumnBuilder* out);
  // The fields of a struct type out of an object; `out` is the STRUCT builder (or null).
  bool ConvertFields(dom::object object, const DataType& type, ColumnBuilder* out);

  const std::string& problem() const { return problem_; }
  void ClearProblem() { problem_.clear(); }

 private:
  bool Fail(dom::element value, const DataType& type, ColumnBuilder* out) {
    if (out) out->AppendNull();
    if (problem_.empty()) {
      std::string text = JsonText(value);
      if (text.size() > 60) text = text.substr(0, 57) + "...";
      problem_ = fmt::format("cannot convert {} to {}", text, type.ToString());
    }
    return false;
  }
  bool ConvertScalar(dom::element value, const DataType& type, ColumnBuilder* out);
  bool ConvertString(std::string_view text, dom::element value, const DataType& type,
                     ColumnBuilder* out);
  bool ConvertNumber(dom::element value, const DataType& type, ColumnBuilder* out);

  const CellParser* parser_;
  std::string problem_;
};

bool JsonConverter::Convert(dom::element value, const DataType& type, ColumnBuilder* out) {
  dom::element_type kind = value.type();
  if (kind == dom::element_type::NULL_VALUE) {
    if (out) out->AppendNull();
    return true;
  }
  switch (type.id()) {
    case TypeId::kStruct:
      if (kind != dom::element_type::OBJECT) return Fail(value, type, out);
      return ConvertFields(dom::object(value), type, out);
    case TypeId::kArray: {
      if (kind != dom::element_type::ARRAY) return Fail(value, type, out);
      bool ok = true;
      for (dom::element e : dom::array(value)) {
        ok &= Convert(e, *type.element_type(), out ? &out->child(0) : nullptr);
      }
      if (out) out->CloseList();
      return ok;
    }
    case TypeId::kMap: {
      if (kind != dom::element_type::OBJECT) return Fail(value, type, out);
      bool ok = true;
      for (dom::key_value_pair kv : dom::object(value)) {
        if (out) out->child(0).AppendString(kv.key);
        ok &= Convert(kv.value, *type.value_type(), out ? &out->child(1) : nullptr);
      }
      if (out) out->CloseList();
      return ok;
    }
    default: return ConvertScalar(value, type, out);
  }
}

bool JsonConverter::ConvertFields(dom::object object, const DataType& type, ColumnBuilder* out) {
  bool ok = true;
  for (int i = 0; i < type.num_fields(); ++i) {
    const type::Field& field = type.fields()[i];
    dom::element child;
    ColumnBuilder* target = out ? &out->child(i) : nullptr;
    if (object.at_key(field.name).get(child) != simdjson::SUCCESS) {
      if (target) target->AppendNull();
      continue;
    }
    ok &= Convert(child, *field.type, target);
  }
  if (out) out->CloseStruct(true);
  return ok;
}

bool JsonConverter::ConvertScalar(dom::element value, const DataType& type, ColumnBuilder* out) {
  switch (value.type()) {
    case dom::element_type::STRING:
      return ConvertString(std::string_view(value), value, type, out);
    case dom::element_type::INT64:
    case dom::element_type::UINT64:
    case dom::element_type::DOUBLE:
      return ConvertNumber(value, type, out);
    case dom::element_type::BOOL:
      if (type.id() == TypeId::kBoolean) {
        if (out) out->AppendBool(bool(value));
        return true;
      }
      break;
    default: break;
  }
  if (type.id() == TypeId::kString) {
    if (out) out->AppendString(JsonText(value));
    return true;
  }
  return Fail(value, type, out);
}

bool JsonConverter::ConvertString(std::string_view text, dom::element value, const DataType& type,
                                  ColumnBuilder* out) {
  Cell cell;
  switch (type.id()) {
    case TypeId::kString:
    case TypeId::kBinary:
    case TypeId::kDate:
    case TypeId::kTimestamp:
    case TypeId::kDecimal:
      if (!parser_->Parse(text, type, &cell)) return Fail(value, type, out);
      if (out) AppendCell(cell, type, out);
      return true;
    case TypeId::kDouble:
      if (auto special = SpecialDouble(text)) {
        if (out) out->AppendDouble(*special);
        return true;
      }
      break;
    default: break;
  }
  return Fail(value, type, out);
}

bool JsonConverter::ConvertNumber(dom::element value, const DataType& type, ColumnBuilder* out) {
  dom::element_type kind = value.type();
  bool is_int = kind == dom::element_type::INT64;
  int64_t i = is_int ? int64_t(value) : 0;
  switch (type.id()) {
    case TypeId::kInt:
      if (!is_int || i < std::numeric_limits<int32_t>::min() ||
          i > std::numeric_limits<int32_t>::max()) {
        break;
      }
      if (out) out->AppendInt(static_cast<int32_t>(i));
      return true;
    case TypeId::kBigInt:
      if (!is_int) break;
      if (out) out->AppendBigInt(i);
      return true;
    case TypeId::kTimestamp:  // seconds since the epoch, as Spark
      if (!is_int || i > std::numeric_limits<int64_t>::max() / type::kMicrosPerSecond ||
          i < std::numeric_limits<int64_t>::min() / type::kMicrosPerSecond) {
        break;
      }
      if (out) out->AppendBigInt(i * type::kMicrosPerSecond);
      return true;
    case TypeId::kDouble:
      if (out) out->AppendDouble(double(value));
      return true;
    case TypeId::kDecimal:
    case TypeId::kString: {
      // The number's shortest text (the DOM keeps no original text).
      char buffer[64];
      char* end = buffer;
      if (is_int) end = std::to_chars(buffer, buffer + sizeof buffer, i).ptr;
      else if (kind == dom::element_type::UINT64) end = std::to_chars(buffer, buffer + sizeof buffer, uint64_t(value)).ptr;
      else end = std::to_chars(buffer, buffer + sizeof buffer, double(value)).ptr;
      std::string_view text(buffer, end - buffer);
      if (type.id() == TypeId::kString) {
        if (out) out->AppendString(text);
        return true;
      }
      auto decimal = type::ParseDecimal(text, type.precision(), type.scale());
      if (!decimal) break;
      if (out) out->AppendDecimal(*decimal);
      return true;
    }
    default: break;
  }
  return Fail(value, type, out);
}

}  // namespace

class JsonReader::Impl {
 public:
  Impl(std::string_view data, std::string name, type::SchemaPtr schema)
      : data_(data), name_(std::move(name)), schema_(std::move(schema)),
        converter_(&cell_parser_) {}

  Status Configure(const Options& options);
  Result<std::optional<vector::Batch>> Next();
  const type::SchemaPtr& schema() const { return schema_; }

 private:
  // Adds the rows of one record: one per object. Fails only in FAILFAST mode.
  Status AddRecord(std::string_view text, int64_t line, int64_t* rows);
  // Parses a record into objects_; returns the problem, or "".
  std::string ParseRecord(std::string_view text);
  // Converts one object into the data columns (only checks when `append` is false).
  bool ConvertRow(dom::object object, bool append);
  void AppendCorruptRow(std::string_view text);

  simdjson::padded_string data_;
  std::string name_;
  type::SchemaPtr schema_;
  std::optional<LineSplitter> lines_;
  bool multi_line_ = false;
  bool done_ = false;
  CellParser cell_parser_;
  JsonConverter converter_;
  CorruptRecordPolicy policy_;
  int64_t batch_size_ = kDefaultJsonBatchSize;
  dom::parser parser_;
  std::vector<dom::object> objects_;
  std::vector<int> data_columns_;
  std::unordered_map<std::string_view, int> column_of_name_;  // index into data_columns_
  std::vector<dom::element> slots_;
  std::vector<uint8_t> present_;
  std::vector<std::unique_ptr<ColumnBuilder>> builders_;
};

Status JsonReader::Impl::Configure(const Options& options) {
  RUNNEL_ASSIGN_OR_RAISE(cell_parser_, CellParser::Make(options));
  RUNNEL_ASSIGN_OR_RAISE(policy_, CorruptRecordPolicy::Make(options, *schema_));
  RUNNEL_ASSIGN_OR_RAISE(multi_line_, options.GetBool("multiLine", false));
  RUNNEL_ASSIGN_OR_RAISE(batch_size_, options.GetInt("batchSize", kDefaultJsonBatchSize));
  if (batch_size_ <= 0) {
    return Status::InvalidArgument(
        fmt::format("Option 'batchSize' must be positive, got {}", batch_size_));
  }
  lines_.emplace(std::string_view(data_.data(), data_.size()), options.GetString("lineSep", ""));
  for (int i = 0; i < schema_->num_fields(); ++i) {
    builders_.push_back(std::make_unique<ColumnBuilder>(schema_->field(i).type));
    if (i == policy_.column) continue;
    // Case-sensitive; the first field wins when a schema repeats a name.
    column_of_name_.emplace(schema_->field(i).name, static_cast<int>(data_columns_.size()));
    data_columns_.push_back(i);
  }
  slots_.resize(data_columns_.size());
  present_.resize(data_columns_.size());
  return Status::OK();
}

bool JsonReader::Impl::ConvertRow(dom::object object, bool append) {
  std::fill(present_.begin(), present_.end(), 0);
  for (dom::key_value_pair kv : object) {
    auto it = column_of_name_.find(kv.key);
    if (it == column_of_name_.end()) continue;
    slots_[it->second] = kv.value;  // a repeated key: the last one wins
    present_[it->second] = 1;
  }
  bool ok = true;
  for (size_t i = 0; i < data_columns_.size(); ++i) {
    int column = data_columns_[i];
    ColumnBuilder* out = append ? builders_[column].get() : nullptr;
    if (!present_[i]) {
      if (out) out->AppendNull();
      continue;
    }
    ok &= converter_.Convert(slots_[i], *schema_->field(column).type, out);
  }
  return ok;
}

void JsonReader::Impl::AppendCorruptRow(std::string_view text) {
  for (int column : data_columns_) builders_[column]->AppendNull();
  if (policy_.column >= 0) builders_[policy_.column]->AppendString(text);
}

std::string JsonReader::Impl::ParseRecord(std::string_view text) {
  objects_.clear();
  dom::element root;
  // The record lies inside data_, which is padded, so simdjson may read past its end.
  simdjson::error_code error = parser_.parse(text.data(), text.size(), false).get(root);
  if (error != simdjson::SUCCESS) {
    return fmt::format("invalid JSON ({})", simdjson::error_message(error));
  }
  if (root.type() == dom::element_type::OBJECT) {
    objects_.push_back(dom::object(root));
    return "";
  }
  if (root.type() != dom::element_type::ARRAY) return "a record must be a JSON object";
  for (dom::element e : dom::array(root)) {
    if (e.type() != dom::element_type::OBJECT) return "a top-level array must hold only objects";
    objects_.push_back(dom::object(e));
  }
  return "";
}

Status JsonReader::Impl::AddRecord(std::string_view text, int64_t line, int64_t* rows) {
  std::string problem = ParseRecord(text);
  converter_.ClearProblem();
  if (problem.empty() && policy_.mode == ParseMode::kPermissive) {
    // One pass: a field that fails is NULL and marks its row corrupt.
    for (dom::object object : objects_) {
      bool ok = ConvertRow(object, /*append=*/true);
      if (policy_.column >= 0) {
        if (ok) builders_[policy_.column]->AppendNull();
        else builders_[policy_.column]->AppendString(text);
      }
      ++*rows;
    }
    return Status::OK();
  }
  if (problem.empty()) {
    // Check every row before appending any, so a dropped record leaves no trace.
    for (dom::object object : objects_) {
      if (!ConvertRow(object, /*append=*/false)) {
        problem = converter_.problem();
        break;
      }
    }
  }
  if (problem.empty()) {
    for (dom::object object : objects_) {
      ConvertRow(object, /*append=*/true);
      if (policy_.column >= 0) builders_[policy_.column]->AppendNull();
      ++*rows;
    }
    return Status::OK();
  }
  if (policy_.mode == ParseMode::kFailFast) {
    return MalformedRecordError("JSON", name_, line, problem);
  }
  if (policy_.mode == ParseMode::kPermissive) {
    AppendCorruptRow(text);
    ++*rows;
  }
  return Status::OK();
}

Result<std::optional<vector::Batch>> JsonReader::Impl::Next() {
  for (auto& builder : builders_) builder->Reserve(batch_size_);
  int64_t rows = 0;
  if (multi_line_) {
    if (!done_) {
      done_ = true;
      std::string_view whole(data_.data(), data_.size());
      if (!IsBlank(whole)) RUNNEL_RETURN_NOT_OK(AddRecord(whole, 1, &rows));
    }
  } else {
    std::string_view line;
    while (rows < batch_size_ && lines_->Next(&line)) {
      if (IsBlank(line)) continue;
      RUNNEL_RETURN_NOT_OK(AddRecord(line, lines_->line_number(), &rows));
    }
  }
  if (rows == 0) return std::optional<vector::Batch>();
  std::vector<vector::ColumnPtr> columns;
  for (auto& builder : builders_) columns.push_back(builder->Finish());
  return std::optional<vector::Batch>(vector::Batch(schema_, std::move(columns), rows));
}

JsonReader::JsonReader(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
JsonReader::~JsonReader() = default;

const type::SchemaPtr& JsonReader::schema() const { return impl_->schema(); }

Result<std::optional<vector::Batch>> JsonReader::Next() { return impl_->Next(); }

Result<std::unique_ptr<JsonReader>> JsonReader::Make(std::shared_ptr<io::FileSystem> fs,
                                                     std::string path, type::SchemaPtr schema,
                                                     const Options& options) {
  auto data = fs->ReadFile(path);
  if (!data.ok()) return data.status().WithContext("reading JSON file '" + path + "'");
  return MakeFromBuffer(std::move(data).value(), std::move(path), std::move(schema), options);
}

Result<std::unique_ptr<JsonReader>> JsonReader::MakeFromBuffer(std::string data, std::string name,
                                                               type::SchemaPtr schema,
                                                               const Options& options) {
  if (schema == nullptr) {
    RUNNEL_ASSIGN_OR_RAISE(type::Schema inferred,
                           InferJsonSchemaFromBuffers({data}, {name}, options));
    schema = std::make_shared<type::Schema>(std::move(inferred));
  }
  auto impl = std::make_unique<Impl>(data, std::move(name), std::move(schema));
  RUNNEL_RETURN_NOT_OK(impl->Configure(options));
  return std::unique_ptr<JsonReader>(new JsonReader(std::move(impl)));
}

namespace {

class JsonSchemaInference {
 public:
  static Result<JsonSchemaInference> Make(const Options& options) {
    JsonSchemaInference inference;
    RUNNEL_ASSIGN_OR_RAISE(inference.mode_, options.GetParseMode());
    RUNNEL_ASSIGN_OR_RAISE(inference.primitives_as_string_,
                           options.GetBool("primitivesAsString", false));
    RUNNEL_ASSIGN_OR_RAISE(inference.multi_line_, options.GetBool("multiLine", false));
    inference.line_sep_ = options.GetString("lineSep", "");
    inference.corrupt_column_ = options.CorruptRecordColumn();
    return inference;
  }

  Status AddFile(std::string_view contents, const std::string& name) {
    simdjson::padded_string data(contents);
    std::string_view text(data.data(), data.size());
    if (multi_line_) return IsBlank(text) ? Status::OK() : AddRecord(text, name, 1);
    LineSplitter lines(text, line_sep_);
    std::string_view line;
    while (lines.Next(&line)) {
      if (!IsBlank(line)) RUNNEL_RETURN_NOT_OK(AddRecord(line, name, lines.line_number()));
    }
    return Status::OK();
  }

  type::Schema Finish() const {
    type::DataTypePtr merged = merged_;
    if (saw_corrupt_ && mode_ == ParseMode::kPermissive) {
      merged = MergeInferredTypes(merged, type::Struct({{corrupt_column_, type::String(), true}}));
    }
    return type::Schema(FinishInferredType(merged)->fields());
  }

 private:
  Status AddRecord(std::string_view text, const std::string& name, int64_t line) {
    dom::element root;
    std::string problem;
    if (parser_.parse(text.data(), text.size(), false).get(root) != simdjson::SUCCESS) {
      problem = "invalid JSON";
    } else if (root.type() == dom::element_type::ARRAY) {
      for (dom::element e : dom::array(root)) {
        if (e.type() != dom::element_type::OBJECT) problem = "a top-level array must hold only objects";
      }
    } else if (root.type() != dom::element_type::OBJECT) {
      problem = "a record must be a JSON object";
    }
    if (!problem.empty()) {
      if (mode_ == ParseMode::kFailFast) return MalformedRecordError("JSON", name, line, problem);
      saw_corrupt_ = true;
      return Status::OK();
    }
    merged_ = MergeInferredTypes(merged_, InferType(root));
    return Status::OK();
  }

  type::DataTypePtr InferType(dom::element value) const {
    switch (value.type()) {
      case dom::element_type::ARRAY: {
        type::DataTypePtr element = type::Null();
        for (dom::element e : dom::array(value)) element = MergeInferredTypes(element, InferType(e));
        return type::Array(element);
      }
      case dom::element_type::OBJECT: {
        std::vector<type::Field> fields;
        for (dom::key_value_pair kv : dom::object(value)) {
          type::DataTypePtr t = InferType(kv.value);
          auto it = std::find_if(fields.begin(), fields.end(),
                                 [&](const type::Field& f) { return f.name == kv.key; });
          if (it != fields.end()) it->type = MergeInferredTypes(it->type, t);
          else fields.push_back({std::string(kv.key), t, true});
        }
        std::sort(fields.begin(), fields.end(),
                  [](const type::Field& a, const type::Field& b) { return a.name < b.name; });
        return type::Struct(std::move(fields));
      }
      case dom::element_type::NULL_VALUE: return type::Null();
      default: break;
    }
    if (primitives_as_string_) return type::String();
    switch (value.type()) {
      case dom::element_type::INT64: return type::BigInt();
      case dom::element_type::UINT64: return type::Decimal(20, 0);
      case dom::element_type::DOUBLE: return type::Double();
      case dom::element_type::BOOL: return type::Boolean();
      default: return type::String();
    }
  }

  ParseMode mode_ = ParseMode::kPermissive;
  bool primitives_as_string_ = false;
  bool multi_line_ = false;
  std::string line_sep_;
  std::string corrupt_column_;
  dom::parser parser_;
  type::DataTypePtr merged_ = type::Struct({});
  bool saw_corrupt_ = false;
};

}  // namespace

Result<type::Schema> InferJsonSchema(std::shared_ptr<io::FileSystem> fs,
                                     const std::vector<std::string>& files,
                                     const Options& options) {
  RUNNEL_ASSIGN_OR_RAISE(JsonSchemaInference inference, JsonSchemaInference::Make(options));
  for (const auto& path : files) {
    auto data = fs->ReadFile(path);
    if (!data.ok()) return data.status().WithContext("inferring the schema of JSON file '" + path + "'");
    RUNNEL_RETURN_NOT_OK(inference.AddFile(*data, path));
  }
  return inference.Finish();
}

Result<type::Schema> InferJsonSchemaFromBuffers(const std::vector<std::string_view>& contents,
                                                const std::vector<std::string>& names,
                                                const Options& options) {
  RUNNEL_ASSIGN_OR_RAISE(JsonSchemaInference inference, JsonSchemaInference::Make(options));
  for (size_t i = 0; i < contents.size(); ++i) {
    RUNNEL_RETURN_NOT_OK(inference.AddFile(contents[i], i < names.size() ? names[i] : "<buffer>"));
  }
  return inference.Finish();
}

}  // namespace runnel::format
