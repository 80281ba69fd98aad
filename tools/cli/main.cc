// `runnel`: the command-line entry point. Today one subcommand, `runnel sql` (see
// docs/sql.md, "Shell"); this file only parses arguments (CLI11 is header-only and slow to
// compile, so it is included here alone).
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

#include "cli/output_format.h"
#include "cli/script_runner.h"
#include "cli/shell.h"
#include "runnel/session.h"

namespace runnel::cli {
namespace {

constexpr int kUsageError = 2;
constexpr const char* kWarehouseConf = "runnel.sql.warehouse.dir";

struct SqlArguments {
  std::string warehouse = "./runnel-warehouse";
  std::string format = "table";
  std::string execute;
  std::string file;
};

Result<std::string> ReadScript(const std::string& path) {
  if (path == "-") {
    std::ostringstream text;
    text << std::cin.rdbuf();
    return text.str();
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IOError("Cannot read SQL file '" + path + "': check the path");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

int RunSql(const SqlArguments& args, const CLI::App& command) {
  std::shared_ptr<Session> session = Session::Make();
  Status conf = session->setConf(kWarehouseConf, args.warehouse);
  Result<OutputFormat> format = ParseOutputFormat(args.format);
  if (!conf.ok() || !format.ok()) {
    std::fprintf(stderr, "runnel sql: %s\n", (conf.ok() ? format.status() : conf).message().c_str());
    return kUsageError;
  }
  ScriptRunner runner(session, stdout, stderr);
  runner.set_format(*format);

  std::string script;
  if (command.count("--execute") > 0) {
    script = args.execute;
  } else if (command.count("--file") > 0) {
    Result<std::string> text = ReadScript(args.file);
    if (!text.ok()) {
      std::fprintf(stderr, "runnel sql: %s\n", text.status().message().c_str());
      return 1;
    }
    script = std::move(*text);
  } else if (isatty(STDIN_FILENO)) {
    return RunShell(runner);
  } else {
    script = *ReadScript("-");  // piped input is a script, as with -f
  }
  return runner.RunScript(script).ok() ? 0 : 1;
}

int Main(int argc, char** argv) {
  CLI::App app{"Runnel: a native stream-processing engine with Spark's APIs.", "runnel"};
  app.set_version_flag("--version", std::string("runnel ") + RUNNEL_VERSION);
  app.require_subcommand(1);

  SqlArguments sql_args;
  CLI::App* sql = app.add_subcommand(
      "sql", "Run SQL statements: from -e, from -f, piped on standard input, or in an interactive shell.");
  sql->add_option("--warehouse", sql_args.warehouse, "Directory of the warehouse tables")
      ->capture_default_str();
  sql->add_option("--format", sql_args.format, "How results are printed: table, csv or jsonl")
      ->check(CLI::IsMember({"table", "csv", "jsonl"}, CLI::ignore_case))
      ->capture_default_str();
  CLI::Option* execute = sql->add_option("-e,--execute", sql_args.execute, "SQL statements separated by ';'");
  CLI::Option* file = sql->add_option("-f,--file", sql_args.file, "A file of SQL statements ('-': standard input)");
  execute->excludes(file);

  // CLI11 would say only "A subcommand is required" for a misspelt one.
  auto is_command = [&app](const std::string& name) {
    return !app.get_subcommands([&name](CLI::App* command) { return command->check_name(name); }).empty();
  };
  if (argc > 1 && argv[1][0] != '-' && !is_command(argv[1])) {
    std::fprintf(stderr, "runnel: unknown command '%s'. Commands: sql. Run runnel --help for more.\n", argv[1]);
    return kUsageError;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForVersion& e) {
    return app.exit(e);
  } catch (const CLI::ParseError& e) {
    app.exit(e);  // prints the message and the usage to standard error
    return kUsageError;
  }
  if (sql->parsed()) return RunSql(sql_args, *sql);
  return kUsageError;
}

}  // namespace
}  // namespace runnel::cli

int main(int argc, char** argv) { return runnel::cli::Main(argc, argv); }
