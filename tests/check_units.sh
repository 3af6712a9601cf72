#!/bin/sh
# The systemd units as systemd reads them. `systemd-analyze verify` on every
# unit, with only our own programs' paths (/usr/bin/gastvrij,
# /usr/bin/gastvrij-kiosk) pointed at the built ones — verify fails when an
# Exec binary is missing, and cage, pkill and kill are the machine's own; and
# the exposure score of `systemd-analyze security --offline=true`: at most 2.0
# for the service and the purge job, which face data and the network.
units=${1:?usage: check_units.sh UNIT_DIR GASTVRIJ GASTVRIJ_KIOSK}
gastvrij=${2:?} kiosk=${3:?}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
status=0
for f in "$units"/*.service "$units"/*.timer; do
  sed -e "s|/usr/bin/gastvrij-kiosk |$kiosk |g" -e "s|/usr/bin/gastvrij |$gastvrij |g" "$f" >"$work/$(basename "$f")"
done
# The substitution must have reached every Exec line that names our programs.
if grep -q '/usr/bin/gastvrij' "$work"/*; then
  echo "units: a path of ours was not substituted:"; grep -n '/usr/bin/gastvrij' "$work"/*; status=1
fi
if ! out=$(systemd-analyze verify "$work"/*.service "$work"/*.timer 2>&1) || [ -n "$out" ]; then
  echo "units: systemd-analyze verify:"; echo "$out"; status=1
fi
for u in "$units"/*.service; do
  name=$(basename "$u")
  score=$(systemd-analyze security --offline=true --no-pager "$u" 2>&1 |
          sed -n 's/.*Overall exposure level for [^:]*: \([0-9.]*\).*/\1/p')
  if [ -z "$score" ]; then echo "units: no exposure score for $name"; status=1; continue; fi
  echo "units: $name exposure $score"
  case "$name" in
    gastvrij-serve.service|gastvrij-purge.service)
      if ! awk -v s="$score" 'BEGIN { exit !(s <= 2.0) }'; then
        echo "units: $name is rated $score, more exposed than 2.0"; status=1
      fi ;;
  esac
done
[ $status -eq 0 ] && echo "units ok"
exit $status
