#include "notify/notice.h"

#include <cmath>

namespace gastvrij {

const std::vector<std::string>& notify_text_keys() {
    static const std::vector<std::string> keys = {
        "notify.arrived",                  // "{name} is er voor u ({topic})"
        "notify.arrived_anonymous",        // "Er is een bezoeker voor u ({topic})"
        "notify.escalated",                // "{name} wacht al {minutes} minuten. Kunt u helpen? ({topic})"
        "notify.escalated_anonymous",
        "notify.reassigned",               // "{name} is aan u doorgegeven ({topic})"
        "notify.reassigned_anonymous",
        "notify.promise_broken",           // "{name} wacht nog op {host} ({topic})"
        "notify.promise_broken_anonymous",
        "notify.greeting",                 // "Hallo {host},"
        "notify.greeting_desk",            // "Hallo collega's van de balie,"
        "notify.visitor", "notify.visitor_unnamed", "notify.topic", "notify.team",
        "notify.waiting_since",            // label "Wacht sinds"
        "notify.waiting_value",            // "{time} ({minutes} min.)"
        "notify.for", "notify.desk",
        "notify.respond",                  // button "Reageren"
        "notify.respond_link",             // "Reageer via uw telefoon: {link}"
        "notify.footer",                   // "Verstuurd door Gastvrij, {office}."
    };
    return keys;
}

std::string phone_link(const std::string& public_url, VisitId visit) {
    if (public_url.empty()) return {};
    std::string base = public_url;
    while (!base.empty() && base.back() == '/') base.pop_back();
    return base + "/phone?visit=" + std::to_string(visit);
}

namespace {

// Offset of the office clock from UTC at `t`, as the Date header needs it.
int utc_offset_minutes(const Clock& clock, Timestamp t) {
    const LocalTime lt = clock.local(t);
    const std::int64_t local_seconds =
        days_from_civil(lt.year, lt.month, lt.day) * 86400 + lt.minute * 60 + lt.second;
    return static_cast<int>(std::lround(static_cast<double>(local_seconds - t) / 60.0));
}

const char* title_key(NotificationKind k, bool named) {
    switch (k) {
        case NotificationKind::VisitorArrived: return named ? "notify.arrived" : "notify.arrived_anonymous";
        case NotificationKind::VisitEscalated: return named ? "notify.escalated" : "notify.escalated_anonymous";
        case NotificationKind::VisitReassigned:
            return named ? "notify.reassigned" : "notify.reassigned_anonymous";
        case NotificationKind::PromiseBroken:
            return named ? "notify.promise_broken" : "notify.promise_broken_anonymous";
    }
    return "notify.arrived";
}

}  // namespace

Notice make_notice(const OutboxMessage& m, const Visit& v, const Config& config, const Clock& clock,
                   Timestamp now, const std::string& link) {
    Notice n;
    n.message = m;
    n.visit = v;
    const Directory& dir = config.directory;
    if (m.recipient != "desk")
        if (const Staff* s = dir.person(m.recipient)) n.host = *s;
    if (!v.host_id.empty())
        if (const Staff* s = dir.person(v.host_id)) n.visit_host = *s;
    if (const Topic* t = dir.topic(v.topic_id)) n.topic = *t;
    else n.topic.id = v.topic_id;
    n.topic_label = config.texts.text(kStaffLanguage, "topic." + v.topic_id);
    if (const Team* t = dir.team(v.team_id)) n.team_name = t->name;
    n.now = now;
    n.minutes_waiting = now > v.arrived_at ? static_cast<int>((now - v.arrived_at) / 60) : 0;
    n.waiting_since = clock.local(v.arrived_at).hhmm();
    n.utc_offset_minutes = utc_offset_minutes(clock, now);
    n.office_name = config.kiosk.office_name;
    n.link = link;
    render_notice(n, config.texts);
    return n;
}

void render_notice(Notice& n, const Texts& texts) {
    auto t = [&](const char* key) -> const std::string& { return texts.text(kStaffLanguage, key); };
    const bool named = !n.visit.visitor_name.empty();
    const std::string desk = t("notify.desk");
    const std::map<std::string, std::string> values = {
        {"name", n.visit.visitor_name},
        {"topic", n.topic_label},
        {"minutes", std::to_string(n.minutes_waiting)},
        {"time", n.waiting_since},
        {"host", n.visit_host ? n.visit_host->display_name() : desk},
        {"team", n.team_name},
        {"office", n.office_name},
        {"link", n.link},
    };
    n.title = fill(t(title_key(n.message.kind, named)), values);
    if (n.host) {
        n.greeting = fill(t("notify.greeting"), {{"host", n.host->first_name}});
    } else {
        n.greeting = t("notify.greeting_desk");
    }
    n.facts.clear();
    n.facts.push_back({t("notify.visitor"), named ? n.visit.visitor_name : t("notify.visitor_unnamed")});
    n.facts.push_back({t("notify.topic"), n.topic_label});
    if (!n.team_name.empty()) n.facts.push_back({t("notify.team"), n.team_name});
    n.facts.push_back({t("notify.waiting_since"), fill(t("notify.waiting_value"), values)});
    // The desk needs to know whom the visitor is waiting for; a host knows it is them.
    if (!n.host) n.facts.push_back({t("notify.for"), values.at("host")});
    n.respond_label = t("notify.respond");
    n.respond_line = n.link.empty() ? std::string() : fill(t("notify.respond_link"), values);
    n.footer = fill(t("notify.footer"), values);
}

std::string plain_text_body(const Notice& n) {
    std::string body = n.greeting + "\n\n" + n.title + "\n\n";
    for (const auto& f : n.facts) body += f.label + ": " + f.value + "\n";
    if (!n.respond_line.empty()) body += "\n" + n.respond_line + "\n";
    body += "\n-- \n" + n.footer + "\n";
    return body;
}

}  // namespace gastvrij
