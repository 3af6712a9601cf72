#pragma once
// QR codes (libqrencode) drawn as crisp squares with a four-module quiet zone,
// on white whatever the theme: phone cameras need dark-on-light.
#include <string>
#include <vector>

#include "ui/metrics.h"

namespace gastvrij::ui {

class Ui;

struct QrMatrix {
    int size = 0;                  // modules per side, without quiet zone
    std::vector<unsigned char> on; // size*size, 1 = dark
};

// Encodes with error-correction level M; empty matrix on failure.
QrMatrix encode_qr(const std::string& text);

// Draws the code into the largest whole-pixel-per-module square that fits r.
void draw_qr(Ui& ui, const std::string& name, const Rect& r, const std::string& text);

}  // namespace gastvrij::ui
