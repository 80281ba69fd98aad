#include "cli/meta_command.h"

#include <cctype>
#include <vector>

#include "base/spelling.h"

namespace runnel::cli {

namespace {

// Splits on white space, after dropping a trailing ';' people type out of habit.
std::vector<std::string> Words(std::string_view line) {
  while (!line.empty() && (line.back() == ';' || std::isspace(static_cast<unsigned char>(line.back())))) {
    line.remove_suffix(1);
  }
  std::vector<std::string> words;
  size_t i = 0;
  while (i < line.size()) {
    while (i < line.size() && std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    size_t start = i;
    while (i < line.size() && !std::isspace(static_cast<unsigned char>(line[i]))) ++i;
    if (i > start) words.emplace_back(line.substr(start, i - start));
  }
  return words;
}

Status Usage(const std::string& what) {
  return Status::InvalidArgument(what + ". Type \\help for the list of commands.");
}

Result<MetaCommand> ParseTiming(const std::vector<std::string>& words) {
  MetaCommand command;
  command.kind = MetaCommand::Kind::kTiming;
  if (words.size() == 1) {
    command.toggle = true;
    return command;
  }
  std::string arg = base::ToLower(words[1]);
  if (words.size() > 2 || (arg != "on" && arg != "off")) return Usage("\\timing takes on or off");
  command.timing_on = arg == "on";
  return command;
}

Result<MetaCommand> ParseFormat(const std::vector<std::string>& words) {
  MetaCommand command;
  command.kind = MetaCommand::Kind::kFormat;
  if (words.size() == 1) {
    command.show = true;
    return command;
  }
  if (words.size() > 2) return Usage("\\format takes one of table, csv, jsonl");
  Result<OutputFormat> format = ParseOutputFormat(words[1]);
  if (!format.ok()) return Usage(format.status().message());
  command.format = *format;
  return command;
}

MetaCommand Sql(std::string text) {
  MetaCommand command;
  command.kind = MetaCommand::Kind::kSql;
  command.sql = std::move(text);
  return command;
}

}  // namespace

bool IsMetaCommandLine(std::string_view line) {
  size_t i = line.find_first_not_of(" \t");
  return i != std::string_view::npos && (line[i] == '\\' || line[i] == '.');
}

Result<MetaCommand> ParseMetaCommand(std::string_view line) {
  std::vector<std::string> words = Words(line);
  if (words.empty() || words[0].size() < 2) return Usage("Expected a command after '\\'");
  // '\' and '.' are interchangeable: \tables and .tables.
  std::string name = base::ToLower(std::string_view(words[0]).substr(1));
  size_t args = words.size() - 1;
  if (name == "help" || name == "?" || name == "h") {
    return MetaCommand{};
  }
  if (name == "q" || name == "quit" || name == "exit") {
    MetaCommand command;
    command.kind = MetaCommand::Kind::kQuit;
    return command;
  }
  if (name == "tables" && args == 0) return Sql("SHOW TABLES");
  if (name == "functions" && args == 0) return Sql("SHOW FUNCTIONS");
  if (name == "schema" || name == "d") {
    if (args != 1) return Usage("\\schema takes one table name: \\schema events");
    return Sql("DESCRIBE " + words[1]);
  }
  if (name == "format") return ParseFormat(words);
  if (name == "timing") return ParseTiming(words);
  if (name == "tables" || name == "functions") return Usage("\\" + name + " takes no argument");
  return Usage("Unknown command '" + words[0] + "'");
}

std::string MetaCommandHelp() {
  return "Statements end with ';' and may span lines. Commands (also with '.' instead of '\\'):\n"
         "  \\help, \\?                  this help\n"
         "  \\tables                    list tables and views (SHOW TABLES)\n"
         "  \\schema NAME               the columns of a table (DESCRIBE NAME)\n"
         "  \\functions                 list SQL functions (SHOW FUNCTIONS)\n"
         "  \\format table|csv|jsonl    how results are printed (no argument: show it)\n"
         "  \\timing on|off             print how long each statement takes\n"
         "  \\q                         quit (or Ctrl-D)\n"
         "Ctrl-C clears the current input, or cancels the running query.\n";
}

}  // namespace runnel::cli
