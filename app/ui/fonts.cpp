#include "ui/fonts.h"

#include <chrono>
#include <fstream>
#include <sstream>
#include <sys/stat.h>

namespace gastvrij::ui {
namespace {

bool readable(const std::string& p) {
    struct stat st {};
    return ::stat(p.c_str(), &st) == 0;
}

std::string utf8(unsigned cp) {
    std::string s;
    if (cp < 0x80) s += char(cp);
    else if (cp < 0x800) s += char(0xC0 | (cp >> 6)), s += char(0x80 | (cp & 0x3F));
    else if (cp < 0x10000) s += char(0xE0 | (cp >> 12)), s += char(0x80 | ((cp >> 6) & 0x3F)), s += char(0x80 | (cp & 0x3F));
    else s += char(0xF0 | (cp >> 18)), s += char(0x80 | ((cp >> 12) & 0x3F)), s += char(0x80 | ((cp >> 6) & 0x3F)), s += char(0x80 | (cp & 0x3F));
    return s;
}

}  // namespace

bool IconMap::load(const std::string& path, std::string* error) {
    std::ifstream in(path);
    if (!in) {
        if (error) *error = path + ": cannot read the pictogram table (reinstall the assets folder)";
        return false;
    }
    std::string name, hex;
    while (in >> name >> hex) map_[name] = unsigned(std::stoul(hex, nullptr, 16));
    return !map_.empty();
}

std::string IconMap::glyph(const std::string& name) const {
    auto it = map_.find(name);
    return it == map_.end() ? std::string() : utf8(it->second);
}

bool FontSet::build(float px_per_mm, float text_scale, const std::vector<std::string>& texts,
                    const std::vector<std::string>& icon_glyphs, const FontFiles& files,
                    std::string* error) {
    auto t0 = std::chrono::steady_clock::now();
    for (const std::string* f : {&files.latin, &files.latin_bold, &files.arabic, &files.arabic_bold, &files.icons}) {
        if (!readable(*f)) {
            if (error) *error = *f + ": font missing — install fonts-noto-core and fonts-material-design-icons-iconfont";
            return false;
        }
    }
    ImGuiIO& io = ImGui::GetIO();
    io.Fonts->Clear();

    ImFontGlyphRangesBuilder b;
    b.AddRanges(io.Fonts->GetGlyphRangesDefault());  // Basic Latin + Latin-1
    for (const auto& t : texts) b.AddText(t.c_str());
    // fribidi turns Arabic into presentation forms B (joined shapes, lam-alef).
    for (ImWchar c = 0xFE70; c <= 0xFEFC; ++c) b.AddChar(c);
    for (ImWchar c : {0x2013, 0x2014, 0x2019, 0x201C, 0x201D, 0x2026, 0x20AC, 0x2190, 0x2192}) b.AddChar(c);
    ranges_.clear();
    b.BuildRanges(&ranges_);

    ImFontGlyphRangesBuilder ib;
    for (const auto& g : icon_glyphs) ib.AddText(g.c_str());
    icon_ranges_.clear();
    ib.BuildRanges(&icon_ranges_);

    const FontSizes fs;
    const float cap_mm[4] = {fs.body_cap_mm * text_scale, fs.title_cap_mm * std::min(text_scale, 1.3f),
                             fs.icon_mm, fs.small_cap_mm * text_scale};
    for (int role = 0; role < 4; ++role) {
        float cap = cap_mm[role] * px_per_mm;
        float size = role == int(FontRole::Icon) ? cap : cap / kNotoCapHeight * kNotoLineEm;
        sizes_[role] = size;
        caps_[role] = cap;
        ImFontConfig cfg;
        cfg.OversampleH = 1;  // large sizes: horizontal oversampling buys nothing
        cfg.OversampleV = 1;
        cfg.PixelSnapH = true;
        if (role == int(FontRole::Icon)) {
            fonts_[role] = io.Fonts->AddFontFromFileTTF(files.icons.c_str(), size, &cfg, icon_ranges_.Data);
            continue;
        }
        const bool bold = role == int(FontRole::Title);
        fonts_[role] = io.Fonts->AddFontFromFileTTF((bold ? files.latin_bold : files.latin).c_str(), size, &cfg, ranges_.Data);
        // Noto Sans Arabic draws its letters much smaller than Noto Sans at the
        // same size (25 px of ink against 44 px, TECH-NOTES): enlarge it and
        // lift it back onto the Latin baseline.
        ImFontConfig ar;
        ar.MergeMode = true;
        ar.OversampleH = ar.OversampleV = 1;
        ar.GlyphOffset.y = -size * 0.12f;
        io.Fonts->AddFontFromFileTTF((bold ? files.arabic_bold : files.arabic).c_str(), size * 1.5f, &ar, ranges_.Data);
        // Pictograms inline with words ("← Terug").
        ImFontConfig ic;
        ic.MergeMode = true;
        ic.OversampleH = ic.OversampleV = 1;
        ic.GlyphOffset.y = size * 0.2f;
        io.Fonts->AddFontFromFileTTF(files.icons.c_str(), size * 1.05f, &ic, icon_ranges_.Data);
    }
    io.Fonts->TexDesiredWidth = 4096;
    if (!io.Fonts->Build()) {
        if (error) *error = "cannot build the font atlas";
        return false;
    }
    build_ms_ = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    return true;
}

ImFont* FontSet::get(FontRole r) const { return fonts_[int(r)]; }
float FontSet::size(FontRole r) const { return sizes_[int(r)]; }
float FontSet::cap_px(FontRole r) const { return caps_[int(r)]; }

}  // namespace gastvrij::ui
