#!/bin/sh
# ctest entry for a browser test of the service's web pages: Debian's
# chromium driven by npm playwright-core. Exits 77 (ctest: skipped) with a
# reason when chromium or node is missing; CI installs both
# (apt-get install chromium nodejs npm).
# Usage: run.sh GASTVRIJ_BINARY SOURCE_DIR TEST.mjs
#   e.g. run.sh build/gastvrij . phone_page_test.mjs
here=$(cd "$(dirname "$0")" && pwd)
usage="usage: run.sh GASTVRIJ_BINARY SOURCE_DIR TEST.mjs"
binary=${1:?$usage}
source_dir=${2:?$usage}
# Without a third argument: the phone page test (the ctest entry of old).
test_file=${3:-phone_page_test.mjs}
case "$test_file" in
    */*) ;;
    *) test_file="$here/$test_file" ;;
esac
if [ ! -f "$test_file" ]; then
    echo "FAILED: no test $test_file"
    exit 1
fi
if [ ! -x /usr/bin/chromium ]; then
    echo "SKIPPED: /usr/bin/chromium is not installed (apt-get install -y chromium)"
    exit 77
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "SKIPPED: node/npm are not installed (apt-get install -y nodejs npm)"
    exit 77
fi
if [ ! -d "$here/node_modules/playwright-core" ] || [ ! -d "$here/node_modules/axe-core" ]; then
    # Exactly the locked versions; never `playwright install` (it downloads browsers).
    (cd "$here" && npm ci --no-audit --no-fund) || { echo "FAILED: npm ci in $here"; exit 1; }
fi
exec node "$test_file" "$binary" "$source_dir"
