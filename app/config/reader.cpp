// The building blocks every config file loader uses: reporting, reading a
// file safely, "did you mean" and the schema-checked TOML table reader.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "config/loader.h"

namespace gastvrij {

std::string Diagnostic::format() const {
    std::string s = file;
    if (line > 0) s += ":" + std::to_string(line);
    return s + ": " + message;
}

bool LoadResult::ok() const {
    return std::none_of(diagnostics.begin(), diagnostics.end(),
                        [](const Diagnostic& d) { return d.level == Diagnostic::Level::Error; });
}

namespace detail {

void Report::error(const std::string& file, int line, std::string message) {
    out_.push_back({Diagnostic::Level::Error, file, line, std::move(message)});
    ++errors_;
}

void Report::warning(const std::string& file, int line, std::string message) {
    out_.push_back({Diagnostic::Level::Warning, file, line, std::move(message)});
}

int first_invalid_utf8_line(const std::string& s) {
    int line = 1;
    const auto* p = reinterpret_cast<const unsigned char*>(s.data());
    const auto* end = p + s.size();
    while (p < end) {
        unsigned char c = *p;
        if (c == '\n') ++line;
        if (c < 0x80) { ++p; continue; }
        int len = 0;
        std::uint32_t cp = 0;
        if ((c & 0xE0) == 0xC0) { len = 2; cp = c & 0x1F; }
        else if ((c & 0xF0) == 0xE0) { len = 3; cp = c & 0x0F; }
        else if ((c & 0xF8) == 0xF0) { len = 4; cp = c & 0x07; }
        else return line;
        if (end - p < len) return line;
        for (int i = 1; i < len; ++i) {
            if ((p[i] & 0xC0) != 0x80) return line;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        // Overlong forms, UTF-16 surrogates and values past U+10FFFF are not UTF-8.
        static const std::uint32_t min_for_len[5] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < min_for_len[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return line;
        p += len;
    }
    return 0;
}

std::optional<std::string> read_text_file(const std::string& dir, const std::string& rel, Report& report,
                                          bool required) {
    namespace fs = std::filesystem;
    const fs::path path = fs::path(dir) / rel;
    std::error_code ec;
    const fs::file_status link = fs::symlink_status(path, ec);
    if (ec || link.type() == fs::file_type::not_found) {
        if (required) report.error(rel, 0, "file not found — it belongs in " + path.string());
        return std::nullopt;
    }
    const fs::file_status target = fs::status(path, ec);
    if (ec) {
        // A link whose target is gone, or links that lead round in a circle.
        const bool loop = ec == std::errc::too_many_symbolic_link_levels;
        report.error(rel, 0,
                     loop ? "this is a link that leads round in a circle (a link loop) — replace it with the file itself"
                          : "this is a link to " + fs::read_symlink(path, ec).string() +
                                ", which does not exist — replace it with the file itself");
        return std::nullopt;
    }
    if (fs::is_directory(target)) {
        report.error(rel, 0, "this is a folder, not a file");
        return std::nullopt;
    }
    // A device (/dev/zero never ends), a pipe (blocks until someone writes)
    // or a socket is no configuration file: refuse before opening it.
    if (!fs::is_regular_file(target)) {
        report.error(rel, 0, "this is not a plain file (a device, pipe or socket) — put the text file itself here");
        return std::nullopt;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        report.error(rel, 0, "cannot open the file — check its permissions");
        return std::nullopt;
    }
    // Read at most one byte past the limit, so a file that grows while we
    // read cannot take the memory either.
    std::string text(kMaxConfigFileBytes + 1, '\0');
    in.read(text.data(), std::streamsize(text.size()));
    text.resize(std::size_t(in.gcount()));
    if (text.size() > kMaxConfigFileBytes) {
        report.error(rel, 0,
                     "the file is larger than " + std::to_string(kMaxConfigFileBytes / (1024 * 1024)) +
                         " MiB, far more than any office needs — is this the right file? Restore it from the demo in "
                         "kiosk-config/ or from a backup");
        return std::nullopt;
    }
    if (text.size() >= 3 && text.compare(0, 3, "\xEF\xBB\xBF") == 0) text.erase(0, 3);
    if (trim(text).empty()) {
        report.error(rel, 0, "the file is empty — restore it from the demo in kiosk-config/ or from a backup");
        return std::nullopt;
    }
    if (int bad = first_invalid_utf8_line(text)) {
        report.error(rel, bad,
                     "this line is not valid UTF-8 text — save the file as UTF-8 "
                     "(in Excel: \"CSV UTF-8\"; in Notepad: encoding UTF-8)");
        return std::nullopt;
    }
    return text;
}

static std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t sub = prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, sub});
        }
        std::swap(prev, cur);
    }
    return prev[b.size()];
}

std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
    std::string w = lower_ascii(word);
    std::string best;
    std::size_t best_d = std::string::npos;
    for (const auto& c : candidates) {
        std::string lc = lower_ascii(c);
        std::size_t d = edit_distance(w, lc);
        // One slip in a short word, two in a word like "foto" → "photo", three in a long one.
        std::size_t allowed = lc.size() <= 3 ? 1 : lc.size() <= 8 ? 2 : 3;
        bool close = d <= allowed || (w.size() >= 4 && lc.find(w) != std::string::npos) ||
                     (lc.size() >= 4 && w.find(lc) != std::string::npos);
        if (close && d < best_d) {
            best = c;
            best_d = d;
        }
    }
    return best.empty() ? "" : " — did you mean '" + best + "'?";
}

std::string one_of(const std::string& word, const std::vector<std::string>& candidates) {
    std::string hint = did_you_mean(word, candidates);
    if (candidates.empty()) return hint;
    return hint.empty() ? " — use one of: " + join(candidates) : hint + " Use one of: " + join(candidates);
}

std::string join(const std::vector<std::string>& items, const std::string& sep) {
    std::string s;
    for (std::size_t i = 0; i < items.size(); ++i) s += (i ? sep : "") + items[i];
    return s;
}

std::string trim(const std::string& s) {
    auto b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos) return "";
    auto e = s.find_last_not_of(" \t\r\n");
    return s.substr(b, e - b + 1);
}

std::string lower_ascii(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

std::optional<toml::table> parse_toml(const std::string& text, const std::string& file, Report& report) {
    try {
        return toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        int line = static_cast<int>(e.source().begin.line);
        report.error(file, line,
                     "TOML syntax error: " + std::string(e.description()) +
                         " — check the quotes \"…\", the = sign and the [brackets] on this line");
    } catch (const std::exception& e) {
        report.error(file, 0, std::string("cannot read this file: ") + e.what());
    }
    return std::nullopt;
}

TableReader::TableReader(Report& report, std::string file, const toml::table* table, std::string where, int line)
    : report_(report), file_(std::move(file)), table_(table), where_(std::move(where)), line_(line) {
    if (table_ && table_->source().begin.line > 0) line_ = static_cast<int>(table_->source().begin.line);
}

std::string TableReader::prefix() const { return where_.empty() ? "" : where_ + ": "; }

bool TableReader::has(const std::string& key) const { return table_ && table_->contains(key); }

int TableReader::line_of_key(const std::string& key) const {
    if (table_)
        if (const toml::node* n = table_->get(key)) return line_of(*n);
    return line_;
}

const toml::node* TableReader::find(const std::string& key, bool required) {
    if (!asked_.count(key)) {
        asked_.insert(key);
        asked_order_.push_back(key);
    }
    const toml::node* n = table_ ? table_->get(key) : nullptr;
    if (!n && required && table_) report_.error(file_, line_, prefix() + "'" + key + "' is missing — add a line " + key + " = …");
    return n;
}

static std::string describe(const toml::node& n) {
    switch (n.type()) {
        case toml::node_type::string: return "text in quotes";
        case toml::node_type::integer: return "a whole number";
        case toml::node_type::floating_point: return "a number with a decimal point";
        case toml::node_type::boolean: return "true/false";
        case toml::node_type::array: return "a list [ … ]";
        case toml::node_type::table: return "a table { … }";
        default: return "a date or time";
    }
}

void TableReader::wrong_type(const std::string& key, const toml::node& n, const std::string& expected) {
    report_.error(file_, line_of(n), prefix() + "'" + key + "' must be " + expected + ", not " + describe(n));
}

std::optional<std::string> TableReader::string(const std::string& key, bool required) {
    const toml::node* n = find(key, required);
    if (!n) return std::nullopt;
    if (auto v = n->value<std::string>(); v && n->is_string()) return *v;
    wrong_type(key, *n, "text in quotes, like " + key + " = \"…\"");
    return std::nullopt;
}

std::optional<std::int64_t> TableReader::integer(const std::string& key, std::int64_t min, std::int64_t max,
                                                 bool required) {
    const toml::node* n = find(key, required);
    if (!n) return std::nullopt;
    if (!n->is_integer()) {
        wrong_type(key, *n, "a whole number without quotes, like " + key + " = " + std::to_string(std::max<std::int64_t>(min, 1)));
        return std::nullopt;
    }
    std::int64_t v = *n->value<std::int64_t>();
    if (v < min || v > max) {
        report_.error(file_, line_of(*n), prefix() + key + " = " + std::to_string(v) + " is out of range — use " +
                                              std::to_string(min) + " to " + std::to_string(max));
        return std::nullopt;
    }
    return v;
}

std::optional<std::int64_t> TableReader::integer_of(const std::string& key, const std::vector<std::int64_t>& allowed,
                                                    bool required) {
    const toml::node* n = find(key, required);
    if (!n) return std::nullopt;
    std::string choices;
    for (std::size_t i = 0; i < allowed.size(); ++i)
        choices += (i == 0 ? "" : i + 1 == allowed.size() ? " or " : ", ") + std::to_string(allowed[i]);
    if (!n->is_integer()) {
        wrong_type(key, *n, "one of " + choices + ", without quotes");
        return std::nullopt;
    }
    const std::int64_t v = *n->value<std::int64_t>();
    if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
        report_.error(file_, line_of(*n), prefix() + key + " = " + std::to_string(v) + " is not possible — use " + choices);
        return std::nullopt;
    }
    return v;
}

std::optional<double> TableReader::number(const std::string& key, double min_exclusive, double max, bool required) {
    const toml::node* n = find(key, required);
    if (!n) return std::nullopt;
    if (!n->is_number()) {
        wrong_type(key, *n, "a number without quotes, like " + key + " = 527.0");
        return std::nullopt;
    }
    double v = *n->value<double>();
    if (!std::isfinite(v) || v <= min_exclusive || v > max) {
        std::ostringstream m;
        m << prefix() << key << " = " << v << " is out of range — it must be more than " << min_exclusive
          << " and at most " << max;
        report_.error(file_, line_of(*n), m.str());
        return std::nullopt;
    }
    return v;
}

std::optional<bool> TableReader::boolean(const std::string& key, bool required) {
    const toml::node* n = find(key, required);
    if (!n) return std::nullopt;
    if (!n->is_boolean()) {
        wrong_type(key, *n, "true or false, without quotes");
        return std::nullopt;
    }
    return *n->value<bool>();
}

std::optional<std::vector<std::pair<std::string, int>>> TableReader::string_list(const std::string& key,
                                                                                 bool required) {
    const toml::node* n = find(key, required);
    if (!n) return std::nullopt;
    std::vector<std::pair<std::string, int>> out;
    if (n->is_string()) {
        out.emplace_back(*n->value<std::string>(), line_of(*n));
        return out;
    }
    const toml::array* a = n->as_array();
    if (!a) {
        wrong_type(key, *n, "a list of texts, like " + key + " = [\"…\", \"…\"]");
        return std::nullopt;
    }
    bool ok = true;
    for (const toml::node& item : *a) {
        if (!item.is_string()) {
            int l = line_of(item) > 0 ? line_of(item) : line_of(*n);
            report_.error(file_, l, prefix() + "every item of '" + key + "' must be text in quotes, not " + describe(item));
            ok = false;
            continue;
        }
        out.emplace_back(*item.value<std::string>(), line_of(item) > 0 ? line_of(item) : line_of(*n));
    }
    if (!ok) return std::nullopt;
    return out;
}

const toml::table* TableReader::table(const std::string& key, bool required) {
    const toml::node* n = find(key, required);
    if (!n) return nullptr;
    if (const toml::table* t = n->as_table()) return t;
    wrong_type(key, *n, "a section [" + key + "]");
    return nullptr;
}

const toml::array* TableReader::table_array(const std::string& key) {
    const toml::node* n = find(key, false);
    if (!n) return nullptr;
    const toml::array* a = n->as_array();
    if (!a || !a->is_array_of_tables()) {
        if (!(a && a->empty())) {
            // "[hours]" + "special" → [[hours.special]], as the manager must write it.
            std::string full = where_.size() > 2 && where_.front() == '['
                                   ? where_.substr(1, where_.size() - 2) + "." + key
                                   : key;
            wrong_type(key, *n, "blocks that each start with [[" + full + "]]");
            return nullptr;
        }
    }
    return a;
}

void TableReader::finish() {
    if (!table_) return;
    for (auto&& [k, v] : *table_) {
        std::string key(k.str());
        if (asked_.count(key)) continue;
        int l = k.source().begin.line > 0 ? static_cast<int>(k.source().begin.line) : line_of(v);
        std::string hint = did_you_mean(key, asked_order_);
        if (hint.empty()) hint = " — known keys here: " + join(asked_order_);
        report_.error(file_, l, prefix() + "unknown key '" + key + "'" + hint);
    }
}

}  // namespace detail
}  // namespace gastvrij
