#!/usr/bin/env bash
# `runnel sql` end to end on real SQL: output formats, errors, exit codes, scripts from -e, -f
# and a pipe, the warehouse option. Registered with ctest only when RUNNEL_CLI_SQL_TESTS is ON
# (it needs the SQL binder). Usage: cli_test.sh path/to/runnel
set -u
runnel=$1
source "$(dirname "$0")/test_lib.sh"
cd "$tmp" || exit 1

query="SELECT 1 AS a, 'x' AS b"

out=$("$runnel" sql -e "$query" 2>"$tmp/err"); check "table exit" 0 $?
check "table" "+---+---+
|  a|  b|
+---+---+
|  1|  x|
+---+---+" "$out"
check "table stderr" "" "$(cat "$tmp/err")"

out=$("$runnel" sql --format csv -e "$query"); check "csv exit" 0 $?
check "csv" "a,b
1,x" "$out"

out=$("$runnel" sql --format jsonl -e "$query"); check "jsonl exit" 0 $?
check "jsonl" '{"a":1,"b":"x"}' "$out"

# CSV quoting and NULL.
out=$("$runnel" sql --format csv -e "SELECT 'a,b' AS s, CAST(NULL AS INT) AS n, 'say \"hi\"' AS q")
check "csv quoting" 's,n,q
"a,b",,"say ""hi"""' "$out"
out=$("$runnel" sql --format jsonl -e "SELECT CAST(NULL AS INT) AS n, 2 AS m")
check "jsonl null" '{"n":null,"m":2}' "$out"

# No rows: csv and jsonl print nothing at all; the table keeps its header.
out=$("$runnel" sql --format csv -e "SELECT 1 AS a WHERE false"); check "csv no rows" "" "$out"
out=$("$runnel" sql --format jsonl -e "SELECT 1 AS a WHERE false"); check "jsonl no rows" "" "$out"
out=$("$runnel" sql -e "SELECT 1 AS a WHERE false")
check "table no rows" "+---+
|  a|
+---+
+---+" "$out"

# Several statements; the second fails: the first printed, the third never runs, exit 1.
"$runnel" sql --format csv -e "SELECT 1 AS a; SELECT * FROM no_such_table; SELECT 3 AS c" \
  >"$tmp/out" 2>"$tmp/err"
check "failing statement exit" 1 $?
check "output before the failure" "a
1" "$(cat "$tmp/out")"
err=$(cat "$tmp/err")
contains "failure names statement 2" "Error in statement 2: SELECT * FROM no_such_table" "$err"
contains "failure says why" "no_such_table" "$(sed -n 2p "$tmp/err")"

# A syntax error after a good statement: the good one runs, the error is numbered and placed.
"$runnel" sql --format csv -e "SELECT 1 AS a;
SELECT 2 +;" >"$tmp/out" 2>"$tmp/err"
check "syntax error exit" 1 $?
check "output before the syntax error" "a
1" "$(cat "$tmp/out")"
contains "syntax error numbered" "Error in statement 2: SELECT 2 +;" "$(cat "$tmp/err")"
contains "syntax error position" "Syntax error at line 2, column 11" "$(cat "$tmp/err")"

# -f and a pipe read scripts the same way.
printf -- "-- two queries\nSELECT 1 AS a;\nSELECT 'y' AS b;\n" >"$tmp/two.sql"
out=$("$runnel" sql --format csv -f "$tmp/two.sql"); check "-f exit" 0 $?
check "-f output" "a
1
b
y" "$out"
out=$("$runnel" sql --format jsonl <"$tmp/two.sql"); check "pipe exit" 0 $?
check "pipe output" '{"a":1}
{"b":"y"}' "$out"

# Statements without columns print nothing; managed tables go to --warehouse.
out=$("$runnel" sql --warehouse "$tmp/wh" --format csv -e \
  "CREATE TABLE t AS SELECT 1 AS a; INSERT INTO t SELECT 2; SELECT a FROM t ORDER BY a")
check "warehouse exit" 0 $?
check "warehouse output" "a
1
2" "$out"
[[ -n "$(ls -A "$tmp/wh" 2>/dev/null)" ]] || { echo "FAIL: nothing written under --warehouse"; failures=$((failures + 1)); }

# A bad Parquet file fails the statement with an error naming the file: cut short (a part file
# of the table above, truncated), and not Parquet at all.
part=$(find "$tmp/wh" -name '*.parquet' | head -1)
if [[ -z "$part" ]]; then
  echo "FAIL: no Parquet part file under --warehouse"; failures=$((failures + 1))
else
  out=$("$runnel" sql -e "SELECT * FROM parquet.\`$part\`"); check "good parquet exit" 0 $?
  head -c $(($(wc -c <"$part") - 3)) "$part" >"$tmp/cut.parquet"
  "$runnel" sql -e "SELECT * FROM parquet.\`$tmp/cut.parquet\`" >"$tmp/out" 2>"$tmp/err"
  check "truncated parquet exit" 1 $?
  contains "truncated parquet names the file" "Parquet file $tmp/cut.parquet does not end with PAR1" "$(cat "$tmp/err")"
fi
echo "a,b" >"$tmp/not.parquet"
"$runnel" sql -e "SELECT * FROM parquet.\`$tmp/not.parquet\`" >"$tmp/out" 2>"$tmp/err"
check "not parquet exit" 1 $?
contains "not parquet names the file" "$tmp/not.parquet" "$(cat "$tmp/err")"

finish
