#include "notify/webhook_channel.h"

#include <cstdio>
#include <string_view>
#include <thread>

#include "notify/curl_support.h"
#include "notify/notice.h"
#include "notify/text_limits.h"

namespace gastvrij {

namespace {

using nlohmann::json;

// Slack's documented limits, in characters.
constexpr std::size_t kSlackHeader = 150;
constexpr std::size_t kSlackSection = 3000;
constexpr std::size_t kSlackFieldText = 2000;
constexpr std::size_t kSlackFields = 10;
constexpr std::size_t kSlackFallback = 3000;
// Our own bounds for card texts: no single value may push a Teams message
// towards its 28 KB limit, whatever a configuration or a name contains.
constexpr std::size_t kCardTitle = 300;
constexpr std::size_t kCardValue = 500;

// Slack mrkdwn treats &, < and > as control characters.
std::string slack_escape(const std::string& s) {
    std::string out;
    for (char c : s) {
        if (c == '&') out += "&amp;";
        else if (c == '<') out += "&lt;";
        else if (c == '>') out += "&gt;";
        else out += c;
    }
    return out;
}

// Teams renders Markdown inside TextBlock and FactSet values, so a visitor
// who types "*Jan* [klik](https://…)" as a name would put bold text and a
// live link in front of a colleague. A backslash (CommonMark's escape) makes
// the characters that open inline formatting literal anywhere, and those that
// open a heading, quote or list literal at the start; the text shows as typed.
std::string teams_escape(const std::string& s) {
    static constexpr std::string_view kInline = "\\`*_[]<>~|";
    static constexpr std::string_view kLineStart = "#>-+";
    std::string out;
    out.reserve(s.size() + 8);
    bool line_start = true;
    for (std::size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        bool escape = kInline.find(c) != std::string_view::npos;
        if (line_start && kLineStart.find(c) != std::string_view::npos) escape = true;
        // "1. " or "1) " at the start of a line begins a numbered list.
        if (line_start && c >= '0' && c <= '9') {
            std::size_t j = i;
            while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
            if (j < s.size() && (s[j] == '.' || s[j] == ')')) {
                out.append(s, i, j - i);
                out += '\\';
                i = j - 1;
                line_start = false;
                continue;
            }
        }
        if (escape) out += '\\';
        out += c;
        line_start = c == '\n' || (line_start && c == ' ');
    }
    return out;
}

std::string iso_utc(Timestamp t) {
    std::int64_t days = t / 86400, secs = t % 86400;
    if (secs < 0) {
        secs += 86400;
        --days;
    }
    int y = 1970, m = 1, d = 1;
    civil_from_days(days, y, m, d);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", y, m, d, static_cast<int>(secs / 3600),
                  static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60));
    return buf;
}

std::string event_name(NotificationKind k) {
    switch (k) {
        case NotificationKind::VisitorArrived: return "visitor_arrived";
        case NotificationKind::VisitEscalated: return "visit_escalated";
        case NotificationKind::VisitReassigned: return "visit_reassigned";
        case NotificationKind::PromiseBroken: return "promise_broken";
    }
    return "visitor_arrived";
}

const WebhookSettings* find_hook(const std::vector<WebhookSettings>& hooks, const std::string& id) {
    for (const auto& h : hooks)
        if (h.id == id) return &h;
    return nullptr;
}

std::size_t collect_body(char* data, std::size_t size, std::size_t count, void* user) {
    auto* body = static_cast<std::string*>(user);
    const std::size_t n = size * count;
    // Error bodies are short strings ("invalid_payload"); keep only the start.
    if (body->size() < 4096) body->append(data, std::min(n, 4096 - body->size()));
    return n;
}

}  // namespace

json teams_payload(const Notice& n) {
    json facts = json::array();
    for (const auto& f : n.facts)
        facts.push_back({{"title", truncate_utf16(teams_escape(f.label), kCardValue)},
                         {"value", truncate_utf16(teams_escape(f.value), kCardValue)}});
    json body = json::array();
    body.push_back({{"type", "TextBlock"},
                    {"text", truncate_utf16(teams_escape(n.title), kCardTitle)},
                    {"weight", "Bolder"},
                    {"size", "Medium"},
                    {"wrap", true}});
    body.push_back({{"type", "TextBlock"}, {"text", truncate_utf16(teams_escape(n.greeting), kCardValue)}, {"wrap", true}});
    body.push_back({{"type", "FactSet"}, {"facts", facts}});
    body.push_back({{"type", "TextBlock"},
                    {"text", truncate_utf16(teams_escape(n.footer), kCardValue)},
                    {"isSubtle", true},
                    {"size", "Small"},
                    {"wrap", true}});
    json card = {{"type", "AdaptiveCard"},
                 {"$schema", "http://adaptivecards.io/schemas/adaptive-card.json"},
                 {"version", "1.4"},
                 {"body", body}};
    if (!n.link.empty())
        card["actions"] = json::array(
            {{{"type", "Action.OpenUrl"}, {"title", truncate_utf16(n.respond_label, 100)}, {"url", n.link}}});
    return {{"type", "message"},
            {"attachments",
             json::array({{{"contentType", "application/vnd.microsoft.card.adaptive"},
                           {"contentUrl", nullptr},
                           {"content", card}}})}};
}

json slack_payload(const Notice& n) {
    // The notification text phones and screen readers get; Slack refuses an empty one (HTTP 400).
    std::string fallback = n.title.empty() ? std::string("Gastvrij") : n.title;
    if (!n.waiting_since.empty()) fallback += " (" + n.waiting_since + ")";

    std::string section = slack_escape(n.greeting);
    if (!n.link.empty()) section += "\n<" + n.link + "|" + slack_escape(n.respond_label) + ">";
    json fields = json::array();
    for (const auto& f : n.facts) {
        if (fields.size() == kSlackFields) break;
        // Plain text: Slack's mrkdwn has no escape for * _ ~ `, and a value
        // may hold what a visitor typed.
        fields.push_back(
            {{"type", "plain_text"}, {"text", truncate_utf16(f.label + ":\n" + f.value, kSlackFieldText)}, {"emoji", false}});
    }
    json section_block = {{"type", "section"},
                          {"text", {{"type", "mrkdwn"}, {"text", truncate_utf16(section, kSlackSection)}}}};
    if (!fields.empty()) section_block["fields"] = fields;
    std::string header = n.title.empty() ? fallback : n.title;
    json blocks = json::array();
    blocks.push_back({{"type", "header"},
                      {"text", {{"type", "plain_text"}, {"text", truncate_utf16(header, kSlackHeader)}, {"emoji", true}}}});
    blocks.push_back(section_block);
    if (!n.footer.empty())
        blocks.push_back({{"type", "context"},
                          {"elements", json::array({{{"type", "mrkdwn"},
                                                     {"text", truncate_utf16(slack_escape(n.footer), kSlackSection)}}})}});
    return {{"text", truncate_utf16(slack_escape(fallback), kSlackFallback)}, {"blocks", blocks}};
}

json json_payload(const Notice& n) {
    json recipient = nullptr;
    if (n.host) recipient = {{"id", n.host->id}, {"name", n.host->display_name()}};
    return {{"event", event_name(n.message.kind)},
            {"idempotency_key", n.message.idempotency_key},
            {"visit_id", n.visit.id},
            {"state", to_string(n.visit.state)},
            {"title", n.title},
            {"text", plain_text_body(n)},
            {"visitor", n.visit.visitor_name.empty() ? json(nullptr) : json(n.visit.visitor_name)},
            {"topic", {{"id", n.topic.id}, {"label", n.topic_label}}},
            {"recipient", recipient},
            {"team", n.team_name},
            {"arrived_at", iso_utc(n.visit.arrived_at)},
            {"waiting_since", n.waiting_since},
            {"minutes_waiting", n.minutes_waiting},
            {"office", n.office_name},
            {"link", n.link.empty() ? json(nullptr) : json(n.link)}};
}

json webhook_payload(const std::string& format, const Notice& n) {
    if (format == "teams") return teams_payload(n);
    if (format == "slack") return slack_payload(n);
    if (format == "json") return json_payload(n);
    return json::object();
}

WebhookChannel::WebhookChannel(std::vector<WebhookSettings> hooks) : WebhookChannel(std::move(hooks), Options{}) {}

WebhookChannel::WebhookChannel(std::vector<WebhookSettings> hooks, Options options)
    : hooks_(std::move(hooks)), options_(std::move(options)) {}

void WebhookChannel::pace(const WebhookSettings& hook) {
    const auto it = options_.min_interval.find(hook.format);
    if (it == options_.min_interval.end() || it->second.count() <= 0) return;
    const auto last = last_request_.find(hook.url);
    if (last != last_request_.end()) {
        const auto ready = last->second + it->second;
        if (ready > std::chrono::steady_clock::now()) std::this_thread::sleep_until(ready);
    }
}

DeliveryResult WebhookChannel::deliver(const Notice& n) {
    if (!n.host || n.host->webhook.empty())
        return DeliveryResult::permanent("webhook: no webhook configured for recipient '" + n.message.recipient + "'");
    const WebhookSettings* hook = find_hook(hooks_, n.host->webhook);
    if (!hook) return DeliveryResult::permanent("webhook: unknown webhook '" + n.host->webhook + "'");
    if (hook->format != "teams" && hook->format != "slack" && hook->format != "json")
        return DeliveryResult::permanent("webhook '" + hook->id + "': unknown format '" + hook->format + "'");

    // Invalid UTF-8 (a damaged name) is replaced rather than failing the message.
    const std::string body = webhook_payload(hook->format, n).dump(-1, ' ', false, json::error_handler_t::replace);
    std::string response;
    char error[CURL_ERROR_SIZE] = {0};
    curl::List headers;
    headers.append("Content-Type: application/json; charset=utf-8");
    headers.append("Idempotency-Key: " + single_line(n.message.idempotency_key));
    headers.append("Expect:");  // no 100-continue round trip for a small body

    curl::Easy easy = curl::make_easy();
    CURL* c = easy.get();
    curl_easy_setopt(c, CURLOPT_URL, hook->url.c_str());
    curl_easy_setopt(c, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, headers.get());
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body.c_str());
    curl_easy_setopt(c, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(body.size()));
    curl_easy_setopt(c, CURLOPT_USERAGENT, "Gastvrij");
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, collect_body);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, &response);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, options_.connect_timeout_seconds);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, options_.timeout_seconds);

    pace(*hook);
    const CURLcode rc = curl_easy_perform(c);
    last_request_[hook->url] = std::chrono::steady_clock::now();
    const std::string who = "webhook '" + hook->id + "'";
    if (rc != CURLE_OK) {
        const std::string why = who + ": " + curl::describe(rc, error);
        return curl::is_transient(rc) ? DeliveryResult::retryable(why) : DeliveryResult::permanent(why);
    }
    long status = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    if (status >= 200 && status < 300) return DeliveryResult::ok();
    std::string why = who + ": HTTP " + std::to_string(status);
    const std::string text = truncate_bytes(single_line(response), 300);
    if (!text.empty()) why += ": " + text;
    // Throttling, time-outs and server trouble pass; a refused payload, a
    // removed channel (404) or an archived one (410) needs a person.
    if (status == 408 || status == 425 || status == 429 || status >= 500) return DeliveryResult::retryable(why);
    return DeliveryResult::permanent(why);
}

}  // namespace gastvrij
