#!/bin/sh
# Lints the web pages' JavaScript (every app/web/*.js) with ESLint and the
# rules in eslint.config.js beside this script. Exit 0: clean; 1: findings.
# Exits 77 (ctest: skipped) with a reason when node/npm are missing.
# Usage: lint.sh SOURCE_DIR
here=$(cd "$(dirname "$0")" && pwd)
source_dir=${1:?usage: lint.sh SOURCE_DIR}
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
    echo "SKIPPED: node/npm are not installed (apt-get install -y nodejs npm)"
    exit 77
fi
if [ ! -x "$here/node_modules/.bin/eslint" ]; then
    # Exactly the locked versions.
    (cd "$here" && npm ci --no-audit --no-fund) || { echo "FAILED: npm ci in $here"; exit 1; }
fi
web=$(cd "$source_dir/app/web" 2>/dev/null && pwd) || { echo "FAILED: no $source_dir/app/web"; exit 1; }
set -- "$web"/*.js
[ -e "$1" ] || { echo "FAILED: no JavaScript in $web"; exit 1; }
# Run from app/web: ESLint lints only files below its working folder.
cd "$web" && exec "$here/node_modules/.bin/eslint" --no-warn-ignored --max-warnings 0 \
    --config "$here/eslint.config.js" "$@"
