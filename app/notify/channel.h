#pragma once
// A channel delivers one outbox message to one colleague (or the desk): e-mail,
// a Teams/Slack-style webhook, the companion board, a paired phone. The outbox
// worker builds a Notice from the store and the configuration and hands it to
// the sender registered for the message's channel; the sender only renders and
// delivers, and says whether trying again could help.
#include <optional>
#include <string>
#include <vector>

#include "domain/directory.h"
#include "domain/notification.h"
#include "domain/visit.h"

namespace gastvrij {

// One "label: value" line of a notification (visitor, topic, waiting since).
struct NoticeFact {
    std::string label;
    std::string value;
};

// Everything a channel needs to render one message, already resolved: no
// channel looks anything up in the store or the configuration itself.
struct Notice {
    OutboxMessage message;
    Visit visit;                      // its state when the message is sent
    std::optional<Staff> host;        // the colleague this message is for; empty = the desk
    std::optional<Staff> visit_host;  // who the visitor waits for now (desk messages name them)
    Topic topic;
    std::string topic_label;          // Dutch label from texts "topic.<id>"
    std::string team_name;            // "Team Verhuur", or "" when unknown
    int minutes_waiting = 0;
    std::string waiting_since;        // local "10:42" of the arrival
    Timestamp now = 0;                // when this delivery is attempted
    int utc_offset_minutes = 0;       // of the office clock at `now` (e-mail Date header)
    std::string office_name;
    std::string link;                 // phone page to answer from; "" when no public_url is set

    // Staff-facing wording in Dutch (texts "notify.*"), filled in by render_notice().
    std::string title;          // "Ayşe is er voor u (Reparatie)"
    std::string greeting;       // "Hallo Fatma,"
    std::vector<NoticeFact> facts;
    std::string respond_label;  // button text for the link
    std::string respond_line;   // sentence with the link, for plain text
    std::string footer;         // "Verstuurd door Gastvrij, Kantoor Zuid."
};

struct DeliveryResult {
    enum class Status { Ok, Retryable, Permanent };
    Status status = Status::Ok;
    std::string message;  // what went wrong, for the outbox's last_error and the desk

    static DeliveryResult ok() { return {Status::Ok, {}}; }
    static DeliveryResult retryable(std::string why) { return {Status::Retryable, std::move(why)}; }
    static DeliveryResult permanent(std::string why) { return {Status::Permanent, std::move(why)}; }
    bool is_ok() const { return status == Status::Ok; }
};

class ChannelSender {
public:
    virtual ~ChannelSender() = default;
    virtual Channel channel() const = 0;
    // Called from the outbox worker's thread, one message at a time. Must not
    // throw; a sender that cannot tell whether a retry helps says Retryable.
    virtual DeliveryResult deliver(const Notice& n) = 0;
};

}  // namespace gastvrij
