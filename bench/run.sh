#!/usr/bin/env bash
# Runs Plenary's benchmarks on this machine, each beside its baseline,
# against a throwaway PostgreSQL (and etcd for the feed's comparison):
#
#   ./bench/run.sh            all of them
#   ./bench/run.sh ingest     one: ingest, query or feed
#
# Figures go to stdout; copy them into bench/RESULTS.md with the date.
set -euo pipefail
source "$(dirname "$0")/../deploy/local/lib.sh"
cd "$PLENARY_ROOT"
which=${1:-all}

install_packages
command -v etcd >/dev/null || as_root apt-get install -y -qq etcd-server >/dev/null
build_tree "$PLENARY_ROOT/build" Release

work=$(mktemp -d /tmp/plenary-bench.XXXXXX)
etcd_pid=""
cleanup() {
  [ -n "$etcd_pid" ] && kill "$etcd_pid" 2>/dev/null || true
  pg_stop "$work/pg" || true
  rm -rf "$work"
}
trap cleanup EXIT
chmod 755 "$work"
port=$(free_port)
# A durable server, as in production: fsync stays on.
pg_start "$work/pg" "$port" -c max_connections=300 -c shared_buffers=512MB
export PLENARY_TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$port/postgres"

echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%dT%H:%MZ)"
if [ "$which" = all ] || [ "$which" = ingest ]; then
  echo
  build/bench/ingest_bench 2>/dev/null
fi
if [ "$which" = all ] || [ "$which" = query ]; then
  echo
  build/bench/query_bench 2>/dev/null
fi
if [ "$which" = all ] || [ "$which" = feed ]; then
  echo
  build/bench/feed_bench --registry_bin=build/services/registry/plenary-registry 2>/dev/null
  etcd_port=$(free_port)
  etcd --data-dir "$work/etcd" --listen-client-urls "http://127.0.0.1:$etcd_port" \
    --advertise-client-urls "http://127.0.0.1:$etcd_port" \
    --listen-peer-urls "http://127.0.0.1:$(free_port)" >"$work/etcd.log" 2>&1 &
  etcd_pid=$!
  sleep 2
  read -r _ _ p50 p99 samples < <(/usr/bin/python3 bench/etcd_watch_latency.py "127.0.0.1:$etcd_port" 1000)
  printf '%-44s p50 %s us, p99 %s us (%s samples, from put return; Python client)\n' \
    "etcd $(etcd --version | head -1 | awk '{print $3}'): put -> watch event" "$p50" "$p99" "$samples"
fi
