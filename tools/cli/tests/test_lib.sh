# Shared by the cli tests (sourced): a scratch directory removed on exit, checks that count
# failures, and `finish`, which reports and sets the exit status.
failures=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

check() {  # check NAME EXPECTED ACTUAL
  if [[ "$2" != "$3" ]]; then
    echo "FAIL: $1"; echo "--- expected:"; echo "$2"; echo "--- actual:"; echo "$3"
    failures=$((failures + 1))
  fi
}
contains() {  # contains NAME NEEDLE HAYSTACK
  if [[ "$3" != *"$2"* ]]; then
    echo "FAIL: $1: '$2' not in:"; echo "$3"
    failures=$((failures + 1))
  fi
}
finish() {
  if ((failures > 0)); then echo "$failures failure(s)"; exit 1; fi
  echo "all passed"
}
