#pragma once
// The font atlas. Glyph ranges are built from the texts actually configured
// (all languages, topic labels, staff names) plus Arabic presentation forms and
// the pictograms in use: a full-range atlas costs seconds and half a gigabyte
// (TECH-NOTES), this one tens of milliseconds.
#include <map>
#include <string>
#include <vector>

#include <imgui.h>

namespace gastvrij::ui {

enum class FontRole { Body, Title, Icon, Small };

struct FontSizes {
    float body_cap_mm = 7.5;   // capital H height; ≥ 7.3 mm by ACCESSIBILITY.md
    float title_cap_mm = 9.5;
    float small_cap_mm = 5.0;  // secondary lines only; never under 3.8 mm
    float icon_mm = 17.0;      // pictograms on topic tiles
};

struct FontFiles {
    std::string latin = "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf";
    std::string latin_bold = "/usr/share/fonts/truetype/noto/NotoSans-Bold.ttf";
    std::string arabic = "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf";
    std::string arabic_bold = "/usr/share/fonts/truetype/noto/NotoSansArabic-Bold.ttf";
    std::string icons = "/usr/share/fonts/truetype/material-design-icons-iconfont/MaterialIcons-Regular.ttf";
};

// Material Icons name → code point, from assets/icons/material-icons.codepoints.
class IconMap {
public:
    bool load(const std::string& path, std::string* error);
    // UTF-8 of the icon's code point, or "" if unknown.
    std::string glyph(const std::string& name) const;
    bool has(const std::string& name) const { return map_.count(name) != 0; }

private:
    std::map<std::string, unsigned> map_;
};

class FontSet {
public:
    // Builds the atlas into ImGui's current context for the given pixel density
    // and text scale. `texts` is every string that may be drawn. Returns false
    // with a message naming the missing font file.
    bool build(float px_per_mm, float text_scale, const std::vector<std::string>& texts,
               const std::vector<std::string>& icon_glyphs, const FontFiles& files,
               std::string* error);
    ImFont* get(FontRole r) const;
    float size(FontRole r) const;    // pixel size of the font
    float cap_px(FontRole r) const;  // expected capital H height in pixels
    double build_ms() const { return build_ms_; }

private:
    ImFont* fonts_[4] = {};
    float sizes_[4] = {};
    float caps_[4] = {};
    ImVector<ImWchar> ranges_;
    ImVector<ImWchar> icon_ranges_;
    double build_ms_ = 0;
};

// Noto Sans: the capital H is 0.714 of the em, and ImGui's pixel size is the
// ascent-to-descent height, 1.362 em — so a font of N px has a cap of N × 0.524.
constexpr float kNotoCapHeight = 0.714f;
constexpr float kNotoLineEm = 1.362f;

}  // namespace gastvrij::ui
