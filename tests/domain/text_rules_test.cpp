// A first name a visitor types is shown to colleagues on the board, in
// e-mails and chat messages: names of every script pass, anything that could
// break a message, a header or a sentence's direction does not.
#include <gtest/gtest.h>

#include "domain/text_rules.h"

namespace gastvrij {
namespace {

TEST(VisitorName, NamesOfEveryScriptTheOfficeMeetsAreKept) {
    for (const char* name : {"", "Jan", "Anne-Marie", "O'Brien", "Ma’ruf", "J. de Vries", "Ayşe", "İbrahim",
                             "Łucja", "Żaneta", "Zoë", "François", "Ngọc", "Σοφία", "Олена", "עדי",
                             "محمد", "فاطمة الزهراء", "عَلِيّ", "Ձmartin", "명수", "美咲", "Ηλέκτρα"}) {
        EXPECT_EQ(visitor_name_problem(name), std::nullopt) << name;
    }
}

TEST(VisitorName, MarkupControlsAndDirectionTricksAreRefused) {
    for (const char* name : {"*Jan*", "[klik](https://x.example)", "<b>Jan</b>", "Jan\r\nBcc: x@y.nl", "Jan\tB",
                             "Jan_", "`Jan`", "Jan#1", "Jan 2", "Jan!", "@jan", "Jan😀", "١٢٣", "محمد،"}) {
        EXPECT_NE(visitor_name_problem(name), std::nullopt) << name;
    }
    EXPECT_NE(visitor_name_problem(std::string("Ja\0n", 4)), std::nullopt);
    EXPECT_NE(visitor_name_problem("\xE2\x80\xAE" "naJ"), std::nullopt) << "right-to-left override";
    EXPECT_NE(visitor_name_problem("\xE2\x81\xA6Jan\xE2\x81\xA9"), std::nullopt) << "isolates";
    EXPECT_NE(visitor_name_problem("-. '"), std::nullopt) << "no letter at all";
}

TEST(VisitorName, InvalidUtf8AndOverlongNamesAreRefusedWithTheReason) {
    EXPECT_EQ(visitor_name_problem("Jan\xFF"), "is not valid UTF-8 text");
    EXPECT_EQ(visitor_name_problem("\xC0\xAF"), "is not valid UTF-8 text") << "overlong '/'";
    EXPECT_EQ(visitor_name_problem("\xED\xA0\x80"), "is not valid UTF-8 text") << "a lone surrogate";
    EXPECT_EQ(visitor_name_problem(std::string(40, 'a')), std::nullopt);
    EXPECT_EQ(visitor_name_problem(std::string(41, 'a')), "has 41 characters; at most 40 are kept");
    std::string arabic;
    for (int i = 0; i < 40; ++i) arabic += "م";  // 80 bytes, 40 characters
    EXPECT_EQ(visitor_name_problem(arabic), std::nullopt);
}

TEST(FreeText, CommentsMayHaveLinesButNoControlsOrOverrides) {
    EXPECT_EQ(free_text_problem("Fijn geholpen!\r\nDank u wel :-)", 500, true), std::nullopt);
    EXPECT_NE(free_text_problem("Fijn geholpen!\nDank u", 500, false), std::nullopt);
    EXPECT_NE(free_text_problem(std::string("a\0b", 3), 500, true), std::nullopt);
    EXPECT_NE(free_text_problem("\x1B[31mrood", 500, true), std::nullopt) << "terminal escape";
    EXPECT_NE(free_text_problem("\xC2\x85", 500, true), std::nullopt) << "C1 control";
    EXPECT_NE(free_text_problem("a\xE2\x80\xAEb", 500, true), std::nullopt);
    EXPECT_NE(free_text_problem("\xEF\xBF\xBE", 500, true), std::nullopt) << "noncharacter U+FFFE";
    EXPECT_EQ(free_text_problem("Balie 2 — kantoor Zuid", 80), std::nullopt);
    EXPECT_EQ(free_text_problem("abc", 2), "has 3 characters; at most 2 are kept");
}

}  // namespace
}  // namespace gastvrij
