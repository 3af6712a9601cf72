#include "notify/email_channel.h"

#include <cstdio>
#include <cstring>
#include <ctime>

#include "notify/curl_support.h"
#include "notify/notice.h"
#include "notify/text_limits.h"

namespace gastvrij {

namespace {

std::string trim(const std::string& s) {
    const auto b = s.find_first_not_of(" \t");
    if (b == std::string::npos) return {};
    const auto e = s.find_last_not_of(" \t");
    return s.substr(b, e - b + 1);
}

std::string base64(const std::string& in) {
    static const char* abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    std::string out;
    std::size_t i = 0;
    for (; i + 2 < in.size(); i += 3) {
        const unsigned v = (static_cast<unsigned char>(in[i]) << 16) |
                           (static_cast<unsigned char>(in[i + 1]) << 8) | static_cast<unsigned char>(in[i + 2]);
        out += abc[(v >> 18) & 63];
        out += abc[(v >> 12) & 63];
        out += abc[(v >> 6) & 63];
        out += abc[v & 63];
    }
    if (i + 1 == in.size()) {
        const unsigned v = static_cast<unsigned char>(in[i]) << 16;
        out += abc[(v >> 18) & 63];
        out += abc[(v >> 12) & 63];
        out += "==";
    } else if (i + 2 == in.size()) {
        const unsigned v = (static_cast<unsigned char>(in[i]) << 16) | (static_cast<unsigned char>(in[i + 1]) << 8);
        out += abc[(v >> 18) & 63];
        out += abc[(v >> 12) & 63];
        out += abc[(v >> 6) & 63];
        out += '=';
    }
    return out;
}

std::size_t utf8_sequence_length(unsigned char b) {
    if ((b >> 5) == 0x6) return 2;
    if ((b >> 4) == 0xE) return 3;
    if ((b >> 3) == 0x1E) return 4;
    return 1;
}

// Characters that force a display name into a quoted-string (RFC 5322 specials).
bool needs_quotes(const std::string& s) {
    return s.find_first_of("()<>[]:;@\\,.\"") != std::string::npos;
}

bool safe_id_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' ||
           c == '.';
}

// "Name: value\r\n", folded at spaces so no line passes 78 characters
// (RFC 5322 2.1.1); encoded-words and addresses are never split.
std::string header(const std::string& name, const std::string& value) {
    std::string out;
    std::string line = name + ":";
    std::size_t start = 0;
    while (start <= value.size()) {
        // Tokens are separated by a space or by a fold encode_header_text made.
        std::size_t end = value.find_first_of(" \r", start);
        if (end == std::string::npos) end = value.size();
        const std::string token = value.substr(start, end - start);
        if (token.empty()) {
            line += " ";  // keeps a doubled space as written
        } else {
            if (line.size() + 1 + token.size() > 78 && line.size() > name.size() + 1) {
                out += line + "\r\n";
                line.clear();
            }
            line += " " + token;
        }
        if (end == value.size()) break;
        start = value[end] == '\r' ? end + 3 : end + 1;  // skip "\r\n " or " "
    }
    return out + line + "\r\n";
}

}  // namespace

Mailbox parse_mailbox(const std::string& raw) {
    const std::string s = trim(single_line(raw));
    const auto lt = s.rfind('<');
    const auto gt = s.rfind('>');
    if (lt == std::string::npos || gt == std::string::npos || gt < lt) return {"", s};
    std::string name = trim(s.substr(0, lt));
    if (name.size() >= 2 && name.front() == '"' && name.back() == '"') {
        std::string unq;
        for (std::size_t i = 1; i + 1 < name.size(); ++i) {
            if (name[i] == '\\' && i + 2 < name.size()) ++i;
            unq += name[i];
        }
        name = unq;
    }
    return {name, trim(s.substr(lt + 1, gt - lt - 1))};
}

std::string encode_header_text(const std::string& raw) {
    const std::string text = single_line(raw);
    if (is_ascii(text) && text.find("=?") == std::string::npos) return text;
    // A line holding encoded-words may not pass 76 characters (RFC 2047 2).
    // Continuation lines: " " + "=?UTF-8?B?" + 60 base64 characters + "?=",
    // i.e. 45 bytes of UTF-8. The first word shares its line with the header's
    // name ("Reply-To: " at the longest), so it holds 52 base64 characters,
    // 39 bytes. A character is never split across two words.
    constexpr std::size_t kMaxBytes = 45;
    constexpr std::size_t kMaxFirstBytes = 39;
    std::string out;
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t max_bytes = out.empty() ? kMaxFirstBytes : kMaxBytes;
        std::size_t end = i;
        while (end < text.size()) {
            std::size_t len = utf8_sequence_length(static_cast<unsigned char>(text[end]));
            if (end + len > text.size()) len = 1;
            if (end + len - i > max_bytes) break;
            end += len;
        }
        if (!out.empty()) out += "\r\n ";
        out += "=?UTF-8?B?" + base64(text.substr(i, end - i)) + "?=";
        i = end;
    }
    return out;
}

std::string format_mailbox(const Mailbox& m) {
    const std::string address = single_line(m.address);
    const std::string name = single_line(m.name);
    if (name.empty()) return "<" + address + ">";
    if (!is_ascii(name) || name.find("=?") != std::string::npos)
        return encode_header_text(name) + " <" + address + ">";
    if (needs_quotes(name)) {
        std::string q = "\"";
        for (char c : name) {
            if (c == '"' || c == '\\') q += '\\';
            q += c;
        }
        return q + "\" <" + address + ">";
    }
    return name + " <" + address + ">";
}

std::string rfc5322_date(Timestamp t, int utc_offset_minutes) {
    static const char* days[] = {"Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
    static const char* months[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                   "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const std::int64_t local = t + static_cast<std::int64_t>(utc_offset_minutes) * 60;
    std::int64_t days_since = local / 86400;
    std::int64_t secs = local % 86400;
    if (secs < 0) {
        secs += 86400;
        --days_since;
    }
    int y = 1970, mo = 1, d = 1;
    civil_from_days(days_since, y, mo, d);
    const int wd = weekday_of(y, mo, d);
    const int off = utc_offset_minutes < 0 ? -utc_offset_minutes : utc_offset_minutes;
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s, %02d %s %04d %02d:%02d:%02d %c%02d%02d", days[wd], d, months[mo - 1], y,
                  static_cast<int>(secs / 3600), static_cast<int>(secs / 60 % 60), static_cast<int>(secs % 60),
                  utc_offset_minutes < 0 ? '-' : '+', off / 60, off % 60);
    return buf;
}

std::string quoted_printable(const std::string& text) {
    static const char* hex = "0123456789ABCDEF";
    std::string out;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t nl = text.find('\n', start);
        if (nl == std::string::npos) nl = text.size();
        std::string line = text.substr(start, nl - start);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        std::string cur;
        for (std::size_t i = 0; i < line.size(); ++i) {
            const auto c = static_cast<unsigned char>(line[i]);
            const bool last = i + 1 == line.size();
            std::string tok;
            if ((c >= 33 && c <= 126 && c != '=') || ((c == ' ' || c == '\t') && !last)) {
                tok = static_cast<char>(c);
            } else {
                tok = {'=', hex[c >> 4], hex[c & 15]};
            }
            // 76 characters per line including the "=" of a soft break.
            if (cur.size() + tok.size() > 75) {
                out += cur + "=\r\n";
                cur.clear();
            }
            cur += tok;
        }
        out += cur;
        if (nl >= text.size()) break;
        out += "\r\n";
        start = nl + 1;
    }
    return out;
}

std::string message_id_for(const std::string& key, const std::string& from_address) {
    std::string local;
    for (char c : key) local += safe_id_char(c) ? c : '-';
    if (local.empty()) local = "message";
    std::string domain;
    const auto at = from_address.rfind('@');
    if (at != std::string::npos)
        for (char c : from_address.substr(at + 1)) domain += safe_id_char(c) ? c : '-';
    if (domain.empty()) domain = "gastvrij.invalid";
    return "<" + local + "@" + domain + ">";
}

std::string build_email(const Notice& n, const SmtpSettings& smtp) {
    const Mailbox from = parse_mailbox(smtp.from);
    Mailbox to;
    if (n.host) to = {n.host->display_name(), n.host->email};
    std::string h;
    h += header("Date", rfc5322_date(n.now, n.utc_offset_minutes));
    h += header("From", format_mailbox(from));
    h += header("To", format_mailbox(to));
    h += header("Subject", encode_header_text(n.title));
    h += header("Message-ID", message_id_for(n.message.idempotency_key, from.address));
    h += header("X-Gastvrij-Idempotency-Key", single_line(n.message.idempotency_key));
    // No out-of-office replies or bounces-to-bounces for a machine message.
    h += "Auto-Submitted: auto-generated\r\n";
    h += "MIME-Version: 1.0\r\n";
    h += "Content-Type: text/plain; charset=UTF-8\r\n";
    h += "Content-Transfer-Encoding: quoted-printable\r\n";
    return h + "\r\n" + quoted_printable(plain_text_body(n)) + "\r\n";
}

EmailChannel::EmailChannel(SmtpSettings smtp) : EmailChannel(std::move(smtp), Options{}) {}

EmailChannel::EmailChannel(SmtpSettings smtp, Options options) : smtp_(std::move(smtp)), options_(options) {}

namespace {

struct Upload {
    const std::string* data;
    std::size_t pos = 0;
};

std::size_t read_upload(char* buffer, std::size_t size, std::size_t count, void* user) {
    auto* u = static_cast<Upload*>(user);
    const std::size_t n = std::min(size * count, u->data->size() - u->pos);
    std::memcpy(buffer, u->data->data() + u->pos, n);
    u->pos += n;
    return n;
}

}  // namespace

DeliveryResult EmailChannel::deliver(const Notice& n) {
    if (smtp_.url.empty()) return DeliveryResult::permanent("e-mail: no SMTP server configured");
    if (!n.host || n.host->email.empty())
        return DeliveryResult::permanent("e-mail: no address for recipient '" + n.message.recipient + "'");
    const std::string rcpt = single_line(n.host->email);
    if (rcpt.find('@') == std::string::npos || rcpt.find_first_of(" <>") != std::string::npos)
        return DeliveryResult::permanent("e-mail: invalid address '" + rcpt + "'");
    const Mailbox from = parse_mailbox(smtp_.from);
    if (from.address.empty()) return DeliveryResult::permanent("e-mail: no sender address configured");

    const std::string message = build_email(n, smtp_);
    Upload upload{&message};
    char error[CURL_ERROR_SIZE] = {0};
    curl::List rcpts;
    rcpts.append("<" + rcpt + ">");

    curl::Easy easy = curl::make_easy();
    CURL* c = easy.get();
    curl_easy_setopt(c, CURLOPT_URL, smtp_.url.c_str());
    curl_easy_setopt(c, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(c, CURLOPT_MAIL_FROM, ("<" + from.address + ">").c_str());
    curl_easy_setopt(c, CURLOPT_MAIL_RCPT, rcpts.get());
    curl_easy_setopt(c, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(c, CURLOPT_READFUNCTION, read_upload);
    curl_easy_setopt(c, CURLOPT_READDATA, &upload);
    curl_easy_setopt(c, CURLOPT_INFILESIZE_LARGE, static_cast<curl_off_t>(message.size()));
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, options_.connect_timeout_seconds);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, options_.timeout_seconds);
    if (smtp_.starttls) curl_easy_setopt(c, CURLOPT_USE_SSL, static_cast<long>(CURLUSESSL_ALL));
    if (!smtp_.username.empty()) {
        curl_easy_setopt(c, CURLOPT_USERNAME, smtp_.username.c_str());
        curl_easy_setopt(c, CURLOPT_PASSWORD, smtp_.password.c_str());
    }

    const CURLcode rc = curl_easy_perform(c);
    long reply = 0;
    curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &reply);
    if (rc == CURLE_OK) return DeliveryResult::ok();
    std::string why = "e-mail: " + curl::describe(rc, error);
    if (reply > 0) why += ", SMTP reply " + std::to_string(reply);
    // The relay's own verdict decides when it gave one: 5xx (unknown mailbox,
    // message refused) will not change by retrying, 4xx (greylisting, mailbox
    // full, too busy) is its way of saying "later".
    if (reply >= 500 && reply < 600) return DeliveryResult::permanent(why);
    if (reply >= 400 && reply < 500) return DeliveryResult::retryable(why);
    return curl::is_transient(rc) ? DeliveryResult::retryable(why) : DeliveryResult::permanent(why);
}

}  // namespace gastvrij
