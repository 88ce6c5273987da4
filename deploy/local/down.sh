#!/usr/bin/env bash
# Stops what deploy/local/up.sh started: both services, then PostgreSQL.
# The data in .plenary/pgdata is kept; delete .plenary/ to start afresh.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
state=$PLENARY_ROOT/.plenary

for name in plenary-registry plenary-ingest; do
  pid_file=$state/run/$name.pid
  [ -f "$pid_file" ] || continue
  pid=$(cat "$pid_file")
  if kill -0 "$pid" 2>/dev/null; then
    log "stopping $name (pid $pid)"
    kill -TERM "$pid"
    # The services drain in-flight calls for up to 10 s after SIGTERM.
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name did not stop in time; killing it"
      kill -KILL "$pid"
    fi
  fi
  rm -f "$pid_file"
done

if [ -d "$state/pgdata" ]; then
  log "stopping PostgreSQL"
  pg_stop "$state/pgdata"
fi
