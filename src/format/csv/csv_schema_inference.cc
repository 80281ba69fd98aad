// InferCsvSchema: column names from the header (or _c<i>) and, with inferSchema, the narrowest
// type that holds every value of a column across all files.
#include <cctype>
#include <set>

#include <fmt/format.h>

#include "format/csv/csv_reader.h"
#include "format/type_inference.h"

namespace runnel::format {

namespace {

// Spark's header names: empty or null names become _c<i>; names that repeat (ignoring case)
// get their position appended.
std::vector<std::string> HeaderNames(const std::vector<std::string_view>& fields,
                                     const std::string& null_value) {
  std::vector<std::string> names;
  for (size_t i = 0; i < fields.size(); ++i) {
    bool missing = fields[i].empty() || fields[i] == null_value;
    names.push_back(missing ? fmt::format("_c{}", i) : std::string(fields[i]));
  }
  auto lower = [](std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
  };
  std::multiset<std::string> seen;
  for (const auto& n : names) seen.insert(lower(n));
  for (size_t i = 0; i < names.size(); ++i) {
    if (seen.count(lower(names[i])) > 1) names[i] += std::to_string(i);
  }
  return names;
}

struct CsvInference {
  CsvDialect dialect;
  CellParser parser;
  bool header = false;
  bool infer_types = false;
  std::string null_value;
  std::vector<std::string> names;
  std::vector<type::DataTypePtr> types;
  bool have_columns = false;

  void AddFile(std::string_view data) {
    CsvTokenizer tokenizer(data, dialect);
    bool first = true;
    while (tokenizer.Next()) {
      const auto& fields = tokenizer.fields();
      if (!have_columns) {
        have_columns = true;
        if (header) {
          names = HeaderNames(fields, null_value);
        } else {
          for (size_t i = 0; i < fields.size(); ++i) names.push_back(fmt::format("_c{}", i));
        }
        types.assign(names.size(), type::Null());
      }
      if (!infer_types) return;
      if (first && header) {
        first = false;
        continue;
      }
      first = false;
      for (size_t i = 0; i < fields.size() && i < types.size(); ++i) {
        if (fields[i].empty() || fields[i] == null_value) continue;
        // Once a column is STRING nothing can widen it further.
        if (types[i]->id() == type::TypeId::kString) continue;
        types[i] = MergeInferredTypes(types[i], InferTextType(fields[i], parser));
      }
    }
  }

  type::Schema Finish() const {
    std::vector<type::Field> fields;
    for (size_t i = 0; i < names.size(); ++i) {
      fields.push_back({names[i], infer_types ? FinishInferredType(types[i]) : type::String(), true});
    }
    return type::Schema(std::move(fields));
  }
};

Result<CsvInference> MakeInference(const Options& options) {
  CsvInference inference;
  RUNNEL_ASSIGN_OR_RAISE(inference.dialect, CsvDialect::FromOptions(options));
  RUNNEL_ASSIGN_OR_RAISE(inference.parser, CellParser::Make(options));
  RUNNEL_ASSIGN_OR_RAISE(inference.header, options.GetBool("header", false));
  RUNNEL_ASSIGN_OR_RAISE(inference.infer_types, options.GetBool("inferSchema", false));
  inference.null_value = options.GetString("nullValue", "");
  return inference;
}

}  // namespace

Result<type::Schema> InferCsvSchema(std::shared_ptr<io::FileSystem> fs,
                                    const std::vector<std::string>& files,
                                    const Options& options) {
  RUNNEL_ASSIGN_OR_RAISE(CsvInference inference, MakeInference(options));
  for (const auto& path : files) {
    auto data = fs->ReadFile(path);
    if (!data.ok()) return data.status().WithContext("inferring the schema of CSV file '" + path + "'");
    inference.AddFile(*data);
    // Without inferSchema only the first record of the first file matters.
    if (!inference.infer_types && inference.have_columns) break;
  }
  return inference.Finish();
}

Result<type::Schema> InferCsvSchemaFromBuffers(const std::vector<std::string_view>& contents,
                                               const Options& options) {
  RUNNEL_ASSIGN_OR_RAISE(CsvInference inference, MakeInference(options));
  for (std::string_view data : contents) inference.AddFile(data);
  return inference.Finish();
}

}  // namespace runnel::format
