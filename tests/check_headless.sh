#!/bin/sh
# The headless program links no window system, audio or speech library, so a
# server runs `gastvrij serve` with none installed; `gastvrij kiosk` and
# `gastvrij desk` start their sibling programs, and say clearly when one is
# missing.
bin=${1:?usage: check_headless.sh BUILD_DIR}
status=0
libs=$(ldd "$bin/gastvrij") || { echo "headless: ldd failed on $bin/gastvrij"; exit 1; }
bad=$(echo "$libs" | grep -Ei 'libSDL|libespeak|libX11|libXext|libwayland|libGL|libimgui|libfribidi|libasound|libpulse')
if [ -n "$bad" ]; then
  echo "headless: gastvrij links a desktop library:"; echo "$bad"; status=1
fi
for sibling in gastvrij-kiosk gastvrij-desk; do
  ldd "$bin/$sibling" | grep -q libSDL2 || { echo "headless: $sibling does not link SDL2"; status=1; }
done

# Forwarding: the sibling answers `gastvrij kiosk --help` and `gastvrij desk --help`.
"$bin/gastvrij" kiosk --help | grep -q -- '--windowed' || { echo "headless: gastvrij kiosk --help did not reach gastvrij-kiosk"; status=1; }
"$bin/gastvrij" desk --help | grep -q -- '--server' || { echo "headless: gastvrij desk --help did not reach gastvrij-desk"; status=1; }
"$bin/gastvrij" --help | grep -q 'runs gastvrij-kiosk' || { echo "headless: gastvrij --help does not list the kiosk"; status=1; }

# Alone (a server without the kiosk package): a clear refusal, exit 127.
lonely=$(mktemp -d)
cp "$bin/gastvrij" "$lonely/"
out=$("$lonely/gastvrij" kiosk --windowed 2>&1); code=$?
rm -rf "$lonely"
if [ $code -ne 127 ] || ! echo "$out" | grep -q 'needs the program gastvrij-kiosk'; then
  echo "headless: without gastvrij-kiosk, 'gastvrij kiosk' gave exit $code: $out"; status=1
fi
[ $status -eq 0 ] && echo "headless ok: $(echo "$libs" | wc -l) libraries, none of a desktop"
exit $status
