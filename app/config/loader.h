#pragma once
// Shared by the config/*.cpp files, not by other layers: the diagnostics sink,
// file reading with UTF-8 checks, "did you mean" and a schema-checked reader
// for TOML tables. Each file loader reports problems and carries on, so one
// run of `gastvrij validate` shows everything that is wrong.
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <toml++/toml.h>

#include "config/config.h"

namespace gastvrij::detail {

class Report {
public:
    explicit Report(std::vector<Diagnostic>& out) : out_(out) {}
    void error(const std::string& file, int line, std::string message);
    void warning(const std::string& file, int line, std::string message);
    int errors() const { return errors_; }

private:
    std::vector<Diagnostic>& out_;
    int errors_ = 0;
};

// The largest configuration file read: a corporation's whole staff list is
// far below it, and nothing past it is read into memory.
inline constexpr std::size_t kMaxConfigFileBytes = 4 * 1024 * 1024;

// Reads `dir`/`rel`, a plain file of at most kMaxConfigFileBytes. Reports a
// missing, empty, oversized or non-regular file (device, pipe, socket, broken
// or looping link) and invalid UTF-8 (with its line), and then returns
// nullopt. A leading UTF-8 byte-order mark is removed.
std::optional<std::string> read_text_file(const std::string& dir, const std::string& rel, Report& report,
                                          bool required = true);

// 1-based line of the first invalid UTF-8 sequence, or 0 when the text is valid.
int first_invalid_utf8_line(const std::string& s);

// After this many errors a file loader stops adding "did you mean" hints:
// `validate` shows no more than about that many, and the hints cost a pass
// over every candidate.
inline constexpr int kMaxSuggestions = 100;

// " — did you mean 'x'?" for the closest candidate, or "" when none is close.
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates);
// " — did you mean 'x'? Use one of: a, b, c" (or " — use one of: …" when none is close).
std::string one_of(const std::string& word, const std::vector<std::string>& candidates);
// "a, b, c" for messages.
std::string join(const std::vector<std::string>& items, const std::string& sep = ", ");
std::string trim(const std::string& s);
std::string lower_ascii(std::string s);

// Parses TOML text; a syntax error becomes a diagnostic at its line.
std::optional<toml::table> parse_toml(const std::string& text, const std::string& file, Report& report);

inline int line_of(const toml::node& n) { return static_cast<int>(n.source().begin.line); }

// Reads the keys of one TOML table by name and type. Every key asked for is
// "known"; finish() reports the keys nobody asked for, so a typo such as
// `idle_secnds` is caught instead of silently ignored.
class TableReader {
public:
    // `where` names the table in messages: "[timeouts]" or "topic 'repair'".
    TableReader(Report& report, std::string file, const toml::table* table, std::string where, int line);

    bool present() const { return table_ != nullptr; }
    bool has(const std::string& key) const;
    int line() const { return line_; }
    int line_of_key(const std::string& key) const;  // the key's line, or the table's

    std::optional<std::string> string(const std::string& key, bool required = false);
    std::optional<std::int64_t> integer(const std::string& key, std::int64_t min, std::int64_t max,
                                        bool required = false);
    std::optional<double> number(const std::string& key, double min_exclusive, double max, bool required = false);
    // A whole number that must be one of `allowed` (e.g. rotation = 0|90|180|270).
    std::optional<std::int64_t> integer_of(const std::string& key, const std::vector<std::int64_t>& allowed,
                                           bool required = false);
    std::optional<bool> boolean(const std::string& key, bool required = false);
    // A list of strings; a single string is accepted as a list of one.
    std::optional<std::vector<std::pair<std::string, int>>> string_list(const std::string& key,
                                                                        bool required = false);
    const toml::table* table(const std::string& key, bool required = false);
    const toml::array* table_array(const std::string& key);  // [[key]] blocks
    void known(const std::string& key) { asked_.insert(key); }

    // Reports unknown keys (with "did you mean" among the known ones).
    void finish();

private:
    const toml::node* find(const std::string& key, bool required);
    void wrong_type(const std::string& key, const toml::node& n, const std::string& expected);
    std::string prefix() const;  // "[timeouts]: " or "" for the top of a file

    Report& report_;
    std::string file_;
    const toml::table* table_;
    std::string where_;
    int line_;
    std::set<std::string> asked_;
    std::vector<std::string> asked_order_;
};

// The file loaders, called in this order by load_config().
struct KioskFileResult {
    std::string assets_dir;          // as written, relative to the config dir
    int assets_line = 0;
    std::string reception_team;
    int reception_team_line = 0;
    bool parsed = false;
};
KioskFileResult load_kiosk_file(const std::string& dir, KioskSettings& kiosk, Report& report);

struct TopicsFileResult {
    std::vector<int> team_lines;   // parallel to Directory::teams
    std::vector<int> topic_lines;  // parallel to Directory::topics
    std::vector<int> topic_team_lines;
    std::vector<int> topic_icon_lines;
    bool parsed = false;
};
TopicsFileResult load_topics_file(const std::string& dir, Directory& directory, Report& report);

struct StaffFileResult {
    std::vector<int> lines;  // parallel to Directory::staff
    std::set<std::string> ids_in_broken_rows;  // already reported; not "unknown" elsewhere
    bool parsed = false;
};
// Parses staff.csv and checks what it can on its own (columns, fields, hours,
// duplicates); references to teams, webhooks, backups and photos come later.
StaffFileResult load_staff_file(const std::string& dir, Directory& directory, Report& report);

// Loads texts/<lang>.toml for every language and checks completeness,
// placeholders and the plain-language rules.
// `topics_known` is false when topics.toml could not be read: topic.<id>
// entries are then neither required nor reported as unused.
void load_text_files(const std::string& dir, const KioskSettings& kiosk, const Directory& directory,
                     bool topics_known, Texts& texts, Report& report);

// One CSV record with the line it starts on.
struct CsvRecord {
    int line = 0;
    std::vector<std::string> fields;
};
struct CsvParse {
    std::vector<CsvRecord> records;
    char separator = ',';
    std::vector<std::pair<int, std::string>> problems;  // line, message
};
// RFC 4180 fields (quotes, doubled quotes, line breaks inside quotes), CRLF or
// LF, comma or semicolon (chosen by the header line, as Dutch Excel writes ';').
// Blank lines and lines starting with '#' are skipped.
CsvParse parse_csv(const std::string& text);

// Placeholders such as {host} found in a string, in order.
std::vector<std::string> placeholders_in(const std::string& s);

}  // namespace gastvrij::detail
