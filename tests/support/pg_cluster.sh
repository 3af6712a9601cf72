#!/usr/bin/env bash
# A throwaway PostgreSQL 15 server for the tests, never the system's cluster:
#   pg_cluster.sh start STATE_DIR   start one (or reuse the one STATE_DIR names)
#   pg_cluster.sh stop STATE_DIR    stop it and remove its folder
#   pg_cluster.sh halt STATE_DIR    stop it at once, as a crash would, keeping its data
#   pg_cluster.sh resume STATE_DIR  start a halted one again on the same socket
# The server lives in a fresh /tmp/gastvrij-pg.XXXXXX folder: its data in data/,
# its log in server.log, and its Unix socket in the folder itself (no TCP). Once
# it answers, STATE_DIR/socket-dir holds that folder's path; the tests read it.
# initdb, pg_ctl and postgres refuse to run as root, so as root they run as
# nobody:nogroup, which can reach /tmp but not, say, a build tree under /root.
set -euo pipefail

pgbin=${GASTVRIJ_PG_BINDIR:-/usr/lib/postgresql/15/bin}
mode=${1:-}
state=${2:-}
if [[ "$mode" != start && "$mode" != stop && "$mode" != halt && "$mode" != resume ]] || [ -z "$state" ]; then
  echo "usage: $0 start|stop|halt|resume STATE_DIR" >&2
  exit 2
fi

fail() {
  echo "pg_cluster.sh: $*" >&2
  exit 1
}

for tool in initdb pg_ctl postgres pg_isready; do
  [ -x "$pgbin/$tool" ] || fail "$pgbin/$tool is missing: postgresql-15 is not installed — apt-get install postgresql-15"
done

server_user=()
if [ "$(id -u)" -eq 0 ]; then
  command -v setpriv >/dev/null 2>&1 || fail "setpriv is missing (needed to run the server as nobody, not root) — apt-get install util-linux"
  getent passwd nobody >/dev/null || fail "there is no user 'nobody' to run the server as"
  getent group nogroup >/dev/null || fail "there is no group 'nogroup' to run the server as"
  server_user=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
fi

# Runs a PostgreSQL program as the server's user, from inside the cluster
# folder: the caller's working directory may be one that user cannot enter.
# Without the lock's descriptor, or the server would hold the lock for good.
as_server() {
  local dir=$1
  shift
  (cd "$dir" && "${server_user[@]}" "$@" 9>&-)
}

answers() {
  "$pgbin/pg_isready" -q -h "$1" -t 5 >/dev/null 2>&1 9>&-
}

# Only folders this script made are ever stopped or removed.
ours() {
  [[ "$1" == /tmp/gastvrij-pg.* && -d "$1" ]]
}

stop_cluster() {
  local dir=$1
  ours "$dir" || return 0
  if [ -f "$dir/data/postmaster.pid" ]; then
    as_server "$dir" "$pgbin/pg_ctl" -D "$dir/data" -m immediate -w -t 60 stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

# Durability is worthless for a server that is thrown away: no fsync.
# max_connections: parallel test processes each hold a few.
start_server() {
  as_server "$1" "$pgbin/pg_ctl" -D "$1/data" -l "$1/server.log" -w -t 60 \
    -o "-k $1 -c listen_addresses='' -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || fail "the server did not start (pg_ctl start)"
  answers "$1" || fail "the server started but does not answer on $1 (pg_isready)"
}

mkdir -p "$state"
exec 9>"$state/lock"
flock -w 300 9 || fail "another start or stop has held $state/lock for 5 minutes"

recorded=""
if [ -f "$state/socket-dir" ]; then
  recorded=$(cat "$state/socket-dir")
fi

# A database restart in opening hours, for the tests that live through one.
if [ "$mode" = halt ] || [ "$mode" = resume ]; then
  [ -n "$recorded" ] && ours "$recorded" || fail "no server recorded in $state to $mode"
  if [ "$mode" = halt ]; then
    as_server "$recorded" "$pgbin/pg_ctl" -D "$recorded/data" -m immediate -w -t 60 stop >/dev/null ||
      fail "the server did not stop (pg_ctl stop -m immediate)"
  else
    start_server "$recorded"
  fi
  exit 0
fi

if [ "$mode" = stop ]; then
  [ -n "$recorded" ] && stop_cluster "$recorded"
  rm -f "$state/socket-dir"
  exit 0
fi

if [ -n "$recorded" ] && answers "$recorded"; then
  echo "PostgreSQL test server already running in $recorded"
  exit 0
fi
# A server that no longer answers (killed, machine rebooted): clear it away.
if [ -n "$recorded" ]; then
  stop_cluster "$recorded"
  rm -f "$state/socket-dir"
fi

dir=$(mktemp -d /tmp/gastvrij-pg.XXXXXX)
chmod 755 "$dir"
if [ ${#server_user[@]} -gt 0 ]; then
  chown nobody:nogroup "$dir"
fi
started=""
# The log of the step that failed: the server's, or initdb's if it never ran.
on_failure() {
  local log="$dir/server.log"
  [ -s "$log" ] || log="$dir/initdb.log"
  if [ -s "$log" ]; then
    echo "--- last lines of $log:" >&2
    tail -n 30 "$log" >&2
  fi
  stop_cluster "$dir"
}
trap 'if [ -z "$started" ]; then on_failure; fi' EXIT

as_server "$dir" "$pgbin/initdb" -D "$dir/data" --no-sync -A trust -U postgres -E UTF8 --locale=C.UTF-8 \
  >"$dir/initdb.log" 2>&1 || fail "initdb failed in $dir/data"

start_server "$dir"

echo "$dir" >"$state/socket-dir.new"
mv "$state/socket-dir.new" "$state/socket-dir"
started=yes
echo "PostgreSQL test server running in $dir (socket folder; log in $dir/server.log)"
