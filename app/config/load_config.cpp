// load_config(): reads every file of kiosk-config/, then checks what links the
// files together (teams, backups, webhooks, photos). A reference is only
// checked when the file it points into could be read, so one broken file does
// not bury the real mistake under follow-up errors.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>

#include "config/loader.h"

namespace gastvrij {

namespace {

namespace fs = std::filesystem;
using detail::did_you_mean;
using detail::join;
using detail::one_of;

std::vector<std::string> ids_of_teams(const Directory& d) {
    std::vector<std::string> v;
    for (auto& t : d.teams) v.push_back(t.id);
    return v;
}

void check_staff_references(const Config& c, const detail::KioskFileResult& kf, const detail::TopicsFileResult& tf,
                            const detail::StaffFileResult& sf, detail::Report& report) {
    const Directory& d = c.directory;
    const char* file = "staff.csv";
    std::vector<std::string> staff_ids, hook_ids;
    for (auto& s : d.staff) staff_ids.push_back(s.id);
    const std::set<std::string> known_ids(staff_ids.begin(), staff_ids.end());
    for (auto& w : c.kiosk.webhooks) hook_ids.push_back(w.id);

    const bool photos_dir_ok = fs::is_directory(c.photos_dir);
    bool photo_used = false;
    for (std::size_t i = 0; i < d.staff.size(); ++i) {
        const Staff& s = d.staff[i];
        const int line = sf.lines[i];
        if (tf.parsed && !d.team(s.team))
            report.error(file, line,
                         "unknown team '" + s.team + "'" + one_of(s.team, ids_of_teams(d)) +
                             " (teams are listed in topics.toml)");
        if (!s.backup.empty()) {
            if (s.backup == s.id)
                report.error(file, line, "backup is " + s.first_name + " themselves — name a colleague's id, or leave it empty");
            else if (!known_ids.count(s.backup) && !sf.ids_in_broken_rows.count(s.backup))
                report.error(file, line,
                             "backup '" + s.backup + "' is not an id in staff.csv" +
                                 // Past the errors validate shows, a suggestion is work nobody reads
                                 // (and over thousands of rows it would grow with their square).
                                 (report.errors() < detail::kMaxSuggestions ? did_you_mean(s.backup, staff_ids) : "") +
                                 " — use a colleague's id from the first column");
        }
        if (!s.webhook.empty() && kf.parsed &&
            std::find(hook_ids.begin(), hook_ids.end(), s.webhook) == hook_ids.end())
            report.error(file, line,
                         "webhook '" + s.webhook + "' is not in kiosk.toml" +
                             (hook_ids.empty() ? " — add a [[webhooks]] block with this id" : one_of(s.webhook, hook_ids)));
        if (s.photo.empty()) continue;
        photo_used = true;
        if (s.photo.find('/') != std::string::npos || s.photo.find('\\') != std::string::npos) {
            report.error(file, line, "photo '" + s.photo + "': give only the file name; photos live in the photos folder");
            continue;
        }
        if (!photos_dir_ok) continue;
        std::string why;
        if (!photo_file(c.photos_dir, s.photo, &why)) report.error(file, line, "photo '" + s.photo + "' " + why);
    }
    if (photo_used && !photos_dir_ok && kf.parsed)
        report.error("kiosk.toml", kf.assets_line,
                     "[office]: the photos folder " + c.photos_dir + " does not exist — check assets = \"" +
                         kf.assets_dir + "\" (it is relative to the kiosk-config folder)");
}

// Pictograms: the names must exist in the icon font's table shipped in assets/,
// or the tile would show no picture at all.
void check_icons(const Config& c, const detail::TopicsFileResult& tf, detail::Report& report) {
    if (!tf.parsed) return;
    const fs::path table = fs::path(c.photos_dir).parent_path() / "icons" / "material-icons.codepoints";
    std::ifstream in(table);
    if (!in) return;  // the photos folder check already explains a wrong assets path
    std::set<std::string> names;
    std::string name, code;
    while (in >> name >> code) names.insert(name);
    std::vector<std::string> all(names.begin(), names.end());
    for (std::size_t i = 0; i < c.directory.topics.size(); ++i) {
        const Topic& t = c.directory.topics[i];
        if (!t.icon.empty() && !names.count(t.icon))
            report.error("topics.toml", tf.topic_icon_lines[i],
                         "topic '" + t.id + "': no pictogram called '" + t.icon + "'" + did_you_mean(t.icon, all) +
                             " — pick a name from assets/icons/material-icons.codepoints");
    }
}

void check_soft_things(const Config& c, const detail::KioskFileResult& kf, const detail::TopicsFileResult& tf,
                       const detail::StaffFileResult& sf, detail::Report& report) {
    const Directory& d = c.directory;
    if (kf.parsed && tf.parsed && !kf.reception_team.empty() && !d.team(kf.reception_team))
        report.error("kiosk.toml", kf.reception_team_line,
                     "[routing]: unknown reception_team '" + kf.reception_team + "'" +
                         one_of(kf.reception_team, ids_of_teams(d)) + " (teams are listed in topics.toml)");
    if (!sf.parsed || !tf.parsed) return;
    for (std::size_t i = 0; i < d.teams.size(); ++i)
        if (d.members(d.teams[i].id).empty())
            report.warning("topics.toml", tf.team_lines[i],
                           "team '" + d.teams[i].id + "' has nobody in staff.csv — its visitors go to the " +
                               (d.teams[i].backup_team.empty() ? "reception desk" : "backup team"));
    bool person_route = std::any_of(d.topics.begin(), d.topics.end(),
                                    [](const Topic& t) { return t.route == RouteKind::ChoosePerson; });
    bool anyone_shown = std::any_of(d.staff.begin(), d.staff.end(), [](const Staff& s) { return s.show_on_kiosk; });
    if (person_route && !anyone_shown && !d.staff.empty())
        report.warning("staff.csv", 0, "nobody has show_on_kiosk = ja, so \"I have an appointment\" lists no one");
    if (!kf.parsed) return;
    int with_email = 0, with_phone = 0;
    for (auto& s : d.staff) {
        with_email += !s.email.empty();
        with_phone += s.phone_page;
    }
    if (with_email && c.kiosk.smtp.url.empty())
        report.warning("kiosk.toml", 0,
                       std::to_string(with_email) + " colleagues have an e-mail address, but [smtp] has no url — no e-mail is sent");
    if (with_phone && c.kiosk.public_url.empty())
        report.warning("kiosk.toml", 0,
                       std::to_string(with_phone) + " colleagues may pair a phone, but [service] has no public_url — phones cannot reach the kiosk");
}

int file_rank(const std::string& file, const std::vector<std::string>& langs) {
    if (file == "kiosk.toml") return 0;
    if (file == "topics.toml") return 1;
    if (file == "staff.csv") return 2;
    for (std::size_t i = 0; i < langs.size(); ++i)
        if (file == "texts/" + langs[i] + ".toml") return 3 + static_cast<int>(i);
    return 100;
}

}  // namespace

std::optional<std::string> photo_file(const std::string& photos_dir, const std::string& name, std::string* why) {
    std::error_code ec;
    const fs::path path = fs::path(photos_dir) / name;
    if (name.empty() || name.find('/') != std::string::npos || !fs::is_regular_file(path, ec)) {
        *why = "not found in " + photos_dir + " — add the file there, or leave the field empty for initials";
        return std::nullopt;
    }
    const fs::path target = fs::canonical(path, ec);
    const fs::path folder = fs::canonical(photos_dir, ec);
    const fs::path inside = target.lexically_relative(folder);
    if (ec || inside.empty() || *inside.begin() == "..") {
        *why = "is a link to " + target.string() + ", outside the photos folder — copy the picture into " +
               photos_dir + " instead";
        return std::nullopt;
    }
    if (fs::file_size(target, ec) > kMaxPhotoBytes) {
        *why = "is larger than " + std::to_string(kMaxPhotoBytes / (1024 * 1024)) +
               " MiB — save it smaller (a 600×600 JPEG is plenty)";
        return std::nullopt;
    }
    return target.string();
}

LoadResult load_config(const std::string& dir) {
    LoadResult result;
    detail::Report report(result.diagnostics);
    Config c;
    c.dir = dir;
    try {
        if (!fs::is_directory(dir)) {
            report.error(dir, 0, "this folder does not exist — give the folder that holds kiosk.toml");
            return result;
        }
        auto kf = detail::load_kiosk_file(dir, c.kiosk, report);
        auto tf = detail::load_topics_file(dir, c.directory, report);
        auto sf = detail::load_staff_file(dir, c.directory, report);
        c.directory.reception_team = kf.reception_team;
        c.photos_dir = (fs::path(dir) / kf.assets_dir / "photos").lexically_normal().string();
        if (kf.assets_dir.empty()) c.photos_dir = (fs::path(dir) / "../assets/photos").lexically_normal().string();
        check_staff_references(c, kf, tf, sf, report);
        check_soft_things(c, kf, tf, sf, report);
        check_icons(c, tf, report);
        detail::load_text_files(dir, c.kiosk, c.directory, tf.parsed, c.texts, report);
    } catch (const std::exception& e) {
        // Nothing above should throw; if something does, it is still a report, not a crash.
        report.error("kiosk-config", 0, std::string("unexpected problem while reading: ") + e.what());
    }

    std::vector<std::string> langs = c.kiosk.languages;
    std::stable_partition(langs.begin(), langs.end(), [](const std::string& l) { return l == "nl"; });
    std::stable_sort(result.diagnostics.begin(), result.diagnostics.end(), [&](const Diagnostic& a, const Diagnostic& b) {
        int ra = file_rank(a.file, langs), rb = file_rank(b.file, langs);
        if (ra != rb) return ra < rb;
        if (a.file != b.file) return a.file < b.file;
        return a.line < b.line;
    });
    if (result.ok()) result.config = std::move(c);
    return result;
}

}  // namespace gastvrij
