#!/bin/sh
# Tekent assets/welcome.png: een huis met open deur en een zwaaiende figuur.
# Draws assets/welcome.png (800×600): a house with an open door and a waving
# figure in soft colours, for the welcome screen. Needs ImageMagick.
#
#   assets/make-welcome.sh
set -eu
here=$(cd "$(dirname "$0")" && pwd)
convert -size 800x600 gradient:'#FFF6EA'-'#FCE1CC' \
  -fill '#FFE3A3' -draw 'circle 660,110 660,50' \
  -fill '#FFEFC6' -draw 'circle 660,110 660,72' \
  -fill '#CFE5CF' -draw 'ellipse 400,640 520,170 180,360' \
  -fill '#B5D6B8' -draw 'ellipse 140,600 260,110 180,360' \
  -fill '#EEDCC4' -draw 'polygon 372,505 428,505 470,600 330,600' \
  -fill '#B8604C' -draw 'rectangle 510,150 545,240' \
  -fill '#F3BFA6' -draw 'roundrectangle 235,255 565,505 14,14' \
  -fill '#C8705B' -draw 'polygon 205,272 400,128 595,272 575,290 400,162 225,290' \
  -fill '#D98A73' -draw 'polygon 225,290 400,162 575,290' \
  -fill '#FFE49A' -draw 'roundrectangle 360,370 440,505 36,36' \
  -fill '#5B86B5' -draw 'polygon 360,392 392,380 392,505 360,505' \
  -fill '#FFFFFF' -draw 'circle 384,445 384,440' \
  -fill '#D5EAF6' -draw 'roundrectangle 270,320 340,390 8,8' \
  -fill '#D5EAF6' -draw 'roundrectangle 460,320 530,390 8,8' \
  -stroke '#FFFFFF' -strokewidth 6 \
  -draw 'line 305,320 305,390' -draw 'line 270,355 340,355' \
  -draw 'line 495,320 495,390' -draw 'line 460,355 530,355' \
  -stroke none \
  -fill '#E39A5B' -draw 'polygon 255,505 265,460 295,460 305,505' \
  -fill '#6FAE7A' -draw 'ellipse 270,440 14,30 0,360' -draw 'ellipse 290,438 14,32 0,360' -draw 'ellipse 280,428 12,30 0,360' \
  -fill '#3F8F8A' -draw 'roundrectangle 565,420 625,530 26,26' \
  -stroke '#3F8F8A' -strokewidth 18 -draw 'line 612,440 648,392' -draw 'line 578,440 556,482' \
  -stroke none -fill '#F1C6A6' -draw 'circle 648,386 648,375' -draw 'circle 555,486 555,476' \
  -fill '#F1C6A6' -draw 'circle 595,392 595,362' \
  -fill '#5A3E2B' -draw 'circle 585,388 585,384' -draw 'circle 605,388 605,384' \
  -stroke '#5A3E2B' -strokewidth 4 -fill none -draw "path 'M 584,399 Q 595,409 606,399'" \
  -stroke none -fill '#2F6F6B' -draw 'roundrectangle 572,520 590,560 8,8' -draw 'roundrectangle 600,520 618,560 8,8' \
  -fill '#E86F6F' -draw "path 'M 700,300 C 700,285 720,280 730,295 C 740,280 760,285 760,300 C 760,320 730,335 730,345 C 730,335 700,320 700,300 Z'" \
  -strip "$here/welcome.png"
echo "$here/welcome.png"
