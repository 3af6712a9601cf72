#!/bin/sh
# ctest entry for the phone page browser test: Debian's chromium driven by npm
# playwright-core. Exits 77 (ctest: skipped) with a reason when chromium or
# node is missing; CI installs both (apt-get install chromium nodejs npm).
# Usage: run.sh GASTVRIJ_BINARY SOURCE_DIR
here=$(cd "$(dirname "$0")" && pwd)
binary=${1:?usage: run.sh GASTVRIJ_BINARY SOURCE_DIR}
source_dir=${2:?usage: run.sh GASTVRIJ_BINARY SOURCE_DIR}
if [ ! -x /usr/bin/chromium ]; then
    echo "SKIPPED: /usr/bin/chromium is not installed (apt-get install -y chromium)"
    exit 77
fi
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "SKIPPED: node/npm are not installed (apt-get install -y nodejs npm)"
    exit 77
fi
if [ ! -d "$here/node_modules/playwright-core" ]; then
    # Exactly the locked version; never `playwright install` (it downloads browsers).
    (cd "$here" && npm ci --no-audit --no-fund) || { echo "FAILED: npm ci in $here"; exit 1; }
fi
exec node "$here/phone_page_test.mjs" "$binary" "$source_dir"
