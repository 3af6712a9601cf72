#!/usr/bin/python3
"""Writes the Material Icons name → code point table the kiosk uses.

Debian's fonts-material-design-icons-iconfont ships the font but no codepoints
file; the names live in the font's ligature (GSUB) table. Run with Debian's
python3-fonttools:  packaging/tools/icon-codepoints.py > assets/icons/material-icons.codepoints
"""
import sys
from fontTools.ttLib import TTFont

FONT = "/usr/share/fonts/truetype/material-design-icons-iconfont/MaterialIcons-Regular.ttf"
font = TTFont(sys.argv[1] if len(sys.argv) > 1 else FONT)
cmap = font.getBestCmap()
glyph_to_char = {}
for cp, glyph in sorted(cmap.items()):
    glyph_to_char.setdefault(glyph, cp)
names = {}
for lookup in font["GSUB"].table.LookupList.Lookup:
    for sub in lookup.SubTable:
        if lookup.LookupType == 7:
            sub = sub.ExtSubTable
        for first, ligatures in getattr(sub, "ligatures", {}).items():
            for lig in ligatures:
                parts = [first] + list(lig.Component)
                if all(p in glyph_to_char for p in parts) and lig.LigGlyph in glyph_to_char:
                    name = "".join(chr(glyph_to_char[p]) for p in parts)
                    cp = glyph_to_char[lig.LigGlyph]
                    if cp >= 0xE000:
                        names[name] = cp
for name in sorted(names):
    print(f"{name} {names[name]:04x}")
