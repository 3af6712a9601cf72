#!/usr/bin/env bash
# Gastvrij's two developer commands on Debian bookworm:
#   packaging/dev.sh run    install what is missing, build, run the kiosk on the demo office
#   packaging/dev.sh test   install what is missing, build, run every test
#   packaging/dev.sh deb    build the Debian packages into build/deb/ and check them with lintian
#   packaging/dev.sh install-test  install build/deb/*.deb into a throwaway bookworm root
#                           and check them there, also as an upgrade from the previous release
#   packaging/dev.sh sanitize  build into build-sanitize/ with AddressSanitizer and
#                           UndefinedBehaviorSanitizer, run every test; any finding fails
# Missing Debian packages are installed with apt-get when run as root;
# otherwise the exact `sudo apt-get install …` line is printed.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
build=${GASTVRIJ_BUILD_DIR:-$here/build}
mode=${1:-}

# Building: compiler, CMake and every library the code links (see README).
build_packages=(g++ cmake ninja-build pkg-config
  libsdl2-dev libimgui-dev libstb-dev libfribidi-dev libespeak-ng-dev libqrencode-dev
  libsqlite3-dev libpq-dev libtomlplusplus-dev libcli11-dev nlohmann-json3-dev
  libcpp-httplib-dev libmicrohttpd-dev libcurl4-openssl-dev libssl-dev libsystemd-dev libgtest-dev)
# Running: fonts, pictograms and voices the kiosk draws and speaks with.
run_packages=(fonts-noto-core fonts-material-design-icons-iconfont espeak-ng-data)
# Testing: a real SMTP server, a browser for the phone page, a QR decoder,
# an X server for idle-CPU figures, python3 for the SMTP sink, and cage, which
# the kiosk units start (systemd-analyze verify wants their programs present).
# postgresql-15: the store tests run against a real PostgreSQL 15 server they
# start themselves (tests/support/pg_cluster.sh); the system cluster the
# package starts on port 5432 is left alone.
test_packages=(python3 python3-aiosmtpd chromium zbar-tools xvfb cage postgresql-15)

# Packaging: debhelper builds the packages, lintian checks them.
deb_packages=(debhelper dpkg-dev lintian ccache)
# Install test: a throwaway bookworm root; the previous release is built too.
install_test_packages=(mmdebstrap git)

case "$mode" in
  run) wanted=("${build_packages[@]}" "${run_packages[@]}") ;;
  test|sanitize) wanted=("${build_packages[@]}" "${run_packages[@]}" "${test_packages[@]}") ;;
  deb) wanted=("${build_packages[@]}" "${deb_packages[@]}") ;;
  install-test) wanted=("${build_packages[@]}" "${deb_packages[@]}" "${install_test_packages[@]}") ;;
  *) echo "usage: packaging/dev.sh run|test|deb|install-test|sanitize" >&2; exit 2 ;;
esac
# Node.js for the browser test of the phone page, if the machine has none.
if [[ "$mode" = test || "$mode" = sanitize ]] && { ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; }; then
  wanted+=(nodejs npm)
fi

missing=()
for p in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
# As root the test server runs as nobody through setpriv (util-linux, part of
# every Debian system; only a stripped-down root lacks it).
if [[ "$mode" = test || "$mode" = sanitize ]] && [ "$(id -u)" -eq 0 ] && ! command -v setpriv >/dev/null 2>&1; then
  echo "setpriv (util-linux) is missing: the PostgreSQL test server cannot drop root" >&2
  exit 1
fi
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${missing[@]}"
  else
    echo "Missing Debian packages. Install them with:"
    echo "  sudo apt-get install -y ${missing[*]}"
    exit 1
  fi
fi

if [ "$mode" = deb ]; then
  # The design card keeps debian/ under packaging/: stage the sources with it
  # at the top, as dpkg-buildpackage expects, and build there.
  version=$(dpkg-parsechangelog -l "$here/packaging/debian/changelog" -S Version)
  # Through ccache, kept in the build folder: the install test builds the
  # previous release's packages after these, from mostly the same sources.
  export CMAKE_C_COMPILER_LAUNCHER=ccache CMAKE_CXX_COMPILER_LAUNCHER=ccache
  export CCACHE_DIR=${CCACHE_DIR:-$build/ccache} CCACHE_BASEDIR=${CCACHE_BASEDIR:-$build}
  stage="$build/deb/src/gastvrij-$version"
  rm -rf "$build/deb"
  mkdir -p "$stage"
  (cd "$here" && git ls-files -z --cached --others --exclude-standard | xargs -0 cp --parents -t "$stage")
  rm -rf "$stage/debian"
  cp -r "$here/packaging/debian" "$stage/debian"
  (cd "$stage" && dpkg-buildpackage -us -uc -b -j"$(nproc)")
  mv "$build"/deb/src/*.deb "$build"/deb/src/*.changes "$build"/deb/src/*.buildinfo "$build/deb/"
  rm -rf "$build/deb/src"
  ls -l "$build"/deb/*.deb
  # Errors fail the build; warnings are fixed or overridden with a reason.
  lintian --fail-on error,warning "$build"/deb/*.changes
  exit 0
fi

if [ "$mode" = install-test ]; then
  exec "$here/packaging/install-test.sh"
fi

if [ "$mode" = sanitize ]; then
  # A tree of its own, so the normal build stays as it ships. -O1 keeps the
  # run bearable and the stacks readable; NDEBUG as in the shipped build.
  build=${GASTVRIJ_SANITIZE_BUILD_DIR:-$here/build-sanitize}
  flags="-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined"
  launcher=()
  if command -v ccache >/dev/null 2>&1; then
    launcher=(-DCMAKE_C_COMPILER_LAUNCHER=ccache -DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  fi
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo "${launcher[@]}" \
    -DCMAKE_C_FLAGS_RELWITHDEBINFO="-O1 -g -DNDEBUG" -DCMAKE_CXX_FLAGS_RELWITHDEBINFO="-O1 -g -DNDEBUG" \
    -DCMAKE_C_FLAGS="$flags" -DCMAKE_CXX_FLAGS="$flags" \
    -DCMAKE_EXE_LINKER_FLAGS="-fsanitize=address,undefined" >/dev/null
else
  cmake -S "$here" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
fi
cmake --build "$build" -j "$(nproc)"

case "$mode" in
  run)
    # The embedded default: the demo office in kiosk-config/ and a SQLite file
    # in the user's data folder. Add --windowed to keep a window around it.
    exec "$build/gastvrij" kiosk --config "$here/kiosk-config" "${@:2}"
    ;;
  test|sanitize)
    if [ -f "$here/tests/service/browser/package.json" ] && command -v npm >/dev/null 2>&1; then
      (cd "$here/tests/service/browser" && npm ci --no-audit --no-fund --loglevel=error)
    fi
    # Tests wait on outcomes with generous deadlines, never on fixed sleeps, so
    # a loaded machine makes them slower, not red: one failure fails the run.
    if [ "$mode" = test ]; then
      ctest --test-dir "$build" --output-on-failure -j 2 --timeout 900
      exit 0
    fi
    # Every finding ends the process that made it. Reports go to files, one
    # per process, because the tests also start the programs themselves, and
    # a test that expects a failing exit code would take a sanitizer's abort
    # for it: any report at all fails the run.
    logs="$build/sanitizer-logs"
    rm -rf "$logs"
    mkdir -p "$logs"
    cc -shared -fPIC -O1 -o "$build/keep-libraries.so" "$here/packaging/sanitize-keep-libraries.c"
    export LD_PRELOAD="$build/keep-libraries.so"
    # verify_asan_link_order=0: the preloaded library comes before the ASan
    # runtime, which is fine as it replaces no allocation function.
    export ASAN_OPTIONS="halt_on_error=1:detect_leaks=1:check_initialization_order=1:strict_init_order=1:verify_asan_link_order=0:log_path=$logs/asan:log_exe_name=1"
    export UBSAN_OPTIONS="halt_on_error=1:print_stacktrace=1:log_path=$logs/ubsan:log_exe_name=1"
    # SDL's software renderer instead of OpenGL through Mesa: this toolchain's
    # LeakSanitizer crashes ("Tracer caught signal 11") reading the dynamic
    # thread-local storage of the Mesa libraries.
    export SDL_RENDER_DRIVER=software
    status=0
    ctest --test-dir "$build" --output-on-failure -j 2 --timeout 900 || status=$?
    reports=("$logs"/*)
    if [ -e "${reports[0]}" ]; then
      for r in "${reports[@]}"; do
        echo "== $r"
        cat "$r"
      done
      echo "sanitize: ${#reports[@]} sanitizer report(s), see above" >&2
      exit 1
    fi
    exit "$status"
    ;;
esac
