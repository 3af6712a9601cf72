#pragma once
// What the reception companion knows, kept on the UI thread: one model per
// concern, each read by its tab (tabs.h) and fed by the action layer
// (session.h). They share the desk's clock and its estimate of the service's,
// so what one answer proves about the service's time moves every minute shown.
#include <functional>

#include "desk/board.h"
#include "desk/callbacks_model.h"
#include "desk/connection.h"
#include "desk/dead_letters_model.h"
#include "desk/directory_model.h"
#include "desk/pairing_model.h"
#include "desk/presence_model.h"
#include "desk/report_model.h"
#include "desk/service_time.h"

namespace gastvrij::desk {

class DeskModel {
public:
    // `wall`: the desk's clock in seconds since the epoch (tests pass their own).
    explicit DeskModel(std::function<double()> wall = {});
    DeskModel(const DeskModel&) = delete;
    DeskModel& operator=(const DeskModel&) = delete;

    DeskClock& clock() { return clock_; }
    const DeskClock& clock() const { return clock_; }
    ConnectionModel& connection() { return connection_; }
    const ConnectionModel& connection() const { return connection_; }
    MessageLine& message() { return message_; }
    const MessageLine& message() const { return message_; }
    DirectoryModel& directory() { return directory_; }
    const DirectoryModel& directory() const { return directory_; }
    BoardModel& board() { return board_; }
    const BoardModel& board() const { return board_; }
    PresenceModel& presence() { return presence_; }
    const PresenceModel& presence() const { return presence_; }
    CallbacksModel& callbacks() { return callbacks_; }
    const CallbacksModel& callbacks() const { return callbacks_; }
    ReportModel& report() { return report_; }
    const ReportModel& report() const { return report_; }
    DeadLettersModel& dead_letters() { return dead_letters_; }
    const DeadLettersModel& dead_letters() const { return dead_letters_; }
    PairingModel& pairing() { return pairing_; }
    const PairingModel& pairing() const { return pairing_; }

    // Milliseconds until the screen changes by itself (a minute turns, a
    // promise turns red, a confirmation disappears); the loop sleeps that long.
    int ms_until_change() const;

private:
    DeskClock clock_;  // first: the others keep a reference to it
    ConnectionModel connection_;
    MessageLine message_;
    DirectoryModel directory_;
    BoardModel board_;
    PresenceModel presence_;
    CallbacksModel callbacks_;
    ReportModel report_;
    DeadLettersModel dead_letters_;
    PairingModel pairing_;
};

}  // namespace gastvrij::desk
