#pragma once
// A kiosk on another machine than the office's `gastvrij serve`: the
// KioskPort over API v1, paired as a device of kind "kiosk".
//
// A check-in is a POST that returns only after the service committed it, so
// the confirmation screen still means "kept". Host answers, reassignments and
// presence arrive on the event stream (ServiceClient::listen), which resumes
// with Last-Event-ID after a break, so a visitor's screen misses no answer.
// Presence and the health line are kept up to date by a thread of this port
// (and the stream), so choosing a topic or opening the admin screen never
// waits on the network. Calls that must reach the service (check-in,
// callback, survey) give up after a few seconds, and the kiosk sends the
// visitor to the desk.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "domain/kiosk_port.h"
#include "client/client.h"

namespace gastvrij {

class RemoteKioskPort final : public KioskPort {
public:
    // Short waits: a visitor stands in front of the screen.
    static ClientOptions kiosk_client_options();

    RemoteKioskPort(std::string base_url, std::string token, const Clock& clock,
                    ClientOptions options = kiosk_client_options());
    ~RemoteKioskPort() override;
    RemoteKioskPort(const RemoteKioskPort&) = delete;
    RemoteKioskPort& operator=(const RemoteKioskPort&) = delete;

    // Opens the event stream (and keeps reopening it) and starts the thread
    // that fetches presence and health. `news` is called (on that thread or
    // the stream's) when something the screen shows has changed.
    void start(std::function<void()> news = {});
    bool online() const { return client_.online(); }
    ServiceClient& client() { return client_; }

    const Clock& clock() const override { return clock_; }
    Visit check_in(const CheckInRequest& r) override;
    std::string survey_link(const Visit& v) override;
    PresenceBoard presence_today() override;
    // From what the service said: its directory and its own "available" per
    // colleague (presence and working hours on its clock), kept up to date
    // by the event stream.
    Availability availability(const std::string& topic_id, const std::string& chosen_host) override;
    std::vector<std::string> recent_helpers() override;
    void add_callback(const CallbackRequest& c) override;
    std::int64_t add_survey(const SurveyResponse& r) override;
    void set_survey_comment(std::int64_t id, const std::string& comment) override;
    ReceptionHealth health() override;
    int subscribe(Reception::Listener l) override;
    void unsubscribe(int handle) override;

private:
    void publish(const VisitChange& c);
    void refresher_loop();
    void load_presence();
    void load_health();
    void refresh_own_visits();
    void refused();  // the token was refused: say so once

    const Clock& clock_;
    ServiceClient client_;      // the screens' calls and the event stream
    ServiceClient background_;  // presence, health, reloads: never queued before a visitor's check-in

    std::mutex listeners_mutex_;
    std::map<int, Reception::Listener> listeners_;
    std::mutex mutex_;  // the rest
    int next_handle_ = 1;
    PresenceBoard presence_;
    std::map<std::string, bool> available_;    // staff id → the service's "can take a visitor now"
    std::optional<DirectoryView> directory_;   // the service's, fetched with the first presence
    std::string presence_date_;                // the service's date of the board; "" until loaded
    bool presence_loading_ = false;
    PresenceBoard presence_during_load_;       // stream changes newer than the board being fetched
    ReceptionHealth health_{"asking the service…", -1};
    std::chrono::steady_clock::time_point health_at_{};
    bool want_presence_ = false, want_health_ = false, stopping_ = false;
    std::condition_variable refresh_cv_;
    std::function<void()> news_;
    std::thread refresher_;
    struct OwnVisit {
        Timestamp arrived_at = 0;
        std::string survey_url;
    };
    std::map<VisitId, OwnVisit> own_;          // checked in here in the last hours
    std::atomic<bool> unauthorized_{false};
};

// Where this kiosk's configuration and the service's disagree on topics and
// colleagues: a visitor could pick something the service refuses. One line
// each, for the log; empty when they agree.
std::vector<std::string> directory_differences(const Directory& kiosk, const DirectoryView& service);

}  // namespace gastvrij
