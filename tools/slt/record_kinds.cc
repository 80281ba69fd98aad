#include "slt/record_kinds.h"

#include <cctype>

#include "slt/file_records.h"
#include "slt/stream_records.h"

namespace runnel::slt {
namespace {

constexpr const char* kSeparator = "----";

template <typename T, typename... Args>
Result<std::unique_ptr<Record>> MakeRecord(Args&&... args) {
  return std::unique_ptr<Record>(std::make_unique<T>(std::forward<Args>(args)...));
}

bool IsSeparator(const std::string& line) { return line == kSeparator; }

// The SQL of lines [begin, end), joined with '\n'.
std::string JoinLines(const RecordText& text, int begin, int end) {
  std::string sql;
  for (int i = begin; i < end; ++i) {
    if (i > begin) sql += '\n';
    sql += (*text.lines)[i];
  }
  return sql;
}

Result<std::unique_ptr<Record>> ParseStatement(const RecordText& text) {
  const std::string mode = text.words.size() > 1 ? text.words[1] : "";
  if (mode != "ok" && mode != "error") {
    return Status::Syntax("'statement' must be followed by 'ok' or 'error <pattern>', got '" +
                          text.header() + "'");
  }
  if (mode == "ok" && text.words.size() > 2) {
    return Status::Syntax("'statement ok' takes nothing after it, got '" + text.header() + "'");
  }
  int sql_begin = text.header_index + 1;
  if (sql_begin == text.end_index) {
    return Status::Syntax("'" + text.header() +
                          "' has no SQL: write the statement on the next line");
  }
  for (int i = sql_begin; i < text.end_index; ++i) {
    if (IsSeparator((*text.lines)[i])) {
      return Status::Syntax(
          "a statement record has no '----' results block; use 'query' to check rows");
    }
  }
  return MakeRecord<StatementRecord>(text.header_index, mode == "error",
                                     mode == "error" ? text.HeaderRest(2) : "",
                                     JoinLines(text, sql_begin, text.end_index));
}

Result<SortMode> ParseSortMode(const RecordText& text) {
  if (text.words.size() < 3) return SortMode::kNoSort;
  if (text.words.size() > 3) {
    return Status::Syntax("'query' takes type letters and one sort mode, got '" + text.header() +
                          "'");
  }
  const std::string& mode = text.words[2];
  if (mode == "nosort") return SortMode::kNoSort;
  if (mode == "rowsort") return SortMode::kRowSort;
  if (mode == "valuesort") return SortMode::kValueSort;
  return Status::Syntax("Unknown sort mode '" + mode + "'. Use nosort, rowsort or valuesort");
}

Result<std::unique_ptr<Record>> ParseQuery(const RecordText& text) {
  if (text.words.size() < 2) {
    return Status::Syntax("'query' needs type letters, one per column (I, R or T): 'query IT'");
  }
  const std::string& letters = text.words[1];
  for (char c : letters) {
    if (c != 'I' && c != 'R' && c != 'T') {
      return Status::Syntax("Unknown column type letter '" + std::string(1, c) + "' in '" +
                            letters + "'. Use I (integer), R (real) or T (anything else)");
    }
  }
  RUNNEL_ASSIGN_OR_RAISE(SortMode sort_mode, ParseSortMode(text));
  QueryRecord::Layout layout;
  layout.sql_end_index = text.end_index;
  for (int i = text.header_index + 1; i < text.end_index; ++i) {
    if (IsSeparator((*text.lines)[i])) {
      layout.sql_end_index = i;
      layout.separator_index = i;
      break;
    }
  }
  if (layout.sql_end_index == text.header_index + 1) {
    return Status::Syntax("'" + text.header() + "' has no SQL: write the query on the next line");
  }
  layout.results_begin =
      layout.separator_index < 0 ? layout.sql_end_index : layout.separator_index + 1;
  layout.results_end = layout.separator_index < 0 ? layout.sql_end_index : text.end_index;
  std::vector<ExpectedLine> expected;
  for (int i = layout.results_begin; i < layout.results_end; ++i) {
    expected.push_back({(*text.lines)[i], i + 1});
  }
  return MakeRecord<QueryRecord>(text.header_index, letters, sort_mode,
                                 JoinLines(text, text.header_index + 1, layout.sql_end_index),
                                 std::move(expected), layout);
}

Result<std::unique_ptr<Record>> ParseHalt(const RecordText& text) {
  if (text.words.size() > 1 || text.end_index > text.header_index + 1) {
    return Status::Syntax("'halt' stands alone: put a blank line after it");
  }
  return MakeRecord<HaltRecord>(text.header_index);
}

}  // namespace

std::string RecordText::HeaderRest(int count) const {
  const std::string& line = header();
  size_t pos = 0;
  for (int word = 0; word < count; ++word) {
    while (pos < line.size() && std::isspace(static_cast<unsigned char>(line[pos]))) ++pos;
    while (pos < line.size() && !std::isspace(static_cast<unsigned char>(line[pos]))) ++pos;
  }
  size_t begin = line.find_first_not_of(" \t", pos);
  if (begin == std::string::npos) return "";
  size_t end = line.find_last_not_of(" \t");
  return line.substr(begin, end - begin + 1);
}

RecordKindRegistry RecordKindRegistry::Default() {
  RecordKindRegistry registry;
  RegisterSqlRecordKinds(registry);
  RegisterStreamRecordKinds(registry);
  RegisterFileRecordKinds(registry);
  return registry;
}

void RecordKindRegistry::Register(std::string keyword, RecordParser parser) {
  parsers_[std::move(keyword)] = std::move(parser);
}

const RecordParser* RecordKindRegistry::Find(const std::string& keyword) const {
  auto it = parsers_.find(keyword);
  return it == parsers_.end() ? nullptr : &it->second;
}

std::vector<std::string> RecordKindRegistry::Keywords() const {
  std::vector<std::string> keywords;
  for (const auto& [keyword, _] : parsers_) keywords.push_back(keyword);
  return keywords;
}

void RegisterSqlRecordKinds(RecordKindRegistry& registry) {
  registry.Register("statement", ParseStatement);
  registry.Register("query", ParseQuery);
  registry.Register("halt", ParseHalt);
}

}  // namespace runnel::slt
