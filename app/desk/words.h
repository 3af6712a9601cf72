#pragma once
// The companion's Dutch (staff language): how a visit, a promise, a presence
// and a refused request are put into plain words. No UI, no network: the board,
// the action layer and the tests share these.
#include <string>

#include "domain/directory.h"
#include "domain/notification.h"
#include "domain/promise.h"
#include "client/client.h"

namespace gastvrij::desk {

// "op tijd", "bijna te laat", "te laat", "geholpen".
const char* promise_words(PromiseState p);
// What is happening with the visit now: "wacht op antwoord", "komt eraan", …
std::string visit_stand(const VisitView& v, const std::string& promised_hhmm);
// First name, or "bezoeker" when none was given.
std::string visitor_label(const VisitView& v);
// "binnen", "buiten", "lunch", "volgens rooster".
const char* presence_words(Presence p);
const char* notification_words(NotificationKind k);

// A refused or failed call in plain Dutch, led by what was being done
// ("Aanmelden lukte niet: …"). 409 says the visit changed meanwhile, 503 that
// nothing was saved, status 0 that the service cannot be reached.
std::string error_words(const std::string& doing, const ServiceError& e);

// "10:42" plus `minutes` (wrapping at midnight); "" when `hhmm` is unreadable.
std::string add_minutes(const std::string& hhmm, int minutes);

}  // namespace gastvrij::desk
