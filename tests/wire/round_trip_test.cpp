// Every type of the wire survives to_json → text → from_json unchanged, with
// every field away from its default and names in Arabic and Polish: a field
// one side forgets to write or read shows up here.
#include <gtest/gtest.h>

#include "wire/directory.h"
#include "wire/error.h"
#include "wire/fields.h"
#include "wire/health.h"
#include "wire/notification.h"
#include "wire/presence.h"
#include "wire_values.h"

namespace gastvrij::wire_test {
namespace {

using nlohmann::json;

// Through the text, as a reply travels.
template <class T>
T round_trip(const T& value) {
    return decode<T>(json(value).dump());
}

TEST(WireRoundTrip, Visit) {
    const VisitView v = sample_visit_view();
    EXPECT_EQ(fields(round_trip(v)), fields(v));
}

TEST(WireRoundTrip, VisitWithoutSurveyLinkLeavesTheFieldOut) {
    VisitView v = sample_visit_view();
    v.survey_url.clear();
    EXPECT_FALSE(json(v).contains("survey_url"));
    EXPECT_EQ(fields(round_trip(v)), fields(v));
}

TEST(WireRoundTrip, VisitEvent) {
    const VisitEvent e = sample_event();
    EXPECT_EQ(fields(round_trip(e)), fields(e));
}

TEST(WireRoundTrip, VisitHistoryListAndChange) {
    VisitEvent second = sample_event();
    second.id = 100;
    second.from = VisitState::Acknowledged;
    second.to = VisitState::InConversation;
    const VisitHistory h{sample_visit_view(), {sample_event(), second}};
    const VisitHistory h2 = round_trip(h);
    EXPECT_EQ(fields(h2.visit), fields(h.visit));
    expect_same(h2.events, h.events);

    VisitView other = sample_visit_view();
    other.visit.id = 4712;
    other.visit.visitor_name = "Łucja";
    const VisitList l{1'795'427'500, 321, {sample_visit_view(), other}};
    const VisitList l2 = round_trip(l);
    EXPECT_EQ(l2.now, l.now);
    EXPECT_EQ(l2.cursor, l.cursor);
    expect_same(l2.visits, l.visits);

    const VisitFrame c{sample_visit_view(), sample_event()};
    const VisitFrame c2 = round_trip(c);
    EXPECT_EQ(fields(c2.visit), fields(c.visit));
    EXPECT_EQ(fields(c2.event), fields(c.event));
}

CallbackView sample_callback() {
    CallbackView v;
    CallbackRequest& c = v.request;
    c.id = 12;
    c.phone = "+31612345678";
    c.topic_id = "rent";
    c.part = PartOfDay::Evening;
    c.language = "pl";
    c.state = CallbackState::Called;
    c.created_at = 1'795'427'000;
    c.due_at = 1'795'513'400;
    c.handled_at = 1'795'430'000;
    v.topic_label = "Czynsz i płatności — الإيجار";
    v.team = "verhuur";
    v.created_date = "2026-11-23";
    v.created_hhmm = "10:42";
    v.due_date = "2026-11-24";
    v.due_hhmm = "10:42";
    v.overdue = true;
    return v;
}

TEST(WireRoundTrip, Callback) {
    const CallbackView v = sample_callback();
    EXPECT_EQ(fields(round_trip(v)), fields(v));

    // A topic the service does not know has no team: the field stays out,
    // which is not the same as a topic without a team ("").
    CallbackView unknown = sample_callback();
    unknown.team.reset();
    EXPECT_FALSE(json(unknown).contains("team"));
    EXPECT_EQ(fields(round_trip(unknown)), fields(unknown));
    CallbackView no_team = sample_callback();
    no_team.team = "";
    EXPECT_EQ(round_trip(no_team).team, std::optional<std::string>(""));

    const CallbackList l{{sample_callback(), unknown}, 1'795'427'500, "2026-11-23"};
    const CallbackList l2 = round_trip(l);
    expect_same(l2.callbacks, l.callbacks);
    EXPECT_EQ(l2.now, l.now);
    EXPECT_EQ(l2.today, l.today);
}

DeviceView sample_device() {
    DeviceView v;
    v.device.id = 7;
    v.device.name = "Telefon Łucji — هاتف";
    v.device.kind = DeviceKind::Phone;
    v.device.staff_id = "1044";
    v.device.created_at = 1'795'000'000;
    v.device.revoked_at = 1'795'400'000;
    v.staff_name = "Agnieszka Śliwa";
    return v;
}

TEST(WireRoundTrip, Device) {
    const DeviceView d = sample_device();
    EXPECT_EQ(fields(round_trip(d)), fields(d));
    EXPECT_FALSE(json(d).at("active").get<bool>());

    // The token hash is the service's secret: never sent.
    DeviceView with_hash = d;
    with_hash.device.token_hash = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
    EXPECT_EQ(json(with_hash).dump().find("9f86d0"), std::string::npos);
    EXPECT_EQ(round_trip(with_hash).device.token_hash, "");

    const DeviceList l{{d, sample_device()}};
    expect_same(round_trip(l).devices, l.devices);

    const PairReply r{"tok-ąę-123", d};
    const PairReply r2 = round_trip(r);
    EXPECT_EQ(r2.token, r.token);
    EXPECT_EQ(fields(r2.device), fields(r.device));

    const StreamHello h{555, d};
    const StreamHello h2 = round_trip(h);
    EXPECT_EQ(h2.cursor, h.cursor);
    EXPECT_EQ(fields(h2.device), fields(h.device));
}

TEST(WireRoundTrip, Pairing) {
    PairingView p;
    p.code = "K7Q2-M9";
    p.kind = DeviceKind::Kiosk;
    p.staff_id = "1044";
    p.staff_name = "Agnieszka Śliwa";
    p.expires_at = 1'795'428'000;
    p.expires_in = 600;
    p.url = "http://kiosk.local:8470/kiosk#pair=K7Q2-M9";
    p.qr_svg = "<svg/>";
    const PairingView p2 = round_trip(p);
    EXPECT_EQ(std::tie(p2.code, p2.kind, p2.staff_id, p2.staff_name, p2.expires_at, p2.expires_in, p2.url, p2.qr_svg),
              std::tie(p.code, p.kind, p.staff_id, p.staff_name, p.expires_at, p.expires_in, p.url, p.qr_svg));
}

TEST(WireRoundTrip, Health) {
    const ServiceHealth h{"store: disk I/O error — błąd", 3, 14};
    const ServiceHealth h2 = round_trip(h);
    EXPECT_EQ(std::tie(h2.status, h2.undelivered, h2.streams), std::tie(h.status, h.undelivered, h.streams));
    const ServiceHealth unsaid{"ok", -1, 2};
    EXPECT_FALSE(json(unsaid).contains("undelivered"));
    EXPECT_EQ(round_trip(unsaid).undelivered, -1);
}

TEST(WireRoundTrip, Refusal) {
    const ApiError e{"kod parowania wygasł — رمز منتهي", "code", "expired"};
    const ApiError e2 = round_trip(e);
    EXPECT_EQ(std::tie(e2.error, e2.field, e2.reason), std::tie(e.error, e.field, e.reason));
    // Most refusals name no field and give no reason: both stay out.
    EXPECT_EQ(json(ApiError{"only a reception desk may pair devices", "", ""}).dump(),
              R"({"error":"only a reception desk may pair devices"})");
}

TEST(WireRoundTrip, Presence) {
    const PresenceView p{"1044", "Agnieszka Śliwa", "verhuur", Presence::Lunch, true};
    EXPECT_EQ(round_trip(p), p);
    const PresenceList b{"2026-11-23", {p, {"2001", "أحمد العمراني", "wijk", Presence::Out, true}}};
    const PresenceList b2 = round_trip(b);
    EXPECT_EQ(b2.date, b.date);
    EXPECT_EQ(b2.staff, b.staff);
}

TEST(WireRoundTrip, Directory) {
    DirectoryView d;
    d.office = "Woonkantoor Śródmieście";
    d.reception_team = "receptie";
    d.topics = {{"rent", "Huur en betalen", "payments", "person", "verhuur", 9}};
    d.teams = {{"verhuur", "Team Verhuur", "wijk"}};
    d.staff = {{"1044", "Agnieszka Śliwa", "Agnieszka", "Śliwa", "verhuur", "Woonconsulent", "1042", true,
                "/api/v1/photos/1044"},
               {"2001", "أحمد العمراني", "أحمد", "العمراني", "wijk", "Wijkbeheerder", "2002", true, ""}};
    EXPECT_EQ(round_trip(d), d);
}

TEST(WireRoundTrip, DeadLetter) {
    DeadLetter l;
    l.message.id = 31;
    l.message.kind = NotificationKind::PromiseBroken;
    l.message.channel = Channel::Webhook;
    l.message.visit_id = 4711;
    l.message.recipient = "1044";
    l.message.state = OutboxState::Dead;
    l.message.attempts = 12;
    l.message.created_at = 1'795'427'000;
    l.message.next_attempt_at = 1'795'437'000;
    l.message.last_error = "HTTP 502 — błąd bramy";
    l.recipient_name = "Agnieszka Śliwa";
    const DeadLetterList list{{l, l}};
    expect_same(round_trip(list).messages, list.messages);
}

TEST(WireRoundTrip, Notification) {
    NotificationView n;
    n.message_id = 808;
    n.key = "visit-4711-escalated-1044-companion-2";
    n.kind = NotificationKind::VisitEscalated;
    n.recipient = "1044";
    n.title = "مريم wacht op jou";
    n.visit = sample_visit_view();
    const NotificationView n2 = round_trip(n);
    EXPECT_EQ(std::tie(n2.message_id, n2.key, n2.kind, n2.recipient, n2.title),
              std::tie(n.message_id, n.key, n.kind, n.recipient, n.title));
    EXPECT_EQ(fields(n2.visit), fields(n.visit));
}

KpiFigures sample_figures(int base) {
    KpiFigures f;
    int* ints[] = {&f.visits,           &f.finished,          &f.left_or_cancelled, &f.escalated,
                   &f.acknowledged,     &f.started,           &f.surveys,           &f.scores_8_or_more,
                   &f.one_go_answered,  &f.one_go_yes,        &f.callbacks,         &f.callbacks_in_time,
                   &f.callbacks_late,   &f.callbacks_overdue, &f.callbacks_pending};
    int n = base;
    for (int* p : ints) *p = ++n;  // all different, so a swapped pair shows
    f.ack_seconds_p50 = 61.5;
    f.ack_seconds_p90 = 245;
    f.start_seconds_p50 = 300.25;
    f.start_seconds_p90 = 1210;
    f.score_avg = 7.8125;
    f.share_8_or_more = 0.625;
    f.share_one_go = 0.875;
    return f;
}

TEST(WireRoundTrip, KpiFiguresAndDays) {
    const KpiFigures f = sample_figures(10);
    EXPECT_EQ(fields(round_trip(f)), fields(f));
    const DayCount d{"2026-11-23", 6, 41};
    EXPECT_EQ(fields(round_trip(d)), fields(d));
}

TEST(WireRoundTrip, Report) {
    ReportView r;
    r.from = "2026-11-01";
    r.to = "2026-11-30";
    r.report.from = 1'793'487'600;
    r.report.to = 1'796'079'600;
    r.report.now = 1'795'427'000;
    r.report.overall = sample_figures(100);
    r.report.topics = {{"rent", sample_figures(200)}, {"", sample_figures(300)}};
    r.report.teams = {{"verhuur", sample_figures(400)}};
    r.report.per_day = {{"2026-11-01", 6, 0}, {"2026-11-02", 0, 57}};
    for (std::size_t h = 0; h < r.report.per_hour.size(); ++h) r.report.per_hour[h] = static_cast<int>(h * 3 + 1);
    r.labels = {{"topic:rent", "Czynsz — الإيجار"}, {"topic:", "(geen onderwerp)"}, {"team:verhuur", "Team Verhuur"}};
    r.office = "zuid";
    r.offices = {{"noord", sample_figures(500)}, {"zuid", sample_figures(100)}};

    const ReportView r2 = round_trip(r);
    EXPECT_EQ(std::tie(r2.from, r2.to, r2.report.from, r2.report.to, r2.report.now),
              std::tie(r.from, r.to, r.report.from, r.report.to, r.report.now));
    EXPECT_EQ(fields(r2.report.overall), fields(r.report.overall));
    ASSERT_EQ(r2.report.topics.size(), 2u);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(r2.report.topics[i].id, r.report.topics[i].id);
        EXPECT_EQ(fields(r2.report.topics[i].figures), fields(r.report.topics[i].figures));
    }
    ASSERT_EQ(r2.report.teams.size(), 1u);
    EXPECT_EQ(fields(r2.report.teams[0].figures), fields(r.report.teams[0].figures));
    expect_same(r2.report.per_day, r.report.per_day);
    EXPECT_EQ(r2.report.per_hour, r.report.per_hour);
    EXPECT_EQ(r2.labels, r.labels);
    EXPECT_EQ(r2.office, "zuid");
    ASSERT_EQ(r2.offices.size(), 2u);
    EXPECT_EQ(r2.offices[0].office, "noord");
    EXPECT_EQ(fields(r2.offices[0].figures), fields(r.offices[0].figures));
    EXPECT_EQ(r2.label("topic", "rent"), "Czynsz — الإيجار");
    EXPECT_EQ(r2.label("team", "wijk"), "wijk");  // no label: the id
}

}  // namespace
}  // namespace gastvrij::wire_test
