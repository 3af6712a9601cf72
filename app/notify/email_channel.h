#pragma once
// E-mail to a colleague over SMTP (libcurl). The message is plain UTF-8 text in
// quoted-printable with ASCII-only headers, so any relay accepts it. Its
// Message-ID is derived from the outbox idempotency key: when a crash between
// "sent" and "marked sent" makes the outbox send it again, the copy carries
// the same Message-ID and mail systems (and people) can recognise it.
#include <string>

#include "config/config.h"
#include "notify/channel.h"

namespace gastvrij {

struct Mailbox {
    std::string name;     // display name, may be empty or UTF-8
    std::string address;  // "fatma@example.nl"
};

// "Gastvrij <receptie@example.nl>", "\"Balie, Zuid\" <b@x.nl>" or a bare address.
Mailbox parse_mailbox(const std::string& s);

// A header value for `text`: unchanged when it is plain ASCII, otherwise RFC 2047
// encoded-words ("=?UTF-8?B?…?=") of at most 75 characters, split only between
// characters and folded onto continuation lines.
std::string encode_header_text(const std::string& text);

// "Fatma =?UTF-8?B?…?= <fatma@example.nl>" with the name quoted or encoded as needed.
std::string format_mailbox(const Mailbox& m);

// RFC 5322 date: "Mon, 23 Nov 2026 10:42:05 +0100".
std::string rfc5322_date(Timestamp t, int utc_offset_minutes);

// Quoted-printable body (RFC 2045) with CRLF line ends and lines ≤ 76 characters.
std::string quoted_printable(const std::string& utf8_text);

// "<key@domain>" for the idempotency key of a message.
std::string message_id_for(const std::string& idempotency_key, const std::string& from_address);

// The whole message (headers and body) as sent in SMTP DATA.
std::string build_email(const Notice& n, const SmtpSettings& smtp);

class EmailChannel final : public ChannelSender {
public:
    struct Options {
        long connect_timeout_seconds = 10;
        long timeout_seconds = 30;  // a stuck relay must not hold the outbox forever
    };
    explicit EmailChannel(SmtpSettings smtp);
    EmailChannel(SmtpSettings smtp, Options options);

    Channel channel() const override { return Channel::Email; }
    DeliveryResult deliver(const Notice& n) override;

private:
    SmtpSettings smtp_;
    Options options_;
};

}  // namespace gastvrij
