#pragma once
// Whether the desk hears the service (the top bar), and the line of plain
// words at the bottom that confirms an action or says why it failed.
#include <optional>
#include <string>

#include "desk/service_time.h"

namespace gastvrij::desk {

enum class Connection {
    Connecting,  // first contact not made yet
    Online,      // the event stream is open
    Offline,     // it broke; the client reconnects by itself
    Unpaired,    // no token, or the service refused it
};

class ConnectionModel {
public:
    explicit ConnectionModel(DeskClock& clock) : clock_(clock) {}

    void set(Connection c);
    Connection state() const { return state_; }
    bool online() const { return state_ == Connection::Online; }
    double offline_since() const { return offline_since_; }  // wall seconds, 0 = never
    bool ever_online() const { return ever_online_; }

private:
    DeskClock& clock_;
    Connection state_ = Connection::Connecting;
    double offline_since_ = 0;
    bool ever_online_ = false;
};

struct Message {
    std::string text;
    bool error = false;
    double at = 0;  // desk wall-clock seconds
};

class MessageLine {
public:
    static constexpr double kShownSeconds = 8;  // a confirmation goes by itself; an error stays

    explicit MessageLine(const DeskClock& clock) : clock_(clock) {}

    void tell(const std::string& text) { current_ = Message{text, false, clock_.wall()}; }
    void warn(const std::string& text) { current_ = Message{text, true, clock_.wall()}; }
    void clear() { current_.reset(); }
    const std::optional<Message>& current() const { return current_; }
    // An error, or a confirmation younger than kShownSeconds.
    bool showing() const { return current_ && (current_->error || clock_.wall() - current_->at < kShownSeconds); }
    void until_change(NextChange& next) const {
        if (current_ && !current_->error) next.consider(current_->at + kShownSeconds - clock_.wall());
    }

private:
    const DeskClock& clock_;
    std::optional<Message> current_;
};

}  // namespace gastvrij::desk
