#include "slt/duckdb_process.h"

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

extern char** environ;

namespace runnel::slt {
namespace {

std::string JsonString(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default:
        if (c < 0x20) {
          char buffer[8];
          std::snprintf(buffer, sizeof(buffer), "\\u%04x", c);
          out += buffer;
        } else {
          out += static_cast<char>(c);
        }
    }
  }
  return out + "\"";
}

// A temporary file name unique to this process and call.
std::string TempPath(const std::string& suffix) {
  static int counter = 0;
  return (std::filesystem::temp_directory_path() /
          ("runnel-slt-duckdb-" + std::to_string(getpid()) + "-" + std::to_string(counter++) +
           suffix))
      .string();
}

// Runs `node script input` with stdout going to `output`; returns the exit status.
Result<int> Spawn(const DuckDbHelper& helper, const std::string& input,
                  const std::string& output) {
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, output.c_str(),
                                   O_WRONLY | O_CREAT | O_TRUNC, 0600);
  std::vector<std::string> args = {helper.node, helper.script, input};
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_t pid = 0;
  int spawned = posix_spawnp(&pid, helper.node.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  if (spawned != 0) {
    return Status::IOError("cannot start '" + helper.node + "' for the DuckDB helper (error " +
                           std::to_string(spawned) + "); is node on PATH?");
  }
  int status = 0;
  if (waitpid(pid, &status, 0) < 0) return Status::IOError("waiting for the DuckDB helper failed");
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

Result<std::vector<DuckDbStepResult>> ParseOutput(std::istream& in, size_t expected_steps) {
  std::vector<DuckDbStepResult> steps;
  std::string line;
  while (std::getline(in, line)) {
    DuckDbStepResult step;
    if (line.starts_with("error ")) {
      step.error = line.substr(6);
    } else if (line.starts_with("ok ")) {
      step.ok = true;
      long rows = std::strtol(line.c_str() + 3, nullptr, 10);
      for (long i = 0; i < rows; ++i) {
        if (!std::getline(in, line)) {
          return Status::Corruption("the DuckDB helper's output ends inside a result");
        }
        step.lines.push_back(line);
      }
    } else {
      return Status::Corruption("unexpected line from the DuckDB helper: " + line);
    }
    steps.push_back(std::move(step));
  }
  if (steps.size() != expected_steps) {
    return Status::Corruption("the DuckDB helper answered " + std::to_string(steps.size()) +
                              " statement(s) of " + std::to_string(expected_steps));
  }
  return steps;
}

}  // namespace

Result<std::vector<DuckDbStepResult>> RunOnDuckDb(const DuckDbHelper& helper,
                                                  const std::vector<std::string>& statements) {
  // A file whose every record is skipped for DuckDB has nothing to run there.
  if (statements.empty()) return std::vector<DuckDbStepResult>{};
  const std::string input = TempPath(".json");
  const std::string output = TempPath(".out");
  {
    std::ofstream out(input, std::ios::binary);
    out << "{\"steps\": [";
    for (size_t i = 0; i < statements.size(); ++i) {
      out << (i ? ",\n" : "\n") << JsonString(statements[i]);
    }
    out << "]}\n";
    if (!out) return Status::IOError("cannot write " + input);
  }
  auto exit_code = Spawn(helper, input, output);
  std::ifstream in(output, std::ios::binary);
  auto steps = exit_code.ok() && *exit_code == 0
                   ? ParseOutput(in, statements.size())
                   : Result<std::vector<DuckDbStepResult>>(Status::IOError(
                         exit_code.ok() ? "the DuckDB helper " + helper.script + " exited with " +
                                              std::to_string(*exit_code) + " (see its stderr)"
                                        : exit_code.status().message()));
  std::error_code ignored;
  std::filesystem::remove(input, ignored);
  std::filesystem::remove(output, ignored);
  return steps;
}

}  // namespace runnel::slt
