// The rendering rules that receivers enforce: UTF-8 cut only between
// characters, RFC 2047 subjects within 75-character words, quoted-printable
// lines within 76 characters, Slack's and Teams' limits on long names.
#include <sstream>

#include "notify/email_channel.h"
#include "notify/text_limits.h"
#include "notify/webhook_channel.h"
#include "notify_fixture.h"

namespace gastvrij::testing {
namespace {

bool valid_utf8(const std::string& s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto b = static_cast<unsigned char>(s[i]);
        const std::size_t len = b < 0x80 ? 1 : (b >> 5) == 6 ? 2 : (b >> 4) == 14 ? 3 : (b >> 3) == 30 ? 4 : 0;
        if (len == 0 || i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += len;
    }
    return true;
}

std::string unbase64(const std::string& in) {
    static const std::string abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    unsigned v = 0;
    int bits = 0;
    for (char c : in) {
        if (c == '=') break;
        v = (v << 6) | static_cast<unsigned>(abc.find(c));
        bits += 6;
        if (bits >= 8) {
            bits -= 8;
            out += static_cast<char>((v >> bits) & 0xFF);
        }
    }
    return out;
}

Notice sample_notice(const std::string& visitor, const std::string& link) {
    Config c = test_config("smtp://127.0.0.1:1", "http://127.0.0.1:1/t", "http://127.0.0.1:1/s");
    FakeClock clock(monday_1042(), 60);
    OutboxMessage m;
    m.idempotency_key = "visit-17-arrived-1042-webhook-0";
    m.kind = NotificationKind::VisitorArrived;
    m.channel = Channel::Webhook;
    m.visit_id = 17;
    m.recipient = "1042";
    Visit v;
    v.id = 17;
    v.topic_id = "repair";
    v.team_id = "onderhoud";
    v.host_id = "1042";
    v.visitor_name = visitor;
    v.state = VisitState::HostNotified;
    v.arrived_at = monday_1042() - 5 * 60;
    return make_notice(m, v, c, clock, monday_1042(), link);
}

TEST(TextLimits, CutsBetweenCharactersAndCountsLikeSlack) {
    const std::string name(200, 'a');
    EXPECT_EQ(utf16_length(truncate_utf16(name, 150)), 150u);
    EXPECT_EQ(truncate_utf16(name, 150).substr(149), "\xE2\x80\xA6");  // ends in "…"

    std::string turkish;
    for (int i = 0; i < 100; ++i) turkish += "ş";  // two bytes each
    const std::string cut = truncate_utf16(turkish, 51);
    EXPECT_TRUE(valid_utf8(cut));
    EXPECT_EQ(utf16_length(cut), 51u);

    // An emoji is two UTF-16 units: it never ends up half inside the limit.
    std::string emoji;
    for (int i = 0; i < 10; ++i) emoji += "\xF0\x9F\x98\x80";
    EXPECT_EQ(utf16_length(emoji), 20u);
    const std::string e = truncate_utf16(emoji, 6);
    EXPECT_TRUE(valid_utf8(e));
    EXPECT_LE(utf16_length(e), 6u);

    EXPECT_EQ(truncate_utf16("Fatma", 150), "Fatma");  // short text untouched
    const std::string b = truncate_bytes(turkish, 10);
    EXPECT_TRUE(valid_utf8(b));
    EXPECT_LE(b.size(), 10u);
}

TEST(EmailFormat, Utf8SubjectBecomesShortEncodedWordsOfWholeCharacters) {
    EXPECT_EQ(encode_header_text("Fatma is er voor u (Reparatie)"), "Fatma is er voor u (Reparatie)");

    std::string subject = "Ayşe Öztürk-Yılmaz is er voor u (Reparatie en onderhoud aan uw woning)";
    const std::string encoded = encode_header_text(subject);
    EXPECT_TRUE(is_ascii(encoded));
    std::string decoded;
    std::size_t words = 0;
    std::size_t pos = 0;
    while ((pos = encoded.find("=?UTF-8?B?", pos)) != std::string::npos) {
        const std::size_t end = encoded.find("?=", pos + 10);
        ASSERT_NE(end, std::string::npos);
        EXPECT_LE(end + 2 - pos, 75u);  // RFC 2047: an encoded-word is at most 75 characters
        const std::string part = unbase64(encoded.substr(pos + 10, end - pos - 10));
        EXPECT_TRUE(valid_utf8(part)) << "a word split a character";
        decoded += part;
        ++words;
        pos = end + 2;
    }
    EXPECT_GE(words, 2u);
    EXPECT_EQ(decoded, subject);

    // A line break in a name can never start a header of its own.
    EXPECT_EQ(encode_header_text("Fatma\r\nBcc: x@example.nl").find('\n'), std::string::npos);
}

TEST(EmailFormat, DateAndBodyFollowTheRfcs) {
    EXPECT_EQ(rfc5322_date(1795000000, 60), "Wed, 18 Nov 2026 12:06:40 +0100");
    EXPECT_EQ(rfc5322_date(1795000000, -300), "Wed, 18 Nov 2026 06:06:40 -0500");

    const std::string qp = quoted_printable(std::string(120, 'x') + " ü=\nnext line \n");
    std::istringstream lines(qp);
    for (std::string line; std::getline(lines, line);) {
        EXPECT_EQ(line.back(), '\r') << "CRLF line ends";
        EXPECT_LE(line.size() - 1, 76u);
    }
    EXPECT_NE(qp.find("=C3=BC=3D"), std::string::npos);  // ü and = encoded
    EXPECT_NE(qp.find("next line=20"), std::string::npos);  // a trailing space survives

    EXPECT_EQ(message_id_for("visit-17-arrived-1042-email-0", "receptie@woonstichting-demo.nl"),
              "<visit-17-arrived-1042-email-0@woonstichting-demo.nl>");
    EXPECT_EQ(format_mailbox({"Łucja Wiśniewska", "l@x.nl"}).substr(0, 10), "=?UTF-8?B?");
    EXPECT_EQ(format_mailbox({"Balie, kantoor Zuid", "b@x.nl"}), "\"Balie, kantoor Zuid\" <b@x.nl>");
    const Mailbox m = parse_mailbox("Gastvrij Receptie <receptie@woonstichting-demo.nl>");
    EXPECT_EQ(m.name, "Gastvrij Receptie");
    EXPECT_EQ(m.address, "receptie@woonstichting-demo.nl");
}

TEST(WebhookFormat, LongNamesStayWithinSlackAndTeamsLimits) {
    std::string long_name;
    for (int i = 0; i < 400; ++i) long_name += "Ğ";
    const Notice n = sample_notice(long_name, "");
    const json s = slack_payload(n);
    EXPECT_LE(utf16_length(s["blocks"][0]["text"]["text"]), 150u);
    EXPECT_TRUE(valid_utf8(s["blocks"][0]["text"]["text"]));
    EXPECT_LE(utf16_length(s["blocks"][1]["text"]["text"]), 3000u);
    for (const json& f : s["blocks"][1]["fields"]) EXPECT_LE(utf16_length(f["text"]), 2000u);
    EXPECT_FALSE(s["text"].get<std::string>().empty());

    const json t = teams_payload(n);
    EXPECT_LT(t.dump().size(), 28u * 1024u);
    EXPECT_EQ(t["attachments"][0]["content"]["version"], "1.4");
    // No phone page configured: no button that leads nowhere.
    EXPECT_FALSE(t["attachments"][0]["content"].contains("actions"));
}

TEST(WebhookFormat, SlackTextIsEscapedAndJsonIsThePlainDocumentedObject) {
    const Notice n = sample_notice("<Tom & Jerry>", "https://kiosk.example.nl/phone?visit=17");
    const json s = slack_payload(n);
    EXPECT_EQ(s["blocks"][0]["text"]["text"], "<Tom & Jerry> is er voor u (Reparatie)");  // plain_text: as is
    std::string fields;
    for (const json& f : s["blocks"][1]["fields"]) {
        EXPECT_EQ(f["type"], "plain_text");
        fields += f["text"].get<std::string>();
    }
    EXPECT_NE(fields.find("<Tom & Jerry>"), std::string::npos) << fields;

    const json j = json_payload(n);
    EXPECT_EQ(j["event"], "visitor_arrived");
    EXPECT_EQ(j["idempotency_key"], "visit-17-arrived-1042-webhook-0");
    EXPECT_EQ(j["visit_id"], 17);
    EXPECT_EQ(j["state"], "host_notified");
    EXPECT_EQ(j["visitor"], "<Tom & Jerry>");
    EXPECT_EQ(j["topic"]["label"], "Reparatie");
    EXPECT_EQ(j["recipient"]["name"], "Jeroen van Dijk");
    EXPECT_EQ(j["waiting_since"], "10:37");
    EXPECT_EQ(j["minutes_waiting"], 5);
    EXPECT_EQ(j["arrived_at"], "2026-11-23T09:37:00Z");
    EXPECT_EQ(j["link"], "https://kiosk.example.nl/phone?visit=17");
}

// What a visitor types as a name reaches a colleague's chat as text: no
// bold, no link, no list — in Teams (Markdown in TextBlock and FactSet) and
// in Slack (mrkdwn).
TEST(WebhookFormat, MarkupTypedAsANameShowsAsTyped) {
    const std::string typed = "*Jan* [klik](https://phish.example/x) _ok_ `code`";
    const Notice n = sample_notice(typed, "");

    const json card = teams_payload(n)["attachments"][0]["content"];
    std::string visitor_fact;
    for (const json& b : card["body"])
        if (b["type"] == "FactSet")
            for (const json& f : b["facts"])
                if (f["title"] == "Bezoeker") visitor_fact = f["value"];
    // Every character that opens inline Markdown carries CommonMark's escape.
    EXPECT_EQ(visitor_fact, "\\*Jan\\* \\[klik\\](https://phish.example/x) \\_ok\\_ \\`code\\`");
    const std::string title = card["body"][0]["text"];
    EXPECT_NE(title.find("\\*Jan\\* \\[klik\\]"), std::string::npos) << title;
    // A name that would start a list or heading in a title stays a name.
    EXPECT_EQ(teams_payload(sample_notice("- 1. # Jan", ""))["attachments"][0]["content"]["body"][0]["text"]
                  .get<std::string>()
                  .substr(0, 3),
              "\\- ");
    // Ordinary text is untouched: times, brackets, full stops.
    EXPECT_EQ(teams_payload(sample_notice("Ayşe", ""))["attachments"][0]["content"]["body"][0]["text"],
              "Ayşe is er voor u (Reparatie)");

    const json s = slack_payload(n);
    bool found = false;
    for (const json& f : s["blocks"][1]["fields"]) {
        EXPECT_EQ(f["type"], "plain_text") << f.dump();
        found = found || f["text"].get<std::string>().find(typed) != std::string::npos;
    }
    EXPECT_TRUE(found) << "the name is shown exactly as typed, as plain text";
    EXPECT_EQ(s["blocks"][0]["text"]["type"], "plain_text");
}

// RFC 2047: a header line that holds an encoded-word is at most 76
// characters, the first line (with "Subject: ") included.
TEST(EmailFormat, EncodedHeaderLinesStayWithin76Characters) {
    for (const std::string name : {"عبد الرحمن بن عبد العزيز الفلاني", "Łucja Wiśniewska-Żółkiewska",
                                   "Ayşe Öztürk-Yılmaz"}) {
        Notice n = sample_notice(name, "");
        n.title = name + " is er voor u (Reparatie en onderhoud aan uw woning, buiten en binnen)";
        SmtpSettings smtp;
        smtp.from = "Gastvrij Receptie Woonstichting <receptie@woonstichting-demo.nl>";
        const std::string raw = build_email(n, smtp);
        const std::string headers = raw.substr(0, raw.find("\r\n\r\n"));
        std::istringstream lines(headers);
        int encoded_lines = 0;
        for (std::string line; std::getline(lines, line);) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            if (line.find("=?") == std::string::npos) continue;
            ++encoded_lines;
            EXPECT_LE(line.size(), 76u) << line;
        }
        EXPECT_GE(encoded_lines, 2) << headers;
        EXPECT_NE(headers.find("\r\nSubject: =?UTF-8?B?"), std::string::npos) << "the first word stays beside the name";
    }
}

TEST(NoticeText, DeskMessagesSayWhomTheVisitorWaitsFor) {
    Config c = test_config("smtp://127.0.0.1:1", "", "");
    FakeClock clock(monday_1042(), 60);
    OutboxMessage m;
    m.kind = NotificationKind::PromiseBroken;
    m.recipient = "desk";
    Visit v;
    v.id = 3;
    v.topic_id = "rent";
    v.host_id = "1043";
    v.team_id = "financien";
    v.visitor_name = "Bram";
    v.arrived_at = monday_1042() - 12 * 60;
    const Notice n = make_notice(m, v, c, clock, monday_1042(), phone_link("", 3));
    EXPECT_EQ(n.title, "Bram wacht nog op Łucja Wiśniewska (Huur en betalen)");
    EXPECT_EQ(n.greeting, "Hallo collega's van de balie,");
    EXPECT_FALSE(n.host.has_value());
    EXPECT_TRUE(n.link.empty());
    const std::string body = plain_text_body(n);
    EXPECT_NE(body.find("Voor: Łucja Wiśniewska"), std::string::npos) << body;
    EXPECT_NE(body.find("Wacht sinds: 10:30 (12 min.)"), std::string::npos) << body;
    EXPECT_EQ(body.find("Reageer"), std::string::npos) << "no link line without a phone page";
}

}  // namespace
}  // namespace gastvrij::testing
