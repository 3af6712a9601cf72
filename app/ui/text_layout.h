#pragma once
// Text as ImGui can draw it: ImGui draws code points left to right and does not
// shape, so each line is wrapped in logical order first, then reordered to
// visual order and shaped into Arabic presentation forms by fribidi. Results
// are cached — the kiosk draws the same few dozen strings every frame.
#include <string>
#include <unordered_map>
#include <vector>

#include <imgui.h>

namespace gastvrij::ui {

struct LaidOutText {
    std::vector<std::string> lines;  // visual order, ready for ImDrawList::AddText
    std::vector<float> widths;
    float height = 0;
    float line_height = 0;
    float max_width = 0;
};

class TextLayout {
public:
    // `rtl`: the paragraph direction of the visitor's language (Arabic).
    // max_width <= 0: no wrapping (still one line per '\n').
    const LaidOutText& layout(ImFont* font, float size, const std::string& utf8, float max_width, bool rtl);
    void clear() { cache_.clear(); }
    std::size_t cached() const { return cache_.size(); }

private:
    std::unordered_map<std::string, LaidOutText> cache_;
};

// One logical line → visual order with Arabic shaping (fribidi_log2vis).
std::string to_visual(const std::string& utf8_line, bool rtl);
// True when the text holds any right-to-left letter.
bool has_rtl(const std::string& utf8);

}  // namespace gastvrij::ui
