#pragma once
// Building and wording a Notice. Staff read Dutch, so every staff-facing string
// comes from texts/nl.toml under "notify.*" (listed in notify_text_keys()), and
// the office can reword them without a rebuild.
#include <string>
#include <vector>

#include "config/config.h"
#include "notify/channel.h"

namespace gastvrij {

// The language staff-facing notifications are written in.
inline constexpr const char* kStaffLanguage = "nl";

// The texts keys the notification channels read, in the order of the texts file.
const std::vector<std::string>& notify_text_keys();

// The phone page a colleague answers from, or "" without a public_url:
// "<public_url>/phone?visit=<id>".
std::string phone_link(const std::string& public_url, VisitId visit);

// Resolves the message's recipient, topic, team and times against `config` and
// words it (render_notice). `now` is when delivery is attempted.
Notice make_notice(const OutboxMessage& m, const Visit& v, const Config& config, const Clock& clock,
                   Timestamp now, const std::string& link);

// Fills title, greeting, facts, respond and footer from the Dutch texts.
void render_notice(Notice& n, const Texts& texts);

// The plain-text body shared by e-mail and the "json" webhook format.
std::string plain_text_body(const Notice& n);

}  // namespace gastvrij
