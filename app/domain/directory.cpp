#include "domain/directory.h"

#include <cstdint>

namespace gastvrij {

const char* to_string(RouteKind k) {
    switch (k) {
        case RouteKind::Team: return "team";
        case RouteKind::ChoosePerson: return "person";
        case RouteKind::Desk: return "desk";
    }
    return "team";
}

std::optional<RouteKind> route_kind_from(const std::string& s) {
    if (s == "team") return RouteKind::Team;
    if (s == "person") return RouteKind::ChoosePerson;
    if (s == "desk") return RouteKind::Desk;
    return std::nullopt;
}

const char* to_string(Presence p) {
    switch (p) {
        case Presence::Unknown: return "unknown";
        case Presence::In: return "in";
        case Presence::Out: return "out";
        case Presence::Lunch: return "lunch";
    }
    return "unknown";
}

std::optional<Presence> presence_from(const std::string& s) {
    if (s == "unknown") return Presence::Unknown;
    if (s == "in") return Presence::In;
    if (s == "out") return Presence::Out;
    if (s == "lunch") return Presence::Lunch;
    return std::nullopt;
}

bool WorkingHours::covers(const LocalTime& t) const {
    if (t.weekday < 0 || t.weekday > 6) return false;
    const auto& d = days[static_cast<std::size_t>(t.weekday)];
    return d && t.minute >= d->first && t.minute < d->second;
}

std::string Staff::display_name() const {
    if (last_name.empty()) return first_name;
    if (first_name.empty()) return last_name;
    return first_name + " " + last_name;
}

bool is_available(const Staff& s, Presence p, const LocalTime& now) {
    switch (p) {
        case Presence::In: return true;  // the colleague said so, even after hours
        case Presence::Out:
        case Presence::Lunch: return false;
        case Presence::Unknown: return s.hours.covers(now);
    }
    return false;
}

const Topic* Directory::topic(const std::string& id) const {
    for (const auto& t : topics)
        if (t.id == id) return &t;
    return nullptr;
}

const Team* Directory::team(const std::string& id) const {
    for (const auto& t : teams)
        if (t.id == id) return &t;
    return nullptr;
}

const Staff* Directory::person(const std::string& id) const {
    for (const auto& s : staff)
        if (s.id == id) return &s;
    return nullptr;
}

std::vector<const Staff*> Directory::members(const std::string& team_id) const {
    std::vector<const Staff*> out;
    for (const auto& s : staff)
        if (s.team == team_id) out.push_back(&s);
    return out;
}

std::vector<const Staff*> Directory::search(const std::string& query) const {
    const std::string q = fold_for_search(query);
    std::vector<const Staff*> out;
    for (const auto& s : staff) {
        if (!s.show_on_kiosk) continue;
        if (q.empty() || fold_for_search(s.first_name).find(q) != std::string::npos ||
            fold_for_search(s.last_name).find(q) != std::string::npos ||
            fold_for_search(s.display_name()).find(q) != std::string::npos)
            out.push_back(&s);
    }
    return out;
}

namespace {

// Decodes one UTF-8 sequence at s[i]; advances i. Invalid bytes come back as
// themselves so a broken name still matches byte for byte.
char32_t next_code_point(const std::string& s, std::size_t& i) {
    const auto b0 = static_cast<unsigned char>(s[i]);
    int len = b0 < 0x80 ? 1 : (b0 >> 5) == 0x6 ? 2 : (b0 >> 4) == 0xE ? 3 : (b0 >> 3) == 0x1E ? 4 : 0;
    if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) {
        ++i;
        return b0;
    }
    char32_t cp = len == 1 ? b0 : len == 2 ? (b0 & 0x1F) : len == 3 ? (b0 & 0x0F) : (b0 & 0x07);
    for (int k = 1; k < len; ++k) {
        const auto b = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
        if ((b & 0xC0) != 0x80) {
            ++i;
            return b0;
        }
        cp = (cp << 6) | (b & 0x3F);
    }
    i += static_cast<std::size_t>(len);
    return cp;
}

void append_utf8(std::string& out, char32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Base letter of the accented letters in Dutch, Turkish, Polish (and a few
// French/German ones office names carry); 0 when the letter has no mapping.
char base_letter(char32_t cp) {
    // Latin-1 Supplement, À (U+00C0) … ÿ (U+00FF), upper and lower case.
    static const char latin1[] =
        "aaaaaaaceeeeiiii"   // C0–CF  À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï
        "dnooooo\0ouuuuyts"  // D0–DF  Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß
        "aaaaaaaceeeeiiii"   // E0–EF
        "dnooooo\0ouuuuyty"; // F0–FF
    if (cp >= 0xC0 && cp <= 0xFF) return latin1[cp - 0xC0];
    switch (cp) {
        case 0x0104: case 0x0105: return 'a';  // Ą ą
        case 0x0106: case 0x0107: return 'c';  // Ć ć
        case 0x010C: case 0x010D: return 'c';  // Č č
        case 0x0118: case 0x0119: return 'e';  // Ę ę
        case 0x011A: case 0x011B: return 'e';  // Ě ě
        case 0x011E: case 0x011F: return 'g';  // Ğ ğ
        case 0x0130: case 0x0131: return 'i';  // İ ı
        case 0x0141: case 0x0142: return 'l';  // Ł ł
        case 0x0143: case 0x0144: return 'n';  // Ń ń
        case 0x0147: case 0x0148: return 'n';  // Ň ň
        case 0x0150: case 0x0151: return 'o';  // Ő ő
        case 0x0158: case 0x0159: return 'r';  // Ř ř
        case 0x015A: case 0x015B: return 's';  // Ś ś
        case 0x015E: case 0x015F: return 's';  // Ş ş
        case 0x0160: case 0x0161: return 's';  // Š š
        case 0x0170: case 0x0171: return 'u';  // Ű ű
        case 0x0178: return 'y';               // Ÿ
        case 0x0179: case 0x017A: return 'z';  // Ź ź
        case 0x017B: case 0x017C: return 'z';  // Ż ż
        case 0x017D: case 0x017E: return 'z';  // Ž ž
        default: return 0;
    }
}

}  // namespace

std::string fold_for_search(const std::string& utf8) {
    std::string out;
    out.reserve(utf8.size());
    for (std::size_t i = 0; i < utf8.size();) {
        const char32_t cp = next_code_point(utf8, i);
        if (cp < 0x80) {
            char c = static_cast<char>(cp);
            if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
            out += c;
        } else if (cp == 0xDF) {
            out += "ss";  // ß
        } else if (cp == 0xC6 || cp == 0xE6) {
            out += "ae";  // Æ æ
        } else if (cp == 0x0132 || cp == 0x0133) {
            out += "ij";  // the Dutch ligature Ĳ ĳ
        } else if (const char b = base_letter(cp)) {
            out += b;
        } else {
            append_utf8(out, cp);  // other scripts stay as they are
        }
    }
    return out;
}

}  // namespace gastvrij
