# Sourced by the end-to-end scripts: named checks, counted, and the closing
# line that CI reads ("NAME: N passed, M failed").

passes=0
failures=0

# check DESCRIPTION COMMAND...: runs COMMAND; prints ok: or FAILED: and counts.
check() {
  local description=$1
  shift
  if "$@"; then
    echo "ok: $description"
    passes=$((passes + 1))
  else
    echo "FAILED: $description"
    failures=$((failures + 1))
  fi
}

# fail MESSAGE: a check that failed before it could run.
fail() {
  echo "FAILED: $1"
  failures=$((failures + 1))
}

# summary NAME: prints the closing line; fails when any check did.
summary() {
  echo "$1: $passes passed, $failures failed"
  [ "$failures" -eq 0 ]
}
