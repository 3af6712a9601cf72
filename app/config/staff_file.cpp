// staff.csv: one row per colleague, edited in Excel or LibreOffice. Accepts
// what those programs write: a UTF-8 byte-order mark, CRLF, quoted fields and
// semicolons instead of commas (Dutch Excel).
#include <algorithm>
#include <array>
#include <cctype>
#include <map>

#include "config/loader.h"
#include "domain/utf8.h"

namespace gastvrij {

namespace {

const char* kFile = "staff.csv";

const std::vector<std::string>& columns() {
    static const std::vector<std::string> c = {"id",      "first_name", "last_name", "team",
                                               "role",    "photo",      "email",     "webhook",
                                               "phone_page", "backup",  "show_on_kiosk", "hours"};
    return c;
}

std::optional<int> day_index(const std::string& word) {
    static const std::map<std::string, int> days = {
        {"ma", 0}, {"di", 1}, {"wo", 2}, {"do", 3}, {"vr", 4}, {"za", 5}, {"zo", 6},
        {"maandag", 0}, {"dinsdag", 1}, {"woensdag", 2}, {"donderdag", 3}, {"vrijdag", 4}, {"zaterdag", 5}, {"zondag", 6},
        {"mon", 0}, {"tue", 1}, {"wed", 2}, {"thu", 3}, {"fri", 4}, {"sat", 5}, {"sun", 6},
        {"monday", 0}, {"tuesday", 1}, {"wednesday", 2}, {"thursday", 3}, {"friday", 4}, {"saturday", 5}, {"sunday", 6},
    };
    auto it = days.find(detail::lower_ascii(word));
    if (it == days.end()) return std::nullopt;
    return it->second;
}

// "ma - vr 08:30 – 17:00" → "ma-vr 08:30-17:00": spaces around a dash and the
// en dash Word and Excel like to insert are both accepted.
std::string normalise_dashes(const std::string& s) {
    std::string t;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (s.compare(i, 3, "\xE2\x80\x93") == 0) { t += '-'; i += 2; }
        else t += s[i];
    }
    std::string out;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] == ' ' || t[i] == '\t') {
            std::size_t j = t.find_first_not_of(" \t", i);
            bool before_dash = j != std::string::npos && t[j] == '-';
            bool after_dash = !out.empty() && out.back() == '-';
            if (before_dash || after_dash) { i = (j == std::string::npos ? t.size() : j) - 1; continue; }
        }
        out += t[i];
    }
    return out;
}

std::optional<bool> parse_bool(const std::string& s) {
    std::string v = detail::lower_ascii(detail::trim(s));
    if (v == "ja" || v == "j" || v == "yes" || v == "y" || v == "true" || v == "waar" || v == "1" || v == "x") return true;
    if (v == "nee" || v == "n" || v == "no" || v == "false" || v == "onwaar" || v == "0") return false;
    return std::nullopt;
}

bool plausible_email(const std::string& s) {
    auto at = s.find('@');
    return at != std::string::npos && at > 0 && s.find('@', at + 1) == std::string::npos &&
           s.find('.', at) != std::string::npos && s.back() != '.' &&
           std::none_of(s.begin(), s.end(), [](unsigned char c) { return std::isspace(c) || c == ',' || c == ';'; });
}

}  // namespace

std::optional<WorkingHours> parse_working_hours(const std::string& input, std::string* error) {
    auto fail = [&](const std::string& m) -> std::optional<WorkingHours> {
        if (error) *error = m;
        return std::nullopt;
    };
    WorkingHours wh;
    std::string s = normalise_dashes(input);
    std::vector<std::string> tokens;
    std::string cur;
    for (char c : s) {
        if (c == ' ' || c == '\t' || c == ',' || c == ';') {
            if (!cur.empty()) tokens.push_back(cur);
            cur.clear();
        } else {
            cur += c;
        }
    }
    if (!cur.empty()) tokens.push_back(cur);

    std::vector<int> pending;  // days waiting for their time
    for (const std::string& tok : tokens) {
        bool is_time = std::any_of(tok.begin(), tok.end(), [](unsigned char c) { return std::isdigit(c); });
        if (!is_time) {
            auto dash = tok.find('-');
            if (dash == std::string::npos) {
                auto d = day_index(tok);
                if (!d) return fail("'" + tok + "' is not a day — use ma di wo do vr za zo");
                pending.push_back(*d);
            } else {
                auto a = day_index(tok.substr(0, dash));
                auto b = day_index(tok.substr(dash + 1));
                if (!a || !b) return fail("'" + tok + "' is not a range of days — write it like ma-vr");
                if (*a > *b) return fail("'" + tok + "' runs backwards — write the days from Monday on, like ma-vr");
                for (int d = *a; d <= *b; ++d) pending.push_back(d);
            }
            continue;
        }
        if (pending.empty()) return fail("which days does '" + tok + "' belong to? Write it like ma-vr " + tok);
        std::string why;
        auto iv = parse_intervals(tok, &why);
        if (!iv || iv->size() != 1)
            return fail(why.empty() ? "'" + tok + "' is not a time range — write it like 08:30-17:00" : why);
        const Interval& i = iv->front();
        if (i.close <= i.open) return fail("'" + tok + "' ends before it starts — write it like 08:30-17:00");
        for (int d : pending) {
            if (wh.days[d]) return fail("a day is named twice in '" + input + "'");
            wh.days[d] = std::make_pair(i.open, i.close);
        }
        pending.clear();
    }
    if (!pending.empty()) return fail("the days at the end have no time — write it like ma-vr 08:30-17:00");
    return wh;
}

namespace detail {

CsvParse parse_csv(const std::string& text) {
    CsvParse out;
    // The separator is whichever of ',' and ';' the header line uses most.
    std::size_t pos = 0;
    while (pos < text.size()) {
        std::size_t eol = text.find('\n', pos);
        std::string line = trim(text.substr(pos, eol == std::string::npos ? std::string::npos : eol - pos));
        // Comments, also as Excel writes them back: "# …";;;
        bool comment = !line.empty() && (line[0] == '#' || line.rfind("\"#", 0) == 0);
        if (!line.empty() && !comment && line.find_first_not_of(",;") != std::string::npos) {
            auto commas = std::count(line.begin(), line.end(), ',');
            auto semis = std::count(line.begin(), line.end(), ';');
            out.separator = semis > commas ? ';' : ',';
            break;
        }
        if (eol == std::string::npos) break;
        pos = eol + 1;
    }
    const char sep = out.separator;

    int line = 1;
    std::size_t i = 0;
    const std::size_t n = text.size();
    while (i < n) {
        // A comment line is skipped whole, so a quote inside it cannot open a field.
        std::size_t first = text.find_first_not_of(" \t", i);
        if (first != std::string::npos && text[first] == '#') {
            std::size_t eol = text.find('\n', first);
            i = eol == std::string::npos ? n : eol + 1;
            ++line;
            continue;
        }
        CsvRecord rec;
        rec.line = line;
        bool end_of_record = false;
        while (!end_of_record) {
            std::string field;
            if (i < n && text[i] == '"') {
                int start_line = line;
                ++i;
                bool closed = false;
                while (i < n) {
                    char c = text[i];
                    if (c == '"') {
                        if (i + 1 < n && text[i + 1] == '"') { field += '"'; i += 2; continue; }
                        ++i;
                        closed = true;
                        break;
                    }
                    if (c == '\n') ++line;
                    if (c != '\r') field += c;
                    ++i;
                }
                if (!closed) {
                    out.problems.emplace_back(start_line, "a quote \" is opened here but never closed");
                    i = n;
                }
                // Anything between the closing quote and the separator is a mistake.
                std::size_t stray = i;
                while (i < n && text[i] != sep && text[i] != '\n' && text[i] != '\r') ++i;
                if (!trim(text.substr(stray, i - stray)).empty())
                    out.problems.emplace_back(line, "text after a closing quote — put the whole field in quotes");
            } else {
                while (i < n && text[i] != sep && text[i] != '\n') field += text[i++];
                field = trim(field);
            }
            rec.fields.push_back(field);
            if (i < n && text[i] == sep) {
                ++i;
            } else {
                while (i < n && text[i] == '\r') ++i;
                if (i < n && text[i] == '\n') { ++i; ++line; }
                end_of_record = true;
            }
        }
        bool blank = std::all_of(rec.fields.begin(), rec.fields.end(), [](const std::string& f) { return f.empty(); });
        bool comment = !rec.fields.empty() && !rec.fields[0].empty() && rec.fields[0][0] == '#';
        if (!blank && !comment) out.records.push_back(std::move(rec));
    }
    return out;
}

// The longest value each column may hold, in characters.
constexpr std::pair<const char*, std::size_t> kMaxFieldLength[] = {
    {"id", 64},     {"first_name", 60}, {"last_name", 80}, {"team", 64},   {"role", 80},
    {"photo", 255}, {"email", 254},     {"webhook", 2048}, {"backup", 64}, {"hours", 200},
    {"phone_page", 10}, {"show_on_kiosk", 10},
};

StaffFileResult load_staff_file(const std::string& dir, Directory& d, Report& report) {
    StaffFileResult out;
    auto text = read_text_file(dir, kFile, report);
    if (!text) return out;
    CsvParse csv = parse_csv(*text);
    for (auto& [line, message] : csv.problems) report.error(kFile, line, message);
    if (csv.records.empty()) {
        report.error(kFile, 0, "no header line — the first line must be: " + join(columns(), ","));
        return out;
    }
    out.parsed = true;
    const std::string sep(1, csv.separator);

    // The header: columns may come in any order, but each exactly once.
    const CsvRecord& header = csv.records.front();
    std::map<std::string, std::size_t> col;
    for (std::size_t c = 0; c < header.fields.size(); ++c) {
        std::string name = lower_ascii(trim(header.fields[c]));
        if (std::find(columns().begin(), columns().end(), name) == columns().end()) {
            std::string hint = did_you_mean(name, columns());
            report.error(kFile, header.line,
                         "unknown column '" + header.fields[c] + "'" +
                             (hint.empty() ? " — the columns are: " + join(columns(), sep) : hint));
        } else if (col.count(name)) {
            report.error(kFile, header.line, "column '" + name + "' appears twice in the header");
        } else {
            col[name] = c;
        }
    }
    std::vector<std::string> missing;
    for (const auto& name : columns())
        if (!col.count(name)) missing.push_back(name);
    if (!missing.empty()) {
        report.error(kFile, header.line,
                     (missing.size() == 1 ? "missing column '" + missing[0] + "'" : "missing columns " + join(missing)) +
                         " — the header must list: " + join(columns(), sep));
        return out;
    }

    std::map<std::string, int> id_lines;
    for (std::size_t r = 1; r < csv.records.size(); ++r) {
        const CsvRecord& row = csv.records[r];
        if (col["id"] < row.fields.size() && !trim(row.fields[col["id"]]).empty())
            out.ids_in_broken_rows.insert(trim(row.fields[col["id"]]));
        if (row.fields.size() != header.fields.size()) {
            report.error(kFile, row.line,
                         "this row has " + std::to_string(row.fields.size()) + " fields, the header has " +
                             std::to_string(header.fields.size()) + " — a '" + sep +
                             "' too many or too few? Put text that contains '" + sep + "' in \"quotes\"");
            continue;
        }
        auto field = [&](const char* name) { return trim(row.fields[col[name]]); };
        Staff s;
        s.id = field("id");
        s.first_name = field("first_name");
        s.last_name = field("last_name");
        s.team = lower_ascii(field("team"));
        s.role = field("role");
        s.photo = field("photo");
        s.email = field("email");
        s.webhook = field("webhook");
        s.backup = field("backup");
        // A name longer than any card can show is a pasted mistake; checked
        // first, so no message below repeats a megabyte of it.
        bool too_long = false;
        for (auto [name, max] : kMaxFieldLength) {
            const std::size_t length = utf8_length(field(name));
            if (length > max) {
                report.error(kFile, row.line,
                             std::string("the field '") + name + "' has " + std::to_string(length) +
                                 " characters; at most " + std::to_string(max) + " fit — shorten it");
                too_long = true;
            }
        }
        if (too_long) continue;
        bool ok = true;
        for (const char* required : {"id", "first_name", "team"}) {
            if (field(required).empty()) {
                report.error(kFile, row.line, std::string("the field '") + required + "' is empty — every colleague needs one");
                ok = false;
            }
        }
        if (!s.id.empty() && std::any_of(s.id.begin(), s.id.end(), [](unsigned char c) { return std::isspace(c); })) {
            report.error(kFile, row.line, "id '" + s.id + "' contains a space — use a login or personnel number without spaces");
            ok = false;
        }
        if (!s.email.empty() && !plausible_email(s.email))
            report.error(kFile, row.line, "'" + s.email + "' is not an e-mail address — write it like naam@voorbeeld.nl");
        for (auto [name, target, fallback] : {std::tuple{"phone_page", &s.phone_page, false},
                                              std::tuple{"show_on_kiosk", &s.show_on_kiosk, true}}) {
            std::string v = field(name);
            if (v.empty()) { *target = fallback; continue; }
            if (auto b = parse_bool(v)) *target = *b;
            else report.error(kFile, row.line, std::string(name) + " = '" + v + "' — write ja or nee");
        }
        std::string hours = field("hours");
        if (hours.empty()) {
            report.warning(kFile, row.line,
                           "no working hours for " + s.first_name +
                               " — the kiosk then only sends visitors when the desk marks this colleague 'in'");
        } else {
            std::string why;
            if (auto wh = parse_working_hours(hours, &why)) s.hours = *wh;
            else report.error(kFile, row.line, "hours \"" + hours + "\": " + why);
        }
        if (!s.id.empty()) {
            if (auto prev = id_lines.find(s.id); prev != id_lines.end()) {
                report.error(kFile, row.line,
                             "id '" + s.id + "' is used twice — also on line " + std::to_string(prev->second) +
                                 "; every colleague needs their own id");
                continue;
            }
            id_lines[s.id] = row.line;
        }
        if (!ok) continue;
        out.ids_in_broken_rows.erase(s.id);
        out.lines.push_back(row.line);
        d.staff.push_back(std::move(s));
    }
    if (d.staff.empty() && csv.records.size() == 1)
        report.error(kFile, 0, "no colleagues — add one row per colleague below the header");
    return out;
}

}  // namespace detail
}  // namespace gastvrij
