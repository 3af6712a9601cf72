#pragma once
// kiosk-config/ → validated settings. Every problem is collected as a
// Diagnostic "file:line: what is wrong — how to fix" instead of throwing, so
// `gastvrij validate` can report them all and nothing crashes on a broken file.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/directory.h"
#include "domain/office_id.h"
#include "domain/opening_hours.h"
#include "domain/store.h"

namespace gastvrij {

struct Diagnostic {
    enum class Level { Error, Warning };
    Level level = Level::Error;
    std::string file;   // path relative to the config directory, e.g. "staff.csv"
    int line = 0;       // 1-based; 0 when the whole file is meant
    std::string message;  // what is wrong — how to fix
    std::string format() const;  // "staff.csv:7: unknown team 'verhur' — use one of: …"
};

struct SmtpSettings {
    std::string url;        // "smtp://127.0.0.1:2525" or "smtps://…"
    std::string from;       // "Gastvrij <receptie@example.nl>"
    std::string username, password;
    bool starttls = false;  // require STARTTLS
};

struct WebhookSettings {
    std::string id;         // referred to from staff.csv
    std::string url;
    std::string format;     // "teams" | "slack" | "json"
};

struct KioskSettings {
    std::string office_name = "Gastvrij";
    // Which office this is, where several share one database ([office] id);
    // what its visits, devices and notices are filed under.
    std::string office_id = kDefaultOffice;
    std::string kiosk_id = "entrance";
    std::string website;                  // shown as QR when closed
    std::vector<std::string> languages{"nl", "en", "tr", "pl", "ar"};
    std::string default_language = "nl";
    OpeningHours hours;
    int idle_seconds = 60;          // quiet time before "Are you still there?"
    int warning_seconds = 30;       // countdown shown and spoken before a reset (≥ 20)
    int confirmation_seconds = 20;  // confirmation stays this long, then welcome
    double panel_width_mm = 527.0;  // physical size of the active area (landscape)
    double panel_height_mm = 296.5;
    int panel_rotation = 0;         // degrees clockwise the kiosk session turns the picture: 0, 90, 180, 270
    // After closing time, minutes without a touch before the screen goes
    // dark (cage cannot switch a panel off); 0 = never.
    int dark_after_minutes = 10;
    std::string admin_pin_hash;     // "sha256:<hex>" of the PIN
    RetentionPolicy retention;
    // [store] url: where the visits are kept when no --data is given ("" =
    // this machine's own data file). May hold a password: never logged whole.
    std::string store_url;
    int callback_due_hours = 24;
    bool survey_faces = false;      // five faces instead of 1–10 buttons
    // The office publishes the survey page for phones: the confirmation screen
    // then shows a QR code with a signed single-use link (needs public_url).
    bool survey_phone_page = false;
    std::string service_listen = "127.0.0.1";
    int service_port = 8470;
    std::string public_url;         // how phones reach the service, e.g. "https://kiosk.local:8470"
    // HTTPS unless `tls = false`, which only a loopback `listen` may have
    // (behind a TLS-terminating proxy). No tls_cert: the service makes and
    // keeps its own certificate in its state folder, pinned by pairing.
    bool service_tls = true;
    std::string tls_cert;           // the office's own certificate (PEM), resolved against the config folder
    std::string tls_key;            // its private key (PEM)
    SmtpSettings smtp;
    std::vector<WebhookSettings> webhooks;
};

// One display string and what is spoken for it (speech: times written out,
// Arabic with diacritics, never the visitor's own name).
struct Text {
    std::string text;
    std::string say;
};

class Texts {
public:
    // Looks up `key` in `lang`, falling back to Dutch, then to the key itself
    // (so a gap shows up on screen instead of crashing).
    const Text& get(const std::string& lang, const std::string& key) const;
    const std::string& text(const std::string& lang, const std::string& key) const { return get(lang, key).text; }
    const std::string& say(const std::string& lang, const std::string& key) const { return get(lang, key).say; }
    bool has(const std::string& lang, const std::string& key) const;
    void set(const std::string& lang, const std::string& key, Text t);
    std::vector<std::string> keys(const std::string& lang) const;
    // Every string in every language, for building the font atlas's glyph ranges.
    template <class F> void for_each(F&& f) const {
        for (auto& [lang, m] : by_lang_) for (auto& [k, t] : m) f(lang, k, t);
    }

private:
    std::map<std::string, std::map<std::string, Text>> by_lang_;
};

// Replaces {name}, {host}, {team}, {minutes}, … in a text. When the text or a
// value holds right-to-left letters, each value is isolated (U+2068 … U+2069),
// so bidi reordering keeps it whole and in its place.
std::string fill(std::string s, const std::map<std::string, std::string>& values);

struct Config {
    std::string dir;          // the config directory as given
    KioskSettings kiosk;
    Directory directory;
    Texts texts;
    std::string photos_dir;   // where staff photos are looked up
};

struct LoadResult {
    std::optional<Config> config;          // present when there are no errors
    std::vector<Diagnostic> diagnostics;   // errors and warnings, in file order
    bool ok() const;                       // no errors
};

// Loads and validates kiosk.toml, topics.toml, staff.csv and texts/<lang>.toml
// from `dir`. Photos are looked up in `assets_dir`/photos (default: the
// directory named by kiosk.toml's `assets`, relative to `dir`).
LoadResult load_config(const std::string& dir);

// The staff photo `name` as a file to serve: a plain file inside
// `photos_dir` once every link is followed, at most kMaxPhotoBytes. nullopt
// with the reason in `why` otherwise — a link out of the folder (to /etc, say)
// is never served, and `validate` reports it.
inline constexpr std::uintmax_t kMaxPhotoBytes = 8 * 1024 * 1024;
std::optional<std::string> photo_file(const std::string& photos_dir, const std::string& name, std::string* why);

// The keys every texts/<lang>.toml must define (beyond topic.<id> entries).
const std::vector<std::string>& required_text_keys();
// Staff-facing notification texts (notify.*): required in texts/nl.toml only.
const std::vector<std::string>& staff_text_keys();

// A colleague's working days and hours as written in staff.csv:
// "ma-vr 08:30-17:00", "ma,di,do 09:00-16:30", "mon-fri 9:00-17:00",
// several groups at once: "ma-do 08:30-17:00, vr 08:30-12:30".
// nullopt with a message (in `error`) when it cannot be read; "" = no days.
std::optional<WorkingHours> parse_working_hours(const std::string& s, std::string* error);

// PIN check against "sha256:<hex>".
bool pin_matches(const std::string& pin, const std::string& hash);
std::string hash_pin(const std::string& pin);

}  // namespace gastvrij
