// The interactive `runnel sql` shell: libedit line editing and history (~/.runnel_history),
// multi-line statements ended by ';', meta-commands (\help), Ctrl-C to clear the input or to
// cancel the running query, Ctrl-D or \q to quit.
#pragma once

#include "cli/script_runner.h"

namespace runnel::cli {

// Runs until the user quits; returns the process exit status (0: errors in statements are
// shown and the shell goes on, as psql).
int RunShell(ScriptRunner& runner);

}  // namespace runnel::cli
