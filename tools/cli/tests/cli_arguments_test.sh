#!/usr/bin/env bash
# The runnel binary's arguments, exit codes and error reports; needs only the SQL parser.
# Usage: cli_arguments_test.sh path/to/runnel
set -u
runnel=$1
source "$(dirname "$0")/test_lib.sh"

"$runnel" --version >"$tmp/out" 2>&1; check "--version exit" 0 $?
contains "--version text" "runnel 0." "$(cat "$tmp/out")"

"$runnel" --help >"$tmp/out" 2>&1; check "--help exit" 0 $?
contains "--help lists sql" "sql" "$(cat "$tmp/out")"

"$runnel" sql --help >"$tmp/out" 2>&1; check "sql --help exit" 0 $?
contains "sql --help lists --format" "--format" "$(cat "$tmp/out")"

"$runnel" frobnicate >/dev/null 2>"$tmp/err"; check "unknown subcommand exit" 2 $?
contains "unknown subcommand message" "unknown command 'frobnicate'" "$(cat "$tmp/err")"
"$runnel" >/dev/null 2>&1 </dev/null; check "no subcommand exit" 2 $?
"$runnel" sql --format xml -e 'SELECT 1' >/dev/null 2>&1; check "bad format exit" 2 $?
"$runnel" sql -e 'SELECT 1' -f x.sql >/dev/null 2>&1; check "-e with -f exit" 2 $?

# A syntax error: non-zero, numbered, with the position and the caret.
"$runnel" sql -e 'SELECT 1 +' >"$tmp/out" 2>"$tmp/err"; check "syntax error exit" 1 $?
err=$(cat "$tmp/err")
contains "syntax error names the statement" "Error in statement 1: SELECT 1 +" "$err"
contains "syntax error has a position" "Syntax error at line 1, column 11" "$err"
contains "syntax error has a caret" $'SELECT 1 +\n          ^' "$err"
check "syntax error prints nothing on stdout" "" "$(cat "$tmp/out")"

# Any failure of a statement (today NotSupported or Analysis) exits non-zero, numbered.
"$runnel" sql -e 'SELECT * FROM no_such_table' >/dev/null 2>"$tmp/err"; check "failing statement exit" 1 $?
contains "failing statement named" "Error in statement 1: SELECT * FROM no_such_table" "$(cat "$tmp/err")"

# The same script from a file and from a pipe.
printf 'SELEC 1;\n' >"$tmp/bad.sql"
"$runnel" sql -f "$tmp/bad.sql" >/dev/null 2>"$tmp/err"; check "-f syntax error exit" 1 $?
contains "-f error" "Error in statement 1: SELEC 1" "$(cat "$tmp/err")"
printf 'SELEC 1;\n' | "$runnel" sql >/dev/null 2>"$tmp/err"; check "piped syntax error exit" 1 $?
contains "piped error" "Error in statement 1: SELEC 1" "$(cat "$tmp/err")"

"$runnel" sql -f "$tmp/missing.sql" >/dev/null 2>"$tmp/err"; check "missing file exit" 1 $?
contains "missing file message" "Cannot read SQL file" "$(cat "$tmp/err")"

# An empty script succeeds and prints nothing.
out=$("$runnel" sql -e ' ; ' 2>&1); check "empty script exit" 0 $?
check "empty script output" "" "$out"

finish
