// kiosk.toml: the office, languages, opening hours, time-outs, panel size,
// admin PIN, retention, service address, e-mail and webhook channels.
#include <algorithm>
#include <cctype>
#include <cstdio>
#include <filesystem>

#include <unistd.h>

#include "config/loader.h"
#include "domain/office_id.h"

namespace gastvrij::detail {

namespace {

const char* kFile = "kiosk.toml";
const char* kDays[7] = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"};

bool starts_with(const std::string& s, const std::string& p) { return s.compare(0, p.size(), p) == 0; }

// "2026-12-25" with a real month and day.
bool valid_iso_date(const std::string& s) {
    int y = 0, m = 0, d = 0;
    char tail = 0;
    if (s.size() != 10 || std::sscanf(s.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return false;
    if (y < 2000 || y > 2200 || m < 1 || m > 12 || d < 1) return false;
    static const int days_in[12] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days_in[m - 1] && !(m == 2 && d == 29 && !leap);
}

// A date written either "2026-12-25" (text) or 2026-12-25 (a TOML date); both are fine.
std::optional<std::string> read_date(const toml::node& n, const std::string& where, Report& report) {
    std::string s;
    if (auto d = n.value<toml::date>(); d && n.is_date()) {
        char buf[16];
        std::snprintf(buf, sizeof buf, "%04d-%02d-%02d", int(d->year), int(d->month), int(d->day));
        s = buf;
    } else if (n.is_string()) {
        s = trim(*n.value<std::string>());
    } else {
        report.error(kFile, line_of(n), where + ": a date must look like \"2026-12-25\" (year-month-day)");
        return std::nullopt;
    }
    if (!valid_iso_date(s)) {
        report.error(kFile, line_of(n), where + ": '" + s + "' is not a date — write year-month-day, like \"2026-12-25\"");
        return std::nullopt;
    }
    return s;
}

std::optional<std::vector<Interval>> read_hours(const std::string& value, int line, const std::string& where,
                                                Report& report) {
    std::string why;
    auto v = parse_intervals(value, &why);
    if (!v) {
        report.error(kFile, line,
                     where + " = \"" + value + "\": " + (why.empty() ? "cannot read these hours" : why) +
                         " (or \"gesloten\" for a closed day)");
        return v;
    }
    for (std::size_t i = 0; i < v->size(); ++i) {
        const Interval& iv = (*v)[i];
        if (iv.close <= iv.open)
            report.warning(kFile, line, where + " = \"" + value + "\": a time range runs past midnight — is that right?");
        if (i > 0 && iv.open < (*v)[i - 1].close)
            report.error(kFile, line, where + " = \"" + value + "\": the times overlap or are out of order — write them from early to late");
    }
    return v;
}

void read_office(TableReader& r, KioskSettings& k, KioskFileResult& out, Report& report) {
    if (auto v = r.string("name", true)) {
        if (trim(*v).empty()) report.error(kFile, r.line_of_key("name"), "[office]: name is empty — write the office's name");
        else k.office_name = *v;
    }
    if (auto v = r.string("id")) {
        if (!valid_office_id(*v))
            report.error(kFile, r.line_of_key("id"),
                         "[office]: id '" + *v + "' may use only letters, digits, - and _ (at most " +
                             std::to_string(kMaxOfficeIdLength) +
                             "), like \"zuid\" — it names this office in a shared database and in reports");
        else k.office_id = *v;
    }
    if (auto v = r.string("kiosk_id", true)) {
        bool ok = !v->empty() && std::all_of(v->begin(), v->end(), [](unsigned char c) {
            return std::isalnum(c) || c == '-' || c == '_';
        });
        if (!ok)
            report.error(kFile, r.line_of_key("kiosk_id"),
                         "[office]: kiosk_id '" + *v + "' may use only letters, digits, - and _, like \"entrance\"");
        else k.kiosk_id = *v;
    }
    if (auto v = r.string("website")) {
        k.website = trim(*v);
        if (!k.website.empty() && !starts_with(k.website, "https://") && !starts_with(k.website, "http://"))
            report.error(kFile, r.line_of_key("website"), "[office]: website must start with https://");
        else if (starts_with(k.website, "http://"))
            report.warning(kFile, r.line_of_key("website"), "[office]: website uses http:// — prefer https://");
    }
    out.assets_dir = "../assets";
    out.assets_line = r.line();
    if (auto v = r.string("assets")) {
        out.assets_dir = trim(*v);
        out.assets_line = r.line_of_key("assets");
    }
    r.finish();
}

void read_languages(TableReader& r, KioskSettings& k, Report& report) {
    if (auto list = r.string_list("available")) {
        std::vector<std::string> langs;
        for (auto& [code, line] : *list) {
            std::string c = lower_ascii(trim(code));
            bool ok = c.size() >= 2 && c.size() <= 3 &&
                      std::all_of(c.begin(), c.end(), [](unsigned char ch) { return ch >= 'a' && ch <= 'z'; });
            if (!ok) {
                report.error(kFile, line, "[languages]: '" + code + "' is not a language code — use two letters, like \"nl\" or \"tr\"");
            } else if (std::find(langs.begin(), langs.end(), c) != langs.end()) {
                report.error(kFile, line, "[languages]: '" + c + "' is listed twice in available");
            } else {
                langs.push_back(c);
            }
        }
        if (std::find(langs.begin(), langs.end(), "nl") == langs.end())
            report.error(kFile, r.line_of_key("available"),
                         "[languages]: available must include \"nl\" — Dutch is shown when a translation is missing");
        if (!langs.empty()) k.languages = langs;
    }
    if (auto v = r.string("default")) {
        std::string d = lower_ascii(trim(*v));
        if (std::find(k.languages.begin(), k.languages.end(), d) == k.languages.end())
            report.error(kFile, r.line_of_key("default"),
                         "[languages]: default = \"" + *v + "\" is not in available — use one of: " + join(k.languages));
        else k.default_language = d;
    }
    r.finish();
}

void read_hours_table(TableReader& r, const toml::table* hours, KioskSettings& k, Report& report) {
    for (int d = 0; d < 7; ++d) {
        if (auto v = r.string(kDays[d], true)) {
            if (auto iv = read_hours(*v, r.line_of_key(kDays[d]), std::string("[hours] ") + kDays[d], report))
                k.hours.week[d] = *iv;
        }
    }
    if (auto v = r.integer("closing_soon_minutes", 0, 240)) k.hours.closing_soon_minutes = static_cast<int>(*v);

    r.known("holidays");
    if (const toml::node* n = hours ? hours->get("holidays") : nullptr) {
        if (const toml::array* a = n->as_array()) {
            for (const toml::node& item : *a) {
                if (auto date = read_date(item, "[hours] holidays", report)) {
                    if (std::find(k.hours.holidays.begin(), k.hours.holidays.end(), *date) != k.hours.holidays.end())
                        report.warning(kFile, line_of(item), "[hours] holidays: " + *date + " is listed twice");
                    else k.hours.holidays.push_back(*date);
                }
            }
        } else {
            report.error(kFile, line_of(*n), "[hours]: holidays must be a list, like holidays = [\"2026-12-25\", \"2026-12-26\"]");
        }
    }

    if (const toml::array* specials = r.table_array("special")) {
        for (const toml::node& node : *specials) {
            const toml::table* t = node.as_table();
            if (!t) continue;
            TableReader s(report, kFile, t, "[[hours.special]]", line_of(node));
            SpecialDay day;
            s.known("date");
            if (const toml::node* dn = t->get("date")) {
                if (auto date = read_date(*dn, "[[hours.special]] date", report)) day.date = *date;
            } else {
                report.error(kFile, s.line(), "[[hours.special]]: 'date' is missing — add date = \"2026-12-24\"");
            }
            if (auto h = s.string("hours")) {
                if (auto iv = read_hours(*h, s.line_of_key("hours"), "[[hours.special]] hours", report)) day.intervals = *iv;
            } else if (!s.has("hours")) {
                report.warning(kFile, s.line(), "[[hours.special]]: no 'hours' — the office is treated as closed that day");
            }
            if (auto note = s.string("note")) day.note = *note;
            s.finish();
            if (day.date.empty()) continue;
            auto same = std::find_if(k.hours.special.begin(), k.hours.special.end(),
                                     [&](const SpecialDay& o) { return o.date == day.date; });
            if (same != k.hours.special.end()) {
                report.error(kFile, s.line(), "[[hours.special]]: " + day.date + " has two blocks — keep one");
                continue;
            }
            if (std::find(k.hours.holidays.begin(), k.hours.holidays.end(), day.date) != k.hours.holidays.end())
                report.warning(kFile, s.line(),
                               "[[hours.special]]: " + day.date + " is also a holiday — these special hours win");
            k.hours.special.push_back(std::move(day));
        }
    }
    r.finish();
}

void read_timeouts(TableReader& r, KioskSettings& k) {
    if (auto v = r.integer("idle_seconds", 10, 3600)) k.idle_seconds = static_cast<int>(*v);
    // WCAG 2.2.1 asks for at least 20 s to ask for more time.
    if (auto v = r.integer("warning_seconds", 20, 600)) k.warning_seconds = static_cast<int>(*v);
    if (auto v = r.integer("confirmation_seconds", 5, 600)) k.confirmation_seconds = static_cast<int>(*v);
    r.finish();
}

void read_panel(TableReader& r, KioskSettings& k, Report& report) {
    auto w = r.number("width_mm", 0, 5000);
    auto h = r.number("height_mm", 0, 5000);
    if (w) k.panel_width_mm = *w;
    if (h) k.panel_height_mm = *h;
    if (auto v = r.integer_of("rotation", {0, 90, 180, 270})) k.panel_rotation = static_cast<int>(*v);
    if (auto v = r.integer("dark_after_minutes", 0, 24 * 60)) k.dark_after_minutes = static_cast<int>(*v);
    if (w && h && *w < *h)
        report.warning(kFile, r.line_of_key("width_mm"),
                       "[panel]: width_mm is smaller than height_mm — give the sizes of the screen held landscape "
                       "(a 23.8\" screen: 527 × 296.5)");
    r.finish();
}

void read_admin(TableReader& r, KioskSettings& k, Report& report) {
    if (auto v = r.string("pin_hash", true)) {
        std::string h = trim(*v);
        bool ok = h.size() == 7 + 64 && starts_with(h, "sha256:") &&
                  std::all_of(h.begin() + 7, h.end(), [](unsigned char c) { return std::isxdigit(c); });
        if (!ok)
            report.error(kFile, r.line_of_key("pin_hash"),
                         "[admin]: pin_hash must be \"sha256:\" and 64 hex digits — make one with: gastvrij validate --hash-pin 1234");
        else k.admin_pin_hash = h;
    }
    r.finish();
}

bool is_loopback(const std::string& address) {
    return address == "localhost" || address == "::1" || address == "[::1]" || starts_with(address, "127.");
}

void read_service(const std::string& dir, TableReader& r, KioskSettings& k, Report& report) {
    if (auto v = r.string("listen")) {
        if (trim(*v).empty()) report.error(kFile, r.line_of_key("listen"), "[service]: listen is empty — use \"127.0.0.1\" or \"0.0.0.0\"");
        else k.service_listen = trim(*v);
    }
    if (auto v = r.integer("port", 1, 65535)) k.service_port = static_cast<int>(*v);
    if (auto v = r.string("public_url")) {
        k.public_url = trim(*v);
        int line = r.line_of_key("public_url");
        if (!k.public_url.empty() && !starts_with(k.public_url, "https://") && !starts_with(k.public_url, "http://"))
            report.error(kFile, line, "[service]: public_url must start with https:// or http://");
        else if (starts_with(k.public_url, "http://"))
            report.warning(kFile, line,
                           "[service]: public_url uses http:// — phones then talk to the kiosk unencrypted; "
                           "use https:// outside a closed office network");
    }
    if (auto v = r.boolean("tls")) k.service_tls = *v;
    // Plain HTTP would carry device tokens and visitors' names over the office
    // network in the clear: only a proxy on this machine may hear it.
    if (!k.service_tls && !is_loopback(k.service_listen))
        report.error(kFile, r.has("tls") ? r.line_of_key("tls") : r.line(),
                     "[service]: tls = false with listen = \"" + k.service_listen +
                         "\" would send tokens and names over the network unencrypted — remove tls = false, "
                         "or put a TLS proxy in front and set listen = \"127.0.0.1\"");
    auto path_setting = [&](const char* key, std::string& out) {
        const auto v = r.string(key);
        if (!v || trim(*v).empty()) return;
        std::filesystem::path p = trim(*v);
        if (p.is_relative()) p = std::filesystem::path(dir) / p;
        out = p.lexically_normal().string();
        std::error_code ec;
        if (!std::filesystem::is_regular_file(out, ec))
            report.error(kFile, r.line_of_key(key),
                         std::string("[service]: ") + key + " '" + out + "' is not a file — give the path of the PEM file");
        else if (::access(out.c_str(), R_OK) != 0)
            report.error(kFile, r.line_of_key(key),
                         std::string("[service]: ") + key + " '" + out +
                             "' cannot be read by this user — the service user needs read access (and nobody else, for the key)");
    };
    path_setting("tls_cert", k.tls_cert);
    path_setting("tls_key", k.tls_key);
    if (k.tls_cert.empty() != k.tls_key.empty())
        report.error(kFile, r.line_of_key(k.tls_cert.empty() ? "tls_key" : "tls_cert"),
                     "[service]: tls_cert and tls_key go together — give both, or neither to let the service make its own");
    if (!k.service_tls && !k.tls_cert.empty())
        report.warning(kFile, r.line_of_key("tls_cert"), "[service]: tls_cert is not used while tls = false");
    r.finish();
}

void read_smtp(TableReader& r, KioskSettings& k, Report& report) {
    if (auto v = r.string("url")) {
        k.smtp.url = trim(*v);
        if (!k.smtp.url.empty() && !starts_with(k.smtp.url, "smtp://") && !starts_with(k.smtp.url, "smtps://"))
            report.error(kFile, r.line_of_key("url"), "[smtp]: url must start with smtp:// or smtps://, like \"smtp://mail.example.nl:587\"");
    }
    if (auto v = r.string("from")) k.smtp.from = trim(*v);
    if (!k.smtp.url.empty() && k.smtp.from.empty())
        report.error(kFile, r.line(), "[smtp]: 'from' is missing — add from = \"Gastvrij <receptie@…>\"");
    if (auto v = r.string("username")) k.smtp.username = *v;
    if (auto v = r.string("password")) k.smtp.password = *v;
    if (auto v = r.boolean("starttls")) k.smtp.starttls = *v;
    r.finish();
}

void read_webhooks(const toml::array* hooks, KioskSettings& k, Report& report) {
    if (!hooks) return;
    std::vector<int> lines;
    for (const toml::node& node : *hooks) {
        const toml::table* t = node.as_table();
        if (!t) continue;
        TableReader r(report, kFile, t, "[[webhooks]]", line_of(node));
        WebhookSettings w;
        if (auto v = r.string("id", true)) w.id = trim(*v);
        if (auto v = r.string("url", true)) {
            w.url = trim(*v);
            if (!starts_with(w.url, "https://") && !starts_with(w.url, "http://"))
                report.error(kFile, r.line_of_key("url"), "[[webhooks]]: url must start with https://");
        }
        if (auto v = r.string("format", true)) {
            w.format = lower_ascii(trim(*v));
            if (w.format != "teams" && w.format != "slack" && w.format != "json")
                report.error(kFile, r.line_of_key("format"),
                             "[[webhooks]]: format \"" + *v + "\" is unknown — use \"teams\", \"slack\" or \"json\"" +
                                 did_you_mean(w.format, {"teams", "slack", "json"}));
        }
        r.finish();
        if (w.id.empty()) continue;
        bool dup = false;
        for (std::size_t i = 0; i < k.webhooks.size(); ++i)
            if (k.webhooks[i].id == w.id) {
                report.error(kFile, r.line_of_key("id"),
                             "[[webhooks]]: id '" + w.id + "' is used twice — also on line " + std::to_string(lines[i]));
                dup = true;
            }
        if (dup) continue;
        lines.push_back(r.line_of_key("id"));
        k.webhooks.push_back(std::move(w));
    }
}

}  // namespace

KioskFileResult load_kiosk_file(const std::string& dir, KioskSettings& k, Report& report) {
    KioskFileResult out;
    auto text = read_text_file(dir, kFile, report);
    if (!text) return out;
    auto doc = parse_toml(*text, kFile, report);
    if (!doc) return out;
    out.parsed = true;

    TableReader root(report, kFile, &*doc, "", 0);
    auto section = [&](const char* name, bool required) {
        const toml::table* t = root.table(name, false);
        if (!t && required && !root.has(name))
            report.error(kFile, 0, std::string("the section [") + name + "] is missing — copy it from the demo kiosk.toml");
        return TableReader(report, kFile, t, std::string("[") + name + "]", 0);
    };

    { auto r = section("office", true); read_office(r, k, out, report); }
    { auto r = section("languages", false); read_languages(r, k, report); }
    {
        const toml::table* hours = root.table("hours", false);
        if (!hours && !root.has("hours")) report.error(kFile, 0, "the section [hours] is missing — copy it from the demo kiosk.toml");
        TableReader r(report, kFile, hours, "[hours]", 0);
        if (hours) read_hours_table(r, hours, k, report);
    }
    { auto r = section("timeouts", false); read_timeouts(r, k); }
    { auto r = section("panel", false); read_panel(r, k, report); }
    { auto r = section("admin", true); read_admin(r, k, report); }
    int phone_page_line = 0;
    {
        auto r = section("retention", false);
        if (auto v = r.integer("name_keep_days", 0, 3650)) k.retention.name_keep_days = static_cast<int>(*v);
        if (auto v = r.integer("callback_keep_days", 0, 3650)) k.retention.callback_keep_days = static_cast<int>(*v);
        if (auto v = r.integer("event_keep_days", 1, 3650)) k.retention.event_keep_days = static_cast<int>(*v);
        r.finish();
    }
    {
        // Where the visits are kept when no --data names it: a PostgreSQL
        // database shared by several offices, or a SQLite file of this one.
        auto r = section("store", false);
        if (auto v = r.string("url")) {
            const std::string url = trim(*v);
            const auto scheme = url.find("://");
            if (url.empty()) {
                report.error(kFile, r.line_of_key("url"),
                             "[store]: url is empty — give postgresql://user@host/database, or leave it out for "
                             "this machine's own data file");
            } else if (scheme != std::string::npos && !starts_with(url, "postgresql://") &&
                       !starts_with(url, "postgres://") && !starts_with(url, "sqlite:")) {
                report.error(kFile, r.line_of_key("url"),
                             "[store]: url \"" + url.substr(0, scheme + 3) +
                                 "…\" is not a store Gastvrij knows — use postgresql://user@host/database "
                                 "or sqlite:/path/to/gastvrij.db");
            } else {
                k.store_url = url;
            }
        }
        r.finish();
    }
    {
        auto r = section("callbacks", false);
        if (auto v = r.integer("due_hours", 1, 720)) k.callback_due_hours = static_cast<int>(*v);
        r.finish();
    }
    {
        auto r = section("survey", false);
        if (auto v = r.boolean("faces")) k.survey_faces = *v;
        if (auto v = r.boolean("phone_page")) k.survey_phone_page = *v;
        phone_page_line = r.line_of_key("phone_page");
        r.finish();
    }
    { auto r = section("service", false); read_service(dir, r, k, report); }
    if (k.survey_phone_page && k.public_url.empty())
        report.error(kFile, phone_page_line,
                     "[survey]: phone_page = true needs public_url under [service] — "
                     "without it the QR code on the kiosk leads nowhere");
    { auto r = section("smtp", false); read_smtp(r, k, report); }
    read_webhooks(root.table_array("webhooks"), k, report);
    {
        auto r = section("routing", true);
        if (auto v = r.string("reception_team", true)) {
            out.reception_team = trim(*v);
            out.reception_team_line = r.line_of_key("reception_team");
        }
        r.finish();
    }
    root.finish();
    return out;
}

}  // namespace gastvrij::detail
