#!/usr/bin/env bash
# Runs every Plenary test on this machine: installs what is missing, builds,
# starts a throwaway PostgreSQL on a free port, runs the proto lint, the
# parser fuzzers, the Python, Node and Go client tests and ctest (unit,
# database, end-to-end), and removes the database whatever happens. Exits
# non-zero on any failure.
#
#   ./tests/run.sh            everything
#   ./tests/run.sh -L unit    only the ctest tests selected (arguments go to
#                             ctest; fuzzers and clients run only without)
set -euo pipefail
source "$(dirname "$0")/../deploy/local/lib.sh"
cd "$PLENARY_ROOT"

install_packages
install_node_tools
build_tree "$PLENARY_ROOT/build" Release

pg_dir=$(mktemp -d /tmp/plenary-test-pg.XXXXXX)
cleanup() {
  pg_stop "$pg_dir/data" || true
  rm -rf "$pg_dir"
}
trap cleanup EXIT
chmod 755 "$pg_dir"
port=$(free_port)
log "starting a throwaway PostgreSQL on 127.0.0.1:$port"
# Durability is irrelevant for a database that is deleted at the end.
pg_start "$pg_dir/data" "$port" -c fsync=off -c synchronous_commit=off \
  -c full_page_writes=off -c max_connections=300
export PLENARY_TEST_DATABASE_URL="postgresql://postgres@127.0.0.1:$port/postgres"
# The feed consistency test restarts the server mid-run (it runs alone).
restart="$PG_BIN/pg_ctl -D $pg_dir/data -m fast -w restart"
if [ "$(id -u)" -eq 0 ]; then restart="runuser -u postgres -- $restart"; fi
export PLENARY_TEST_PG_RESTART="$restart >/dev/null"

log "proto lint and breaking-change check (buf)"
node_modules/.bin/buf lint
# The contract as last released (tests/contract/README.md): clients in other
# languages were generated from it, so nothing may break it.
contract_release=$(ls tests/contract/plenary-v*.binpb | sort -V | tail -n 1)
node_modules/.bin/buf breaking --against "$contract_release"

if [ $# -eq 0 ]; then
  log "parser fuzzers (clang, libFuzzer)"
  cmake -S . -B build-fuzz -G Ninja -DPLENARY_FUZZ=ON -DCMAKE_CXX_COMPILER=clang++ \
    -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
  cmake --build build-fuzz
  ctest --test-dir build-fuzz --output-on-failure -L fuzz
fi

if [ $# -eq 0 ]; then
  log "client libraries (Python, Node, Go; the restart test) against the real services"
  clients/run_tests.sh build/services/registry/plenary-registry build/services/ingest/plenary-ingest
fi

log "ctest"
ctest --test-dir build --output-on-failure --timeout 600 -j "$(nproc)" "$@"
