#!/usr/bin/env bash
# Runs the Python, Node and Go client tests against the real services:
# creates a database of its own on the server of PLENARY_TEST_DATABASE_URL,
# starts a plenary-registry, a second one that wants reader tokens, and a
# plenary-ingest on free ports; installs each client as a user would (the
# Python package into a fresh venv, offline; the Node package from its `npm
# pack` tarball into an empty folder; the Go packages in a GOPATH) and runs
# its tests; and stops the servers and drops the database whatever happens.
# Exits non-zero when anything failed.
#
#   PLENARY_TEST_DATABASE_URL=postgresql://postgres@HOST:PORT/postgres \
#     clients/run_tests.sh [REGISTRY_BINARY INGEST_BINARY]
#
# The binaries come from the arguments, else $PLENARY_REGISTRY_BIN and
# $PLENARY_INGEST_BIN, else the build/ tree beside clients/.
#
# Suites, in order: python, node, go, restart (clients/e2e/restart_test.py:
# subscribers of each language read while registries restart). Pick some
# with PLENARY_CLIENT_SUITES="go restart"; PLENARY_RESTART_REPEAT=10 repeats
# the restart test.
#
# The tests restart the registry through PLENARY_TEST_RESTART_REGISTRY, which
# runs this script as: run_tests.sh restart-registry WORK BINARY URL PORT
set -euo pipefail
script=$(cd "$(dirname "$0")" && pwd)/$(basename "$0")
clients=$(dirname "$script")

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# True while process $1 runs (a zombie has stopped running).
running() {
  local state
  state=$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null) || return 1
  [ "$state" != Z ]
}

# stop_server WORK NAME: SIGTERM, then SIGKILL if it has not stopped in 15 s.
stop_server() {
  local pid_file="$1/$2.pid" pid
  [ -f "$pid_file" ] || return 0
  pid=$(cat "$pid_file")
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 1 150); do
    running "$pid" || return 0
    sleep 0.1
  done
  echo "$2 (pid $pid) ignored SIGTERM for 15 s: killing it" >&2
  kill -KILL "$pid" 2>/dev/null || true
}

# start_server WORK NAME BINARY URL PORT [FLAGS...]: starts it on
# 127.0.0.1:PORT (0: a free port), writes WORK/NAME.pid, waits until it
# serves and prints its port. Each start logs to a file of its own.
start_server() {
  local work=$1 name=$2 binary=$3 url=$4 port=$5
  shift 5
  local log_file
  log_file=$(mktemp "$work/$name.XXXX.log")
  "$binary" --listen="127.0.0.1:$port" --database="$url" "$@" >"$log_file" 2>&1 &
  local pid=$!
  echo "$pid" >"$work/$name.pid"
  for _ in $(seq 1 300); do
    if grep -q 'serving service=[^ ]* port=' "$log_file"; then
      grep -o 'serving service=[^ ]* port=[0-9]*' "$log_file" | grep -o '[0-9]*$'
      return 0
    fi
    running "$pid" || break
    sleep 0.1
  done
  echo "$name did not start; its log:" >&2
  cat "$log_file" >&2
  return 1
}

if [ "${1:-}" = restart-registry ]; then
  work=$2 binary=$3 url=$4 port=$5
  stop_server "$work" registry
  start_server "$work" registry "$binary" "$url" "$port" >/dev/null
  exit 0
fi

: "${PLENARY_TEST_DATABASE_URL:?set it to an admin URL (database postgres) of a PostgreSQL server}"
registry_bin=${1:-${PLENARY_REGISTRY_BIN:-$clients/../build/services/registry/plenary-registry}}
ingest_bin=${2:-${PLENARY_INGEST_BIN:-$clients/../build/services/ingest/plenary-ingest}}
# Absolute: the tests restart servers from other working directories.
registry_bin=$(realpath "$registry_bin")
ingest_bin=$(realpath "$ingest_bin")
# The CLI, a subscriber of the restart test too, when it has been built.
cli_bin=${PLENARY_CLI_BIN:-$(dirname "$(dirname "$registry_bin")")/../cli/plenary}
[ -x "$cli_bin" ] && cli_bin=$(realpath "$cli_bin") || cli_bin=""
for binary in "$registry_bin" "$ingest_bin"; do
  [ -x "$binary" ] || { echo "missing server binary: $binary (build the services first)" >&2; exit 1; }
done
if ! /usr/bin/python3 -c 'import grpc, google.protobuf' 2>/dev/null; then
  echo "the Python tests need Debian's python3-grpcio and python3-protobuf" >&2
  exit 1
fi

work=$(mktemp -d /tmp/plenary-clients.XXXXXX)
database="plenary_clients_$$_$RANDOM"
url="${PLENARY_TEST_DATABASE_URL%/*}/$database"
cleanup() {
  stop_server "$work" registry
  stop_server "$work" reader-registry
  stop_server "$work" ingest
  psql -q "$PLENARY_TEST_DATABASE_URL" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT
psql -q "$PLENARY_TEST_DATABASE_URL" -c "CREATE DATABASE $database"

token="clients-test-$RANDOM$RANDOM"
printf '# the client tests publisher\n%s\n' "$token" >"$work/tokens"
log "starting plenary-registry and plenary-ingest on database $database"
registry_port=$(start_server "$work" registry "$registry_bin" "$url" 0)
ingest_port=$(start_server "$work" ingest "$ingest_bin" "$url" 0 --publisher-tokens="$work/tokens")
reader_token="clients-reader-$RANDOM$RANDOM"
printf '# the client tests reader\n%s\n' "$reader_token" >"$work/reader-tokens"
reader_port=$(start_server "$work" reader-registry "$registry_bin" "$url" 0 \
  --reader-tokens="$work/reader-tokens")
export PLENARY_REGISTRY="127.0.0.1:$registry_port" PLENARY_INGEST="127.0.0.1:$ingest_port"
export PLENARY_PUBLISHER_TOKEN="$token"
export PLENARY_READER_REGISTRY="127.0.0.1:$reader_port" PLENARY_READER_TOKEN="$reader_token"
printf -v PLENARY_TEST_RESTART_REGISTRY '%q ' \
  "$script" restart-registry "$work" "$registry_bin" "$url" "$registry_port"
export PLENARY_TEST_RESTART_REGISTRY

# Bash runs traps only between foreground commands, so each suite runs in the
# background under timeout (a hung server must fail the run, not hold it until
# CI's limit). timeout leads a process group of its own and signals all of it:
# on INT or TERM the whole suite stops before the cleanup runs.
suite_pid=""
run_suite() {
  timeout 600 "$@" &
  suite_pid=$!
  wait "$suite_pid"
}
stop_suite() {
  if [ -n "$suite_pid" ]; then
    kill -TERM "$suite_pid" 2>/dev/null || true
    wait "$suite_pid" 2>/dev/null || true
  fi
}
trap 'stop_suite; exit 130' INT
trap 'stop_suite; exit 143' TERM

failed=()
# PLENARY_CLIENT_SUITES picks suites (default: all, in this order); restart
# runs PLENARY_RESTART_REPEAT times (default 1).
suites=" ${PLENARY_CLIENT_SUITES:-python node go restart} "
wants() { [[ "$suites" == *" $1 "* ]]; }

# The Python package, installed offline into a fresh venv as a user would.
venv="$work/venv"
install_python() {
  [ -x "$venv/bin/python" ] && return 0
  /usr/bin/python3 -m venv --system-site-packages "$venv" &&
    "$venv/bin/pip" install --quiet --no-build-isolation --no-index "$clients/python"
}

if wants python; then
  log "python client: installed offline into a fresh venv, then its tests"
  # The tests run from $work, so they import the installed package, not the tree.
  if install_python; then
    run_suite env -C "$work" "$venv/bin/python" -m unittest discover \
      -s "$clients/python/tests" -v || failed+=(python)
  else
    failed+=(python-install)
  fi
fi

if wants node || wants restart; then
  if [ ! -x "$clients/node/node_modules/.bin/tsc" ]; then
    (cd "$clients/node" && npm ci --no-audit --no-fund --loglevel=error)
  fi
fi
if wants node; then
  log "node client: its tests, its types, then its npm pack tarball in an empty folder"
  run_suite node --test "$clients"/node/test/*.test.js || failed+=(node)
  mkdir -p "$work/node-generated"
  if ! protoc -I "$clients/../proto" \
      --plugin=protoc-gen-plenary_ts="$clients/node/tools/protoc-gen-plenary-ts.mjs" \
      --plenary_ts_out="$work/node-generated" "$clients"/../proto/plenary/v1/*.proto ||
    ! diff "$work/node-generated/messages.d.ts" "$clients/node/messages.d.ts" >&2; then
    echo "clients/node/messages.d.ts is stale: run node_modules/.bin/buf generate" >&2
    failed+=(node-generated)
  fi
  "$clients/node/node_modules/.bin/tsc" -p "$clients/node/test/types" || failed+=(node-types)
  # What another team does: install the tarball (and its dependencies, from
  # npm) in a folder of its own, far from the repository, and use it.
  consumer="$work/node-consumer"
  mkdir -p "$consumer"
  tarball=$(cd "$clients/node" && npm pack --silent --pack-destination "$work" | tail -n 1)
  cp "$clients/node/test/package/smoke.mjs" "$clients/node/test/types/consumer.ts" "$consumer/"
  cat >"$consumer/tsconfig.json" <<EOF
{
  "compilerOptions": {
    "strict": true, "noEmit": true, "target": "ES2022",
    "module": "NodeNext", "moduleResolution": "NodeNext",
    "types": ["node"], "typeRoots": ["$clients/node/node_modules/@types"]
  },
  "files": ["consumer.ts"]
}
EOF
  echo '{"name": "consumer", "private": true, "type": "module"}' >"$consumer/package.json"
  if (cd "$consumer" && npm install --no-audit --no-fund --loglevel=error "$work/$tarball"); then
    run_suite env -C "$consumer" node smoke.mjs || failed+=(node-package)
    "$clients/node/node_modules/.bin/tsc" -p "$consumer" || failed+=(node-package-types)
  else
    failed+=(node-package-install)
  fi
fi

# GOPATH mode: Debian's grpc-go and protobuf-go in /usr/share/gocode, no proxy.
gopath="$work/gopath"
go_src="$gopath/src/github.com/plenary-un/plenary"
go_vars=(GO111MODULE=off GOPATH="$gopath:/usr/share/gocode")
mkdir -p "$go_src/clients"
cp -r "$clients/go" "$clients/e2e" "$go_src/clients/"
if (wants go || wants restart) && ! command -v go >/dev/null; then
  echo "the Go client needs golang-go, golang-google-grpc-dev, golang-google-protobuf-dev," \
    "golang-github-golang-protobuf-1-5-dev, protoc-gen-go and protoc-gen-go-grpc" >&2
  failed+=(go-missing)
  suites=${suites/ go / }
fi
if wants go; then
  log "go client: generated code up to date, vet, tests"
  regenerated="$work/go-generated"
  mkdir -p "$regenerated"
  # buf writes "protoc (unknown)" where protoc writes its version.
  if ! protoc -I "$clients/../proto" --go_out=paths=source_relative:"$regenerated" \
      --go-grpc_out=paths=source_relative:"$regenerated" "$clients"/../proto/plenary/v1/*.proto ||
    ! diff -r -I "^//[[:space:]]*protoc[[:space:]]" "$regenerated" "$clients/go/gen" >&2; then
    echo "clients/go/gen is stale: run node_modules/.bin/buf generate" >&2
    failed+=(go-generated)
  fi
  # Another team's proto that imports Plenary's builds without M flags.
  protoc -I "$clients/../proto" -I "$clients/go/testdata" --go_out="$gopath/src" \
    "$clients/go/testdata/acme/v1/watch.proto" &&
    env "${go_vars[@]}" go build example.com/acme/gen/acme/v1 || failed+=(go-importing-proto)
  if env -C "$go_src/clients/go" "${go_vars[@]}" go vet ./...; then
    run_suite env -C "$go_src/clients/go" "${go_vars[@]}" go test -count=1 -v ./... || failed+=(go)
  else
    failed+=(go-vet)
  fi
fi

if wants restart; then
  log "restart: Python, Node, Go and CLI subscribers read while registries restart"
  go_subscriber=""  # without Go, the others still run (and go-missing fails the run)
  if command -v go >/dev/null; then
    env -C "$go_src/clients/e2e" "${go_vars[@]}" go build -o "$work/go-subscriber" ./subscriber_go &&
      go_subscriber="$work/go-subscriber" || failed+=(restart-go-build)
  fi
  if install_python; then
    run_suite env PLENARY_TEST_REGISTRY_BIN="$registry_bin" PLENARY_TEST_DATABASE="$url" \
      PLENARY_TEST_GO_SUBSCRIBER="$go_subscriber" PLENARY_TEST_CLI="$cli_bin" "$venv/bin/python" \
      "$clients/e2e/restart_test.py" --repeat "${PLENARY_RESTART_REPEAT:-1}" || failed+=(restart)
  else
    failed+=(python-install)
  fi
fi

if [ ${#failed[@]} -gt 0 ]; then
  echo "client tests failed: ${failed[*]}; server logs:" >&2
  tail -n 40 "$work"/*.log >&2
  exit 1
fi
