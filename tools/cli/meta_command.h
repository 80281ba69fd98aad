// The shell's meta-commands: a line that starts with '\' or '.' when no statement is pending,
// as psql's \d and sqlite3's .tables. Parsing is separate from running so it can be tested.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"
#include "cli/output_format.h"

namespace runnel::cli {

struct MetaCommand {
  enum class Kind {
    kHelp,       // \help, \?
    kQuit,       // \q, \quit, .exit
    kSql,        // \tables, \schema NAME, \functions: run `sql`
    kFormat,     // \format [table|csv|jsonl]: set `format`, or show it when `show`
    kTiming,     // \timing [on|off]: set `timing_on`, or toggle when `toggle`
  };
  Kind kind = Kind::kHelp;
  std::string sql;
  OutputFormat format = OutputFormat::kTable;
  bool show = false;
  bool timing_on = false;
  bool toggle = false;
};

// True for a line the shell treats as a meta-command.
bool IsMetaCommandLine(std::string_view line);

// Parses a meta-command line; kInvalidArgument for an unknown command or a bad argument, with
// a hint to type \help.
Result<MetaCommand> ParseMetaCommand(std::string_view line);

// The text \help prints.
std::string MetaCommandHelp();

}  // namespace runnel::cli
