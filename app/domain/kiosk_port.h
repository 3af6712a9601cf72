#pragma once
// Everything the kiosk's screens need from the reception, wherever it runs:
// in the kiosk's own process (LocalKioskPort, over Reception and the Store) or
// on another machine (`gastvrij kiosk --server`, RemoteKioskPort in
// app/service, over the HTTP API and its event stream).
//
// The rule both keep: a call that writes returns only once the data is kept
// where it lives, and throws (std::exception with a reason for staff) when it
// was not — so the kiosk never tells a visitor "we are coming" for a check-in
// nobody has.
#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/callback.h"
#include "domain/reception.h"
#include "domain/survey.h"

namespace gastvrij {

// What the kiosk's admin screen shows about its reception.
struct ReceptionHealth {
    std::string status = "ok";  // "ok", or what is wrong in a few words
    int undelivered = -1;       // notifications that gave up; -1 = unknown
};

// Whether someone can take a visitor now, as the reception would route them.
enum class Availability { Someone, Nobody, Unknown };

class KioskPort {
public:
    virtual ~KioskPort() = default;

    // The clock the kiosk shows times and promises on.
    virtual const Clock& clock() const = 0;

    // Commits the visit (with its notifications) and returns it as stored.
    virtual Visit check_in(const CheckInRequest& r) = 0;
    // The phone survey link for a visit this port checked in; "" when the
    // office does not publish the page or the link could not be made.
    virtual std::string survey_link(const Visit& v) = 0;

    // Today's presence, which the kiosk routes on to say "nobody is in"
    // before the visitor types a name. Throws when it cannot be read.
    virtual PresenceBoard presence_today() = 0;
    // Is someone there for this topic (and the colleague the visitor chose,
    // may be "")? Answered by the reception's own directory and presence —
    // not the kiosk's copy, which can differ — so "nobody is in" is said
    // before the visitor types a name. Never waits on the network: Unknown
    // when it cannot tell (the check-in itself then decides).
    virtual Availability availability(const std::string& topic_id, const std::string& chosen_host) = 0;
    // Colleagues who finished a conversation in the last hour, most recent
    // first: the faces the exit survey offers (the visitor at the kiosk has
    // just been helped).
    virtual std::vector<std::string> recent_helpers() = 0;

    // Phone, topic, part of the day and language of `c`; the reception stamps
    // when it was asked and the moment promised, by the office's rules.
    virtual void add_callback(const CallbackRequest& c) = 0;
    // Stores an anonymous answer (staff, score, one_go, language; the hour is
    // the reception's) and returns its id for the comment that may follow.
    virtual std::int64_t add_survey(const SurveyResponse& r) = 0;
    // Once per answer; throws when it was not kept (a comment was there already,
    // or the answer is too old or unknown).
    virtual void set_survey_comment(std::int64_t id, const std::string& comment) = 0;

    // Never throws: what is wrong becomes the status. Cheap enough to call
    // every frame (the admin screen does): ports answer from what they last
    // found and look again every few seconds.
    virtual ReceptionHealth health() = 0;

    // Changes to visits after they are kept, called on any thread.
    virtual int subscribe(Reception::Listener l) = 0;
    virtual void unsubscribe(int handle) = 0;
};

// The kiosk and its reception in one process.
class LocalKioskPort final : public KioskPort {
public:
    using SurveyLinkMaker = std::function<std::string(const Visit&)>;
    explicit LocalKioskPort(Reception& reception, SurveyLinkMaker survey_link = {})
        : reception_(reception), survey_link_(std::move(survey_link)) {}

    const Clock& clock() const override { return reception_.clock(); }
    Visit check_in(const CheckInRequest& r) override { return reception_.check_in(r); }
    std::string survey_link(const Visit& v) override;
    PresenceBoard presence_today() override;
    Availability availability(const std::string& topic_id, const std::string& chosen_host) override;
    std::vector<std::string> recent_helpers() override;
    void add_callback(const CallbackRequest& c) override { reception_.callbacks().request(c); }
    std::int64_t add_survey(const SurveyResponse& r) override { return reception_.surveys().answer(r).id; }
    void set_survey_comment(std::int64_t id, const std::string& comment) override;
    ReceptionHealth health() override;
    int subscribe(Reception::Listener l) override { return reception_.subscribe(std::move(l)); }
    void unsubscribe(int handle) override { reception_.unsubscribe(handle); }

private:
    Reception& reception_;
    SurveyLinkMaker survey_link_;
    ReceptionHealth health_;
    std::chrono::steady_clock::time_point health_at_{};
};

// The helpers rule shared by both sides of the API: hosts of visits finished
// at or after `since`, distinct, most recently finished first.
std::vector<std::string> helpers_since(const std::vector<Visit>& visits, Timestamp since);

}  // namespace gastvrij
