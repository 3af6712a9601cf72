#pragma once
// The exit survey on the visitor's own phone, reached by the QR code on the
// kiosk's confirmation screen (service/survey_link.h):
//
//   GET  /survey?t=TOKEN   the questions, in the visitor's language (no token needed otherwise)
//   POST /survey           t, score (1–10) or face (1–5), one_go (yes|no), comment
//
// Plain HTML with the styles inline: no script, no outside resources, so it
// works on any phone and on an office network without internet. Answers:
// 200 the form or "thank you"; 400 a link that is not ours or was altered,
// or a form without a score (shown again); 404 when [survey] phone_page is
// off; 410 an expired or already used link.
#include "service/api_server.h"

namespace gastvrij {

// Registers the two routes on `svr`; `ctx` must outlive the server.
void add_survey_page(http::Router& svr, const ApiContext& ctx);

}  // namespace gastvrij
