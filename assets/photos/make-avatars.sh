#!/bin/sh
# Maakt voor elke collega in staff.csv een portret met initialen (PNG, 256×256).
# Makes an initials avatar for every colleague in staff.csv (PNG, 256×256).
#
#   assets/photos/make-avatars.sh [kiosk-config/staff.csv]
#
# Needs ImageMagick (apt-get install imagemagick) and fonts-noto-core.
# A real photo with the same file name can simply replace an avatar.
# White initials on colours with a contrast of at least 7:1 (WCAG AAA).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
csv=${1:-$here/../../kiosk-config/staff.csv}
font=/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf

# photo file, initials and a colour per row; python's csv module reads
# quotes, a BOM and semicolons the way the kiosk does.
python3 - "$csv" <<'PY' |
import csv, sys
palette = ["#8A3B12", "#6B3FA0", "#9C2F4F", "#245E63", "#5C4A1E", "#3E4C8A", "#1E5A4C", "#7A3E6E"]
text = open(sys.argv[1], encoding="utf-8-sig").read().splitlines()
rows = [l for l in text if l.strip() and not l.lstrip().startswith("#")]
sep = ";" if rows[0].count(";") > rows[0].count(",") else ","
for i, row in enumerate(csv.DictReader(rows, delimiter=sep)):
    photo = (row.get("photo") or "").strip()
    if not photo:
        continue
    first = row["first_name"].strip()
    # "van Dijk" is filed under D and "El Amrani" under A: skip the particles.
    particles = {"van", "de", "der", "den", "het", "te", "ter", "ten", "'t", "el", "al", "von", "da", "dos"}
    words = row["last_name"].split()
    last = [w for w in words if w.lower() not in particles] or words or [""]
    initials = (first[:1] + last[0][:1]).upper()
    print(photo, initials, palette[i % len(palette)], sep="\t")
PY
while IFS="$(printf '\t')" read -r photo initials colour; do
  convert -size 256x256 xc:none \
    -fill "$colour" -draw "circle 128,128 128,4" \
    -font "$font" -pointsize 104 -fill white -gravity center \
    -annotate +0+4 "$initials" \
    -strip "PNG32:$here/$photo"
  echo "$photo  $initials"
done
