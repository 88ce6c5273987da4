#!/usr/bin/env bash
# End-to-end: what an operations team sees of the real plenary-registry and
# plenary-ingest binaries. A few calls of each kind (unary, server stream,
# bidi stream, a cancelled health Watch), then:
#   - /metrics of both services passes `promtool check metrics`, and the
#     conventional gRPC series count exactly those calls;
#   - Plenary's own series (feed, ingestion, pool, process, build info);
#   - deploy/k8s/components/monitoring: `promtool check rules` passes and
#     `promtool test rules` (alert_rules_test.yaml) shows the alerts fire
#     when they should; the dashboard is valid JSON, its queries parse; every
#     metric its queries and the rules name is one the services export;
#   - reflection, v1 and v1alpha: `buf curl --list-methods` against both
#     services, and a call to the health service described by reflection;
#   - `plenary top --once` reads both services' metrics.
# Usage: observability_e2e.sh PLENARY_REGISTRY PLENARY_INGEST PLENARY_CLI
# Needs PLENARY_TEST_DATABASE_URL (tests/run.sh), promtool (Debian package
# prometheus) and buf (npm, node_modules/.bin/buf; tests/run.sh installs it).
set -euo pipefail
registry_bin=$1 ingest_bin=$2 cli=$3
: "${PLENARY_TEST_DATABASE_URL:?run through ./tests/run.sh}"
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
monitoring=$root/deploy/k8s/components/monitoring
buf=$root/node_modules/.bin/buf
[ -x "$buf" ] || buf=${PLENARY_BUF:-$buf}

work=$(mktemp -d)
database=plenary_obs_$$
url="${PLENARY_TEST_DATABASE_URL%/*}/$database"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  psql -q "$PLENARY_TEST_DATABASE_URL" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT
psql -q "$PLENARY_TEST_DATABASE_URL" -c "CREATE DATABASE $database"

source "$here/checks.sh"

# start NAME BINARY [FLAGS...]: starts it with gRPC and metrics on free
# ports; sets NAME_pid, NAME_port and NAME_metrics.
start() {
  local name=$1 binary=$2
  shift 2
  "$binary" --listen=127.0.0.1:0 --metrics-listen=127.0.0.1:0 --database="$url" "$@" \
    >"$work/$name.log" 2>&1 &
  local pid=$!
  pids+=("$pid")
  local port="" metrics=""
  for _ in $(seq 1 100); do
    port=$(grep -o 'serving service=[^ ]* port=[0-9]*' "$work/$name.log" | grep -o '[0-9]*$' || true)
    metrics=$(grep -o 'serving metrics port=[0-9]*' "$work/$name.log" | grep -o '[0-9]*$' || true)
    [ -n "$port" ] && [ -n "$metrics" ] && break
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  printf -v "${name}_pid" '%s' "$pid"
  printf -v "${name}_port" '%s' "$port"
  printf -v "${name}_metrics" '%s' "$metrics"
}

scrape() {  # scrape NAME: /metrics of NAME into $work/NAME.metrics
  local port_var=${1}_metrics
  /usr/bin/python3 -c "import urllib.request,sys; sys.stdout.write(urllib.request.urlopen(
    'http://127.0.0.1:${!port_var}/metrics').read().decode())" >"$work/$1.metrics"
}

query() {  # query NAME SELECTOR: the sum of the matching series in NAME's last scrape
  /usr/bin/python3 "$here/metrics_query.py" "$work/$1.metrics" value "$2"
}

expect() {  # expect NAME SELECTOR VALUE: a named check that the sum is VALUE
  local got
  got=$(query "$1" "$2")
  check "$1: $2 = $3 (got $got)" test "$got" = "$3"
}

start registry "$registry_bin"
printf 'obs-token\n' >"$work/tokens"
start ingest "$ingest_bin" --publisher-tokens="$work/tokens"
export PLENARY_REGISTRY=127.0.0.1:$registry_port PLENARY_INGEST=127.0.0.1:$ingest_port
check "both services serve metrics" test -n "$registry_metrics" -a -n "$ingest_metrics"

# --- calls of each kind --------------------------------------------------------
# unary, ingest: one stored, one refused (a binary file), one duplicate.
printf 'Time\tResolution Number\tResolution Name\tDescription\n%s\t%s\t%s\t%s\n' \
  '21 December 2009' 'A/RES/64/222 General Assembly' \
  '64/222. Nairobi outcome document of the High-level Conference' \
  '<p>The General Assembly</p> <ul> • 16. We welcome efforts.</ul>' >"$work/table.tsv"
printf '\x89PNG\r\n\x1a\n\x00\x00binary' >"$work/picture.png"
mkdir -p "$work/drop"
cp "$work/table.tsv" "$work/picture.png" "$work/drop/"
PLENARY_PUBLISHER_TOKEN=obs-token "$cli" ingest --watch "$work/drop" --once >/dev/null 2>&1 || true
# bidi stream, ingest: the same document again, as a batch of one.
PLENARY_PUBLISHER_TOKEN=obs-token "$cli" ingest "$work/table.tsv" >"$work/again.out" 2>&1 || true
check "the second ingest is a duplicate" grep -q 'already stored' "$work/again.out"
# unary, registry: 3 found, 2 not found.
for _ in 1 2 3; do "$cli" get 64/222 >/dev/null 2>&1 || true; done
for _ in 1 2; do "$cli" get 99/999 >/dev/null 2>&1 || true; done
# unary, health Check on both services, once each.
"$cli" status >/dev/null 2>&1 || true
# server stream, cancelled by the client: Subscribe, twice.
for _ in 1 2; do timeout 2 "$cli" watch --from_beginning >/dev/null 2>&1 || true; done
# the health service's Watch, cancelled by the client (buf curl, via reflection).
if [ -x "$buf" ]; then
  timeout 2 "$buf" curl --protocol grpc --http2-prior-knowledge \
    "http://127.0.0.1:$registry_port/grpc.health.v1.Health/Watch" >"$work/watch.out" 2>&1 || true
  check "a health Watch is described and answered through reflection" \
    grep -q '"status": "SERVING"' "$work/watch.out"
else
  fail "buf is installed (node_modules/.bin/buf; tests/run.sh installs it)"
fi

# Methods no .proto declares, as a hostile client may send them by the
# thousand: they must not add series.
/usr/bin/python3 - "127.0.0.1:$registry_port" <<'PY' || true
import sys, grpc
channel = grpc.insecure_channel(sys.argv[1])
for i in range(2):
    try:
        channel.unary_unary("/evil.Service/Method%d" % i)(b"", timeout=5)
    except grpc.RpcError:
        pass
PY

# Cancellations reach the server a moment after the client goes.
registry_streams='grpc_server_handled_total{grpc_service="plenary.v1.FeedService",grpc_method="Subscribe"}'
health_watches='grpc_server_handled_total{grpc_service="grpc.health.v1.Health",grpc_method="Watch"}'
for _ in $(seq 1 50); do
  scrape registry
  [ "$(query registry "$registry_streams")" = 2 ] && [ "$(query registry "$health_watches")" = 1 ] && break
  sleep 0.1
done
scrape ingest

# --- the exposition itself ---------------------------------------------------------
for name in registry ingest; do
  check "$name: promtool check metrics passes" \
    bash -c 'promtool check metrics <"$1" >"$1.promtool" 2>&1 || { cat "$1.promtool"; false; }' \
    _ "$work/$name.metrics"
  check "$name: every metric has HELP" bash -c \
    'test "$(grep -c "^# HELP " "$1")" -eq "$(grep -c "^# TYPE " "$1")"' _ "$work/$name.metrics"
done

# --- the conventional gRPC series --------------------------------------------------
get='{grpc_type="unary",grpc_service="plenary.v1.RegistryService",grpc_method="GetResolution"'
expect registry "grpc_server_started_total$get}" 5
expect registry "grpc_server_handled_total$get}" 5
expect registry "grpc_server_handled_total$get,grpc_code=\"OK\"}" 3
expect registry "grpc_server_handled_total$get,grpc_code=\"NotFound\"}" 2
expect registry "grpc_server_handling_seconds_count$get}" 5
expect registry "grpc_server_msg_received_total$get}" 5
expect registry "grpc_server_msg_sent_total$get}" 3
subscribe='{grpc_type="server_stream",grpc_service="plenary.v1.FeedService",grpc_method="Subscribe"'
expect registry "grpc_server_started_total$subscribe}" 2
expect registry "grpc_server_handled_total$subscribe,grpc_code=\"Canceled\"}" 2
expect registry "grpc_server_stream_duration_seconds_count$subscribe}" 2
expect registry "grpc_server_handling_seconds_count$subscribe}" 0
expect registry "grpc_server_msg_received_total$subscribe}" 2
# each stream: a PROGRESS event, then the one resolution
check "registry: each Subscribe sent its events" \
  test "$(query registry "grpc_server_msg_sent_total$subscribe}")" -ge 4
check "registry: a method never called has its series at zero" grep -q \
  '^grpc_server_started_total{grpc_method="Search",grpc_service="plenary.v1.RegistryService",grpc_type="unary"} 0$' \
  "$work/registry.metrics"
expect registry 'grpc_server_started_total{grpc_service="unknown",grpc_method="unknown"}' 2
check "registry: methods no .proto declares add no series of their own" \
  bash -c '! grep -q evil "$1"' _ "$work/registry.metrics"
health='{grpc_service="grpc.health.v1.Health"'
expect registry "grpc_server_handled_total$health,grpc_method=\"Check\",grpc_type=\"unary\",grpc_code=\"OK\"}" 1
expect registry "grpc_server_handled_total$health,grpc_method=\"Watch\",grpc_type=\"server_stream\",grpc_code=\"Canceled\"}" 1
expect registry "grpc_server_handled_total{grpc_code=\"Unknown\"}" 0
expect ingest "grpc_server_handled_total$health,grpc_method=\"Check\",grpc_code=\"OK\"}" 1
one='{grpc_type="unary",grpc_service="plenary.v1.IngestService",grpc_method="IngestDocument"'
expect ingest "grpc_server_started_total$one}" 2
expect ingest "grpc_server_handled_total$one,grpc_code=\"OK\"}" 1
expect ingest "grpc_server_handled_total$one,grpc_code=\"InvalidArgument\"}" 1
many='{grpc_type="bidi_stream",grpc_service="plenary.v1.IngestService",grpc_method="IngestDocuments"'
expect ingest "grpc_server_handled_total$many,grpc_code=\"OK\"}" 1
expect ingest "grpc_server_msg_received_total$many}" 1
expect ingest "grpc_server_msg_sent_total$many}" 1
expect ingest "grpc_server_stream_duration_seconds_count$many}" 1

# --- Plenary's own -------------------------------------------------------------------
expect ingest 'plenary_ingest_documents_total{outcome="stored"}' 1
expect ingest 'plenary_ingest_documents_total{outcome="duplicate"}' 1
expect ingest 'plenary_ingest_documents_total{outcome="refused",reason="content"}' 1
expect ingest 'plenary_ingest_parsed_documents_total{media_type="text/tab-separated-values"}' 1
expect ingest 'plenary_ingest_parse_seconds_count{media_type="text/tab-separated-values"}' 1
check "registry: the feed head is the one event" test "$(query registry plenary_feed_head_position)" = 1
expect registry plenary_feed_subscribers 0
expect registry plenary_feed_events_delivered_total 2
expect registry plenary_feed_lag_seconds_count 1
expect registry 'plenary_feed_events_read_total{source="window"}' 2
for name in registry ingest; do
  expect "$name" 'plenary_db_pool_connections_max{pool="primary"}' 8
  check "$name: the pool's waits are timed" \
    test "$(query "$name" 'plenary_db_pool_wait_seconds_count{pool="primary"}')" != 0
  expect "$name" "plenary_build_info{service=\"plenary-$name\"}" 1
  check "$name: process metrics" bash -c \
    'grep -q "^process_resident_memory_bytes [1-9]" "$1" && grep -q "^process_cpu_seconds_total " "$1" &&
     grep -q "^process_start_time_seconds 1[0-9]" "$1" && grep -q "^process_open_fds [1-9]" "$1"' \
    _ "$work/$name.metrics"
done

# --- dashboard and alert rules ----------------------------------------------------------
cat "$work/registry.metrics" "$work/ingest.metrics" >"$work/both.metrics"
# The PrometheusRule's spec is a plain rules file.
/usr/bin/python3 -c 'import sys, yaml; yaml.safe_dump(yaml.safe_load(open(sys.argv[1]))["spec"],
  open(sys.argv[2], "w"))' "$monitoring/prometheus-rule.yaml" "$work/rules.yaml"
check "monitoring: promtool check rules passes on the alert rules" \
  promtool check rules "$work/rules.yaml"
check "monitoring: the dashboard is valid JSON" \
  /usr/bin/python3 -m json.tool "$monitoring/plenary-dashboard.json" /dev/null
cp "$here/alert_rules_test.yaml" "$work/"
check "monitoring: the alerts fire on what should trip them (promtool test rules)" \
  bash -c 'cd "$1" && promtool test rules alert_rules_test.yaml' _ "$work"
# The dashboard's queries as recording rules, for promtool to parse.
/usr/bin/python3 "$here/metrics_query.py" - dashboard-rules "$monitoring/plenary-dashboard.json" \
  "$work/dashboard-rules.yaml"
check "monitoring: every dashboard query is valid PromQL (promtool)" \
  promtool check rules "$work/dashboard-rules.yaml"
check "monitoring: every metric the dashboard and the rules query is exported" \
  /usr/bin/python3 "$here/metrics_query.py" "$work/both.metrics" queries \
  "$monitoring/plenary-dashboard.json" "$work/rules.yaml"

# --- reflection ---------------------------------------------------------------------------
if [ -x "$buf" ]; then
  for name in registry ingest; do
    port_var=${name}_port
    for protocol in grpc-v1 grpc-v1alpha; do
      "$buf" curl --protocol grpc --http2-prior-knowledge --reflect-protocol "$protocol" \
        --list-methods "http://127.0.0.1:${!port_var}" >"$work/$name.$protocol.methods" 2>&1 || true
      check "$name: buf curl --list-methods over $protocol lists the health service" \
        grep -qx 'grpc.health.v1.Health/Check' "$work/$name.$protocol.methods"
    done
    check "$name: and its own methods" grep -q '^plenary.v1.' "$work/$name.grpc-v1.methods"
    "$buf" curl --protocol grpc --http2-prior-knowledge --reflect-protocol grpc-v1 \
      "http://127.0.0.1:${!port_var}/grpc.health.v1.Health/Check" >"$work/$name.check" 2>&1 || true
    check "$name: the health service is described by reflection v1" \
      grep -q '"status": "SERVING"' "$work/$name.check"
  done
fi

# --- plenary top ------------------------------------------------------------------------
"$cli" top --once --interval-seconds=1 --registry-metrics="127.0.0.1:$registry_metrics" \
  --ingest-metrics="127.0.0.1:$ingest_metrics" >"$work/top.out" 2>&1 || true
check "plenary top shows the feed head" grep -q '^  feed head      1 ' "$work/top.out"
check "and the subscribers" grep -q '^  subscribers    0 ' "$work/top.out"
check "and the ingest rate" grep -q '^  ingest         0.0/s   stored' "$work/top.out"
check "and the calls and errors of both" \
  test "$(grep -c '^  calls .* server errors ' "$work/top.out")" -eq 2

if ! summary observability; then
  for name in registry ingest; do
    echo "--- $name log"; tail -50 "$work/$name.log"
    echo "--- $name metrics (grpc_ and plenary_)"; grep -E '^(grpc|plenary)_' "$work/$name.metrics" | grep -v _bucket
  done
  for file in "$work"/*.methods "$work"/*.check "$work"/watch.out "$work"/top.out; do
    [ -f "$file" ] && { echo "--- $file"; cat "$file"; }
  done
  exit 1
fi
