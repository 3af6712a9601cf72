// Every display and speech string in all five languages (ACCESSIBILITY.md):
// present, not empty, the same placeholders as the Dutch original, the
// visitor's {name} never in what is spoken, Dutch sentences at B1 length; and
// what each screen says aloud holds no unfilled placeholder or raw key.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "kiosk/kiosk_fixture.h"

namespace gastvrij {
namespace {

using kiosk_test::KioskSetup;

std::set<std::string> placeholders(const std::string& s) {
    std::set<std::string> out;
    static const std::regex p(R"(\{[a-z_]+\})");
    for (auto it = std::sregex_iterator(s.begin(), s.end(), p); it != std::sregex_iterator(); ++it) out.insert(it->str());
    return out;
}

std::vector<std::string> all_keys(const Config& c) {
    std::vector<std::string> keys = required_text_keys();
    for (const auto& t : c.directory.topics) keys.push_back("topic." + t.id);
    return keys;
}

TEST(Texts, EveryStringInEveryLanguageWithItsSpeech) {
    const Config& c = kiosk_test::demo_config();
    const std::set<std::string> languages(c.kiosk.languages.begin(), c.kiosk.languages.end());
    EXPECT_EQ(languages, (std::set<std::string>{"nl", "en", "tr", "pl", "ar"}));
    int checked = 0;
    for (const auto& lang : c.kiosk.languages) {
        for (const auto& key : all_keys(c)) {
            SCOPED_TRACE(lang + ":" + key);
            ASSERT_TRUE(c.texts.has(lang, key)) << "missing (the kiosk would fall back to Dutch)";
            const Text& t = c.texts.get(lang, key);
            EXPECT_FALSE(t.text.empty());
            EXPECT_FALSE(t.say.empty()) << "no speech variant";
            EXPECT_EQ(t.say.find("{name}"), std::string::npos) << "the visitor's name would be spoken: " << t.say;
            // Same placeholders as Dutch, so every language shows the same facts.
            const Text& nl = c.texts.get("nl", key);
            EXPECT_EQ(placeholders(t.text), placeholders(nl.text)) << t.text;
            std::set<std::string> spoken = placeholders(nl.text);
            spoken.erase("{name}");
            EXPECT_EQ(placeholders(t.say), spoken) << t.say;
            // "abc" names the Latin letters of the name keyboard in every language.
            if (lang == "ar" && key != "keyboard.abc") {
                EXPECT_TRUE(ui::has_rtl(t.text)) << "Arabic text without Arabic letters";
            }
            ++checked;
        }
    }
    EXPECT_EQ(checked, int(all_keys(c).size() * c.kiosk.languages.size()));
}

// B1 Dutch: at most 15 words a sentence, on screen and spoken.
TEST(Texts, DutchSentencesHaveAtMostFifteenWords) {
    const Config& c = kiosk_test::demo_config();
    for (const auto& key : all_keys(c)) {
        const Text& t = c.texts.get("nl", key);
        for (const std::string* s : {&t.text, &t.say}) {
            std::string sentence;
            for (char ch : *s + ".") {
                if (ch == '.' || ch == '!' || ch == '?' || ch == '\n') {
                    std::istringstream in(sentence);
                    int words = 0;
                    for (std::string w; in >> w;) ++words;
                    EXPECT_LE(words, 15) << key << ": \"" << sentence << "\"";
                    sentence.clear();
                } else {
                    sentence += ch;
                }
            }
        }
    }
}

// What each screen says, in each language, as read-aloud would speak it.
TEST(Texts, EveryScreensSpeechIsFilledInAndNeverNamesTheVisitor) {
    KioskSetup setup;
    setup.speech = false;  // the words are checked here; the sound in the speech test
    kiosk_test::Kiosk k(setup);
    using kiosk::ScreenId;
    const std::regex raw_key(R"((^|\s)[a-z_]+\.[a-z_0-9]+($|\s))");
    for (const auto& lang : k.config().kiosk.languages) {
        k.app->home();
        k.session().language = lang;
        k.session().name = "Zeynep";
        k.app->choose_topic("repair");
        k.app->check_in();  // the confirmation has a host to speak of
        ASSERT_EQ(k.screen(), "confirmation");
        for (const kiosk::ScreenEntry& screen : kiosk::screen_table()) {  // every screen there is
            const ScreenId id = screen.id;
            SCOPED_TRACE(lang + std::string(" ") + kiosk::to_string(id));
            const std::string said = k.app->screen(id).speech();
            EXPECT_GT(said.size(), 5u);
            EXPECT_EQ(said.find('{'), std::string::npos) << said;
            EXPECT_FALSE(std::regex_search(said, raw_key)) << "a text key is spoken instead of words: " << said;
            EXPECT_EQ(said.find("Zeynep"), std::string::npos) << said;
            if (lang != "nl") {
                k.session().language = "nl";
                const std::string dutch = k.app->screen(id).speech();
                k.session().language = lang;
                EXPECT_NE(said, dutch) << "spoken in Dutch, not " << lang;
            }
        }
    }
}

}  // namespace
}  // namespace gastvrij
