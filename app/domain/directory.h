#pragma once
// Who and what the office offers: topics (the kiosk's tiles), teams and staff.
// Loaded from kiosk-config/ by app/config; plain data with look-ups here.
#include <array>
#include <optional>
#include <string>
#include <vector>

#include "domain/clock.h"

namespace gastvrij {

// How a topic finds its host.
enum class RouteKind {
    Team,          // an available member of the topic's team
    ChoosePerson,  // the visitor picks a colleague ("I have an appointment")
    Desk,          // straight to the reception desk ("I'd rather talk to someone")
};
const char* to_string(RouteKind k);
std::optional<RouteKind> route_kind_from(const std::string& s);  // "team" | "person" | "desk"

struct Topic {
    std::string id;          // stable key, e.g. "repair"; texts use topic.<id>
    std::string icon;        // Material Icons name, e.g. "build"
    RouteKind route = RouteKind::Team;
    std::string team;        // team id for RouteKind::Team
    int ack_minutes = 5;     // a host must answer within this many minutes
    std::string info_url;    // optional web page with more information (QR link)
};

struct Team {
    std::string id;           // "verhuur"
    std::string name;         // "Team Verhuur" (a proper name, not translated)
    std::string backup_team;  // team tried after this one; empty = reception desk
};

// Minutes of the day [start, end) per weekday; nullopt = not working that day.
struct WorkingHours {
    std::array<std::optional<std::pair<int, int>>, 7> days{};
    bool covers(const LocalTime& t) const;
};

struct Staff {
    std::string id;            // HR number or login, unique
    std::string first_name;
    std::string last_name;
    std::string team;          // team id
    std::string role;          // "Woonconsulent"
    std::string photo;         // file name under assets/photos, may be empty
    std::string email;         // empty = no e-mail channel
    std::string webhook;       // channel id from kiosk.toml [channels.webhooks], empty = none
    bool phone_page = false;   // may pair a phone to receive visits
    std::string backup;        // staff id of the backup colleague, may be empty
    bool show_on_kiosk = true; // listed on the "appointment" screen
    WorkingHours hours;
    std::string display_name() const;  // "Fatma Yılmaz"
};

enum class Presence { Unknown, In, Out, Lunch };  // Unknown = follow working hours
const char* to_string(Presence p);
std::optional<Presence> presence_from(const std::string& s);

// A colleague can take a visitor now: explicitly "in", or not marked and within
// working hours. "Out" and "lunch" always mean no.
bool is_available(const Staff& s, Presence p, const LocalTime& now);

struct Directory {
    std::vector<Topic> topics;  // in tile order
    std::vector<Team> teams;
    std::vector<Staff> staff;
    std::string reception_team;  // team id of the reception desk (last resort)

    const Topic* topic(const std::string& id) const;
    const Team* team(const std::string& id) const;
    const Staff* person(const std::string& id) const;
    std::vector<const Staff*> members(const std::string& team_id) const;
    // Staff shown on the appointment screen whose name contains `query`
    // (case- and accent-insensitive on first or last name; empty = all shown).
    std::vector<const Staff*> search(const std::string& query) const;
};

// Lower-cases and strips the diacritics Dutch, Turkish and Polish names use, so
// "yil" finds "Yılmaz" and "sl" finds "Śliwa". UTF-8 in, ASCII-ish out.
std::string fold_for_search(const std::string& utf8);

}  // namespace gastvrij
