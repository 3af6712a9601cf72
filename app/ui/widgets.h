#pragma once
// Name → rectangle of every touch widget, button and noted element, per frame.
// The kiosk's Ui and the companion record into one of these while they draw;
// the scripted driver, the screenshots and the tests read the last complete
// frame by the same stable names a finger or mouse would hit ("topic/repair",
// "board/row/12", "nav/back").
#include <string>
#include <vector>

#include "ui/metrics.h"

namespace gastvrij::ui {

struct WidgetInfo {
    std::string name;
    Rect rect;            // on screen, after mirroring and clipping
    std::string label;    // logical text, for tests and speech
    bool target = true;   // a touch target (the kiosk holds these to ≥ 20 × 20 mm)
    std::string icon;     // the pictogram a button shows ("" = none, or dropped for its words)
};

class WidgetRegistry {
public:
    void begin_frame() { building_.clear(); }
    void record(WidgetInfo w) { building_.push_back(std::move(w)); }
    // The entry just recorded under `name` on this frame, to add a label.
    WidgetInfo* just_recorded(const std::string& name) {
        return !building_.empty() && building_.back().name == name ? &building_.back() : nullptr;
    }
    void end_frame() { shown_.swap(building_); }

    // The last complete frame.
    const std::vector<WidgetInfo>& shown() const { return shown_; }
    const WidgetInfo* find(const std::string& name) const {
        for (const WidgetInfo& w : shown_)
            if (w.name == name) return &w;
        return nullptr;
    }

private:
    std::vector<WidgetInfo> building_, shown_;
};

}  // namespace gastvrij::ui
