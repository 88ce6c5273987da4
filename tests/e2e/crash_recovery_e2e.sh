#!/usr/bin/env bash
# The one-transaction rule, end to end: plenary-ingest is killed (SIGKILL)
# in the middle of a batch, restarted, and the batch sent again. Afterwards
# every document is stored once with all of its records, and the feed has
# one event per record with no gap: nothing half-stored, nothing doubled.
# Usage: crash_recovery_e2e.sh PLENARY_INGEST PLENARY_CLI
set -euo pipefail
ingest_bin=$1 cli=$2
: "${PLENARY_TEST_DATABASE_URL:?run through ./tests/run.sh}"

documents=800  # session numbers 101..900: General Assembly symbols have at most 3 digits
records_per_document=3
work=$(mktemp -d)
database=plenary_crash_$$
url="${PLENARY_TEST_DATABASE_URL%/*}/$database"
ingest_pid=""
cleanup() {
  [ -n "$ingest_pid" ] && kill -KILL "$ingest_pid" 2>/dev/null || true
  psql -q "$PLENARY_TEST_DATABASE_URL" -c "DROP DATABASE IF EXISTS $database WITH (FORCE)" || true
  rm -rf "$work"
}
trap cleanup EXIT
psql -q "$PLENARY_TEST_DATABASE_URL" -c "CREATE DATABASE $database"
sql() { psql -tA "$url" -c "$1"; }

mkdir "$work/docs"
for i in $(seq 1 "$documents"); do
  {
    printf 'Time\tResolution Number\tResolution Name\tDescription\n'
    for j in $(seq 1 "$records_per_document"); do
      printf '%d December 2009\tA/RES/%d/%d General Assembly\tCooperation item %d-%d\t' \
        "$j" "$((100 + i))" "$j" "$i" "$j"
      printf '<p>The General Assembly</p> <ul> • %d. Requests the Secretary-General to report.</ul>\n' "$j"
    done
  } >"$work/docs/table-$i.tsv"
done
printf 'e2e-token\n' >"$work/tokens"

start_ingest() {
  "$ingest_bin" --listen=127.0.0.1:0 --database="$url" --publisher-tokens="$work/tokens" \
    >>"$work/ingest.log" 2>&1 &
  ingest_pid=$!
  local port=""
  for _ in $(seq 1 100); do
    port=$(grep -o 'serving service=[^ ]* port=[0-9]*' "$work/ingest.log" | tail -1 | grep -o '[0-9]*$' || true)
    [ -n "$port" ] && break
    sleep 0.1
  done
  export PLENARY_INGEST=127.0.0.1:$port
}

start_ingest
PLENARY_PUBLISHER_TOKEN=e2e-token "$cli" ingest "$work/docs"/*.tsv >"$work/first.out" 2>&1 &
client_pid=$!
# Kill the server as soon as the first documents are in, with more still
# coming: a batch commits up to 256 at once, and all of them take a few
# hundred milliseconds.
for _ in $(seq 1 500); do
  [ "$(sql 'SELECT count(*) FROM documents' 2>/dev/null || echo 0)" -ge 1 ] && break
  sleep 0.01
done
kill -KILL "$ingest_pid"
wait "$ingest_pid" 2>/dev/null || true
wait "$client_pid" 2>/dev/null || true
# A COMMIT sent just before the kill may still land: count once the dead
# server's sessions are gone.
for _ in $(seq 1 100); do
  [ "$(psql -tA "$PLENARY_TEST_DATABASE_URL" -c \
      "SELECT count(*) FROM pg_stat_activity WHERE datname = '$database'")" -eq 0 ] && break
  sleep 0.05
done
stored_at_crash=$(sql 'SELECT count(*) FROM documents')
: >"$work/ingest.log"  # the restarted server writes its own port line

source "$(dirname "$0")/checks.sh"
no_half_stored_document() {
  test "$(sql "SELECT count(*) FROM documents d WHERE (SELECT count(*) FROM document_entries e
               WHERE e.document_id = d.id) <> $records_per_document")" -eq 0
}
feed_is_gap_free() {
  test "$(sql 'SELECT count(*) = max(position) AND min(position) = 1
               AND max(position) = (SELECT position FROM feed_head) FROM feed_events')" = t
}

check "the crash came mid-batch ($stored_at_crash of $documents stored)" \
  test "$stored_at_crash" -gt 0 -a "$stored_at_crash" -lt "$documents"
check "no document is half-stored after the crash" no_half_stored_document
check "the feed is gap-free after the crash" feed_is_gap_free

start_ingest
PLENARY_PUBLISHER_TOKEN=e2e-token "$cli" ingest "$work/docs"/*.tsv >"$work/second.out" 2>&1 \
  && second_exit=0 || second_exit=$?
check "the batch sent again succeeds" test "$second_exit" -eq 0
check "documents stored before the crash answer as duplicates" \
  test "$(grep -c 'already stored' "$work/second.out")" -eq "$stored_at_crash"
check "every document is stored once" test "$(sql 'SELECT count(*) FROM documents')" -eq "$documents"
check "every record is stored once" \
  test "$(sql 'SELECT count(*) FROM resolutions')" -eq $((documents * records_per_document))
check "no document is half-stored" no_half_stored_document
check "one feed event per record" \
  test "$(sql 'SELECT count(*) FROM feed_events')" -eq $((documents * records_per_document))
check "the feed is gap-free" feed_is_gap_free
kill -TERM "$ingest_pid"
wait "$ingest_pid" || true
ingest_pid=""

summary "crash recovery" || { tail -20 "$work/ingest.log"; exit 1; }
