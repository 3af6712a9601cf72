#include <gtest/gtest.h>

#include "domain/directory.h"
#include "office.h"

using namespace gastvrij;

namespace {

std::vector<std::string> ids(const std::vector<const Staff*>& v) {
    std::vector<std::string> out;
    for (const Staff* s : v) out.push_back(s->id);
    return out;
}

}  // namespace

TEST(Folding, StripsDiacriticsOfOfficeNames) {
    EXPECT_EQ(fold_for_search("Yılmaz"), "yilmaz");
    EXPECT_EQ(fold_for_search("İBRAHİM"), "ibrahim");
    EXPECT_EQ(fold_for_search("Şahin Öztürk"), "sahin ozturk");
    EXPECT_EQ(fold_for_search("Doğan Çelik"), "dogan celik");
    EXPECT_EQ(fold_for_search("Łukasz Śliwa"), "lukasz sliwa");
    EXPECT_EQ(fold_for_search("Wąsowska Ręka Żak Źdźbło Ćma Ńoń Ósma"), "wasowska reka zak zdzblo cma non osma");
    EXPECT_EQ(fold_for_search("Noël Anaïs Hélène Crèvecœur"), fold_for_search("noel anais helene crèvecœur"));
    EXPECT_EQ(fold_for_search("Zoë à âge îlot ûr"), "zoe a age ilot ur");
    EXPECT_EQ(fold_for_search("ÉÈÇÖÜ"), "eecou");
    EXPECT_EQ(fold_for_search("Al-Amin 2"), "al-amin 2");
    EXPECT_EQ(fold_for_search("أحمد"), "أحمد");  // other scripts pass through unchanged
}

TEST(Folding, BrokenUtf8DoesNotCrashOrVanish) {
    const std::string broken = std::string("ab\xC3") + "\xFF" + "c";
    const std::string f = fold_for_search(broken);
    EXPECT_EQ(f.substr(0, 2), "ab");
    EXPECT_EQ(f.back(), 'c');
}

TEST(Search, FindsColleaguesWithoutTypingAccents) {
    const Directory d = fixture::office();
    EXPECT_EQ(ids(d.search("yil")), std::vector<std::string>{"1042"});
    EXPECT_EQ(ids(d.search("YIL")), std::vector<std::string>{"1042"});
    EXPECT_EQ(ids(d.search("Yıl")), std::vector<std::string>{"1042"});
    EXPECT_EQ(ids(d.search("sl")), std::vector<std::string>{"1044"});
    EXPECT_EQ(ids(d.search("ozt")), std::vector<std::string>{"2002"});
    EXPECT_EQ(ids(d.search("vries")), std::vector<std::string>{"1043"});
    EXPECT_EQ(ids(d.search("jan de")), std::vector<std::string>{"1043"});
    EXPECT_TRUE(d.search("xyz").empty());
}

TEST(Search, OnlyColleaguesShownOnTheKiosk) {
    const Directory d = fixture::office();
    EXPECT_TRUE(d.search("brouwer").empty());  // the desk colleague is not listed
    EXPECT_EQ(d.search("").size(), 5u);
    EXPECT_EQ(ids(d.search("a")).front(), "1042");  // directory order
}

TEST(DirectoryLookups, FindByIdAndTeam) {
    const Directory d = fixture::office();
    ASSERT_NE(d.topic("rent"), nullptr);
    EXPECT_EQ(d.topic("rent")->team, "verhuur");
    EXPECT_EQ(d.topic("nope"), nullptr);
    EXPECT_EQ(d.team("wijk")->name, "Team Wijk");
    EXPECT_EQ(d.person("1042")->display_name(), "Fatma Yılmaz");
    EXPECT_EQ(ids(d.members("verhuur")), (std::vector<std::string>{"1042", "1043", "1044"}));
    EXPECT_TRUE(d.members("nope").empty());
}

TEST(DirectoryNames, RoundTrip) {
    for (auto k : {RouteKind::Team, RouteKind::ChoosePerson, RouteKind::Desk})
        EXPECT_EQ(route_kind_from(to_string(k)), k);
    EXPECT_EQ(route_kind_from("person"), RouteKind::ChoosePerson);
    for (auto p : {Presence::Unknown, Presence::In, Presence::Out, Presence::Lunch})
        EXPECT_EQ(presence_from(to_string(p)), p);
    EXPECT_FALSE(presence_from("away").has_value());
}
