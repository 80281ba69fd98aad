#include "slt/parser.h"

#include <sstream>

namespace runnel::slt {
namespace {

bool IsBlank(const std::string& line) { return line.find_first_not_of(" \t") == std::string::npos; }

bool IsComment(const std::string& line) {
  size_t first = line.find_first_not_of(" \t");
  return first != std::string::npos && line[first] == '#';
}

std::vector<std::string> SplitWords(const std::string& line) {
  std::vector<std::string> words;
  std::istringstream in(line);
  for (std::string word; in >> word;) words.push_back(word);
  return words;
}

std::string StripTerminator(const std::string& raw) {
  size_t size = raw.size();
  if (size > 0 && raw[size - 1] == '\n') --size;
  if (size > 0 && raw[size - 1] == '\r') --size;
  return raw.substr(0, size);
}

std::string JoinKeywords(const std::vector<std::string>& keywords) {
  std::string out;
  for (const auto& k : keywords) out += (out.empty() ? "" : ", ") + k;
  return out;
}

}  // namespace

std::vector<std::string> SplitRawLines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    end = end == std::string_view::npos ? text.size() : end + 1;
    lines.emplace_back(text.substr(start, end - start));
    start = end;
  }
  return lines;
}

Result<TestFile> ParseTestFile(std::string path, std::string_view text,
                               const RecordKindRegistry& registry) {
  TestFile file;
  file.path = std::move(path);
  file.raw_lines = SplitRawLines(text);
  for (const auto& raw : file.raw_lines) file.lines.push_back(StripTerminator(raw));
  const int num_lines = static_cast<int>(file.lines.size());
  int i = 0;
  while (i < num_lines) {
    if (IsBlank(file.lines[i]) || IsComment(file.lines[i])) {
      ++i;
      continue;
    }
    RecordText record_text;
    record_text.lines = &file.lines;
    record_text.header_index = i;
    record_text.words = SplitWords(file.lines[i]);
    int end = i + 1;
    while (end < num_lines && !IsBlank(file.lines[end])) ++end;
    record_text.end_index = end;
    auto location = file.path + ":" + std::to_string(i + 1) + ": ";
    const RecordParser* parser = registry.Find(record_text.words[0]);
    if (parser == nullptr) {
      return Status::Syntax(location + "Unknown record kind '" + record_text.words[0] +
                            "'. Expected one of: " + JoinKeywords(registry.Keywords()) +
                            " (or a '#' comment)");
    }
    auto record = (*parser)(record_text);
    if (!record.ok()) return Status::Syntax(location + record.status().message());
    file.records.push_back(std::move(record).value());
    i = end;
  }
  return file;
}

}  // namespace runnel::slt
