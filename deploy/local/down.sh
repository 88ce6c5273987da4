#!/usr/bin/env bash
# Stops what deploy/local/up.sh started: both services, then PostgreSQL.
# The data in .plenary/pgdata is kept; delete .plenary/ to start afresh.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
state=$PLENARY_ROOT/.plenary

for name in plenary-registry plenary-ingest; do
  stop_service "$name" "$state/run/$name.pid"
done

if [ -d "$state/pgdata" ]; then
  log "stopping PostgreSQL"
  pg_stop "$state/pgdata"
fi
