# Shell functions shared by deploy/local/up.sh, down.sh and tests/run.sh.
# Source it; it sets PLENARY_ROOT and PG_BIN.

PLENARY_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PG_BIN=/usr/lib/postgresql/15/bin

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}

# Installs the apt packages in deploy/local/apt-packages.txt that are missing.
install_packages() {
  local missing=() package
  while read -r package; do
    case "$package" in ''|'#'*) continue ;; esac
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q 'install ok installed' \
      || missing+=("$package")
  done < "$PLENARY_ROOT/deploy/local/apt-packages.txt"
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
      "${missing[@]}" >/dev/null
  fi
}

# Installs the npm tools (buf) listed in package-lock.json when missing.
install_node_tools() {
  if ! command -v npm >/dev/null; then
    echo "npm is missing: install Node.js 20 (it comes with npm)" >&2
    return 1
  fi
  if [ ! -x "$PLENARY_ROOT/node_modules/.bin/buf" ]; then
    log "installing buf from npm"
    # Not npm ci: it rejects this lock file, which lists only the optional
    # per-platform buf packages that were installed here.
    (cd "$PLENARY_ROOT" && npm install --no-audit --no-fund --loglevel=error)
  fi
}

# Configures and builds into $1 with build type $2 (Release by default).
build_tree() {
  local dir=$1 type=${2:-Release}
  log "building ($type) in $dir"
  cmake -S "$PLENARY_ROOT" -B "$dir" -G Ninja -DCMAKE_BUILD_TYPE="$type" >/dev/null
  cmake --build "$dir"
}

# Prints a TCP port on 127.0.0.1 that nothing listens on, preferring $1.
free_port() {
  local port=${1:-0}
  if [ "$port" -gt 0 ] && ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "$port"
    return
  fi
  for _ in $(seq 1 200); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
      echo "$port"
      return
    fi
  done
  echo "no free port found" >&2
  return 1
}

# PostgreSQL refuses to run as root: run its tools as the postgres user then.
as_pg_user() {
  if [ "$(id -u)" -eq 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

# Creates (if needed) and starts a cluster in $1 on 127.0.0.1:$2. Extra
# arguments are server settings (-c name=value ...).
pg_start() {
  local data=$1 port=$2
  shift 2
  if [ ! -f "$data/PG_VERSION" ]; then
    mkdir -p "$data"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$data"
    chmod 700 "$data"
    as_pg_user "$PG_BIN/initdb" -D "$data" -U postgres --auth=trust -E UTF8 \
      --locale=C.UTF-8 >/dev/null
  fi
  as_pg_user "$PG_BIN/pg_ctl" -D "$data" -l "$data/server.log" -w -t 60 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $data $*" start >/dev/null
}

pg_running() { as_pg_user "$PG_BIN/pg_ctl" -D "$1" status >/dev/null 2>&1; }

pg_stop() {
  if [ -f "$1/PG_VERSION" ] && pg_running "$1"; then
    as_pg_user "$PG_BIN/pg_ctl" -D "$1" -m fast -w stop >/dev/null
  fi
}

# stop_service NAME PID_FILE: SIGTERM, then the graceful drain (up to 10 s
# for in-flight calls), then SIGKILL if it is still there. NAME is the
# binary's file name: a pid file whose process runs another program is
# stale, and that program is left alone.
stop_service() {
  local name=$1 pid_file=$2 pid exe
  [ -f "$pid_file" ] || return 0
  pid=$(cat "$pid_file")
  exe=$(readlink "/proc/$pid/exe" 2>/dev/null || true)
  if [[ "$exe" == */"$name" || "$exe" == */"$name (deleted)" ]]; then
    log "stopping $name (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true  # it may have ended meanwhile
    for _ in $(seq 1 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then
      log "$name did not stop in time; killing it"
      kill -KILL "$pid" 2>/dev/null || true
      # Gone before returning, so that its port is free again.
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    fi
  fi
  rm -f "$pid_file"
}
