// Admin, behind the hidden corner gesture and the PIN: reload the
// configuration, see whether the store and the notification channels are
// healthy, quit. Wrong PINs lock the pad for longer each time.
#include <cmath>

#include "domain/devices.h"
#include "kiosk/kiosk_app.h"
#include "kiosk/screens.h"
#include "ui/qr.h"

namespace gastvrij::kiosk {
namespace {

class AdminScreen final : public ui::Screen {
public:
    explicit AdminScreen(KioskApp& app) : app_(app), journey_(app.journey()) {}
    void on_enter() override {
        pin_.clear();
        unlocked_ = false;
        message_.clear();
    }
    void on_leave() override {
        pin_.clear();
        unlocked_ = false;
        pairing_ = {};
    }
    std::string speech() const override { return journey_.say_text(unlocked_ ? "admin.title" : "admin.pin"); }

    void draw() override {
        ui::Ui& ui = app_.ui();
        ui::Rect area = app_.draw_nav(ui);
        if (unlocked_) draw_panel(ui, area);
        else draw_pin(ui, area);
    }

private:
    double locked_for_ms() const { return std::max(0.0, locked_until_ms_ - app_.now_ms()); }

    void draw_pin(ui::Ui& ui, ui::Rect area) {
        const ui::Theme& th = ui.theme();
        area = app_.draw_title(ui, area, "admin.pin");
        float y = area.y;
        const std::string dots(pin_.size(), '*');
        std::string line = dots;
        if (locked_for_ms() > 0)
            line = journey_.t("admin.locked", {{"seconds", std::to_string(int(std::ceil(locked_for_ms() / 1000)))}});
        else if (!message_.empty())
            line = message_;
        y += ui.text(ui.place({area.x, y, area.w, 0}), line.empty() ? " " : line, ui::FontRole::Body, th.text, ui::Align::Center,
                     ui::Align::Start) + ui.mm(4);
        ui.note("admin/message", {}, line);
        const float k = ui.mm(24), gap = ui.mm(4);
        const float pad_w = 3 * k + 2 * gap;
        const float x0 = area.cx() - pad_w / 2;
        const char* keys[12] = {"1", "2", "3", "4", "5", "6", "7", "8", "9", "backspace", "0", "ok"};
        for (int i = 0; i < 12; ++i) {
            ui::Rect r{x0 + float(i % 3) * (k + gap), y + float(i / 3) * (k + gap), k, k};
            std::string key = keys[i];
            const bool is_digit = key.size() == 1;
            if (!ui.button("admin/key/" + key, r, is_digit ? key : "", key == "ok" ? "check" : is_digit ? "" : "backspace",
                           key == "ok" ? ui::ButtonStyle::Primary : ui::ButtonStyle::Key))
                continue;
            if (locked_for_ms() > 0) continue;
            if (is_digit && pin_.size() < 12) pin_ += key;
            else if (key == "backspace" && !pin_.empty()) pin_.pop_back();
            else if (key == "ok") check_pin();
        }
    }

    void check_pin() {
        if (pin_matches(pin_, journey_.config().kiosk.admin_pin_hash)) {
            unlocked_ = true;
            failures_ = 0;
            message_.clear();
        } else {
            ++failures_;
            message_ = journey_.t("admin.wrong_pin");
            // Three tries free, then 30 s, 60 s, 120 s … against guessing.
            if (failures_ >= 3) locked_until_ms_ = app_.now_ms() + 30000.0 * std::pow(2.0, failures_ - 3);
        }
        pin_.clear();
    }

    void draw_panel(ui::Ui& ui, ui::Rect area) {
        const ui::Theme& th = ui.theme();
        area = app_.draw_title(ui, area, "admin.title");
        float y = area.y;
        const ReceptionHealth health = journey_.port().health();
        const std::string store_line =
            journey_.t("admin.store") + ": " + (health.status == "ok" ? journey_.t("admin.ok") : health.status);
        y += ui.text(ui.place({area.x, y, area.w, 0}), store_line, ui::FontRole::Body, th.text, ui::Align::Start, ui::Align::Start);
        ui.note("admin/store", {}, store_line);
        const int dead = health.undelivered;
        const std::string ch = journey_.t("admin.channels") + ": " +
                               (dead == 0 ? journey_.t("admin.ok") : dead < 0 ? "?" : std::to_string(dead) + " ✗");
        y += ui.text(ui.place({area.x, y, area.w, 0}), ch, ui::FontRole::Body, th.text, ui::Align::Start, ui::Align::Start);
        ui.note("admin/channels", {}, ch);
        if (!message_.empty())
            y += ui.text(ui.place({area.x, y, area.w, 0}), message_, ui::FontRole::Small, th.text, ui::Align::Start, ui::Align::Start);
        y += ui.mm(6);
        const float bw = ui.mm(90), bh = ui.mm(26), gap = ui.mm(5);
        if (ui.button("admin/reload", {area.x, y, bw, bh}, journey_.t("admin.reload"), "refresh", ui::ButtonStyle::Primary)) {
            std::string errors;
            message_ = app_.reload_config(&errors) ? journey_.t("admin.reloaded") : journey_.t("admin.config_errors") + "\n" + errors;
        }
        if (ui.button("admin/close", {area.x + bw + gap, y, bw, bh}, journey_.t("admin.close"), "close")) app_.home();
        if (ui.button("admin/quit", {area.x + 2 * (bw + gap), y, bw, bh}, journey_.t("admin.quit"), "exit_to_app")) app_.request_quit();
        // Pairing a companion: a one-time code and the service's address as QR.
        if (app_.options().pair_companion) {
            y += bh + gap;
            if (ui.button("admin/pair", {area.x, y, bw, bh}, journey_.t("admin.pair"), "qr_code")) {
                try {
                    pairing_ = app_.options().pair_companion();
                } catch (const std::exception& e) {
                    message_ = e.what();
                }
            }
            if (!pairing_.first.empty()) {
                const float side = std::min(area.bottom() - y, ui.mm(70));
                const auto parts = parse_pairing_link(pairing_.second);
                ui.text(ui.place({area.x + bw + gap, y, area.w - bw - gap - side - gap, bh}),
                        pairing_.first + "\n" + (parts ? parts->service_url : pairing_.second), ui::FontRole::Body, th.text,
                        ui::Align::Start, ui::Align::Start);
                ui.note("admin/pair_code", {}, pairing_.first);
                // Service address, one-time code and certificate fingerprint
                // together: the companion takes the link as it is.
                ui::draw_qr(ui, "qr/pairing", {area.right() - side, y, side, side}, pairing_.second);
            }
        }
    }

    KioskApp& app_;

    Journey& journey_;
    std::string pin_;
    bool unlocked_ = false;
    int failures_ = 0;
    double locked_until_ms_ = 0;
    std::string message_;
    std::pair<std::string, std::string> pairing_;  // code, pairing link
};

}  // namespace

std::unique_ptr<ui::Screen> make_admin_screen(KioskApp& app) { return std::make_unique<AdminScreen>(app); }

}  // namespace gastvrij::kiosk
