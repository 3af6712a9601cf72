// texts/<lang>.toml: every string the kiosk shows, and what read-aloud says for
// it. Checks that each language is complete, that placeholders are known, that
// the visitor's name is never spoken, and the plain-language rules for Dutch.
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <set>

#include "config/loader.h"

namespace gastvrij::detail {

namespace {

const std::vector<std::string>& allowed_placeholders() {
    // "number" is the call-back number read back; the last four appear only
    // in the staff-facing notify.* texts.
    static const std::vector<std::string> p = {"host", "team", "name", "minutes", "seconds", "hours", "number",
                                               "topic", "time", "link", "office"};
    return p;
}

struct Entry {
    Text text;
    int line = 0;
    bool has_text = false, has_say = false;
};

// Walks nested tables; a table holding `text` and/or `say` is one entry, named
// by its dotted path ("welcome.morning").
void flatten(const toml::table& t, const std::string& prefix, const std::string& file,
             std::map<std::string, Entry>& out, Report& report) {
    for (auto&& [k, node] : t) {
        std::string key = prefix.empty() ? std::string(k.str()) : prefix + "." + std::string(k.str());
        int line = line_of(node);
        if (const toml::table* sub = node.as_table()) {
            if (!sub->contains("text") && !sub->contains("say")) {
                flatten(*sub, key, file, out, report);
                continue;
            }
            Entry e;
            e.line = line;
            for (auto&& [field, value] : *sub) {
                std::string f(field.str());
                if (f != "text" && f != "say") {
                    report.error(file, line_of(value),
                                 key + ": unknown field '" + f + "'" + did_you_mean(f, {"text", "say"}) +
                                     " — an entry has only text and say");
                    continue;
                }
                if (!value.is_string()) {
                    report.error(file, line_of(value), key + ": " + f + " must be text in quotes");
                    continue;
                }
                std::string v = *value.value<std::string>();
                if (f == "text") { e.text.text = v; e.has_text = true; }
                else { e.text.say = v; e.has_say = true; }
            }
            out[key] = e;
        } else if (node.is_string()) {
            report.error(file, line,
                         key + ": give both what is shown and what is spoken, like " + std::string(k.str()) +
                             " = { text = \"…\", say = \"…\" }");
            Entry e;
            e.line = line;
            e.text.text = *node.value<std::string>();
            e.has_text = true;
            out[key] = e;
        } else {
            report.error(file, line, key + ": must be { text = \"…\", say = \"…\" }");
        }
    }
}

// Words per sentence, for the B1 rule (at most 15). A placeholder counts as a word.
int longest_sentence(const std::string& s) {
    int longest = 0, words = 0;
    bool in_word = false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        bool end = (c == '.' || c == '!' || c == '?') && (i + 1 == s.size() || s[i + 1] == ' ');
        if (c == ' ' || c == '\t' || c == '\n') in_word = false;
        else if (!in_word && c != '-' && c != '.' && c != '!' && c != '?' && c != ',') { in_word = true; ++words; }
        if (end) {
            longest = std::max(longest, words);
            words = 0;
            in_word = false;
        }
    }
    return std::max(longest, words);
}

bool has_word(const std::string& s, const std::string& w) {
    std::string l = lower_ascii(s);
    std::size_t p = 0;
    while ((p = l.find(w, p)) != std::string::npos) {
        bool start = p == 0 || !std::isalpha(static_cast<unsigned char>(l[p - 1]));
        bool end = p + w.size() == l.size() || !std::isalpha(static_cast<unsigned char>(l[p + w.size()]));
        if (start && end) return true;
        p += w.size();
    }
    return false;
}

// Arabic letters U+0621–U+064A are two bytes D8 A1 … D9 8A; the diacritics
// (fatha, damma, kasra, sukun, shadda, tanwin) are U+064B–U+0652 (D9 8B … D9 92).
void count_arabic(const std::string& s, int& letters, int& marks) {
    letters = marks = 0;
    for (std::size_t i = 0; i + 1 < s.size(); ++i) {
        unsigned char a = s[i], b = s[i + 1];
        if ((a == 0xD8 && b >= 0xA1) || (a == 0xD9 && b <= 0x8A)) ++letters;
        else if (a == 0xD9 && b >= 0x8B && b <= 0x92) ++marks;
    }
}

void check_placeholders(const std::string& file, const std::string& key, const Entry& e, Report& report) {
    for (auto [field, value] : {std::pair{"text", &e.text.text}, std::pair{"say", &e.text.say}}) {
        for (const std::string& p : placeholders_in(*value)) {
            if (std::find(allowed_placeholders().begin(), allowed_placeholders().end(), p) != allowed_placeholders().end())
                continue;
            report.error(file, e.line,
                         key + ": unknown placeholder {" + p + "} in " + field + did_you_mean(p, allowed_placeholders()) +
                             " — the kiosk fills only {host} {team} {name} {minutes} {seconds} {hours}");
        }
    }
    if (e.text.say.find("{name}") != std::string::npos)
        report.error(file, e.line,
                     key + ": say contains {name} — never speak the visitor's name aloud; leave it out of say");
}

}  // namespace

void load_text_files(const std::string& dir, const KioskSettings& kiosk, const Directory& directory,
                     bool topics_known, Texts& texts, Report& report) {
    std::vector<std::string> required = required_text_keys();
    for (const Topic& t : directory.topics) required.push_back("topic." + t.id);
    std::set<std::string> required_set(required.begin(), required.end());
    // Messages to colleagues are Dutch only; other files may translate them.
    const std::vector<std::string>& staff = staff_text_keys();
    required_set.insert(staff.begin(), staff.end());

    std::map<std::string, Entry> dutch;
    std::vector<std::string> langs = kiosk.languages;
    // Dutch first: the other languages are compared against it.
    std::stable_partition(langs.begin(), langs.end(), [](const std::string& l) { return l == "nl"; });

    for (const std::string& lang : langs) {
        const std::string file = "texts/" + lang + ".toml";
        const bool is_dutch = lang == "nl";
        const std::string fallback = is_dutch ? "the kiosk shows the bare key instead" : "Dutch will be shown instead";
        auto content = read_text_file(dir, file, report, false);
        if (!content) {
            std::error_code ec;
            if (!std::filesystem::exists(std::filesystem::path(dir) / file, ec))
                report.error(file, 0,
                             "file not found — [languages] available lists '" + lang + "', so " + fallback +
                                 " everywhere; copy texts/nl.toml to " + file + " and translate it");
            continue;
        }
        auto doc = parse_toml(*content, file, report);
        if (!doc) continue;
        std::map<std::string, Entry> entries;
        flatten(*doc, "", file, entries, report);

        for (auto& [key, e] : entries) {
            const bool topic_key = key.rfind("topic.", 0) == 0 && key != "topic.question";
            if (!required_set.count(key) && topic_key && !topics_known) {
                texts.set(lang, key, e.text);  // topics.toml is broken; keep the text, judge it later
                continue;
            }
            if (!required_set.count(key)) {
                report.warning(file, e.line,
                               "'" + key + "' is not a text the kiosk uses" + did_you_mean(key, required) +
                                   (topic_key ? " (no topic with that id in topics.toml)" : ""));
                continue;
            }
            if (!e.has_text || e.text.text.empty())
                report.error(file, e.line, key + ": text is missing or empty — " + fallback);
            const bool staff_only = std::find(staff.begin(), staff.end(), key) != staff.end();
            if (staff_only) {  // written, never spoken: no say needed, {name} allowed
                texts.set(lang, key, e.text);
                continue;
            }
            if (!e.has_say || trim(e.text.say).empty())
                report.error(file, e.line, key + ": say is missing or empty — read-aloud needs it; write what should be spoken");
            check_placeholders(file, key, e, report);

            if (is_dutch) {
                int words = longest_sentence(e.text.text);
                if (words > 15)
                    report.warning(file, e.line,
                                   key + ": a sentence of " + std::to_string(words) +
                                       " words — B1 Dutch keeps sentences to 15 words at most (aim for 10)");
                for (const char* w : {"wordt", "worden", "werd", "werden"})
                    if (has_word(e.text.text, w)) {
                        report.warning(file, e.line,
                                       key + ": '" + w + "' hints at the passive voice — say who does it "
                                             "(\"wij bellen u\" instead of \"u wordt gebeld\")");
                        break;
                    }
            } else if (auto nl = dutch.find(key); nl != dutch.end()) {
                for (const std::string& p : placeholders_in(nl->second.text.text))
                    if (e.text.text.find("{" + p + "}") == std::string::npos)
                        report.warning(file, e.line, key + ": text has no {" + p + "} — the Dutch text has it");
            }
            if (std::any_of(e.text.say.begin(), e.text.say.end(), [](unsigned char c) { return std::isdigit(c); }))
                report.warning(file, e.line,
                               key + ": say contains digits — write numbers and times in words, as they are spoken");
            if (lang == "ar") {
                int letters = 0, marks = 0;
                count_arabic(e.text.say, letters, marks);
                if (letters >= 4 && marks * 4 < letters)
                    report.warning(file, e.line,
                                   key + ": the Arabic say has few diacritics (tashkeel) — add them, or the voice drops "
                                         "the short vowels");
            }
            texts.set(lang, key, e.text);
        }
        std::vector<std::string> must = required;
        if (is_dutch) must.insert(must.end(), staff.begin(), staff.end());
        for (const std::string& key : must)
            if (!entries.count(key))
                report.error(file, 0,
                             "'" + key + "' is missing — " + fallback + "; add " + key.substr(key.find('.') + 1) +
                                 " = { text = \"…\", say = \"…\" } under [" + key.substr(0, key.find('.')) + "]");
        if (is_dutch) dutch = std::move(entries);
    }

    // A texts file for a language that is not switched on is a likely oversight.
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(std::filesystem::path(dir) / "texts", ec)) {
        if (entry.path().extension() != ".toml") continue;
        std::string lang = entry.path().stem().string();
        if (std::find(kiosk.languages.begin(), kiosk.languages.end(), lang) == kiosk.languages.end())
            report.warning("texts/" + entry.path().filename().string(), 0,
                           "'" + lang + "' is not in kiosk.toml [languages] available, so the kiosk does not offer it");
    }
}

}  // namespace gastvrij::detail
