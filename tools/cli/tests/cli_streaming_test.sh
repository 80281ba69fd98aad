#!/usr/bin/env bash
# `runnel sql` and streaming definitions: a streaming table, a sink and a flow created in one
# invocation are refreshed by a later one on the same --warehouse (the source view declared
# again, as temporary views last one session); the summary line goes to standard output in
# table format and to standard error with --format csv, leaving only results on standard output.
# Usage: cli_streaming_test.sh path/to/runnel
set -u
runnel=$1
source "$(dirname "$0")/test_lib.sh"
cd "$tmp" || exit 1

mkdir -p in
printf '{"user":"a","amount":1}\n{"user":"b","amount":5}\n' > in/1.json
printf '{"user":"c","amount":7}\n' > in/2.json
view="CREATE TEMPORARY VIEW ev USING json OPTIONS (path 'in', schema 'user STRING, amount BIGINT', maxFilesPerTrigger '1')"

# First invocation, table format: the summaries are lines on standard output.
out=$("$runnel" sql --warehouse wh -e "$view;
  CREATE STREAMING TABLE clean AS SELECT user, amount FROM STREAM(ev) WHERE amount > 1;
  CREATE SINK archive USING json OPTIONS (path 'archive');
  CREATE FLOW keep AS INSERT INTO archive SELECT user FROM STREAM(ev)" 2>"$tmp/err")
check "create exit" 0 $?
check "create summaries" "streaming table clean: 2 batches, 2 rows
flow keep: 2 batches, 3 rows" "$out"
check "create stderr" "" "$(cat "$tmp/err")"

# A later invocation: the definitions persist; REFRESH processes only the new file.
printf '{"user":"d","amount":9}\n' > in/3.json
out=$("$runnel" sql --warehouse wh --format csv -e "$view;
  REFRESH STREAMING TABLE clean; REFRESH FLOW keep;
  SELECT user FROM clean ORDER BY user" 2>"$tmp/err")
check "refresh exit" 0 $?
check "refresh stdout holds results only" "user
b
c
d" "$out"
check "refresh summaries on stderr" "streaming table clean: 1 batch, 1 row
flow keep: 1 batch, 1 row" "$(cat "$tmp/err")"
out=$("$runnel" sql --warehouse wh --format csv -e "SELECT count(*) AS n FROM json.\`archive\`")
check "flow output" "n
4" "$out"

# Without the view in the new session, the flow says what to do.
"$runnel" sql --warehouse wh -e "REFRESH FLOW keep" >/dev/null 2>"$tmp/err"
check "missing view exit" 1 $?
if [[ "$(cat "$tmp/err")" != *"declare the source view again"* ]]; then
  echo "FAIL: missing view message"; cat "$tmp/err"; failures=$((failures + 1))
fi

# A console sink prints each batch on standard output; the summary stays on standard error.
printf '{"user":"e","amount":2}\n' > in/4.json
out=$("$runnel" sql --warehouse wh --format jsonl -e "$view;
  CREATE SINK show USING console OPTIONS (format 'jsonl');
  CREATE FLOW shown AS INSERT INTO show SELECT user FROM STREAM(ev) WHERE amount > 6" 2>"$tmp/err")
check "console exit" 0 $?
check "console stdout" '{"batch_id":1,"user":"c"}
{"batch_id":2,"user":"d"}' "$out"
check "console summary" "flow shown: 4 batches, 2 rows" "$(cat "$tmp/err")"

finish
