#include "cli/shell.h"

// libedit's readline emulation; its header needs <cstdio> first.
#include <csetjmp>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <editline/readline.h>

#include <chrono>
#include <future>
#include <string>

#include "cli/meta_command.h"
#include "sql/parser.h"

namespace runnel::cli {

namespace {

constexpr const char* kPrompt = "runnel> ";
constexpr const char* kContinuationPrompt = "   ...> ";
constexpr int kHistorySize = 1000;

// Ctrl-C at the prompt jumps out of readline() (as psql does: libedit has no way to abandon a
// line); while a query runs it only raises a flag that the waiting loop turns into
// Session::interruptAll(), which is not safe to call from a signal handler.
sigjmp_buf g_prompt_jump;
volatile std::sig_atomic_t g_jump_armed = 0;
volatile std::sig_atomic_t g_interrupted = 0;

void OnSigint(int) {
  if (g_jump_armed) {
    g_jump_armed = 0;
    siglongjmp(g_prompt_jump, 1);
  }
  g_interrupted = 1;
}

void InstallSigintHandler() {
  struct sigaction action {};
  action.sa_handler = OnSigint;
  sigemptyset(&action.sa_mask);
  action.sa_flags = 0;  // no SA_RESTART: a blocked read returns so readline sees the signal
  sigaction(SIGINT, &action, nullptr);
}

// readline(), or nullptr with *interrupted set after Ctrl-C. Nothing with a destructor lives in
// this frame, so jumping back into it is safe.
char* ReadLine(const char* prompt, bool* interrupted) {
  if (sigsetjmp(g_prompt_jump, 1) != 0) {
    *interrupted = true;
    return nullptr;
  }
  g_jump_armed = 1;
  char* line = readline(prompt);
  g_jump_armed = 0;
  return line;
}

std::string HistoryPath() {
  const char* home = std::getenv("HOME");
  return home == nullptr ? std::string() : std::string(home) + "/.runnel_history";
}

// Runs a statement on another thread so that Ctrl-C can cancel it from this one. The request is
// repeated until the statement ends: a query may register its action after the first one.
Result<StatementOutput> ExecuteCancellable(const ScriptRunner& runner, const std::string& statement) {
  g_interrupted = 0;
  auto result = std::async(std::launch::async, [&] { return runner.Execute(statement); });
  bool told = false;
  while (result.wait_for(std::chrono::milliseconds(50)) != std::future_status::ready) {
    if (!g_interrupted) continue;
    if (!told) {  // end the line where the terminal echoed ^C
      std::fputs("\n", runner.err());
      told = true;
    }
    runner.session()->interruptAll();
  }
  g_interrupted = 0;
  return result.get();
}

// A statement goes into the history as one line, so that one Up recalls it; one with a '--'
// comment keeps its line breaks, which would otherwise comment out the rest.
void AddHistory(const std::string& statement) {
  std::string entry = statement;
  while (!entry.empty() && entry.back() == '\n') entry.pop_back();
  if (entry.find("--") == std::string::npos) {
    for (char& c : entry) {
      if (c == '\n') c = ' ';
    }
  }
  if (!entry.empty()) add_history(entry.c_str());
}

// Returns false when the command quits the shell.
bool RunMetaCommand(const std::string& line, ScriptRunner& runner) {
  Result<MetaCommand> command = ParseMetaCommand(line);
  if (!command.ok()) {
    std::fprintf(runner.err(), "%s\n", command.status().message().c_str());
    return true;
  }
  switch (command->kind) {
    case MetaCommand::Kind::kHelp: std::fputs(MetaCommandHelp().c_str(), runner.out()); break;
    case MetaCommand::Kind::kQuit: return false;
    case MetaCommand::Kind::kSql: (void)runner.RunStatement(command->sql, 0); break;
    case MetaCommand::Kind::kFormat:
      if (!command->show) runner.set_format(command->format);
      std::fprintf(runner.out(), "Output format is %s.\n", std::string(OutputFormatName(runner.format())).c_str());
      break;
    case MetaCommand::Kind::kTiming:
      runner.set_timing(command->toggle ? !runner.timing() : command->timing_on);
      std::fprintf(runner.out(), "Timing is %s.\n", runner.timing() ? "on" : "off");
      break;
  }
  std::fflush(runner.out());
  return true;
}

}  // namespace

int RunShell(ScriptRunner& runner) {
  rl_readline_name = "runnel";
  using_history();
  stifle_history(kHistorySize);
  std::string history = HistoryPath();
  if (!history.empty()) read_history(history.c_str());
  InstallSigintHandler();
  runner.set_executor([&runner](const std::string& statement) { return ExecuteCancellable(runner, statement); });

  std::fprintf(runner.out(), "Runnel SQL shell. Statements end with ';'. Type \\help for help, \\q to quit.\n");
  std::string buffer;
  for (;;) {
    bool interrupted = false;
    char* raw = ReadLine(buffer.empty() ? kPrompt : kContinuationPrompt, &interrupted);
    if (interrupted) {  // Ctrl-C: drop what was typed and start over
      std::fputs("^C\n", runner.out());
      buffer.clear();
      continue;
    }
    if (raw == nullptr) {  // Ctrl-D
      std::fputs("\n", runner.out());
      break;
    }
    std::string line(raw);
    std::free(raw);
    if (buffer.empty() && IsMetaCommandLine(line)) {
      add_history(line.c_str());
      if (!RunMetaCommand(line, runner)) break;
      continue;
    }
    if (buffer.empty() && line.find_first_not_of(" \t\r") == std::string::npos) continue;
    buffer += line + "\n";
    if (!sql::IsCompleteStatement(buffer)) continue;
    AddHistory(buffer);
    (void)runner.RunScript(buffer, /*numbered=*/false);  // errors are printed; the shell goes on
    buffer.clear();
  }
  if (!history.empty()) write_history(history.c_str());
  return 0;
}

}  // namespace runnel::cli
