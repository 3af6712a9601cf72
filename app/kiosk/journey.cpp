#include "kiosk/journey.h"
#include "log/log.h"

#include <cstdio>

namespace gastvrij::kiosk {

Journey::Journey(const Config& config, KioskPort& port) : config_(&config), port_(port) { start_over(); }

void Journey::start_over() {
    session_ = Session{};
    session_.language = config_->kiosk.default_language;
}

const std::string& Journey::t(const std::string& key) const { return config_->texts.text(session_.language, key); }
std::string Journey::t(const std::string& key, const std::map<std::string, std::string>& values) const {
    return fill(t(key), values);
}
const std::string& Journey::say_text(const std::string& key) const { return config_->texts.say(session_.language, key); }
std::string Journey::topic_label(const std::string& topic_id) const { return t("topic." + topic_id); }

bool Journey::settings_changed() const {
    const Session& s = session_;
    return s.language != config_->kiosk.default_language || s.large_text || s.contrast || s.read_aloud;
}

bool Journey::unavailable(const std::string& chosen) {
    session_.closed = open_status(config_->kiosk.hours, port_.clock().local_now()).state == OpenState::Closed;
    return session_.closed || port_.availability(session_.topic_id, chosen) == Availability::Nobody;
}

std::optional<ScreenId> Journey::choose_topic(const std::string& id) {
    const Topic* topic = config_->directory.topic(id);
    if (!topic) return std::nullopt;
    session_.topic_id = id;
    session_.chosen_host.clear();
    if (topic->route == RouteKind::ChoosePerson) return ScreenId::Appointment;
    return unavailable("") ? ScreenId::Unavailable : ScreenId::Name;
}

ScreenId Journey::choose_person(const std::string& staff_id) {
    session_.chosen_host = staff_id;
    if (config_->directory.topic(session_.topic_id) && unavailable(staff_id)) return ScreenId::Unavailable;
    return ScreenId::Name;
}

std::optional<ScreenId> Journey::talk_to_someone() {
    for (const Topic& t : config_->directory.topics)
        if (t.route == RouteKind::Desk) return choose_topic(t.id);
    session_.topic_id.clear();
    return ScreenId::Name;
}

ScreenId Journey::talk_destination() {
    for (const Topic& t : config_->directory.topics) {
        if (t.route != RouteKind::Desk) continue;
        const bool closed = open_status(config_->kiosk.hours, port_.clock().local_now()).state == OpenState::Closed;
        return closed || port_.availability(t.id, "") == Availability::Nobody ? ScreenId::Unavailable : ScreenId::Name;
    }
    return ScreenId::Name;
}

CheckInRequest Journey::check_in_request() const {
    CheckInRequest r;
    r.topic_id = session_.topic_id;
    r.chosen_host = session_.chosen_host;
    r.visitor_name = session_.name;
    r.language = session_.language;
    r.source = "kiosk:" + config_->kiosk.kiosk_id;
    return r;
}

ScreenId Journey::checked_in(const Visit& kept, const std::string& survey_url) {
    session_.visit = kept;
    session_.survey_url = survey_url;
    return ScreenId::Confirmation;
}

ScreenId Journey::not_checked_in(const std::string& why) {
    // Not confirmed, so never "we are coming": the visitor goes to the desk.
    // (A remote service may still have kept it if its answer came too late;
    // then the desk sees the visit on its board.) The office's log says why.
    log::format(log::Level::Warning, "gastvrij kiosk: a check-in was not confirmed, the visitor was sent to the desk: %s", why.c_str());
    session_.store_error = why;
    return ScreenId::StoreError;
}

ScreenId Journey::not_kept(const std::string& why) {
    session_.store_error = why;
    return ScreenId::StoreError;
}

ScreenId Journey::check_in() {
    try {
        const Visit v = port_.check_in(check_in_request());
        return checked_in(v, port_.survey_link(v));
    } catch (const std::exception& e) {
        return not_checked_in(e.what());
    }
}

CallbackRequest Journey::callback_request(const std::string& phone, PartOfDay part) const {
    CallbackRequest c;
    c.phone = phone;
    c.topic_id = session_.topic_id;
    c.part = part;
    c.language = session_.language;
    return c;
}

SurveyResponse Journey::survey_response(std::optional<bool> one_go) const {
    SurveyResponse r;
    r.staff_id = session_.survey_staff;
    r.score = session_.survey_score;
    r.one_go = one_go;
    r.language = session_.language;
    return r;
}

ScreenId Journey::survey_kept(std::int64_t id) {
    session_.survey_id = id;
    return ScreenId::SurveyThanks;
}

void Journey::save_survey(std::optional<bool> one_go) { survey_kept(port_.add_survey(survey_response(one_go))); }

void Journey::comment_kept(const std::string& comment) { session_.survey_comment = comment.empty() ? " " : comment; }

void Journey::apply(const VisitChange& c) {
    if (!session_.visit || c.visit.id != session_.visit->id) return;
    if (c.visit.host_id != session_.visit->host_id) session_.previous_host = session_.visit->host_id;
    session_.visit = c.visit;
}

}  // namespace gastvrij::kiosk
