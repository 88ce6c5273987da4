#!/usr/bin/env bash
# End-to-end: the real plenary-registry and plenary-ingest binaries, started
# as an operator would, against a fresh database on the server of
# PLENARY_TEST_DATABASE_URL; checked with the real plenary CLI.
# Usage: services_e2e.sh PLENARY_REGISTRY PLENARY_INGEST PLENARY_CLI
set -euo pipefail
registry_bin=$1 ingest_bin=$2 cli=$3
: "${PLENARY_TEST_DATABASE_URL:?run through ./tests/run.sh}"

work=$(mktemp -d)
database=plenary_e2e_$$
url="${PLENARY_TEST_DATABASE_URL%/*}/$database"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  psql -q "$PLENARY_TEST_DATABASE_URL" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT
psql -q "$PLENARY_TEST_DATABASE_URL" -c "CREATE DATABASE $database"

passes=0
failures=0
check() {  # check DESCRIPTION COMMAND...
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

# start NAME BINARY: starts it on a free port, sets NAME_pid and NAME_port.
start() {
  local name=$1 binary=$2
  "$binary" --listen=127.0.0.1:0 --database="$url" >"$work/$name.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  local port=""
  for _ in $(seq 1 100); do
    port=$(grep -o 'serving .*port=[0-9]*' "$work/$name.log" | grep -o '[0-9]*$' || true)
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  printf -v "${name}_pid" '%s' "$pid"
  printf -v "${name}_port" '%s' "$port"
}

start registry "$registry_bin"
start ingest "$ingest_bin"
export PLENARY_REGISTRY=127.0.0.1:$registry_port PLENARY_INGEST=127.0.0.1:$ingest_port

check "both services report SERVING" "$cli" status
"$cli" status >"$work/status.out" || true
check "status names both services" grep -q $'plenary-registry\tSERVING' "$work/status.out"
check "the registry logs one line per request" \
  grep -q 'rpc method=/grpc.health.v1.Health/Check code=0' "$work/registry.log"
migrations=$(find "$(dirname "$0")/../../storage/migrations" -name '[0-9]*.sql' | wc -l)
check "every migration was applied once" \
  test "$(psql -tA "$url" -c 'SELECT count(DISTINCT version) FROM schema_migrations')" -eq "$migrations"

"$cli" get A/RES/64/222 >"$work/get.out" 2>&1 || true
check "the CLI reports a call's error by its code" grep -qE '^plenary: [A-Z_]+: ' "$work/get.out"

# A second server on a taken port must fail loudly, not share the port.
set +e
"$registry_bin" --listen=127.0.0.1:"$registry_port" --database="$url" >"$work/taken.log" 2>&1
taken_exit=$?
"$registry_bin" --database="postgresql://nobody@127.0.0.1:1/none?connect_timeout=2" \
  >"$work/nodb.log" 2>&1
nodb_exit=$?
"$registry_bin" >"$work/nourl.log" 2>&1 </dev/null
nourl_exit=$?
set -e
check "a taken port is an error" test "$taken_exit" -eq 1
check "the error says the port is taken" grep -q 'port is taken' "$work/taken.log"
check "an unreachable database is an error" test "$nodb_exit" -eq 1
check "the error names the database" grep -q 'cannot migrate the database' "$work/nodb.log"
check "a missing database URL is a configuration error" test "$nourl_exit" -eq 2

for name in registry ingest; do
  pid_var=${name}_pid
  kill -TERM "${!pid_var}"
  status=0
  wait "${!pid_var}" || status=$?
  check "$name stops cleanly on SIGTERM" test "$status" -eq 0
  check "$name logs its stop" grep -q 'stopped' "$work/$name.log"
done
check "no process is left behind" bash -c "! kill -0 $registry_pid 2>/dev/null && ! kill -0 $ingest_pid 2>/dev/null"

echo "e2e: $passes passed, $failures failed"
if [ "$failures" -ne 0 ]; then
  echo "--- registry log"; cat "$work/registry.log"
  echo "--- ingest log"; cat "$work/ingest.log"
  exit 1
fi
