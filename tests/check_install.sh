#!/bin/sh
# `cmake --install` lays out what a package ships: the three programs, the
# assets and the demo office under share/gastvrij, the office's configuration
# (finding the assets by absolute path) under sysconfdir, the systemd units;
# and an installed program defaults to the installed configuration, not to the
# sources it was built from.
build=${1:?usage: check_install.sh BUILD_DIR PREFIX SYSCONFDIR DATADIR UNITDIR TMPFILESDIR}
prefix=$2 sysconfdir=$3 datadir=$4 unitdir=$5 tmpfilesdir=$6
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
DESTDIR=$stage cmake --install "$build" >/dev/null || { echo "install: cmake --install failed"; exit 1; }
status=0
need() { [ -e "$stage$1" ] || { echo "install: missing $1"; status=1; }; }
for p in gastvrij gastvrij-kiosk gastvrij-desk; do need "$prefix/bin/$p"; done
need "$datadir/gastvrij/assets/welcome.png"
need "$datadir/gastvrij/assets/icons/material-icons.codepoints"
need "$datadir/gastvrij/demo/kiosk.toml"
for f in kiosk.toml topics.toml staff.csv texts/nl.toml texts/ar.toml; do need "$sysconfdir/gastvrij/$f"; done
for u in gastvrij-serve.service gastvrij-kiosk.service gastvrij-purge.timer gastvrij-backup.service gastvrij-backup.timer; do
  need "$unitdir/$u"
done
# The backup folder, owned by the service user, 0700.
need "$tmpfilesdir/gastvrij.conf"
grep -q "^d /var/backups/gastvrij 0700 gastvrij gastvrij" "$stage$tmpfilesdir/gastvrij.conf" 2>/dev/null ||
  { echo "install: tmpfiles.d does not make /var/backups/gastvrij 0700 for gastvrij"; status=1; }
need "$sysconfdir/pam.d/gastvrij-kiosk"
grep -q "^assets = \"$datadir/gastvrij/assets\"" "$stage$sysconfdir/gastvrij/kiosk.toml" ||
  { echo "install: kiosk.toml does not point at $datadir/gastvrij/assets"; status=1; }
# Outside the build tree the defaults are the install prefix's.
"$stage$prefix/bin/gastvrij" validate --help | grep -q "default: $sysconfdir/gastvrij" ||
  { echo "install: an installed gastvrij does not default to $sysconfdir/gastvrij"; status=1; }
[ $status -eq 0 ] && echo "install ok: $(find "$stage" -type f | wc -l) files"
exit $status
