# shellcheck shell=bash
# Helpers of packaging/install-test.sh: a throwaway bookworm root, the
# installed `gastvrij serve` run as its service user, and its API.
# Sourced, not run. Every helper fails loudly; none skips.

# Prints "== [seconds into the run] what it checks" first, "   ok" or
# "FAILED: why" after.
check() { echo "== [$((($(now_ms) - started) / 1000)) s] $*"; }
ok() { echo "   ok${1:+: $*}"; }
fail() {
  echo "FAILED: $*" >&2
  exit 1
}
now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Figures for the closing summary, in the order they were taken.
figures=()
figure() { figures+=("$(printf '%-44s %s' "$1" "$2")"); }

# --- The root --------------------------------------------------------------

root=""         # the root in use
mounted=()      # mount points inside it, in the order they were mounted
serve_pid=""    # a serve started by serve_start, until serve_stop

cleanup() {
  local status=$?
  if [ -n "$serve_pid" ] && kill -0 "$serve_pid" 2>/dev/null; then
    kill -KILL "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true
  fi
  root_unmount
  exit "$status"
}

root_unmount() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do
    umount "${mounted[$i]}" 2>/dev/null || umount --lazy "${mounted[$i]}" ||
      echo "could not unmount ${mounted[$i]}" >&2
  done
  mounted=()
}

mount_in_root() { # TYPE-OR-bind SOURCE TARGET-INSIDE
  local target="$root$3"
  mkdir -p "$target"
  if [ "$1" = bind ]; then mount --bind "$2" "$target"; else mount -t "$1" "$2" "$target"; fi
  mounted+=("$target")
}

# A fresh root from the bookworm tarball: /proc, /sys and /dev mounted, the
# host's name server, no service started by a package (no init runs here), and
# one download folder shared by the roots of this run.
root_open() { # DIR
  root=$1
  rm -rf "$root"
  mkdir -p "$root" "$work/apt-archives/partial"
  tar -C "$root" -xf "$root_tar"
  cp -L /etc/resolv.conf "$root/etc/resolv.conf"
  printf '#!/bin/sh\nexit 101\n' >"$root/usr/sbin/policy-rc.d"
  chmod 755 "$root/usr/sbin/policy-rc.d"
  mount_in_root proc proc /proc
  mount_in_root sysfs sysfs /sys
  mount_in_root bind /dev /dev
  mount_in_root bind "$work/apt-archives" /var/cache/apt/archives
  mkdir -p "$root/tmp/debs"
}

root_close() {
  serve_kill
  root_unmount
  rm -rf "$root"
  root=""
}

in_root() { chroot "$root" env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 HOME=/root "$@"; }
as_service_user() { in_root runuser -u gastvrij -- "$@"; }

# apt-get install of the given .deb files inside the root; their
# dependencies come from the registry.
root_install() { # LABEL DEB...
  local label=$1 t0 audit debs=()
  shift
  rm -f "$root"/tmp/debs/*.deb
  cp "$@" "$root/tmp/debs/"
  for d in "$@"; do debs+=("/tmp/debs/$(basename "$d")"); done
  check "apt-get install ${debs[*]} ($label)"
  t0=$(now_ms)
  # The tarball keeps the package lists mmdebstrap fetched moments ago.
  if ! compgen -G "$root/var/lib/apt/lists/*_Packages*" >/dev/null; then
    in_root apt-get update -qq || fail "apt-get update in the root"
  fi
  in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q "${debs[@]}" >"$work/apt-$label.log" 2>&1 ||
    { tail -40 "$work/apt-$label.log"; fail "apt-get install ($label), log: $work/apt-$label.log"; }
  figure "install ($label)" "$(($(now_ms) - t0)) ms"
  # Nothing half-installed or unconfigured.
  audit=$(in_root dpkg --audit) || fail "dpkg --audit"
  [ -z "$audit" ] || { echo "$audit"; fail "dpkg --audit after the install ($label)"; }
  ok "$(grep -c '^Setting up' "$work/apt-$label.log") packages set up"
}

installed_version() { in_root dpkg-query -W -f='${Version}' "$1"; }

# What systemd does for the serve unit before it starts it: the state folder
# (StateDirectory=, owned by the service user, StateDirectoryMode= or 0755).
state_dir_prepare() {
  local unit="$root/lib/systemd/system/gastvrij-serve.service" mode
  [ -f "$unit" ] || fail "no gastvrij-serve.service in /lib/systemd/system"
  grep -q '^StateDirectory=gastvrij$' "$unit" || fail "gastvrij-serve.service has no StateDirectory=gastvrij"
  mode=$(sed -n 's/^StateDirectoryMode=//p' "$unit")
  mode=${mode:-0755}
  in_root install -d -o gastvrij -g gastvrij -m "$mode" /var/lib/gastvrij
  echo "   /var/lib/gastvrij made as systemd would (StateDirectory=, mode $mode)"
}

# --- The service -------------------------------------------------------------

serve_url=""
serve_scheme=""
curl_tls=()

# Starts the installed `gastvrij serve` as the service user, as its unit
# does (the unit's UMask, STATE_DIRECTORY), on a free loopback port, and waits
# until /health answers. SCHEME is https (TLS required) or any.
serve_start() { # LABEL SCHEME
  local label=$1 want=$2 t0 deadline umask_ log
  log="$work/serve-$label.log"
  umask_=$(sed -n 's/^UMask=//p' "$root/lib/systemd/system/gastvrij-serve.service")
  umask_=${umask_:-0022}
  check "gastvrij serve as user gastvrij answers /health ($label)"
  t0=$(now_ms)
  # setpriv execs: the process started here is the service itself, so its
  # exit status is the one systemd would see.
  chroot "$root" /bin/sh -c "umask $umask_; exec env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin LANG=C.UTF-8 \
    HOME=/var/lib/gastvrij STATE_DIRECTORY=/var/lib/gastvrij \
    setpriv --reuid=gastvrij --regid=gastvrij --init-groups -- \
    /usr/bin/gastvrij serve --config /etc/gastvrij --data /var/lib/gastvrij/gastvrij.db --listen 127.0.0.1 --port 0" \
    >"$log" 2>&1 &
  serve_pid=$!
  deadline=$(($(now_ms) + 60000))
  serve_url=""
  while [ -z "$serve_url" ]; do
    kill -0 "$serve_pid" 2>/dev/null || { cat "$log"; fail "serve exited before it listened ($label)"; }
    [ "$(now_ms)" -lt "$deadline" ] || { cat "$log"; fail "serve printed no address within 60 s ($label)"; }
    serve_url=$(sed -n 's/^ *listening on \(https\{0,1\}:\/\/[^ ]*\).*/\1/p' "$log" | head -1)
    [ -n "$serve_url" ] || sleep 0.05
  done
  serve_scheme=${serve_url%%://*}
  curl_tls=()
  if [ "$serve_scheme" = https ]; then
    [ -s "$root/var/lib/gastvrij/gastvrij-tls.crt" ] ||
      fail "serve speaks TLS but made no /var/lib/gastvrij/gastvrij-tls.crt"
    curl_tls=(--cacert /var/lib/gastvrij/gastvrij-tls.crt)
  elif [ "$want" = https ]; then
    cat "$log"
    fail "serve listens on $serve_url: plain HTTP by default, TLS expected"
  fi
  until in_root curl -sS --fail --max-time 5 "${curl_tls[@]}" -o /dev/null "$serve_url/health" 2>"$work/curl.err"; do
    kill -0 "$serve_pid" 2>/dev/null || { cat "$log"; fail "serve exited ($label)"; }
    [ "$(now_ms)" -lt "$deadline" ] || { cat "$log" "$work/curl.err"; fail "/health did not answer within 60 s ($label)"; }
    sleep 0.05
  done
  t0=$(($(now_ms) - t0))
  figure "serve cold start to /health ($label)" "$t0 ms"
  ok "$serve_url/health answers (${curl_tls[*]:-plain HTTP}), $t0 ms after start"
}

# SIGTERM, as systemctl stop sends it; the service must end with status 0.
serve_stop() { # LABEL
  local label=$1 status=0 deadline
  check "serve stops on SIGTERM with exit status 0 ($label)"
  kill -TERM "$serve_pid"
  deadline=$(($(now_ms) + 30000))
  while kill -0 "$serve_pid" 2>/dev/null && [ "$(now_ms)" -lt "$deadline" ]; do sleep 0.05; done
  kill -0 "$serve_pid" 2>/dev/null && fail "serve still runs 30 s after SIGTERM ($label)"
  wait "$serve_pid" || status=$?
  serve_pid=""
  [ "$status" -eq 0 ] || { cat "$work/serve-$label.log"; fail "serve exited with status $status after SIGTERM ($label)"; }
  ok
}

serve_kill() {
  if [ -n "$serve_pid" ]; then
    kill -KILL "$serve_pid" 2>/dev/null || true
    wait "$serve_pid" 2>/dev/null || true
    serve_pid=""
  fi
}

# METHOD PATH [JSON] with the desk's token; prints the reply body.
token=""
api() {
  local args=(-sS --fail-with-body --max-time 10 "${curl_tls[@]}" -X "$1" -H "Authorization: Bearer $token")
  [ $# -lt 3 ] || args+=(-H 'Content-Type: application/json' --data "$3")
  in_root curl "${args[@]}" "$serve_url$2" || fail "$1 $2 answered: see above"
}
jqr() { in_root jq -r "$@"; }

# The desk pairing code serve printed at its start, redeemed as a companion.
pair_desk() { # LABEL
  local code
  # "…, code ABCD2345 (valid until …" (this release and the one before).
  code=$(sed -n 's/.*[ ,]code \([A-Z0-9]\{4,\}\) (valid until.*/\1/p' "$work/serve-$1.log" | head -1)
  [ -n "$code" ] || { cat "$work/serve-$1.log"; fail "serve printed no desk pairing code ($1)"; }
  token=$(in_root curl -sS --fail-with-body --max-time 10 "${curl_tls[@]}" -H 'Content-Type: application/json' \
    --data "{\"code\":\"$code\",\"name\":\"Balie installatietest\"}" "$serve_url/pair" | jqr .token)
  [ -n "$token" ] && [ "$token" != null ] || fail "pairing the desk with code $code gave no token"
}

# Checks a visitor in; prints the new visit's id.
check_in() { # TOPIC HOST NAME
  api POST /api/v1/visits "{\"topic\":\"$1\",\"host\":\"$2\",\"name\":\"$3\",\"language\":\"nl\"}" | jqr .id
}
open_visits() { api GET /api/v1/visits | jqr '[.visits[].id] | sort | map(tostring) | join(" ")'; }
devices() { api GET /api/v1/devices | jqr '[.devices[] | "\(.kind):\(.name)"] | sort | join(", ")'; }
db() { as_service_user sqlite3 /var/lib/gastvrij/gastvrij.db "$@"; }
