#!/usr/bin/env bash
# packaging/dev.sh install-test: installs the packages in build/deb/ into a
# throwaway Debian bookworm root (mmdebstrap, chroot) and checks them as an
# office would meet them. This machine stays as it was: everything happens in
# build/install-test/, and /proc, /sys and /dev are unmounted again however
# the run ends.
#
#  fresh root   apt-get install of gastvrij and gastvrij-kiosk; the gastvrij
#               user and group (sysusers); /etc/gastvrij as packaged;
#               systemd-analyze verify of every unit; validate as the service
#               user; serve as that user answers /health over HTTPS and stops
#               on SIGTERM with status 0; backup and restore round-trip; a
#               data file from a newer version is refused
#  upgrade root the previous release (packaging/previous-release) built from
#               its own commit, installed and given visits, devices and
#               outbox messages; the new packages installed over it; all of
#               it still there and the data file at the new data version
#
# GASTVRIJ_INSTALL_TEST_TARBALL=FILE reuses a root tarball, and
# GASTVRIJ_PREVIOUS_DEBS=DIR the previous release's packages, while working
# on this script; CI makes both anew.
set -euo pipefail
started=$(($(date +%s%N) / 1000000))
here=$(cd "$(dirname "$0")/.." && pwd)
build=${GASTVRIJ_BUILD_DIR:-$here/build}
work=$build/install-test
# shellcheck source=packaging/install-test-lib.sh
. "$here/packaging/install-test-lib.sh"

[ "$(id -u)" -eq 0 ] || fail "install-test needs root (mmdebstrap, chroot and mounts)"
trap cleanup EXIT
trap 'exit 130' INT TERM

new_debs=("$build"/deb/gastvrij_*.deb "$build"/deb/gastvrij-kiosk_*.deb)
for d in "${new_debs[@]}"; do [ -f "$d" ] || fail "no $d: run packaging/dev.sh deb first"; done
[ ${#new_debs[@]} -eq 2 ] || fail "expected one gastvrij and one gastvrij-kiosk package in $build/deb, found: ${new_debs[*]}"
new_version=$(dpkg-deb -f "${new_debs[0]}" Version)

prev_commit=$(sed -n 's/^commit //p' "$here/packaging/previous-release")
prev_version=$(sed -n 's/^version //p' "$here/packaging/previous-release")
[ -n "$prev_commit" ] && [ -n "$prev_version" ] || fail "packaging/previous-release names no commit and version"
check "the new package version $new_version is higher than the previous release's $prev_version"
dpkg --compare-versions "$new_version" gt "$prev_version" ||
  fail "add a packaging/debian/changelog entry above $prev_version"
ok

echo "Packages under test:"
ls -l "${new_debs[@]}"
for d in "${new_debs[@]}"; do
  dpkg-deb -I "$d" | sed -n 's/^ \(Package\|Version\|Installed-Size\|Depends\):/  &/p'
  figure "size of $(basename "$d")" "$(stat -c %s "$d") bytes, installed $(dpkg-deb -f "$d" Installed-Size) KiB"
done

mkdir -p "$work"
for r in fresh upgrade; do
  # A root left by an interrupted earlier run: nothing may still be mounted in it.
  if [ -d "$work/$r" ] && findmnt -rn -o TARGET | grep -q "^$work/$r/"; then
    fail "$work/$r still has mounts from an earlier run: unmount them (findmnt | grep $work)"
  fi
done

# --- The bookworm root --------------------------------------------------------
root_tar=${GASTVRIJ_INSTALL_TEST_TARBALL:-$work/bookworm.tar}
if [ -z "${GASTVRIJ_INSTALL_TEST_TARBALL:-}" ] || [ ! -f "$root_tar" ]; then
  check "mmdebstrap: a bookworm root with the checking tools (systemd, curl, openssl, jq, sqlite3)"
  t0=$(now_ms)
  rm -f "$root_tar"
  mmdebstrap --quiet --variant=apt --include=systemd,curl,openssl,ca-certificates,jq,sqlite3 \
    --skip=cleanup/apt/lists \
    bookworm "$root_tar" || fail "mmdebstrap"
  figure "mmdebstrap (bookworm root, tarball)" "$(($(now_ms) - t0)) ms, $(stat -c %s "$root_tar") bytes"
  ok "$root_tar"
fi

# --- The previous release -----------------------------------------------------
prev_debs_dir=${GASTVRIJ_PREVIOUS_DEBS:-$work/previous-build/deb}
if [ -z "${GASTVRIJ_PREVIOUS_DEBS:-}" ]; then
  check "build the previous release's packages from commit $prev_commit with its own packaging/dev.sh deb"
  git -C "$here" cat-file -e "$prev_commit^{commit}" 2>/dev/null ||
    fail "commit $prev_commit is not in this clone (a shallow clone? git fetch --unshallow)"
  t0=$(now_ms)
  rm -rf "$work/previous-src" "$work/previous-build"
  git clone --quiet --shared --no-checkout "$here" "$work/previous-src"
  git -C "$work/previous-src" checkout --quiet --detach "$prev_commit"
  # Through the ccache packaging/dev.sh deb filled: most sources are the
  # same. No debug symbol packages: the upgrade does not install them.
  DEB_BUILD_OPTIONS="noddebs${DEB_BUILD_OPTIONS:+ $DEB_BUILD_OPTIONS}" CMAKE_C_COMPILER_LAUNCHER=ccache CMAKE_CXX_COMPILER_LAUNCHER=ccache \
    CCACHE_DIR=${CCACHE_DIR:-$build/ccache} CCACHE_BASEDIR=${CCACHE_BASEDIR:-$build} \
    GASTVRIJ_BUILD_DIR="$work/previous-build" "$work/previous-src/packaging/dev.sh" deb \
    >"$work/previous-build.log" 2>&1 || { tail -40 "$work/previous-build.log"; fail "building the previous release"; }
  figure "previous release's package build" "$(($(now_ms) - t0)) ms"
  ok "$(cd "$work/previous-build/deb" && echo *.deb)"
  # The copy of the sources is not needed any more; the packages are.
  rm -rf "$work/previous-src" "$work/previous-build/deb/src"
fi
prev_debs=("$prev_debs_dir"/gastvrij_*.deb "$prev_debs_dir"/gastvrij-kiosk_*.deb)
for d in "${prev_debs[@]}"; do [ -f "$d" ] || fail "no $d"; done
[ "$(dpkg-deb -f "${prev_debs[0]}" Version)" = "$prev_version" ] ||
  fail "the previous release's package is $(dpkg-deb -f "${prev_debs[0]}" Version), packaging/previous-release says $prev_version"

# --- A fresh install ----------------------------------------------------------
root_open "$work/fresh"
root_install "$new_version, fresh" "${new_debs[@]}"

check "gastvrij and gastvrij-kiosk $new_version are installed"
for p in gastvrij gastvrij-kiosk; do
  [ "$(installed_version $p)" = "$new_version" ] || fail "$p is at '$(installed_version $p)'"
done
ok

check "the system user and group gastvrij exist (sysusers.d)"
passwd=$(in_root getent passwd gastvrij) || fail "no user gastvrij"
in_root getent group gastvrij >/dev/null || fail "no group gastvrij"
IFS=: read -r _ _ uid gid _ home shell <<<"$passwd"
[ "$uid" -lt 1000 ] || fail "gastvrij has uid $uid, not a system user"
[ "$gid" = "$(in_root getent group gastvrij | cut -d: -f3)" ] || fail "gastvrij's primary group is not gastvrij"
[ "$home" = /var/lib/gastvrij ] || fail "gastvrij's home is $home, not /var/lib/gastvrij"
case "$shell" in */nologin | */false) ;; *) fail "gastvrij has a login shell: $shell" ;; esac
ok "$passwd"

check "/etc/gastvrij holds the configuration, owned and with modes as packaged"
expected=$(dpkg-deb --fsys-tarfile "${new_debs[0]}" | tar -tvf - --numeric-owner | awk '$6 ~ /^\.\/etc\/gastvrij\// {
  sub(/^\.\//, "/", $6); sub(/\/$/, "", $6); print $6, $1, $2 }' | sort)
[ -n "$expected" ] || fail "the gastvrij package holds nothing under /etc/gastvrij"
[ -f "$root/etc/gastvrij/kiosk.toml" ] || fail "no /etc/gastvrij/kiosk.toml"
overrides=$(in_root dpkg-statoverride --list | awk '$4 ~ /^\/etc\/gastvrij/')
while read -r path mode owner; do
  # A dpkg-statoverride the package sets in its postinst wins over the archive.
  o=$(awk -v p="$path" '$4 == p' <<<"$overrides")
  if [ -n "$o" ]; then
    read -r ouser ogroup omode _ <<<"$o"
    owner="$(in_root id -u "$ouser")/$(in_root getent group "$ogroup" | cut -d: -f3)"
    mode=$omode
  fi
  actual=$(in_root stat -c '%A %u/%g %a' "$path") || fail "$path is missing"
  read -r amode aowner aoctal <<<"$actual"
  if [[ "$mode" =~ ^[0-7]+$ ]]; then
    [ "$((8#$mode))" -eq "$((8#$aoctal))" ] || fail "$path has mode $aoctal, packaged $mode"
  else
    [ "$amode" = "$mode" ] || fail "$path has mode $amode, packaged $mode"
  fi
  [ "$aowner" = "$owner" ] || fail "$path is owned by $aowner, packaged $owner"
  printf '   %-40s %s %s\n' "$path" "$amode" "$aowner"
done <<<"$expected"
in_root dpkg-query -W -f='${Conffiles}\n' gastvrij | grep -q ' /etc/gastvrij/kiosk.toml ' ||
  fail "/etc/gastvrij/kiosk.toml is not a conffile"
ok "$(wc -l <<<"$expected") entries, kiosk.toml a conffile"

check "every installed unit passes systemd-analyze verify"
units=$(in_root dpkg -L gastvrij gastvrij-kiosk | grep -E '^(/usr)?/lib/systemd/system/[^/]+\.(service|timer|socket|path)$' | sort)
[ -n "$units" ] || fail "the packages install no systemd unit"
for u in $units; do
  out=$(in_root systemd-analyze verify "$u" 2>&1) || { echo "$out"; fail "systemd-analyze verify $u"; }
  # A warning about the unit itself (an unknown key, a bad value) counts too.
  if grep -F "$(basename "$u")" <<<"$out"; then fail "systemd-analyze verify $u warns"; fi
  echo "   $u"
done
ok "$(wc -w <<<"$units") units"

check "the packaged configuration validates as the service user"
as_service_user gastvrij validate /etc/gastvrij || fail "gastvrij validate /etc/gastvrij"
ok

state_dir_prepare
serve_start fresh https
if [ "$serve_scheme" = https ]; then
  fp=$(in_root openssl x509 -in /var/lib/gastvrij/gastvrij-tls.crt -noout -fingerprint -sha256 | sed 's/.*=//; s/://g' | tr A-F a-f)
  check "the pairing links serve printed carry the certificate's SHA-256 fingerprint"
  grep -qi "/desk#pair=[A-Z0-9]*&fp=$fp" "$work/serve-fresh.log" || { cat "$work/serve-fresh.log"; fail "no link with fp=$fp"; }
  ok "$fp"
fi
pair_desk fresh
visit_before=$(check_in repair 1001 Anna)
. "$here/packaging/install-test-backup.sh"

root_close

# --- An upgrade from the previous release ----------------------------------------
root_open "$work/upgrade"
root_install "$prev_version, previous release" "${prev_debs[@]}"
[ "$(installed_version gastvrij)" = "$prev_version" ] || fail "gastvrij is at '$(installed_version gastvrij)', not $prev_version"
state_dir_prepare
serve_start "$prev_version" any
pair_desk "$prev_version"
kiosk_code=$(api POST /api/v1/pairing '{"kind":"kiosk"}' | jqr .code)
in_root curl -sS --fail-with-body --max-time 10 "${curl_tls[@]}" -H 'Content-Type: application/json' \
  --data "{\"code\":\"$kiosk_code\",\"name\":\"Entree oost\"}" "$serve_url/pair" >/dev/null || fail "pairing a kiosk"
check_in repair 1001 Anna >/dev/null
check_in rent "" Bram >/dev/null
check_in nuisance "" "" >/dev/null
visits_then=$(open_visits)
devices_then=$(devices)
[ "$(wc -w <<<"$visits_then")" -eq 3 ] || fail "3 visits checked in, the service lists: $visits_then"
[[ "$devices_then" == *desk:* && "$devices_then" == *kiosk:* ]] || fail "paired a desk and a kiosk, the service lists: $devices_then"
serve_stop "$prev_version"
check "the previous release stored visits, devices and outbox messages"
outbox_then=$(db 'SELECT id FROM outbox ORDER BY id' | tr '\n' ' ')
version_then=$(db 'PRAGMA user_version')
export_then=$(as_service_user gastvrij export visits --data /var/lib/gastvrij/gastvrij.db | wc -l)
[ -n "$outbox_then" ] || fail "the check-ins left no outbox message"
ok "visits $visits_then; devices $devices_then; outbox messages $outbox_then; data version $version_then"

root_install "$prev_version → $new_version, upgrade" "${new_debs[@]}"
for p in gastvrij gastvrij-kiosk; do
  [ "$(installed_version $p)" = "$new_version" ] || fail "$p is at '$(installed_version $p)' after the upgrade"
done
state_dir_prepare # systemd applies the new unit's StateDirectoryMode at its start
serve_start "after upgrade" https
# The desk's token from before the upgrade still works.
visits_now=$(open_visits)
devices_now=$(devices)
serve_stop "after upgrade"
check "after the upgrade: every visit, device and outbox message is still there; the data file migrated"
[ "$visits_now" = "$visits_then" ] || fail "open visits were $visits_then, now $visits_now"
[ "$devices_now" = "$devices_then" ] || fail "devices were $devices_then, now $devices_now"
outbox_now=$(db 'SELECT id FROM outbox ORDER BY id' | tr '\n' ' ')
version_now=$(db 'PRAGMA user_version')
export_now=$(as_service_user gastvrij export visits --data /var/lib/gastvrij/gastvrij.db | wc -l)
for id in $outbox_then; do [[ " $outbox_now " == *" $id "* ]] || fail "outbox message $id is gone"; done
[ "$export_now" -eq "$export_then" ] || fail "gastvrij export visits gave $export_then lines before, $export_now after"
[ "$version_now" = "$fresh_version" ] ||
  fail "the data file is at data version $version_now after the upgrade, a new one at $fresh_version"
ok "visits $visits_now; devices $devices_now; outbox $outbox_now; data version $version_then → $version_now"
root_close

figure "whole install-test" "$(($(now_ms) - started)) ms"
echo
echo "install-test: every check passed"
printf '  %s\n' "${figures[@]}"
