# shellcheck shell=bash
# Part of packaging/install-test.sh (sourced, in the fresh root, with serve
# running and one visit checked in): backup and restore round-trip, and a
# data file from a newer version is refused.

backups=/var/backups/gastvrij
data=/var/lib/gastvrij/gastvrij.db

check "gastvrij backup copies the live data file while serve runs"
if [ ! -d "$root$backups" ]; then
  # The daily backup unit's folder; made here as that unit would have it.
  in_root install -d -o gastvrij -g gastvrij -m 0700 "$backups"
  echo "   $backups made for the service user (0700)"
fi
as_service_user gastvrij backup --data "$data" --out "$backups" --keep 3 || fail "gastvrij backup"
copy=$(in_root find "$backups" -maxdepth 1 -name '*.db' | sort | tail -1)
[ -n "$copy" ] || fail "gastvrij backup left no copy in $backups"
ok "$copy"

visit_after=$(check_in rent "" Bram)
[ "$(open_visits)" = "$(printf '%s\n' "$visit_before" "$visit_after" | sort | tr '\n' ' ' | sed 's/ $//')" ] ||
  fail "visits $visit_before and $visit_after checked in, the service lists: $(open_visits)"

check "gastvrij restore refuses while the service holds the data file"
if as_service_user gastvrij restore "$copy" --data "$data"; then fail "restore replaced the data file under a running service"; fi
ok

serve_stop fresh
fresh_version=$(db 'PRAGMA user_version')

check "gastvrij restore puts the backup back once the service is stopped"
as_service_user gastvrij restore "$copy" --data "$data" || fail "gastvrij restore $copy"
[ -f "$root$data.before-restore" ] || fail "restore kept no $data.before-restore"
ok

serve_start restored https
check "the restored data file holds what the backup saw: visit $visit_before, not the later $visit_after"
[ "$(open_visits)" = "$visit_before" ] || fail "open visits after the restore: $(open_visits)"
ok
serve_stop restored

check "a data file from a newer Gastvrij is refused with a clear message, not a crash"
as_service_user cp "$copy" /var/lib/gastvrij/newer.db
as_service_user sqlite3 /var/lib/gastvrij/newer.db "PRAGMA user_version = $((fresh_version + 1))"
for cmd in "export visits --data /var/lib/gastvrij/newer.db" \
  "restore /var/lib/gastvrij/newer.db --data $data" \
  "serve --config /etc/gastvrij --data /var/lib/gastvrij/newer.db --listen 127.0.0.1 --port 0"; do
  status=0
  # shellcheck disable=SC2086 # the words of cmd are the command line
  as_service_user timeout 60 gastvrij $cmd >"$work/newer.out" 2>&1 || status=$?
  # 124 is the time-out: serve would have run on the newer file.
  if [ "$status" -eq 0 ] || [ "$status" -eq 124 ] || [ "$status" -ge 128 ]; then
    cat "$work/newer.out"
    fail "gastvrij $cmd: exit status $status on a data file of data version $((fresh_version + 1))"
  fi
  grep -qi "newer" "$work/newer.out" || { cat "$work/newer.out"; fail "gastvrij $cmd does not say the file is newer"; }
  echo "   gastvrij ${cmd%% *}: $(grep -i -m1 newer "$work/newer.out")"
done
[ "$(db 'PRAGMA user_version')" = "$fresh_version" ] || fail "the refused restore changed $data"
ok
