// An office manager edits these files by hand. Each case breaks one thing in a
// copy of the demo office and checks that `validate` names the right file and
// line and says what is wrong — and that nothing crashes.
#include <functional>

#include "config_support.h"

using namespace gastvrij;
using namespace gastvrij::testing;

namespace {

struct BrokenCase {
    const char* name;
    std::string file;  // where the problem must be reported
    // Breaks the copy; returns the line the diagnostic must name (0 = the whole file).
    std::function<int(const DemoCopy&)> do_break;
    std::vector<std::string> message_parts;
    Diagnostic::Level level = Diagnostic::Level::Error;
};

const std::string kStaffRow1011 = "1011,Fatma,Yılmaz,verhuur,";

std::vector<BrokenCase> cases() {
    using L = Diagnostic::Level;
    return {
        {"bad_toml_syntax", "kiosk.toml",
         [](const DemoCopy& c) { return c.replace("kiosk.toml", "kiosk_id = \"entree-centrum\"", "kiosk_id = \"entree-centrum"); },
         {"TOML syntax error"}},
        {"office_id_with_a_space", "kiosk.toml",
         [](const DemoCopy& c) { return c.replace("kiosk.toml", "# id = \"centrum\"", "id = \"kantoor centrum\""); },
         {"[office]: id 'kantoor centrum' may use only letters, digits, - and _", "shared database"}},
        {"store_url_of_another_kind", "kiosk.toml",
         [](const DemoCopy& c) {
             return c.replace("kiosk.toml", "# url = \"postgresql://gastvrij@db", "url = \"mysql://gastvrij@db");
         },
         {"[store]: url \"mysql://…\" is not a store Gastvrij knows", "postgresql://user@host/database"}},
        {"unknown_key", "kiosk.toml",
         [](const DemoCopy& c) { return c.replace("kiosk.toml", "idle_seconds = 60", "idle_secnds = 60"); },
         {"unknown key 'idle_secnds'", "did you mean 'idle_seconds'?"}},
        {"unknown_section", "kiosk.toml",
         [](const DemoCopy& c) { return c.replace("kiosk.toml", "[timeouts]", "[timeout]"); },
         {"unknown key 'timeout'", "did you mean 'timeouts'?"}},
        {"wrong_type", "kiosk.toml",
         [](const DemoCopy& c) { return c.replace("kiosk.toml", "idle_seconds = 60", "idle_seconds = \"60\""); },
         {"idle_seconds", "must be a whole number", "not text in quotes"}},
        {"warning_seconds_below_20", "kiosk.toml",
         [](const DemoCopy& c) { return c.replace("kiosk.toml", "warning_seconds = 30", "warning_seconds = 10"); },
         {"warning_seconds = 10 is out of range", "20"}},
        {"idle_seconds_below_10", "kiosk.toml",
         [](const DemoCopy& c) { return c.replace("kiosk.toml", "idle_seconds = 60", "idle_seconds = 5"); },
         {"idle_seconds = 5 is out of range"}},
        {"panel_width_zero", "kiosk.toml",
         [](const DemoCopy& c) { return c.replace("kiosk.toml", "width_mm = 527.0", "width_mm = 0.0"); },
         {"width_mm", "out of range"}},
        {"panel_rotation_not_a_quarter_turn", "kiosk.toml",
         [](const DemoCopy& c) { return c.replace("kiosk.toml", "rotation = 0", "rotation = 45"); },
         {"[panel]: rotation = 45 is not possible", "use 0, 90, 180 or 270"}},
        {"panel_rotation_in_quotes", "kiosk.toml",
         [](const DemoCopy& c) { return c.replace("kiosk.toml", "rotation = 0", "rotation = \"90\""); },
         {"'rotation' must be one of 0, 90, 180 or 270"}},
        {"dark_after_minutes_negative", "kiosk.toml",
         [](const DemoCopy& c) { return c.replace("kiosk.toml", "dark_after_minutes = 10", "dark_after_minutes = -1"); },
         {"dark_after_minutes = -1 is out of range"}},
        {"bad_opening_hours", "kiosk.toml",
         [](const DemoCopy& c) { return c.replace("kiosk.toml", "monday    = \"08:30-17:00\"", "monday    = \"25:00-26:00\""); },
         {"[hours] monday", "25:00"}},
        {"missing_required_key", "kiosk.toml",
         [](const DemoCopy& c) {
             c.replace("kiosk.toml", "sunday    = \"gesloten\"\n", "");
             return c.line_of("kiosk.toml", "[hours]");
         },
         {"'sunday' is missing"}},
        {"default_language_not_available", "kiosk.toml",
         [](const DemoCopy& c) { return c.replace("kiosk.toml", "default = \"nl\"", "default = \"de\""); },
         {"default = \"de\" is not in available"}},
        {"bad_pin_hash", "kiosk.toml",
         [](const DemoCopy& c) { return c.replace("kiosk.toml", "pin_hash = \"sha256:a1fb", "pin_hash = \"a1fb"); },
         {"pin_hash", "--hash-pin"}},
        {"unknown_reception_team", "kiosk.toml",
         [](const DemoCopy& c) { return c.replace("kiosk.toml", "reception_team = \"receptie\"", "reception_team = \"receptei\""); },
         {"unknown reception_team 'receptei'", "did you mean 'receptie'?"}},
        {"http_public_url_warns", "kiosk.toml",
         [](const DemoCopy& c) { return c.replace("kiosk.toml", "public_url = \"https://", "public_url = \"http://"); },
         {"http://"}, L::Warning},
        {"plain_http_on_the_network", "kiosk.toml",
         [](const DemoCopy& c) { return c.replace("kiosk.toml", "port = 8470", "port = 8470\ntls = false") + 1; },
         {"tls = false", "listen = \"0.0.0.0\"", "unencrypted", "listen = \"127.0.0.1\""}},
        {"tls_cert_without_key", "kiosk.toml",
         [](const DemoCopy& c) {
             return c.replace("kiosk.toml", "port = 8470", "port = 8470\ntls_cert = \"kiosk.toml\"") + 1;
         },
         {"tls_cert and tls_key go together"}},
        {"tls_cert_missing_file", "kiosk.toml",
         [](const DemoCopy& c) {
             c.replace("kiosk.toml", "port = 8470", "port = 8470\ntls_cert = \"certs/balie.pem\"\ntls_key = \"kiosk.toml\"");
             return c.line_of("kiosk.toml", "tls_cert =");
         },
         {"tls_cert", "certs/balie.pem", "is not a file"}},
        {"duplicate_topic_id", "topics.toml",
         [](const DemoCopy& c) {
             int first = c.line_of("topics.toml", "id = \"repair\"");
             int line = c.replace("topics.toml", "id = \"rent\"", "id = \"repair\"");
             EXPECT_LT(first, line);
             return line;
         },
         {"id 'repair' is used twice — also on line"}},
        {"duplicate_team_id", "topics.toml",
         [](const DemoCopy& c) { return c.replace("topics.toml", "id = \"wonen\"", "id = \"verhuur\""); },
         {"id 'verhuur' is used twice"}},
        {"unknown_pictogram", "topics.toml",
         [](const DemoCopy& c) { return c.replace("topics.toml", "icon = \"build\"", "icon = \"buld\""); },
         {"no pictogram called 'buld'", "did you mean 'build'?"}},
        {"topic_unknown_team", "topics.toml",
         [](const DemoCopy& c) { return c.replace("topics.toml", "team = \"onderhoud\"", "team = \"onderhuod\""); },
         {"unknown team 'onderhuod'", "did you mean 'onderhoud'?"}},
        {"unknown_route", "topics.toml",
         [](const DemoCopy& c) { return c.replace("topics.toml", "route = \"desk\"", "route = \"balie\""); },
         {"route \"balie\" is unknown"}},
        {"team_unknown_backup", "topics.toml",
         [](const DemoCopy& c) { return c.replace("topics.toml", "backup_team = \"wonen\"", "backup_team = \"woning\""); },
         {"unknown backup_team 'woning'"}},
        {"empty_file", "topics.toml",
         [](const DemoCopy& c) { c.write("topics.toml", ""); return 0; },
         {"empty"}},
        {"unknown_team_in_staff", "staff.csv",
         [](const DemoCopy& c) { return c.replace("staff.csv", kStaffRow1011, "1011,Fatma,Yılmaz,verhur,"); },
         {"unknown team 'verhur'", "did you mean 'verhuur'?", "one of: verhuur, onderhoud", "topics.toml"}},
        {"missing_column", "staff.csv",
         [](const DemoCopy& c) { return c.replace("staff.csv", "role,photo,email", "role,photo,mail"); },
         {"missing column 'email'"}},
        {"misspelt_column", "staff.csv",
         [](const DemoCopy& c) { return c.replace("staff.csv", "role,photo,email", "role,foto,email"); },
         {"unknown column 'foto'", "did you mean 'photo'?"}},
        {"row_with_a_field_too_many", "staff.csv",
         [](const DemoCopy& c) { return c.replace("staff.csv", "1021,Rajesh,Ramdin,wonen,Wijkconsulent,", "1021,Rajesh,Ramdin,wonen,Wijkconsulent,extra,"); },
         {"this row has 13 fields, the header has 12"}},
        {"empty_required_field", "staff.csv",
         [](const DemoCopy& c) { return c.replace("staff.csv", "1021,Rajesh,Ramdin,", "1021,,Ramdin,"); },
         {"'first_name' is empty"}},
        {"duplicate_staff_id", "staff.csv",
         [](const DemoCopy& c) {
             int first = c.line_of("staff.csv", "1011,Fatma");
             int line = c.replace("staff.csv", "1012,Sanne", "1011,Sanne");
             EXPECT_EQ(line, first + 1);
             return line;
         },
         {"id '1011' is used twice — also on line"}},
        {"unknown_backup", "staff.csv",
         [](const DemoCopy& c) { return c.replace("staff.csv", "teams-verhuur,ja,1012,ja", "teams-verhuur,ja,1099,ja"); },
         {"backup '1099' is not an id in staff.csv"}},
        {"unknown_webhook", "staff.csv",
         [](const DemoCopy& c) { return c.replace("staff.csv", "slack-financien,ja,1032", "slack-finance,ja,1032"); },
         {"webhook 'slack-finance' is not in kiosk.toml", "did you mean 'slack-financien'?"}},
        {"bad_staff_hours", "staff.csv",
         [](const DemoCopy& c) { return c.replace("staff.csv", "ja,ma-vr 08:30-17:00\n1012", "ja,ma-vr 25:00-26:00\n1012"); },
         {"hours \"ma-vr 25:00-26:00\"", "25:00"}},
        {"missing_photo", "staff.csv",
         [](const DemoCopy& c) {
             std::filesystem::remove(c.root() / "assets" / "photos" / "fatma-yilmaz.png");
             return c.line_of("staff.csv", kStaffRow1011);
         },
         {"photo 'fatma-yilmaz.png' not found"}},
        {"invalid_utf8", "texts/tr.toml",
         [](const DemoCopy& c) { return c.replace("texts/tr.toml", "Günaydın!\", say", "G\xFCnayd\xFDn!\", say"); },
         {"not valid UTF-8"}},
        {"invalid_utf8_in_csv", "staff.csv",
         [](const DemoCopy& c) { return c.replace("staff.csv", "Yılmaz", "Y\xFDlmaz"); },
         {"not valid UTF-8", "CSV UTF-8"}},
        {"missing_translation", "texts/pl.toml",
         [](const DemoCopy& c) {
             c.replace("texts/pl.toml", "closed_day = { text = \"zamknięte\", say = \"zamknięte\" }\n", "");
             return 0;
         },
         {"'hours.closed_day' is missing", "Dutch will be shown instead"}},
        {"missing_topic_translation", "texts/ar.toml",
         [](const DemoCopy& c) {
             c.replace("texts/ar.toml", "nuisance    =", "nuisanse    =");
             return 0;
         },
         {"'topic.nuisance' is missing", "Dutch will be shown instead"}},
        {"missing_say", "texts/en.toml",
         [](const DemoCopy& c) { return c.replace("texts/en.toml", "{ text = \"Repair\", say = \"Repair\" }", "{ text = \"Repair\" }"); },
         {"topic.repair: say is missing"}},
        {"name_spoken", "texts/en.toml",
         [](const DemoCopy& c) {
             return c.replace("texts/en.toml", "say = \"{host} from {team} is coming to get you.\" }\ndesk",
                              "say = \"{name}, {host} from {team} is coming to get you.\" }\ndesk");
         },
         {"confirm.coming_name", "never speak the visitor's name"}},
        {"unknown_placeholder", "texts/nl.toml",
         [](const DemoCopy& c) { return c.replace("texts/nl.toml", "Nog ongeveer {minutes} minuten.\", say", "Nog ongeveer {minuten} minuten.\", say"); },
         {"unknown placeholder {minuten}", "did you mean 'minutes'?"}},
        {"missing_texts_file", "texts/tr.toml",
         [](const DemoCopy& c) { std::filesystem::remove(c.file("texts/tr.toml")); return 0; },
         {"file not found", "Dutch will be shown instead"}},
        {"long_dutch_sentence_warns", "texts/nl.toml",
         [](const DemoCopy& c) {
             return c.replace("texts/nl.toml", "{ text = \"Bent u er nog?\"",
                              "{ text = \"Bent u er nog of bent u al weg gegaan naar huis of naar een andere plek in de stad?\"");
         },
         {"timeout.question", "sentence of 20 words"}, L::Warning},
        {"arabic_say_without_tashkeel_warns", "texts/ar.toml",
         [](const DemoCopy& c) { return c.replace("texts/ar.toml", "say = \"هَلْ مَا زِلْتَ هُنَا؟\"", "say = \"هل ما زلت هنا الآن؟\""); },
         {"timeout.question", "diacritics"}, L::Warning},
    };
}

void PrintTo(const BrokenCase& c, std::ostream* os) { *os << c.name; }

class BrokenConfig : public ::testing::TestWithParam<BrokenCase> {};

}  // namespace

TEST_P(BrokenConfig, IsReportedAtTheRightFileAndLine) {
    const BrokenCase& c = GetParam();
    DemoCopy copy;
    int line = c.do_break(copy);
    ASSERT_GE(line, 0);
    LoadResult r = load_config(copy.dir());
    ASSERT_FALSE(r.diagnostics.empty()) << c.name;
    const Diagnostic* d = find_diag(r, c.file, c.message_parts.front(), c.level);
    ASSERT_NE(d, nullptr) << c.name << ": nothing in " << c.file << " about '" << c.message_parts.front() << "'\n"
                          << dump(r);
    EXPECT_EQ(d->line, line) << d->format();
    for (const std::string& part : c.message_parts) EXPECT_NE(d->message.find(part), std::string::npos) << d->format();
    if (c.level == Diagnostic::Level::Error) {
        EXPECT_FALSE(r.ok());
        EXPECT_FALSE(r.config.has_value());
    } else {
        EXPECT_TRUE(r.ok()) << dump(r);  // a warning alone never stops the kiosk
    }
    // The formatted form is what `validate` prints.
    std::string where = c.file + (line > 0 ? ":" + std::to_string(line) : "") + ": ";
    EXPECT_EQ(d->format().rfind(where, 0), 0u) << d->format();
}

INSTANTIATE_TEST_SUITE_P(OneMistakeEach, BrokenConfig, ::testing::ValuesIn(cases()),
                         [](const ::testing::TestParamInfo<BrokenCase>& info) { return std::string(info.param.name); });

// Dutch Excel saves "CSV" with semicolons, CRLF and a byte-order mark.
static std::string as_dutch_excel(const std::string& csv) {
    std::string out = "\xEF\xBB\xBF";
    bool quoted = false;
    for (char ch : csv) {
        if (ch == '"') quoted = !quoted;
        if (ch == ',' && !quoted) out += ';';
        else if (ch == '\n') out += "\r\n";
        else out += ch;
    }
    return out;
}

TEST(StaffCsv, SemicolonsCrlfAndByteOrderMarkFromExcelAreAccepted) {
    DemoCopy copy;
    copy.write("staff.csv", as_dutch_excel(copy.read("staff.csv")));
    ASSERT_NE(copy.read("staff.csv").find("1011;Fatma;Yılmaz;verhuur"), std::string::npos);
    LoadResult r = load_config(copy.dir());
    ASSERT_TRUE(r.ok()) << dump(r);
    const Directory& d = r.config->directory;
    EXPECT_EQ(d.staff.size(), 15u);
    EXPECT_EQ(d.staff.front().id, "1001");  // the BOM is not part of the first id
    EXPECT_EQ(d.person("1001")->role, "Opzichter, dagelijks onderhoud");
    EXPECT_EQ(d.person("1022")->role, "Coördinator \"Thuis in de buurt\"");
    EXPECT_EQ(d.person("1042")->hours.days[3], std::make_pair(17 * 60, 20 * 60));
    EXPECT_EQ(d.person("1042")->first_name, "Gökhan");
}

TEST(StaffCsv, CommentLinesAsExcelSavesThemAreSkipped) {
    DemoCopy copy;
    std::string csv = copy.read("staff.csv");
    std::string body = csv.substr(csv.find("id,first_name"));
    // Excel puts each comment in a cell of its own and quotes it when it holds
    // the separator or a quote.
    copy.write("staff.csv", "\"# Uitleg, met een komma en \"\"quotes\"\"\",,,\r\n# gewone uitleg,,,,\r\n" + body);
    LoadResult r = load_config(copy.dir());
    EXPECT_TRUE(r.diagnostics.empty()) << dump(r);
    ASSERT_TRUE(r.config);
    EXPECT_EQ(r.config->directory.staff.size(), 15u);
}

TEST(StaffCsv, SemicolonFileStillNamesTheLineOfAMistake) {
    DemoCopy copy;
    copy.replace("staff.csv", kStaffRow1011, "1011,Fatma,Yılmaz,verhur,");
    int line = copy.line_of("staff.csv", "1011,Fatma");
    copy.write("staff.csv", as_dutch_excel(copy.read("staff.csv")));
    LoadResult r = load_config(copy.dir());
    const Diagnostic* d = find_diag(r, "staff.csv", "unknown team 'verhur'");
    ASSERT_NE(d, nullptr) << dump(r);
    EXPECT_EQ(d->line, line);
}

TEST(ByteOrderMark, AcceptedInTomlFilesToo) {
    DemoCopy copy;
    for (const char* f : {"kiosk.toml", "topics.toml", "texts/nl.toml", "texts/ar.toml"})
        copy.write(f, "\xEF\xBB\xBF" + copy.read(f));
    LoadResult r = load_config(copy.dir());
    EXPECT_TRUE(r.ok()) << dump(r);
    EXPECT_TRUE(r.diagnostics.empty()) << dump(r);
}

TEST(BrokenConfig, EveryMistakeIsReportedInOneRun) {
    DemoCopy copy;
    copy.replace("kiosk.toml", "warning_seconds = 30", "warning_seconds = 10");
    copy.replace("topics.toml", "team = \"onderhoud\"", "team = \"onderhuod\"");
    copy.replace("staff.csv", kStaffRow1011, "1011,Fatma,Yılmaz,verhur,");
    copy.replace("texts/en.toml", "{ text = \"Repair\", say = \"Repair\" }", "{ text = \"Repair\" }");
    LoadResult r = load_config(copy.dir());
    EXPECT_EQ(count_errors(r), 4) << dump(r);
    // In file order, as validate prints them.
    ASSERT_GE(r.diagnostics.size(), 4u);
    EXPECT_EQ(r.diagnostics[0].file, "kiosk.toml");
    EXPECT_EQ(r.diagnostics[1].file, "topics.toml");
    EXPECT_EQ(r.diagnostics[2].file, "staff.csv");
    EXPECT_EQ(r.diagnostics[3].file, "texts/en.toml");
}

TEST(BrokenConfig, MissingFolderIsOneClearError) {
    LoadResult r = load_config("/nonexistent/gastvrij-config");
    ASSERT_EQ(r.diagnostics.size(), 1u);
    EXPECT_NE(r.diagnostics[0].message.find("does not exist"), std::string::npos);
    EXPECT_FALSE(r.ok());
}

TEST(BrokenConfig, ABrokenRowDoesNotCascadeIntoUnknownBackups) {
    DemoCopy copy;
    // Rajesh (1021) and Priscilla (1023) name each other as backup.
    int line = copy.replace("staff.csv", "1023,Priscilla,Kartosen,wonen,", "1023,Priscilla,Kartosen,wonen,extra,");
    LoadResult r = load_config(copy.dir());
    const Diagnostic* d = find_diag(r, "staff.csv", "fields");
    ASSERT_NE(d, nullptr) << dump(r);
    EXPECT_EQ(d->line, line);
    EXPECT_EQ(find_diag(r, "staff.csv", "backup '1023'"), nullptr) << dump(r);
    EXPECT_EQ(count_errors(r), 1) << dump(r);
}
