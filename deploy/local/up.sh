#!/usr/bin/env bash
# Starts Plenary on this machine: installs what is missing, builds, starts a
# private PostgreSQL under .plenary/, migrates, and starts plenary-registry
# and plenary-ingest on 127.0.0.1. Safe to re-run: what already runs is left
# running, except a service whose binary the build has just replaced, which
# is restarted. ./deploy/local/down.sh stops everything.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$PLENARY_ROOT"

state=$PLENARY_ROOT/.plenary
mkdir -p "$state/logs" "$state/run"
chmod 755 "$state"

install_packages
build_tree "$PLENARY_ROOT/build" Release
bin=$PLENARY_ROOT/build

# Ports chosen on the first run are kept, so addresses stay the same.
if [ -f "$state/ports" ]; then source "$state/ports"; fi
if ! pg_running "$state/pgdata"; then
  PG_PORT=$(free_port "${PG_PORT:-55432}")
  log "starting PostgreSQL on 127.0.0.1:$PG_PORT ($state/pgdata)"
  pg_start "$state/pgdata" "$PG_PORT"
fi
database_url="postgresql://postgres@127.0.0.1:$PG_PORT/plenary"
if ! as_pg_user "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'plenary'" postgres | grep -q 1; then
  as_pg_user "$PG_BIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc \
    "CREATE DATABASE plenary" postgres
fi
log "applying migrations"
"$bin/services/registry/plenary-registry" --database="$database_url" --migrate 2>>"$state/logs/migrate.log"

# Publishers authenticate with a token; local mode makes one on first run.
tokens=$state/publisher-tokens
if [ ! -s "$tokens" ]; then
  (umask 077 && printf '# plenary-ingest publisher tokens, one per line\n%s\n' \
    "$(od -An -N24 -tx1 /dev/urandom | tr -d ' \n')" >"$tokens")
fi
publisher_token=$(grep -v '^#' "$tokens" | head -1)

# start_service NAME BINARY PORT_VARIABLE DEFAULT_PORT [FLAGS...]
start_service() {
  local name=$1 binary=$2 port_var=$3 default_port=$4
  shift 4
  local pid_file=$state/run/$name.pid
  if [ -f "$pid_file" ]; then
    # The pid file may be stale, its pid now another program's: only a
    # process running this binary is ours. A rebuild replaces the file, and
    # the running process's executable then reads "(deleted)".
    local running ours
    running=$(readlink "/proc/$(cat "$pid_file")/exe" 2>/dev/null || true)
    ours=$(readlink -f "$binary")
    if [ "$running" = "$ours" ]; then
      log "$name already running (pid $(cat "$pid_file"))"
      return
    elif [ "$running" = "$ours (deleted)" ]; then
      log "$name was rebuilt: restarting it"
      stop_service "$name" "$pid_file"
    fi
  fi
  local port
  port=$(free_port "${!port_var:-$default_port}")
  printf -v "$port_var" '%s' "$port"
  log "starting $name on 127.0.0.1:$port"
  nohup "$binary" --listen="127.0.0.1:$port" --database="$database_url" "$@" \
    >>"$state/logs/$name.log" 2>&1 &
  echo $! >"$pid_file"
}
start_service plenary-registry "$bin/services/registry/plenary-registry" REGISTRY_PORT 50051
start_service plenary-ingest "$bin/services/ingest/plenary-ingest" INGEST_PORT 50052 \
  --publisher-tokens="$tokens"

cat >"$state/ports" <<PORTS
PG_PORT=$PG_PORT
REGISTRY_PORT=$REGISTRY_PORT
INGEST_PORT=$INGEST_PORT
PORTS
(umask 077 && cat >"$state/env") <<ENV
export PLENARY_REGISTRY=127.0.0.1:$REGISTRY_PORT
export PLENARY_INGEST=127.0.0.1:$INGEST_PORT
export PLENARY_DATABASE_URL=$database_url
export PLENARY_PUBLISHER_TOKEN=$publisher_token
export PATH="$bin/cli:\$PATH"
ENV

source "$state/env"
for _ in $(seq 1 50); do
  if "$bin/cli/plenary" status >/dev/null 2>&1; then break; fi
  sleep 0.2
done
"$bin/cli/plenary" status || {
  echo "a service did not come up; see $state/logs/" >&2
  exit 1
}
cat <<DONE

Plenary is running.
  plenary-registry  127.0.0.1:$REGISTRY_PORT   (RegistryService, FeedService)
  plenary-ingest    127.0.0.1:$INGEST_PORT   (IngestService)
  PostgreSQL        $database_url
  publisher tokens  $tokens
  logs              $state/logs/

Try:
  source .plenary/env
  plenary status
  plenary ingest tests/fixtures/documents/*
  plenary get 62/195
Stop everything with ./deploy/local/down.sh
DONE
