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

source "$(dirname "$0")/checks.sh"

# start NAME BINARY [FLAGS...]: starts it on a free port, sets NAME_pid and
# NAME_port.
start() {
  local name=$1 binary=$2
  shift 2
  "$binary" --listen=127.0.0.1:0 --database="$url" "$@" >"$work/$name.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  local port=""
  for _ in $(seq 1 100); do
    port=$(grep -o 'serving service=[^ ]* port=[0-9]*' "$work/$name.log" | grep -o '[0-9]*$' || true)
    [ -n "$port" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  printf -v "${name}_pid" '%s' "$pid"
  printf -v "${name}_port" '%s' "$port"
}

start registry "$registry_bin" --metrics-listen=127.0.0.1:0
printf '# publishers\ne2e-token\n' >"$work/tokens"
start ingest "$ingest_bin" --publisher-tokens="$work/tokens"
export PLENARY_REGISTRY=127.0.0.1:$registry_port PLENARY_INGEST=127.0.0.1:$ingest_port

check "both services report SERVING" "$cli" status
"$cli" status >"$work/status.out" || true
check "status names both services" grep -q $'plenary-registry\tSERVING' "$work/status.out"
check "the registry logs one line per request" \
  grep -q 'rpc method=/grpc.health.v1.Health/Check code=0' "$work/registry.log"
migrations=$(find "$(dirname "$0")/../../storage/migrations" -name '[0-9]*.sql' | wc -l)
check "every migration was applied once" \
  test "$(psql -tA "$url" -c 'SELECT count(DISTINCT version) FROM schema_migrations')" -eq "$migrations"

# A document in, its records out: through the CLI, as a publisher would.
printf 'Time\tResolution Number\tResolution Name\tDescription\n%s\t%s\t%s\t%s\n' \
  '21 December 2009' 'A/RES/64/222 General Assembly' \
  '64/222. Nairobi outcome document of the High-level Conference' \
  '<p>The General Assembly</p> <ul> • 16. We welcome efforts.</ul>' >"$work/table.tsv"
"$cli" get 64/222 >"$work/missing.out" 2>&1 || true
check "an unknown symbol is NOT_FOUND" grep -q '^plenary: NOT_FOUND: .*64/222' "$work/missing.out"
"$cli" ingest "$work/table.tsv" >"$work/anonymous.out" 2>&1 || true
check "ingest without a token is UNAUTHENTICATED" grep -q 'UNAUTHENTICATED' "$work/anonymous.out"
PLENARY_PUBLISHER_TOKEN=e2e-token "$cli" ingest "$work/table.tsv" >"$work/ingest.out" 2>&1 || true
check "ingest with a token stores the resolution" grep -q 'resolution A/RES/64/222' "$work/ingest.out"
PLENARY_PUBLISHER_TOKEN=e2e-token "$cli" ingest "$work/table.tsv" >"$work/again.out" 2>&1 || true
check "the same document again is a duplicate" grep -q 'already stored' "$work/again.out"
"$cli" get 64/222 >"$work/get.out" 2>&1 || true
check "the registry serves what was ingested" grep -q '^A/RES/64/222  (revision 1)' "$work/get.out"
check "with its adoption date" grep -q 'adopted: 2009-12-21' "$work/get.out"

# Meeting coverage reports the vote: recorded on the resolution, which is
# then listed by how a Member State voted.
cat >"$work/coverage.txt" <<'COVERAGE'
General Assembly
GA/10910
21 December 2009

Sixty-fourth session
66th Meeting (AM)

GENERAL ASSEMBLY ENDORSES NAIROBI OUTCOME OF SOUTH-SOUTH CONFERENCE

The General Assembly today adopted resolution 64/222 by a recorded vote of 150 in favour to
2 against (Israel, United States), with 3 abstentions (Australia, Canada, Japan).
COVERAGE
PLENARY_PUBLISHER_TOKEN=e2e-token "$cli" ingest "$work/coverage.txt" >"$work/coverage.out" 2>&1 || true
"$cli" statement GA/10910 >"$work/release.out" 2>&1 || true
check "a release is found by its press symbol" grep -q 'press: *GA/10910' "$work/release.out"
"$cli" get 64/222 >"$work/voted.out" 2>&1 || true
check "the vote it reports is on the resolution" grep -q 'vote: *recorded: 150 in favour' "$work/voted.out"
"$cli" list --voted='United States:against' >"$work/against.out" 2>&1 || true
check "list --voted selects by how a Member State voted" grep -q '^A/RES/64/222 ' "$work/against.out"
"$cli" list --voted=JPN:in_favour >"$work/in_favour.out" 2>&1 || true
check "and leaves out what it did not vote" test ! -s "$work/in_favour.out"

# The feed, as a person and as a script read it.
timeout 3 "$cli" watch --from_beginning >"$work/watch.out" 2>&1 || true
check "watch shows the new resolution" grep -qE 'new +A/RES/64/222 r1 ' "$work/watch.out"
check "and its revision with the vote" grep -qE 'revised +A/RES/64/222 r2 ' "$work/watch.out"
timeout 3 "$cli" watch --from_beginning --json >"$work/watch.json" 2>&1 || true
check "watch --json prints one object per line" \
  /usr/bin/python3 -c 'import json,sys; [json.loads(l) for l in open(sys.argv[1])]' "$work/watch.json"
check "with the entry and its cursor" grep -q '"symbol":"A/RES/64/222".*' "$work/watch.json"

# The drop folder: good files to done/, refused ones to failed/ with a reason.
mkdir -p "$work/drop"
fixtures=$(dirname "$0")/../fixtures/documents
cp "$fixtures"/* "$work/drop/"
printf '\x89PNG\r\n\x1a\n\x00\x00binary' >"$work/drop/picture.png"
: >"$work/drop/empty.txt"
PLENARY_PUBLISHER_TOKEN=e2e-token "$cli" ingest --watch "$work/drop" --once \
  >"$work/drop.out" 2>"$work/drop.err" && drop_exit=0 || drop_exit=$?
check "the drop folder reports its refusals" test "$drop_exit" -eq 1
check "every fixture went to done/" \
  test "$(ls "$work/drop/done" | wc -l)" -eq "$(ls "$fixtures" | wc -l)"
check "the binary file went to failed/" test -f "$work/drop/failed/picture.png"
check "with the reason beside it" grep -q 'INVALID_ARGUMENT' "$work/drop/failed/picture.png.reason"
check "the empty file went to failed/" grep -q 'empty' "$work/drop/failed/empty.txt.reason"
check "nothing is left in the drop folder" \
  test -z "$(find "$work/drop" -maxdepth 1 -type f)"
PLENARY_PUBLISHER_TOKEN=e2e-token "$cli" ingest "$fixtures"/* >"$work/batch.out" 2>&1 \
  && batch_exit=0 || batch_exit=$?
check "ingesting the fixtures again as a batch succeeds" test "$batch_exit" -eq 0
check "and finds them all stored already" \
  test "$(grep -c 'already stored' "$work/batch.out")" -eq "$(ls "$fixtures" | wc -l)"

# A second server on a taken port must fail loudly, not share the port.
set +e
"$registry_bin" --listen=127.0.0.1:"$registry_port" --database="$url" >"$work/taken.log" 2>&1
taken_exit=$?
"$registry_bin" --database="postgresql://nobody@127.0.0.1:1/none?connect_timeout=2" \
  >"$work/nodb.log" 2>&1
nodb_exit=$?
"$registry_bin" >"$work/nourl.log" 2>&1 </dev/null
nourl_exit=$?
"$ingest_bin" --database="$url" --listen=127.0.0.1:0 >"$work/noauth.log" 2>&1
noauth_exit=$?
set -e
check "a taken port is an error" test "$taken_exit" -eq 1
check "the error says the port is taken" grep -q 'port is taken' "$work/taken.log"
check "an unreachable database is an error" test "$nodb_exit" -eq 1
check "the error names the database" grep -q 'cannot migrate the database' "$work/nodb.log"
check "a missing database URL is a configuration error" test "$nourl_exit" -eq 2
check "ingest without a token file is a configuration error" test "$noauth_exit" -eq 2
check "which says how to fix it" grep -q -- '--publisher-tokens' "$work/noauth.log"

# Reflection: a generic tool calls the registry without the .proto files.
buf=$(dirname "$0")/../../node_modules/.bin/buf
if [ -x "$buf" ]; then
  "$buf" curl --protocol grpc --http2-prior-knowledge --data '{"symbol": "64/222"}' \
    "http://127.0.0.1:$registry_port/plenary.v1.RegistryService/GetResolution" \
    >"$work/curl.out" 2>&1 || true
  check "buf curl finds the service by reflection" grep -q '"symbol": "A/RES/64/222"' "$work/curl.out"
else
  check "buf is installed (tests/run.sh installs it)" false
fi

# Metrics, as Prometheus scrapes them.
metrics_port=$(grep -o 'serving metrics port=[0-9]*' "$work/registry.log" | grep -o '[0-9]*$')
/usr/bin/python3 -c "import urllib.request,sys; sys.stdout.write(urllib.request.urlopen(
  'http://127.0.0.1:$metrics_port/metrics').read().decode())" >"$work/metrics.txt" 2>&1 || true
check "metrics count requests by method and code" \
  grep -q 'grpc_server_handled_total{grpc_code="OK",grpc_method="GetResolution",grpc_service="plenary.v1.RegistryService",grpc_type="unary"}' \
  "$work/metrics.txt"
check "with latency histograms" grep -q 'grpc_server_handling_seconds_bucket' "$work/metrics.txt"
check "open feed streams, the feed head and lag, and the database pool" \
  bash -c "grep -q '^plenary_feed_subscribers ' '$work/metrics.txt' &&
           grep -q '^plenary_feed_head_position [1-9]' '$work/metrics.txt' &&
           grep -q '^plenary_feed_lag_seconds_count [1-9]' '$work/metrics.txt' &&
           grep -q '^plenary_db_pool_connections_open{pool=\"primary\"} ' '$work/metrics.txt'"
# (tests/e2e/observability_e2e.sh checks the metrics in detail.)

# TLS, as an operator turns it on: the real binary, the CLI trusting the CA.
(cd "$work" && openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=e2e-ca \
   -keyout ca.key -out ca.pem 2>/dev/null &&
 openssl req -newkey rsa:2048 -nodes -subj /CN=localhost -keyout tls.key -out tls.csr 2>/dev/null &&
 printf 'subjectAltName=IP:127.0.0.1' >san.ext &&
 openssl x509 -req -in tls.csr -CA ca.pem -CAkey ca.key -CAcreateserial -days 2 \
   -extfile san.ext -out tls.pem 2>/dev/null)
start tls_registry "$registry_bin" --tls-cert="$work/tls.pem" --tls-key="$work/tls.key"
PLENARY_REGISTRY=127.0.0.1:$tls_registry_port "$cli" --tls-ca="$work/ca.pem" get 64/222 \
  >"$work/tls.out" 2>&1 || true
check "a TLS registry answers a client that trusts its CA" grep -q '^A/RES/64/222' "$work/tls.out"
PLENARY_REGISTRY=127.0.0.1:$tls_registry_port "$cli" get 64/222 >"$work/plain.out" 2>&1 || true
check "and refuses plaintext" grep -q 'UNAVAILABLE' "$work/plain.out"
kill -TERM "$tls_registry_pid"
wait "$tls_registry_pid" || true

# A subscriber is connected when the registry stops: its stream must end at
# once with UNAVAILABLE (so it moves to another replica), not hold the
# shutdown for the whole grace period.
"$cli" watch >"$work/watching.out" 2>&1 &
watch_pid=$!
sleep 0.5
stop_started=$(date +%s%N)
for name in registry ingest; do
  pid_var=${name}_pid
  kill -TERM "${!pid_var}"
  status=0
  wait "${!pid_var}" || status=$?
  check "$name stops cleanly on SIGTERM" test "$status" -eq 0
  check "$name logs its stop" grep -q 'stopped' "$work/$name.log"
done
stop_ms=$(( ($(date +%s%N) - stop_started) / 1000000 ))
check "open feed streams do not hold up the shutdown (${stop_ms} ms)" test "$stop_ms" -lt 5000
sleep 0.3
kill "$watch_pid" 2>/dev/null || true
wait "$watch_pid" 2>/dev/null || true
check "the subscriber was told UNAVAILABLE and tried to resume" \
  grep -q 'feed interrupted (UNAVAILABLE)' "$work/watching.out"
check "no process is left behind" bash -c "! kill -0 $registry_pid 2>/dev/null && ! kill -0 $ingest_pid 2>/dev/null"

if ! summary e2e; then
  echo "--- registry log"; cat "$work/registry.log"
  echo "--- ingest log"; cat "$work/ingest.log"
  exit 1
fi
