// The demo office in kiosk-config/ is what a new installation starts from and
// what every other test and screenshot runs on: it must load cleanly and be
// complete in all five languages.
#include <set>

#include "config_support.h"

using namespace gastvrij;
using namespace gastvrij::testing;

TEST(DemoConfig, LoadsWithoutAnyErrorOrWarning) {
    LoadResult r = load_config(demo_dir().string());
    EXPECT_TRUE(r.ok()) << dump(r);
    EXPECT_TRUE(r.diagnostics.empty()) << dump(r);
    ASSERT_TRUE(r.config.has_value());
}

TEST(DemoConfig, HasARealisticOffice) {
    LoadResult r = load_config(demo_dir().string());
    ASSERT_TRUE(r.config) << dump(r);
    const Directory& d = r.config->directory;
    EXPECT_GE(d.topics.size(), 8u);
    EXPECT_GE(d.staff.size(), 12u);
    ASSERT_NE(d.team(d.reception_team), nullptr);
    EXPECT_EQ(d.team(d.reception_team)->name, "Receptie");
    EXPECT_GE(d.members(d.reception_team).size(), 2u);

    std::set<std::string> teams_with_staff;
    for (const Staff& s : d.staff)
        if (s.team != d.reception_team) teams_with_staff.insert(s.team);
    EXPECT_GE(teams_with_staff.size(), 4u);

    // The journeys of the product brief each have their tile.
    for (const char* id : {"repair", "rent", "nuisance", "find_home", "moving", "appointment", "talk"})
        EXPECT_NE(d.topic(id), nullptr) << id;
    EXPECT_EQ(d.topic("appointment")->route, RouteKind::ChoosePerson);
    EXPECT_EQ(d.topic("talk")->route, RouteKind::Desk);
    EXPECT_EQ(d.topic("repair")->team, "onderhoud");

    // Names with the letters the kiosk's fonts and search must handle.
    const Staff* fatma = d.person("1011");
    ASSERT_NE(fatma, nullptr);
    EXPECT_EQ(fatma->display_name(), "Fatma Yılmaz");
    EXPECT_EQ(d.person("1031")->last_name, "Żółkowski");
    EXPECT_EQ(d.person("1001")->role, "Opzichter, dagelijks onderhoud");        // quoted comma
    EXPECT_EQ(d.person("1022")->role, "Coördinator \"Thuis in de buurt\"");     // doubled quotes
    EXPECT_EQ(fatma->backup, "1012");
    EXPECT_EQ(fatma->webhook, "teams-verhuur");
    EXPECT_TRUE(fatma->phone_page);
    EXPECT_FALSE(d.person("1034")->show_on_kiosk);

    // "ma,di,do 08:30-17:00": Monday, Tuesday, Thursday only.
    const Staff* gosia = d.person("1003");
    ASSERT_TRUE(gosia->hours.days[0]);
    EXPECT_EQ(*gosia->hours.days[0], std::make_pair(8 * 60 + 30, 17 * 60));
    EXPECT_FALSE(gosia->hours.days[2]);
    EXPECT_TRUE(gosia->hours.days[3]);
    EXPECT_FALSE(gosia->hours.days[5]);
}

TEST(DemoConfig, KioskSettingsAreRead) {
    LoadResult r = load_config(demo_dir().string());
    ASSERT_TRUE(r.config) << dump(r);
    const KioskSettings& k = r.config->kiosk;
    EXPECT_EQ(k.languages, (std::vector<std::string>{"nl", "en", "tr", "pl", "ar"}));
    EXPECT_EQ(k.default_language, "nl");
    EXPECT_GE(k.warning_seconds, 20);
    EXPECT_EQ(k.idle_seconds, 60);
    EXPECT_DOUBLE_EQ(k.panel_width_mm, 527.0);
    EXPECT_DOUBLE_EQ(k.panel_height_mm, 296.5);
    EXPECT_EQ(k.panel_rotation, 0);
    EXPECT_EQ(k.dark_after_minutes, 10);
    EXPECT_TRUE(pin_matches("2468", k.admin_pin_hash));
    EXPECT_FALSE(pin_matches("2469", k.admin_pin_hash));
    ASSERT_EQ(k.hours.week[3].size(), 2u);  // Thursday has an evening opening
    EXPECT_EQ(k.hours.week[3][1].open, 18 * 60);
    EXPECT_TRUE(k.hours.week[5].empty());  // Saturday closed
    EXPECT_FALSE(k.hours.holidays.empty());
    ASSERT_FALSE(k.hours.special.empty());
    EXPECT_EQ(k.hours.special[0].date, "2026-12-24");
    EXPECT_EQ(k.webhooks.size(), 3u);
    EXPECT_EQ(k.webhooks[2].format, "slack");
    EXPECT_FALSE(k.smtp.url.empty());
    EXPECT_TRUE(std::filesystem::is_regular_file(std::filesystem::path(r.config->photos_dir) / "fatma-yilmaz.png"));
}

TEST(DemoConfig, AllFiveLanguagesAreCompleteWithSpeech) {
    LoadResult r = load_config(demo_dir().string());
    ASSERT_TRUE(r.config) << dump(r);
    std::vector<std::string> keys = required_text_keys();
    for (const Topic& t : r.config->directory.topics) keys.push_back("topic." + t.id);
    const Texts& texts = r.config->texts;
    for (const char* lang : {"nl", "en", "tr", "pl", "ar"}) {
        for (const std::string& key : keys) {
            ASSERT_TRUE(texts.has(lang, key)) << lang << " " << key;
            EXPECT_FALSE(texts.text(lang, key).empty()) << lang << " " << key;
            EXPECT_FALSE(texts.say(lang, key).empty()) << lang << " " << key;
            EXPECT_EQ(texts.say(lang, key).find("{name}"), std::string::npos) << lang << " " << key;
        }
    }
    EXPECT_EQ(texts.text("ar", "language.name"), "العربية");
    EXPECT_EQ(texts.text("tr", "language.name"), "Türkçe");
    EXPECT_EQ(texts.text("pl", "language.name"), "Polski");
    EXPECT_EQ(texts.text("nl", "welcome.question"), "Waarmee kunnen we u helpen?");
}

TEST(Texts, FallsBackToDutchThenToTheKey) {
    Texts t;
    t.set("nl", "welcome.morning", {"Goedemorgen!", "Goedemorgen!"});
    t.set("tr", "welcome.evening", {"İyi akşamlar!", "İyi akşamlar!"});
    EXPECT_EQ(t.text("tr", "welcome.evening"), "İyi akşamlar!");
    EXPECT_EQ(t.text("tr", "welcome.morning"), "Goedemorgen!");
    EXPECT_EQ(t.text("xx", "welcome.morning"), "Goedemorgen!");
    EXPECT_EQ(t.text("tr", "no.such.key"), "no.such.key");
    EXPECT_TRUE(t.say("tr", "no.such.key").empty());  // a raw key is never read aloud
    EXPECT_FALSE(t.has("tr", "welcome.morning"));
}

TEST(Texts, FillReplacesKnownPlaceholdersOnly) {
    EXPECT_EQ(fill("{host} van {team} komt u halen.", {{"host", "Fatma"}, {"team", "Team Verhuur"}}),
              "Fatma van Team Verhuur komt u halen.");
    EXPECT_EQ(fill("Nog {minutes} minuten, {other}.", {{"minutes", "3"}}), "Nog 3 minuten, {other}.");
    EXPECT_EQ(fill("{", {}), "{");
}

TEST(Pin, HashIsSha256AndCheckIsStrict) {
    EXPECT_EQ(hash_pin("2468"), "sha256:a1fb4e703a9ef1fa4936801721ff285a97ac85330856674412e054892afe6972");
    EXPECT_TRUE(pin_matches("2468", hash_pin("2468")));
    EXPECT_TRUE(pin_matches("2468", "sha256:A1FB4E703A9EF1FA4936801721FF285A97AC85330856674412E054892AFE6972"));
    EXPECT_FALSE(pin_matches("", hash_pin("2468")));
    EXPECT_FALSE(pin_matches("2468", "a1fb4e703a9ef1fa4936801721ff285a97ac85330856674412e054892afe6972"));
    EXPECT_FALSE(pin_matches("2468", ""));
}

TEST(WorkingHours, DutchAndEnglishDayNames) {
    std::string why;
    auto a = parse_working_hours("ma-vr 08:30-17:00", &why);
    ASSERT_TRUE(a) << why;
    for (int d = 0; d < 5; ++d) EXPECT_EQ(a->days[d], std::make_pair(510, 1020)) << d;
    EXPECT_FALSE(a->days[5]);

    auto b = parse_working_hours("mon, wed 9:00 - 12:00; fri 13:00–16:00", &why);
    ASSERT_TRUE(b) << why;
    EXPECT_EQ(b->days[0], std::make_pair(540, 720));
    EXPECT_FALSE(b->days[1]);
    EXPECT_EQ(b->days[4], std::make_pair(780, 960));

    auto c = parse_working_hours("ma-do 08:30-17:00, vr 08:30-12:30", &why);
    ASSERT_TRUE(c) << why;
    EXPECT_EQ(c->days[4], std::make_pair(510, 750));

    EXPECT_TRUE(parse_working_hours("", &why));
    EXPECT_FALSE(parse_working_hours("ma-vr", &why));
    EXPECT_NE(why.find("no time"), std::string::npos) << why;
    EXPECT_FALSE(parse_working_hours("maa 08:00-12:00", &why));
    EXPECT_NE(why.find("'maa' is not a day"), std::string::npos) << why;
    EXPECT_FALSE(parse_working_hours("ma 17:00-08:00", &why));
    EXPECT_FALSE(parse_working_hours("ma 25:00-26:00", &why));
    EXPECT_FALSE(parse_working_hours("ma-vr 08:00-12:00, wo 13:00-17:00", &why));  // Wednesday twice
}
